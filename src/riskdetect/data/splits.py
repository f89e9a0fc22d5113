"""Stable train/validation/test splits and near-duplicate detection.

A record's split is a hash of its id, so adding records never moves old ones;
a new record that nearly duplicates an existing one inherits that record's split,
so near-duplicates never straddle splits.

>>> hashed_split("m-gro-0001") in ("train", "validation", "test")
True
>>> near_duplicate_pairs(["leen je pinpas uit voor geld", "leen je pinpas uit voor geld!", "hoi"])
[(0, 1)]
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict

from ..normalize import normalize_text

__all__ = ["SPLIT_SHARES", "hashed_split", "shingles", "near_duplicate_pairs", "assign_splits", "record_text"]

SPLIT_SHARES = (("train", 0.70), ("validation", 0.15), ("test", 0.15))


def hashed_split(key: str, shares=SPLIT_SHARES) -> str:
    """Deterministic split for a key (a record id)."""
    bucket = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big") / 2**64
    total = 0.0
    for name, share in shares:
        total += share
        if bucket < total:
            return name
    return shares[-1][0]


def shingles(text: str, n: int = 5) -> frozenset[str]:
    """Character n-grams of the normalised text (the whole text if shorter than n)."""
    normalized = normalize_text(text)
    if len(normalized) <= n:
        return frozenset([normalized]) if normalized else frozenset()
    return frozenset(normalized[i : i + n] for i in range(len(normalized) - n + 1))


def near_duplicate_pairs(texts, threshold: float = 0.8, n: int = 5) -> list[tuple[int, int]]:
    """All pairs ``(i, j)``, ``i < j``, with shingle Jaccard >= ``threshold``.

    Exact, using prefix filtering: two sets with Jaccard >= t share at least one of
    the ``|A| - ceil(t|A|) + 1`` rarest shingles of each, so only those are indexed.
    """
    sets = [shingles(text, n) for text in texts]
    frequency: dict[str, int] = defaultdict(int)
    for s in sets:
        for gram in s:
            frequency[gram] += 1
    index: dict[str, list[int]] = defaultdict(list)
    pairs = set()
    order = sorted(range(len(sets)), key=lambda i: len(sets[i]))
    for i in order:
        s = sets[i]
        if not s:
            continue
        ranked = sorted(s, key=lambda gram: (frequency[gram], gram))
        prefix = ranked[: len(s) - math.ceil(threshold * len(s)) + 1]
        candidates = set()
        for gram in prefix:
            candidates.update(index[gram])
            index[gram].append(i)
        for j in candidates:
            other = sets[j]
            if len(other) < threshold * len(s):
                continue
            if len(s & other) / len(s | other) >= threshold:
                pairs.add((min(i, j), max(i, j)))
    return sorted(pairs)


def record_text(record: dict) -> str:
    """The text a record is compared on: its text, or a conversation's messages joined."""
    if "messages" in record:
        return "\n".join(m.get("text", "") for m in record["messages"] if isinstance(m, dict))
    return record.get("text", "")


_MIN_LINE_LENGTH = 25


def assign_splits(records: list[dict], threshold: float = 0.8) -> int:
    """Give every record without a ``split`` one, in place; returns how many were assigned.

    Near-duplicate groups (union-find over near-duplicate pairs) share one split:
    an existing record's split if the group has one, else the hash of the group's
    smallest id. A message that nearly repeats one line of a conversation (a line of
    at least 25 characters) joins that conversation's group, so the line cannot reach
    the test split through the other door.
    """
    parent = list(range(len(records)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    texts = [record_text(r) for r in records]
    owners = list(range(len(records)))
    for index, record in enumerate(records):
        for message in record.get("messages", ()):
            text = message.get("text", "") if isinstance(message, dict) else ""
            if len(text) >= _MIN_LINE_LENGTH:
                texts.append(text)
                owners.append(index)
    n = len(records)
    for i, j in near_duplicate_pairs(texts, threshold):
        if j >= n and (i >= n or "messages" in records[i]):
            continue  # only whole records, and a message against a conversation line
        parent[find(owners[i])] = find(owners[j])
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        groups[find(i)].append(i)
    assigned = 0
    for members in groups.values():
        existing = [records[i]["split"] for i in members if records[i].get("split")]
        split = existing[0] if existing else hashed_split(min(str(records[i]["id"]) for i in members))
        for i in members:
            if not records[i].get("split"):
                records[i]["split"] = split
                assigned += 1
    return assigned
