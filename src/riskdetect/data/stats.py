"""Corpus statistics and the floors the committed corpus must meet.

>>> stats = corpus_stats([{"text": "x", "labels": ["threat"], "split": "train", "register": "standard",
...     "platform": "sms", "tags": []}], [])
>>> stats["messages"]["labels"]["threat"]
1
"""

from __future__ import annotations

from collections import Counter

from ..labels import LABELS

__all__ = ["FLOORS", "corpus_stats", "check_floors", "format_stats"]

FLOORS = {
    "messages": 4000,
    "positives_per_label": 450,
    "loverboy": 100,
    "multi_label": 150,
    "benign": 1800,
    "hard_negative": 1000,
    "conversations": 300,
    "risky_conversations_per_label": 40,
    "benign_conversations": 120,
}


def _count(records) -> dict:
    labels = Counter(label for r in records for label in r.get("labels", []))
    positives = [r for r in records if r.get("labels")]
    tags = Counter(tag for r in records for tag in r.get("tags", []))
    positive_tags = Counter(tag for r in positives for tag in r.get("tags", []))
    return {
        "n": len(records),
        "labels": {label: labels.get(label, 0) for label in list(LABELS) + sorted(set(labels) - set(LABELS))},
        "benign": sum(1 for r in records if not r.get("labels")),
        "multi_label": sum(1 for r in records if len(r.get("labels", [])) >= 2),
        "splits": dict(Counter(r.get("split") for r in records)),
        "split_by_label": {
            label: dict(Counter(r.get("split") for r in records if label in r.get("labels", [])))
            for label in LABELS
        },
        "registers": dict(Counter(r.get("register") for r in records)),
        "platforms": dict(Counter(r.get("platform") for r in records)),
        "tags": dict(tags),
        "subtle_share_of_positives": positive_tags.get("subtle", 0) / max(1, len(positives)),
        "obfuscated_share_of_positives": positive_tags.get("obfuscated", 0) / max(1, len(positives)),
    }


def corpus_stats(messages: list[dict], conversations: list[dict]) -> dict:
    stats = {"messages": _count(messages), "conversations": _count(conversations)}
    if conversations:
        lengths = [len(c.get("messages", [])) for c in conversations]
        stats["conversations"]["length_min"] = min(lengths)
        stats["conversations"]["length_max"] = max(lengths)
        stats["conversations"]["length_mean"] = round(sum(lengths) / len(lengths), 1)
    return stats


def check_floors(stats: dict) -> list[str]:
    """Floors of the corpus issue that the stats do not meet (empty when all are met)."""
    m, c = stats["messages"], stats["conversations"]
    failures = []

    def need(name, value, floor):
        if value < floor:
            failures.append(f"{name}: {value} < {floor}")

    need("messages", m["n"], FLOORS["messages"])
    for label in LABELS:
        need(f"{label} messages", m["labels"].get(label, 0), FLOORS["positives_per_label"])
        need(f"{label} conversations", c["labels"].get(label, 0), FLOORS["risky_conversations_per_label"])
    need("loverboy messages", m["tags"].get("loverboy", 0), FLOORS["loverboy"])
    need("multi-label messages", m["multi_label"], FLOORS["multi_label"])
    need("benign messages", m["benign"], FLOORS["benign"])
    need("hard-negative messages", m["tags"].get("hard_negative", 0), FLOORS["hard_negative"])
    need("conversations", c["n"], FLOORS["conversations"])
    need("benign conversations", c["benign"], FLOORS["benign_conversations"])
    need("subtle positives (percent)", round(100 * m["subtle_share_of_positives"]), 33)
    return failures


def _table(title: str, counter: dict) -> list[str]:
    lines = [f"| {title} | count |", "|---|---:|"]
    lines += [f"| {key} | {value} |" for key, value in sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))]
    return lines + [""]


def format_stats(stats: dict) -> str:
    """Markdown tables of the statistics (the datasheet embeds this output)."""
    m, c = stats["messages"], stats["conversations"]
    lines = [
        f"Messages: {m['n']} ({m['benign']} benign, {m['multi_label']} with two or more labels; "
        f"{m['subtle_share_of_positives']:.0%} of positives subtle, {m['obfuscated_share_of_positives']:.0%} obfuscated).",
        f"Conversations: {c['n']} ({c['benign']} benign"
        + (f", {c['length_min']}-{c['length_max']} messages, mean {c['length_mean']}" if c["n"] else "")
        + ").",
        "",
        "| label | messages | train | validation | test | conversations |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label in m["labels"]:
        split = m["split_by_label"].get(label, {})
        lines.append(
            f"| {label} | {m['labels'][label]} | {split.get('train', 0)} | {split.get('validation', 0)} | "
            f"{split.get('test', 0)} | {c['labels'].get(label, 0)} |"
        )
    lines.append(f"| (benign) | {m['benign']} | | | | {c['benign']} |")
    lines.append("")
    lines += _table("message split", m["splits"])
    lines += _table("conversation split", c["splits"])
    lines += _table("message register", m["registers"])
    lines += _table("message platform", m["platforms"])
    lines += _table("message tag", m["tags"])
    lines += _table("conversation register", c["registers"])
    lines += _table("conversation platform", c["platforms"])
    return "\n".join(lines)
