"""``riskdetect eval``: run a Detector over a labelled or benign file and report the contract JSON."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .data.io import read_jsonl
from .evaluate import benign_metrics, message_metrics

__all__ = ["evaluate_file", "evaluate_messages", "read_benign_texts", "format_report"]


# A shell passes ``--sep '\t'`` as backslash + t; read it, and the name "tab", as a tab.
_SEPARATOR_NAMES = {"\\t": "\t", "tab": "\t"}


def read_benign_texts(path, column=None, sep=None) -> list[str]:
    """Unlabelled real text: a .txt file (one a line), or CSV/TSV with ``column`` (default: first).

    ``sep`` is the separator character; ``"\\t"`` or ``"tab"`` mean a tab.
    """
    import pandas as pd

    path = Path(path)
    if sep is not None:
        sep = _SEPARATOR_NAMES.get(sep.lower(), sep)
        if len(sep) != 1:
            raise ValueError(f"sep (--sep) must be one character or 'tab', got {sep!r}")
    if path.suffix.lower() in (".csv", ".tsv") or sep:
        separator = sep or ("\t" if path.suffix.lower() == ".tsv" else ",")
        header = 0 if column is not None and not str(column).isdigit() else None
        frame = pd.read_csv(path, sep=separator, header=header, dtype=str, keep_default_na=False, quoting=3 if separator == "\t" else 0)
        key = int(column) if column is not None and str(column).isdigit() else (column if column is not None else frame.columns[0])
        if key not in frame.columns:
            raise ValueError(f"{path}: no column {key!r} (columns: {list(frame.columns)}); pass --column")
        texts = frame[key].tolist()
    else:
        texts = path.read_text(encoding="utf-8").splitlines()
    return [t for t in texts if isinstance(t, str) and t.strip()]


def evaluate_messages(detector, records) -> dict:
    texts = [r["text"] for r in records]
    labels = list(detector.labels)
    unknown = sorted({l for r in records for l in r.get("labels", []) if l not in labels})
    Y = np.zeros((len(records), len(labels)), dtype=int)
    for i, record in enumerate(records):
        for label in record.get("labels", []):
            if label in labels:
                Y[i, labels.index(label)] = 1
    P = detector.predict_proba(texts)
    thresholds = np.array([detector.thresholds[label] for label in labels])
    report = message_metrics(Y, P, thresholds, labels)
    if unknown:
        report["unknown_labels"] = unknown
    return report


def evaluate_file(detector, path, benign: bool = False, column=None, sep=None) -> dict:
    """The evaluation contract for a messages, conversations or (``benign``) unlabelled file."""
    if benign:
        texts = read_benign_texts(path, column, sep)
        frame = detector.score(texts)
        flags = frame[[f"{label}_flag" for label in detector.labels]].to_numpy()
        return benign_metrics(flags, detector.labels)
    records, _ = read_jsonl(path)
    if records and "messages" in records[0]:
        from .conversation import evaluate_conversations

        return evaluate_conversations(detector, records)
    return evaluate_messages(detector, records)


def format_report(report: dict) -> str:
    lines = []
    if "labels" in report:
        lines.append(f"n = {report['n']}   macro-F1 {report['macro_f1']:.3f}   micro-F1 {report['micro_f1']:.3f}   benign FPR {report['benign_fpr']:.3f}")
        lines.append(f"{'label':<12}{'precision':>10}{'recall':>10}{'f1':>8}{'pr_auc':>8}{'support':>9}")
        for label, m in report["labels"].items():
            lines.append(f"{label:<12}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>8.3f}{m['pr_auc']:>8.3f}{m['support']:>9}")
        if report.get("unknown_labels"):
            lines.append(f"labels in the data the model does not know (ignored): {', '.join(report['unknown_labels'])}")
    elif "conversations" in report:
        c = report["conversations"]
        lines.append(f"n = {report['n']} conversations")
        for key, value in c.items():
            lines.append(f"{key:<18}{value}")
    else:
        lines.append(f"n = {report['n']}   flag rate {report['flag_rate']:.4f}")
        for label, rate in report["per_label_flag_rate"].items():
            lines.append(f"{label:<12}{rate:.4f}")
    return "\n".join(lines)
