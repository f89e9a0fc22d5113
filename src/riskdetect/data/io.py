"""Readers for labelled corpora: JSON Lines, CSV, Parquet and PAN 2012 XML.

Every reader reports a bad line with file and line number; with ``skip_bad=True``
it skips the line, records why, and goes on, so rows in = rows read + rows skipped.

>>> import json, tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "m.jsonl")
>>> _ = open(path, "w").write(json.dumps({"text": "hoi", "labels": []}) + "\\n{broken\\n")
>>> records, skipped = read_jsonl(path, skip_bad=True)
>>> len(records), skipped[0].line
(1, 2)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..labels import LABELS
from .schema import Problem

__all__ = [
    "CorpusError", "read_jsonl", "read_records", "read_pan12", "LabelledTexts", "labelled_texts",
    "conversation_records", "order_labels",
]


class CorpusError(ValueError):
    """A corpus file that cannot be read as asked; ``problems`` lists file and line."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = problems or []


def read_jsonl(path, skip_bad: bool = False) -> tuple[list[dict], list[Problem]]:
    """Objects of a JSON Lines file; blank lines are ignored."""
    records, skipped = [], []
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            problem = None
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                problem = Problem(str(path), number, f"not UTF-8 ({error.reason} at byte {error.start}); re-save the file as UTF-8")
            else:
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as error:
                    problem = Problem(str(path), number, f"malformed JSON: {error.msg} (column {error.colno})")
                else:
                    if isinstance(value, dict):
                        records.append({**value, "_line": number})
                        continue
                    problem = Problem(str(path), number, "a line must hold one JSON object")
            if not skip_bad:
                raise CorpusError(f"{problem}; fix the line or pass --skip-bad to skip it", [problem])
            skipped.append(problem)
    return records, skipped


def _parse_labels(value) -> list[str]:
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if hasattr(value, "tolist"):
        return [str(v) for v in value.tolist()]
    text = str(value).strip()
    if not text:
        return []
    if text.startswith("["):
        return [str(v) for v in json.loads(text)]
    separator = "|" if "|" in text else ","
    return [part.strip() for part in text.split(separator) if part.strip()]


def read_records(path, text_column: str = "text", label_columns=None, skip_bad: bool = False):
    """Records with ``text``/``labels`` (or ``messages``) from JSONL, CSV, TSV or Parquet."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".json", ".ndjson"):
        records, skipped = read_jsonl(path, skip_bad=skip_bad)
        out = []
        for record in records:
            if text_column != "text" and text_column in record:
                record = {**record, "text": record[text_column]}
            if label_columns:
                record = {**record, "labels": [c for c in label_columns if record.get(c) in (1, True, "1")]}
            out.append(record)
        return out, skipped
    import pandas as pd

    if suffix in (".parquet", ".pq"):
        frame = pd.read_parquet(path)
    elif suffix in (".csv", ".tsv", ".txt"):
        frame = pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",", dtype=str, keep_default_na=False, encoding="utf-8")
    else:
        raise CorpusError(f"{path}: unknown file type {suffix!r}; use .jsonl, .csv, .tsv or .parquet")
    if text_column not in frame.columns:
        raise CorpusError(f"{path}: no column {text_column!r} (columns: {list(frame.columns)}); pass --column")
    if label_columns is None and "labels" not in frame.columns:
        label_columns = [c for c in frame.columns if c not in (text_column, "id", "split") and _is_binary(frame[c])]
    records = []
    for number, row in enumerate(frame.to_dict("records"), start=2):
        if label_columns:
            labels = [c for c in label_columns if str(row.get(c)).strip() in ("1", "1.0", "True", "true")]
        else:
            labels = _parse_labels(row.get("labels"))
        record = {"text": row[text_column], "labels": labels, "_line": number}
        for key in ("id", "split"):
            if row.get(key) not in (None, ""):
                record[key] = row[key]
        records.append(record)
    return records, []


def _is_binary(series) -> bool:
    values = set(str(v).strip() for v in series.unique())
    return bool(values) and values <= {"0", "1", "0.0", "1.0", "True", "False", "true", "false"}


def read_pan12(xml_path, predators_path) -> list[dict]:
    """PAN 2012 Sexual Predator Identification: conversations, ``grooming`` when a predator takes part."""
    import xml.etree.ElementTree as ElementTree

    predators = {line.strip() for line in Path(predators_path).read_text(encoding="utf-8").splitlines() if line.strip()}
    conversations = []
    for _, element in ElementTree.iterparse(xml_path, events=("end",)):
        if element.tag != "conversation":
            continue
        messages = []
        for message in element.findall("message"):
            author = (message.findtext("author") or "").strip()
            messages.append({"from": author, "text": message.findtext("text") or "", "ts": message.findtext("time")})
        authors = {m["from"] for m in messages}
        conversations.append(
            {
                "id": element.get("id"),
                "messages": messages,
                "labels": ["grooming"] if authors & predators else [],
                "onset": None,
                "offender": next(iter(sorted(authors & predators)), None),
            }
        )
        element.clear()
    return conversations


def order_labels(found) -> list[str]:
    """The default labels in taxonomy order first, then any others alphabetically."""
    found = set(found)
    return [label for label in LABELS if label in found] + sorted(found - set(LABELS))


@dataclass
class LabelledTexts:
    """Texts with label lists, ids and splits, ready for training or evaluation."""

    texts: list[str] = field(default_factory=list)
    labels: list[list[str]] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    splits: list[str | None] = field(default_factory=list)
    registers: list[str | None] = field(default_factory=list)

    def add(self, text, labels, id_, split=None, register=None):
        self.texts.append(text)
        self.labels.append(list(labels))
        self.ids.append(str(id_))
        self.splits.append(split)
        self.registers.append(register)

    def __len__(self):
        return len(self.texts)

    def subset(self, split: str) -> "LabelledTexts":
        out = LabelledTexts()
        for i, s in enumerate(self.splits):
            if s == split:
                out.add(self.texts[i], self.labels[i], self.ids[i], s, self.registers[i])
        return out

    def indicator(self, label_names) -> "np.ndarray":  # noqa: F821
        import numpy as np

        Y = np.zeros((len(self.texts), len(label_names)), dtype=np.int8)
        position = {label: j for j, label in enumerate(label_names)}
        for i, labels in enumerate(self.labels):
            for label in labels:
                if label in position:
                    Y[i, position[label]] = 1
        return Y


def conversation_records(records) -> list[dict]:
    return [r for r in records if "messages" in r]


def labelled_texts(records, source: str = "") -> LabelledTexts:
    """Message records as they are. A benign conversation gives all its messages (benign).
    A risky conversation with an onset gives its onset message (positive), the other
    side's messages (benign: replies, refusals, pleas) and the offender's messages before
    the onset (benign: the innocent opening); the offender's later messages are left out
    (risky in context, ambiguous alone). A risky conversation without onset gives its
    joined text as one example."""
    out = LabelledTexts()
    for number, record in enumerate(records):
        id_ = record.get("id", f"{source}:{record.get('_line', number)}")
        split, register = record.get("split"), record.get("register")
        labels = _parse_labels(record.get("labels"))
        if "messages" not in record:
            out.add(record.get("text"), labels, id_, split, register)
            continue
        texts = [m.get("text", "") for m in record["messages"] if isinstance(m, dict)]
        onset = record.get("onset")
        if not labels:
            for k, text in enumerate(texts):
                out.add(text, [], f"{id_}#{k}", split, register)
        elif isinstance(onset, int) and 0 <= onset < len(texts):
            speakers = [m.get("from") for m in record["messages"] if isinstance(m, dict)]
            offender = record.get("offender")
            for k, text in enumerate(texts):
                if k != onset and offender is not None and (speakers[k] != offender or k < onset):
                    out.add(text, [], f"{id_}#{k}", split, register)
            out.add(texts[onset], labels, f"{id_}#{onset}", split, register)
        else:
            out.add("\n".join(texts), labels, id_, split, register)
    return out
