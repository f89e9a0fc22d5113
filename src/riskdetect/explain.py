"""Evidence spans in ORIGINAL offsets: cue-pattern matches and top classifier n-grams.

Pure functions over a :class:`~riskdetect.normalize.Normalized` text, its feature
row and the fitted featurizer and classifier.
"""

from __future__ import annotations

import re

import numpy as np

from .cues import Cue
from .features import WORD_TOKEN_PATTERN
from .normalize import Normalized
from .result import Span

__all__ = ["cue_spans", "ngram_spans"]

_WORD = re.compile(WORD_TOKEN_PATTERN)


def cue_spans(normalized: Normalized, cues: list[Cue], labels) -> list[Span]:
    """Cue matches of the given labels as spans of the original text."""
    wanted = set(labels)
    spans = []
    for cue in cues:
        if cue.label not in wanted or cue.end <= cue.start:
            continue
        start, end = normalized.original_span(cue.start, cue.end)
        spans.append(Span(cue.label, start, end, normalized.original[start:end], cue.stage, "cue", 0.0))
    return spans


def ngram_spans(normalized: Normalized, featurizer, coef: np.ndarray, label: str, top: int = 3) -> list[Span]:
    """The ``top`` word and word-n-gram spans that push ``label``'s score up most.

    A word's contribution is its unigram feature plus the character n-grams inside it
    (they never cross words); a longer word n-gram counts on its own. ``coef`` is the
    label's weight vector over the featurizer's columns.
    """
    found = featurizer.occurrences([normalized.text])
    if not len(found.columns):
        return []
    contributions = found.values * coef[found.columns]
    tokens = [(m.start(), m.end()) for m in _WORD.finditer(normalized.text)]
    token_of = {span: i for i, span in enumerate(tokens)}
    token_ends = np.asarray([end for _, end in tokens], dtype=np.int64)
    scores = np.zeros(len(tokens))
    candidates: list[tuple[float, int, int]] = []
    for kind, start, end, contribution in zip(found.kinds, found.starts.tolist(), found.ends.tolist(), contributions.tolist()):
        if kind == "word":
            index = token_of.get((start, end))
            if index is None:  # a word n-gram: a candidate of its own
                candidates.append((contribution, start, end))
            else:
                scores[index] += contribution
        elif len(tokens):
            # A char n-gram belongs to the first token it overlaps (padding spaces aside).
            index = int(np.searchsorted(token_ends, start, side="right"))
            if index < len(tokens) and tokens[index][0] < end:
                scores[index] += contribution
    candidates.extend((float(score), start, end) for score, (start, end) in zip(scores, tokens))
    candidates = [c for c in candidates if c[0] > 0 and c[2] > c[1]]
    candidates.sort(key=lambda c: -c[0])
    spans: list[Span] = []
    taken: list[tuple[int, int]] = []
    for score, start, end in candidates:
        original_start, original_end = normalized.original_span(start, end)
        if any(original_start < e and s < original_end for s, e in taken):
            continue
        taken.append((original_start, original_end))
        spans.append(
            Span(label, original_start, original_end, normalized.original[original_start:original_end],
                 normalized.text[start:end], "ngram", score)
        )
        if len(spans) == top:
            break
    return spans
