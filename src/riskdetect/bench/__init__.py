"""``python -m riskdetect.bench``: quality and speed of riskdetect against its peers, in one run.

Everything is measured on data the models never trained on: the corpus test split, the shared
independent evaluation set (reported separately), real benign Dutch text and HateCheck-NL. The
peers (keyword lexicon, TF-IDF + LogisticRegression, fastText) are trained in the same run on the
same training split, and their thresholds chosen on the same validation split.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

__all__ = ["run_benchmark", "main"]

_ROOT = Path(__file__).resolve().parents[3]


def _checkout() -> Path:
    """The checkout holding ``datasets/``: the package's own (an editable install), else the
    working directory (a regular install run from a checkout)."""
    return _ROOT if (_ROOT / "datasets").is_dir() else Path.cwd()


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _load_corpus(datasets: Path):
    from ..data.io import labelled_texts, order_labels, read_jsonl

    records = []
    for path in sorted(datasets.glob("*.jsonl")):
        records.extend(read_jsonl(path)[0])
    data = labelled_texts(records)
    labels = order_labels(l for ls in data.labels for l in ls)
    conversations = [r for r in records if "messages" in r]
    return data, labels, conversations


def _metrics(Y, P, thresholds, labels, registers=None):
    from ..evaluate import expected_calibration_error, macro_f1_interval, message_metrics, metrics_by_group

    flags = P >= thresholds
    result = message_metrics(Y, P, thresholds, labels)
    result["ece"] = expected_calibration_error(Y, P)
    result["macro_f1_ci95"] = list(macro_f1_interval(Y, flags))
    if registers is not None:
        result["benign_flag_rate_by_register"] = metrics_by_group(flags, registers, Y.sum(axis=1) == 0)
    return result


def _read_shared_messages(shared: Path):
    path = shared / "eval" / "nl_eval_messages.jsonl"
    if not path.is_file():
        return None
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _benign_sets(shared: Path, quick: bool):
    import pandas as pd

    sets = {}
    subtitles = shared / "data" / "benign_nl" / "opensubtitles_nl_top10k.csv"
    if subtitles.is_file():
        sets["opensubtitles_top10k"] = pd.read_csv(subtitles, dtype=str, keep_default_na=False)["sentence"].tolist()
    xed = shared / "data" / "benign_nl" / "xed_nl.tsv"
    if xed.is_file():
        lines = xed.read_text(encoding="utf-8").splitlines()
        sets["xed_nl"] = [line.split("\t")[0] for line in lines if line.strip()]
    if quick:
        sets = {name: texts[:3000] for name, texts in sets.items()}
    return sets


def _hatecheck(shared: Path):
    import pandas as pd

    path = shared / "data" / "functional" / "hatecheck_nl.csv"
    if not path.is_file():
        return None
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _hatecheck_report(frame, predict, thresholds, labels) -> dict:
    texts = frame["test_case"].tolist()
    flags = predict(texts) >= thresholds
    functionality = frame["functionality"].to_numpy()
    threat_cases = np.isin(functionality, ["threat_dir_h", "threat_norm_h"])
    non_hateful = np.char.endswith(functionality.astype(str), "_nh")
    report = {"n": len(texts)}
    if "threat" in labels:
        threat = flags[:, labels.index("threat")]
        report["threat_recall_on_threat_cases"] = round(float(threat[threat_cases].mean()), 4)
        report["threat_recall_by_functionality"] = {
            name: round(float(threat[functionality == name].mean()), 4) for name in ("threat_dir_h", "threat_norm_h")
        }
        # Hateful cases that threaten no one: `threat` is for violence, not for every hateful line.
        other_hateful = ~threat_cases & ~non_hateful
        report["threat_flag_rate_on_other_hateful"] = round(float(threat[other_hateful].mean()), 4)
    report["false_flag_rate_per_label"] = {
        label: round(float(flags[:, j].mean()), 4) for j, label in enumerate(labels) if label != "threat"
    }
    report["non_hateful_any_flag_rate"] = round(float(flags[non_hateful].any(axis=1).mean()), 4)
    return report


def _attacked_recall(predict, thresholds, texts, Y, labels) -> dict:
    from ..evasion import ATTACKS

    positive = Y.any(axis=1)
    texts = [t for t, p in zip(texts, positive) if p]
    Y = Y[positive]

    def recall(P):
        flags = P >= thresholds
        return round(float((flags & (Y == 1)).sum() / max(1, Y.sum())), 4)

    table = {"clean": recall(predict(texts))}
    for name, attack in ATTACKS.items():
        table[name] = recall(predict([attack(t, 0) for t in texts]))
    return table


def _operating_points(detector, labels, test_pair, shared_pair, benign_probabilities) -> dict:
    """The model's saved operating points on the same data: what trading recall for
    precision does to test and shared-eval F1 and to the real-benign flag rates."""
    from ..evaluate import benign_metrics

    result = {}
    for name, limits in detector.operating_points.items():
        thresholds = np.array([limits[l] for l in labels])
        point = {"thresholds": limits, "test": _metrics(*test_pair, thresholds, labels)}
        if shared_pair is not None:
            point["shared_eval"] = _metrics(*shared_pair, thresholds, labels)
        point["benign_real"] = {
            set_name: benign_metrics(P >= thresholds, labels) for set_name, P in benign_probabilities.items()
        }
        result[name] = point
    return result


def run_benchmark(quick: bool = False, model=None, datasets=None, shared=None, out=None) -> dict:
    """Run the whole benchmark; returns the JSON-ready report (and writes it when ``out`` is set)."""
    from .. import Detector, __version__
    from ..detector import default_model_path
    from ..conversation import evaluate_conversations
    from ..evaluate import benign_metrics, choose_thresholds
    from .peers import available_peers
    from .speed import interleaved_throughput, latency, load_and_memory, parallel_throughput

    started = time.perf_counter()
    checkout = _checkout()
    datasets = Path(datasets or checkout / "datasets")
    shared = Path(shared or checkout.parent / "shared")
    detector = Detector.load(model)
    model_path = Path(model) if model else default_model_path()
    data, labels, conversations = _load_corpus(datasets)
    if not len(data.texts):
        raise ValueError(f"datasets: no corpus messages in {datasets}; run from a checkout or pass --data DIR")
    if tuple(labels) != tuple(detector.labels):
        raise ValueError(f"corpus labels {labels} differ from the model's {list(detector.labels)}")
    train, validation, test = data.subset("train"), data.subset("validation"), data.subset("test")
    Y_train, Y_val, Y_test = (s.indicator(labels) for s in (train, validation, test))
    ours_thresholds = np.array([detector.thresholds[l] for l in labels])
    report = {
        "library_version": __version__,
        "model_version": detector.model_version,
        "quick": quick,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "data": {"train": len(train), "validation": len(validation), "test": len(test)},
        "models": {},
    }
    systems = {"riskdetect": (detector.predict_proba, ours_thresholds)}
    peers = available_peers(quick)
    for peer in peers:
        _log(f"training peer: {peer.name}")
        peer.fit(train.texts, Y_train, labels)
        thresholds = choose_thresholds(Y_val, peer.predict_proba(validation.texts))
        systems[peer.name] = (peer.predict_proba, thresholds)
    shared_messages = _read_shared_messages(shared)
    benign_sets = _benign_sets(shared, quick)
    hatecheck = _hatecheck(shared)
    curves = {}
    for name, (predict, thresholds) in systems.items():
        _log(f"quality: {name}")
        P_test = predict(test.texts)
        entry = {"thresholds": dict(zip(labels, np.round(thresholds, 3).tolist()))}
        entry["test"] = _metrics(Y_test, P_test, thresholds, labels, test.registers)
        if name == "riskdetect":
            curves["test"] = (Y_test, P_test)
        if shared_messages:
            Y_shared = np.array([[int(l in r["labels"]) for l in labels] for r in shared_messages])
            P_shared = predict([r["text"] for r in shared_messages])
            entry["shared_eval"] = _metrics(Y_shared, P_shared, thresholds, labels)
        entry["benign_real"], benign_probabilities = {}, {}
        for set_name, texts in benign_sets.items():
            benign_probabilities[set_name] = predict(texts)
            flags = benign_probabilities[set_name] >= thresholds
            entry["benign_real"][set_name] = benign_metrics(flags, labels)
            if name == "riskdetect":
                entry["benign_real"][set_name]["flagged_lines"] = [
                    {"text": texts[i], "labels": [l for j, l in enumerate(labels) if flags[i, j]]}
                    for i in np.flatnonzero(flags.any(axis=1))[:200]
                ]
        if hatecheck is not None:
            entry["hatecheck_nl"] = _hatecheck_report(hatecheck, predict, thresholds, labels)
        entry["obfuscation_recall"] = _attacked_recall(predict, thresholds, test.texts, Y_test, labels)
        if name == "riskdetect":
            shared_pair = (Y_shared, P_shared) if shared_messages else None
            entry["operating_points"] = _operating_points(detector, labels, (Y_test, P_test), shared_pair, benign_probabilities)
        report["models"][name] = entry
    _log("conversations")
    test_conversations = [c for c in conversations if c.get("split") == "test"]
    report["conversations"] = {"corpus_test": evaluate_conversations(detector, test_conversations)}
    shared_conversations = shared / "eval" / "nl_eval_conversations.jsonl"
    if shared_conversations.is_file():
        records = [json.loads(l) for l in shared_conversations.read_text(encoding="utf-8").splitlines() if l.strip()]
        report["conversations"]["shared_eval"] = evaluate_conversations(detector, records)
    _log("speed")
    sample = (test.texts * (1 + (2000 if quick else 20000) // max(1, len(test.texts))))[: 2000 if quick else 20000]
    speed = {"messages": len(sample)}
    rates = interleaved_throughput(
        {"riskdetect": detector.predict_proba, **{peer.name: peer.predict_proba for peer in peers}},
        sample,
        repeats=1 if quick else 5,
    )
    for name, rate in rates.items():
        speed[name] = {"single_core_msgs_per_s": round(rate, 1)}
    latency_texts = test.texts[:100 if quick else 500]
    speed["riskdetect"]["latency_predict"] = latency(lambda t: detector.predict_proba([t]), latency_texts)
    speed["riskdetect"]["latency_check"] = latency(detector.check, latency_texts)
    speed["riskdetect"].update(load_and_memory("ours", model_path, sample))
    fasttext_peer = next((p for p in peers if p.name == "fastText"), None)
    with tempfile.TemporaryDirectory() as tmp:
        if fasttext_peer is not None:
            fasttext_file = Path(tmp) / "fasttext.bin"
            fasttext_peer.model.save_model(str(fasttext_file))
            speed["fastText"]["latency_predict"] = latency(lambda t: fasttext_peer.predict_proba([t]), latency_texts)
            speed["fastText"].update(load_and_memory("fasttext", fasttext_file, sample))
        if not quick:
            speed["riskdetect"]["all_cores_msgs_per_s"] = round(parallel_throughput("ours", model_path, sample), 1)
            if fasttext_peer is not None:
                speed["fastText"]["all_cores_msgs_per_s"] = round(parallel_throughput("fasttext", fasttext_file, sample), 1)
    ours = speed["riskdetect"]["single_core_msgs_per_s"]
    speed["ratios_single_core"] = {peer.name: round(ours / speed[peer.name]["single_core_msgs_per_s"], 3) for peer in peers}
    report["speed"] = speed
    report["seconds"] = round(time.perf_counter() - started, 1)
    if out:
        from .report import write_outputs

        write_outputs(report, curves, Path(out), labels)
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m riskdetect.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller samples; finishes in about two minutes")
    parser.add_argument("--json", action="store_true", help="print the JSON report on stdout")
    parser.add_argument("--out", default=None, help="write report.md, results.json and PNG plots here")
    parser.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    parser.add_argument("--data", default=None, help="corpus directory (default: datasets/ of the checkout)")
    parser.add_argument("--shared", default=None, help="shared data directory (default: ../shared)")
    parser.add_argument("--readme", default=None, help="replace the benchmark table in this README")
    args = parser.parse_args(argv)
    try:
        report = run_benchmark(args.quick, args.model, args.data, args.shared, args.out)
    except ValueError as error:
        parser.error(str(error))
    from .report import markdown_summary, update_readme

    if args.readme:
        update_readme(Path(args.readme), report)
    print(json.dumps(report, ensure_ascii=False, indent=2) if args.json else markdown_summary(report))
    return 0
