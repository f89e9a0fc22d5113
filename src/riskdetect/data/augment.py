"""Seeded, deterministic training-data augmentation: obfuscation, typos, casing, slang.

Only ``train`` rows are ever augmented; validation and test rows pass through
untouched, so every metric is computed on text as written.

>>> rows = [{"id": "a", "text": "leen je pinpas uit", "labels": ["money_mule"], "split": "train"},
...         {"id": "b", "text": "leen je pinpas uit", "labels": ["money_mule"], "split": "test"}]
>>> out = augment_records(rows, seed=3, variants=1)
>>> [r["id"] for r in out]
['a', 'b', 'a~aug0']
"""

from __future__ import annotations

import hashlib
import random

from .. import evasion
from ..lang.nl.slang import SLANG

# An augmented record's id: its source's id, this mark, the variant number ("a~aug0").
AUGMENTED_ID_MARK = "~aug"

__all__ = ["AUGMENTED_ID_MARK", "source_id", "TRANSFORMS", "typos", "split_words", "slang_variants", "augment_text", "augment_records"]


def source_id(record_id: str) -> str:
    """The id of the record an augmented record was made from (itself if not augmented).

    >>> source_id("a~aug0"), source_id("a")
    ('a', 'a')
    """
    return record_id.split(AUGMENTED_ID_MARK)[0]


_REVERSE_SLANG: dict[str, list[str]] = {}
for _variant, _canonical in sorted(SLANG.items()):
    if " " not in _canonical and " " not in _variant and len(_variant) > 2:
        _REVERSE_SLANG.setdefault(_canonical, []).append(_variant)


def _rng(text: str, seed: int, name: str) -> random.Random:
    digest = hashlib.sha256(f"{name}\0{seed}\0{text}".encode("utf-8", "surrogatepass")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def typos(text: str, seed: int = 0) -> str:
    """Swap, drop or double a letter in a few words, as fast thumbs do."""
    rng = _rng(text, seed, "typos")
    words = text.split(" ")
    for position in rng.sample(range(len(words)), k=min(2, len(words))):
        word = words[position]
        if len(word) < 4:
            continue
        i = rng.randrange(1, len(word) - 1)
        kind = rng.randrange(3)
        if kind == 0:
            word = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        elif kind == 1:
            word = word[:i] + word[i + 1 :]
        else:
            word = word[:i] + word[i] + word[i:]
        words[position] = word
    return " ".join(words)


def slang_variants(text: str, seed: int = 0) -> str:
    """Replace canonical words with a straattaal or Flemish variant (doekoe for geld)."""
    rng = _rng(text, seed, "slang")
    out = []
    for word in text.split(" "):
        options = _REVERSE_SLANG.get(word.lower())
        out.append(rng.choice(options) if options and rng.random() < 0.7 else word)
    return " ".join(out)


def split_words(text: str, seed: int = 0) -> str:
    """Break one or two longer words in two at a random point, as evasion does ("pin pas")."""
    rng = _rng(text, seed, "split")
    words = text.split(" ")
    long_words = [i for i, word in enumerate(words) if len(word) >= 5]
    for position in rng.sample(long_words, k=min(len(long_words), rng.choice((1, 2)))):
        word = words[position]
        cut = rng.randrange(2, len(word) - 1)
        words[position] = word[:cut] + " " + word[cut:]
    return " ".join(words)


def _lower(text: str, seed: int = 0) -> str:
    return text.lower()


TRANSFORMS = {
    "typos": typos,
    "split": split_words,
    "slang": slang_variants,
    "lower": _lower,
    "case_noise": evasion.case_noise,
    "leetspeak": evasion.leetspeak,
    "spacing": evasion.spacing,
    "dots": evasion.dots,
    "homoglyphs": evasion.homoglyphs,
    "emoji": evasion.emoji_substitution,
    "zero_width": evasion.zero_width,
}


def augment_text(text: str, seed: int, k: int = 0) -> str:
    """The ``k``-th augmented variant of ``text``: one or two transforms chosen by the seed."""
    rng = _rng(text, seed + 7919 * k, "choose")
    names = rng.sample(sorted(TRANSFORMS), k=rng.choice((1, 1, 2)))
    for name in names:
        text = TRANSFORMS[name](text, seed + k)
    return text


def augment_records(records: list[dict], seed: int = 0, variants: int = 1, positives_only: bool = False) -> list[dict]:
    """The records followed by ``variants`` augmented copies of each ``train`` record."""
    out = list(records)
    for record in records:
        if record.get("split") != "train" or "text" not in record:
            continue
        if positives_only and not record.get("labels"):
            continue
        for k in range(variants):
            text = augment_text(record["text"], seed, k)
            if text != record["text"]:
                out.append({**record, "id": f"{record['id']}{AUGMENTED_ID_MARK}{k}", "text": text, "augmented": True})
    return out
