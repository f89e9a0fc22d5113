"""Evidence spans in ORIGINAL offsets: cue-pattern matches and top classifier n-grams.

Pure functions over a :class:`~riskdetect.normalize.Normalized` text, its feature
row and the fitted featurizer and classifier.
"""

from __future__ import annotations

import re
from collections import Counter

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


def ngram_spans(normalized: Normalized, row, featurizer, coef: np.ndarray, label: str, top: int = 3) -> list[Span]:
    """The ``top`` word and word-bigram spans that push ``label``'s score up most.

    A word's contribution is its unigram feature plus the character n-grams inside
    it (``char_wb`` n-grams never cross words); a bigram counts on its own.
    ``row`` is the 1 x n_features sparse feature row, ``coef`` the label's weights.
    """
    values = dict(zip(row.indices.tolist(), row.data.tolist()))
    if not values:
        return []
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(normalized.text)]
    word_vocab = featurizer.word_.vocabulary_
    char_vocab = featurizer.char_.vocabulary_
    char_offset = featurizer.slices_["char"][0]
    char_analyzer = featurizer.char_.build_analyzer()

    def weight(column: int) -> float:
        return values.get(column, 0.0) * float(coef[column])

    word_counts = Counter(token for _, _, token in tokens)
    char_counts = Counter(char_analyzer(normalized.text))
    candidates: list[tuple[float, int, int]] = []
    for start, end, token in tokens:
        score = 0.0
        column = word_vocab.get(token)
        if column is not None:
            score += weight(column) / word_counts[token]
        for gram in char_analyzer(token):
            column = char_vocab.get(gram)
            if column is not None and char_counts[gram]:
                score += weight(char_offset + column) / char_counts[gram]
        candidates.append((score, start, end))
    low, high = featurizer.word_.ngram_range
    for size in range(max(2, low), high + 1):
        grams = [" ".join(t[2] for t in tokens[i : i + size]) for i in range(len(tokens) - size + 1)]
        gram_counts = Counter(grams)
        for i, gram in enumerate(grams):
            column = word_vocab.get(gram)
            if column is not None:
                candidates.append((weight(column) / gram_counts[gram], tokens[i][0], tokens[i + size - 1][1]))
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
