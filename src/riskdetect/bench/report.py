"""Benchmark output: Markdown report, JSON, PNG plots, and the README table."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

__all__ = ["markdown_summary", "markdown_report", "write_outputs", "update_readme"]

_START, _END = "<!-- bench:start -->", "<!-- bench:end -->"


def _f(value) -> str:
    return "n/a" if value is None or (isinstance(value, float) and np.isnan(value)) else f"{value:.3f}"


def markdown_summary(report: dict) -> str:
    """The headline table (the README shows this one)."""
    models = report["models"]
    speed = report["speed"]
    lines = [
        f"Model `{report['model_version']}`; {report['data']['test']} test messages; "
        f"{'quick run' if report['quick'] else 'full run'} on {report['machine']['cpus']} cores.",
        "",
        "| system | test macro-F1 | shared eval macro-F1 | benign FPR (test) | max real-benign flag rate | obfuscated recall (worst / clean) | msgs/s, 1 core |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, entry in models.items():
        real = [max(b["per_label_flag_rate"].values()) for b in entry.get("benign_real", {}).values()]
        attacked = entry["obfuscation_recall"]
        worst = min(v for k, v in attacked.items() if k != "clean")
        lines.append(
            f"| {name} | {_with_interval(entry['test'])} | {_with_interval(entry.get('shared_eval'))} | {_f(entry['test']['benign_fpr'])} | "
            f"{_f(max(real) if real else None)} | {_f(worst)} / {_f(attacked['clean'])} | "
            f"{speed.get(name, {}).get('single_core_msgs_per_s', 'n/a')} |"
        )
    conversations = report.get("conversations", {})
    for key, value in conversations.items():
        c = value["conversations"]
        lines.append(
            f"\nConversations ({key}, n={value['n']}): recall {_f(c['recall'])}, precision {_f(c['precision'])}, "
            f"false alarms {_f(c['false_alarm_rate'])}, median delay {c['median_delay']}, F_latency {_f(c['f_latency'])}."
        )
    lines.append("\nIn brackets: 95% bootstrap interval of macro-F1 over the messages (1000 resamples).")
    ratios = speed.get("ratios_single_core", {})
    if ratios:
        lines.append("\nSingle-core throughput ratio riskdetect / peer: " + ", ".join(f"{k} {v}x" for k, v in ratios.items()) + ".")
    return "\n".join(lines)


def _with_interval(result: dict | None) -> str:
    """Macro-F1 and, when known, its 95% bootstrap interval: "0.847 (0.79-0.90)"."""
    if not result:
        return "n/a"
    interval = result.get("macro_f1_ci95")
    return _f(result["macro_f1"]) + (f" ({interval[0]:.2f}-{interval[1]:.2f})" if interval else "")


def _per_label_table(result: dict) -> list[str]:
    lines = ["| label | precision | recall | F1 | PR-AUC | support |", "|---|---:|---:|---:|---:|---:|"]
    for label, m in result["labels"].items():
        lines.append(f"| {label} | {_f(m['precision'])} | {_f(m['recall'])} | {_f(m['f1'])} | {_f(m['pr_auc'])} | {m['support']} |")
    lines.append(f"\nmacro-F1 {_with_interval(result)}, micro-F1 {_f(result['micro_f1'])}, benign FPR {_f(result['benign_fpr'])}, ECE {_f(result.get('ece'))}")
    return lines


def _operating_points_table(points: dict | None) -> list[str]:
    """One row per saved operating point: quality against the highest real-benign flag rate."""
    if not points:
        return []
    sets = list(next(iter(points.values())).get("benign_real", {}))
    lines = [
        "",
        "### Operating points (the model's saved threshold sets, same data)",
        "| point | test macro-F1 | shared eval macro-F1 | benign FPR (test) | "
        + " | ".join(f"highest label flag rate, `{s}`" for s in sets)
        + " |",
        "|---|---:|---:|---:|" + "---:|" * len(sets),
    ]
    for name, point in points.items():
        worst = []
        for set_name in sets:
            rates = point["benign_real"][set_name]["per_label_flag_rate"]
            label = max(rates, key=rates.get)
            worst.append(f"{rates[label]:.4f} ({label})")
        lines.append(
            f"| `{name}` | {_with_interval(point['test'])} | {_with_interval(point.get('shared_eval'))} | "
            f"{_f(point['test']['benign_fpr'])} | " + " | ".join(worst) + " |"
        )
    return lines


def markdown_report(report: dict) -> str:
    lines = ["# riskdetect benchmark", "", markdown_summary(report), ""]
    for name, entry in report["models"].items():
        lines += [f"## {name}", "", "### Corpus test split", *_per_label_table(entry["test"]), ""]
        if "shared_eval" in entry:
            lines += ["### Shared independent evaluation set (`../shared/eval`, never trained or tuned on)", *_per_label_table(entry["shared_eval"]), ""]
        for set_name, benign in entry.get("benign_real", {}).items():
            rates = ", ".join(f"{k} {v:.4f}" for k, v in benign["per_label_flag_rate"].items())
            lines.append(f"Real benign text `{set_name}` (n={benign['n']}): any-label flag rate {benign['flag_rate']:.4f}; {rates}.")
        if "hatecheck_nl" in entry:
            h = entry["hatecheck_nl"]
            lines.append(
                f"\nHateCheck-NL (n={h['n']}): threat recall on threat cases {_f(h.get('threat_recall_on_threat_cases'))} "
                f"(by functionality {h.get('threat_recall_by_functionality', {})}; `threat` on other hateful cases "
                f"{_f(h.get('threat_flag_rate_on_other_hateful'))}); "
                f"false flags per other label {h['false_flag_rate_per_label']}; any flag on non-hateful cases {_f(h['non_hateful_any_flag_rate'])}."
            )
        lines += ["", "### Recall under deterministic attacks (test positives)", "| attack | recall |", "|---|---:|"]
        lines += [f"| {k} | {_f(v)} |" for k, v in entry["obfuscation_recall"].items()]
        groups = entry["test"].get("benign_flag_rate_by_register", {})
        if groups:
            lines += ["", "### Fairness: benign flag rate per register (test split)", "| register | n | flag rate |", "|---|---:|---:|"]
            lines += [f"| {g} | {v['n']} | {_f(v['flag_rate'])} |" for g, v in groups.items()]
        lines += _operating_points_table(entry.get("operating_points"))
        lines.append("")
    lines += ["## Speed", "", "```json", json.dumps(report["speed"], indent=2), "```", ""]
    flagged = report["models"].get("riskdetect", {}).get("benign_real", {})
    for set_name, benign in flagged.items():
        if benign.get("flagged_lines"):
            lines += [f"## Flagged lines in `{set_name}` (for inspection)", ""]
            lines += [f"- {', '.join(x['labels'])}: {x['text']}" for x in benign["flagged_lines"]]
            lines.append("")
    lines.append(
        "Sources: OpenSubtitles2018 top sentences (Lison and Tiedemann 2016, via orgtre/top-open-subtitles-sentences), "
        "XED (Öhman et al. 2020, CC-BY-4.0), Multilingual HateCheck (Röttger et al. 2022, CC-BY-4.0)."
    )
    return "\n".join(lines) + "\n"


def _plots(report: dict, curves: dict, out: Path, labels) -> list[str]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from sklearn.metrics import precision_recall_curve
    except ImportError:
        return []
    written = []
    if "test" in curves:
        Y, P = curves["test"]
        figure, axis = plt.subplots(figsize=(6, 5))
        for j, label in enumerate(labels):
            if Y[:, j].any():
                precision, recall, _ = precision_recall_curve(Y[:, j], P[:, j])
                axis.plot(recall, precision, label=label)
        axis.set(xlabel="recall", ylabel="precision", title="riskdetect: precision-recall (test split)")
        axis.legend()
        figure.savefig(out / "precision_recall.png", dpi=100, bbox_inches="tight")
        plt.close(figure)
        written.append("precision_recall.png")
        figure, axis = plt.subplots(figsize=(5, 5))
        edges = np.linspace(0, 1, 11)
        p, y = P.ravel(), Y.ravel()
        which = np.clip(np.digitize(p, edges[1:-1]), 0, 9)
        xs = [p[which == b].mean() for b in range(10) if (which == b).any()]
        ys = [y[which == b].mean() for b in range(10) if (which == b).any()]
        axis.plot([0, 1], [0, 1], "k--", linewidth=1)
        axis.plot(xs, ys, "o-")
        axis.set(xlabel="predicted probability", ylabel="observed frequency", title="riskdetect: calibration (test split)")
        figure.savefig(out / "calibration.png", dpi=100, bbox_inches="tight")
        plt.close(figure)
        written.append("calibration.png")
    speed = report["speed"]
    names = [n for n in speed if isinstance(speed[n], dict) and "single_core_msgs_per_s" in speed[n]]
    figure, axis = plt.subplots(figsize=(6, 3.5))
    axis.barh(names, [speed[n]["single_core_msgs_per_s"] for n in names])
    axis.set(xlabel="messages per second (one core)", title="batch throughput")
    figure.savefig(out / "throughput.png", dpi=100, bbox_inches="tight")
    plt.close(figure)
    written.append("throughput.png")
    return written


def write_outputs(report: dict, curves: dict, out: Path, labels) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / "report.md").write_text(markdown_report(report), encoding="utf-8")
    report["plots"] = _plots(report, curves, out, labels)


def update_readme(path: Path, report: dict) -> None:
    text = path.read_text(encoding="utf-8")
    if _START not in text or _END not in text:
        raise ValueError(f"{path} has no {_START} ... {_END} block to update")
    head, rest = text.split(_START, 1)
    _, tail = rest.split(_END, 1)
    path.write_text(f"{head}{_START}\n{markdown_summary(report)}\n{_END}{tail}", encoding="utf-8")
