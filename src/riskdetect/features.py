"""Features from normalised text: word n-grams, character n-grams and lexicon cues.

All blocks are computed for a whole batch at once (:mod:`riskdetect.ngrams`): one
joined code-point array, vectorised n-gram hashing, one table lookup per n-gram.

>>> texts = ["leen je pinpas uit", "mag ik je pinpas lenen", "ik maak je af in fortnite"]
>>> X = RiskFeaturizer(word_min_df=1, char_min_df=1).fit_transform(texts)
>>> X.shape[0]
3
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ._regex import alternation
from .lang.nl import CATEGORY_MODULES
from .ngrams import Batch, HashIndex, Ngrams

__all__ = ["RiskFeaturizer", "LexiconFeatures", "WORD_TOKEN_PATTERN", "LENGTH_BUCKETS", "length_buckets", "Occurrences"]

WORD_TOKEN_PATTERN = r"(?u)\b\w+\b"
_TERM_SEPARATOR = "\x1f"


# Lower bounds of the word-count buckets. TF-IDF rows are L2-normalised, so a two-word line
# weighs as much as a long message; the bucket tells the model how much text there was.
LENGTH_BUCKETS = (0, 1, 2, 3, 4, 6, 9, 13, 21)


def length_buckets(texts) -> sp.csr_matrix:
    """One-hot word-count bucket per text (columns follow :data:`LENGTH_BUCKETS`).

    >>> length_buckets(["hoi", "ben je alleen thuis"]).nonzero()[1].tolist()
    [1, 4]
    """
    batch = texts if isinstance(texts, Batch) else Batch.from_texts(texts)
    n = len(batch)
    columns = _length_columns(batch)
    return sp.csr_matrix((np.ones(n, dtype=np.float32), (np.arange(n), columns)), shape=(n, len(LENGTH_BUCKETS)))


def _length_columns(batch: Batch) -> np.ndarray:
    """Word-count bucket of each text: words are whitespace-separated, as ``str.split``."""
    counts = np.bincount(batch.doc_of[batch.words()[0]], minlength=len(batch))
    return np.searchsorted(LENGTH_BUCKETS, counts, side="right") - 1


@lru_cache(maxsize=64)
def _lexicon_pattern(lexicons: tuple[tuple[str, ...], ...]) -> tuple[re.Pattern, dict]:
    """One pattern for all lexicons (one pass per text) and a map from keyword to lexicons.
    A keyword in several lexicons counts for each."""
    owners: dict[str, list[int]] = {}
    for column, words in enumerate(lexicons):
        for word in words:
            owners.setdefault(word, []).append(column)
    return re.compile(rf"(?<!\w){alternation(owners)}"), owners


class LexiconFeatures(TransformerMixin, BaseEstimator):
    """Per category, ``log1p`` of the number of lexicon keyword hits in a normalised text.

    ``lexicons`` maps a name to keyword stems; ``None`` takes the Dutch category
    lexicons of :mod:`riskdetect.lang.nl`. The fitted ``lexicons_`` travel with the model.

    >>> lexicon = LexiconFeatures().fit(["x"])
    >>> lexicon.get_feature_names_out()[2], bool(lexicon.transform(["leen je pinpas uit"]).toarray()[0, 2] > 0)
    ('lexicon__money_mule', True)
    """

    def __init__(self, lexicons=None):
        self.lexicons = lexicons

    def fit(self, X, y=None):
        lexicons = self.lexicons
        if lexicons is None:
            lexicons = {m.LABEL: tuple(m.KEYWORDS) for m in CATEGORY_MODULES}
        self.lexicons_ = {name: tuple(words) for name, words in lexicons.items()}
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        check_is_fitted(self, "lexicons_")
        return sp.csr_matrix(self._values(Batch.from_texts(X)))

    def _values(self, batch: Batch) -> np.ndarray:
        """Dense ``(n_texts, n_lexicons)`` log1p hit counts, one regex pass over the batch."""
        pattern, owners = _lexicon_pattern(tuple(tuple(words) for words in self.lexicons_.values()))
        counts = np.zeros((len(batch), len(self.lexicons_)), dtype=np.float32)
        for match in pattern.finditer(batch.text):
            row = batch.doc_of[match.start()]
            for column in owners[match.group()]:
                counts[row, column] += 1
        return np.log1p(counts)

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "lexicons_")
        return np.asarray([f"lexicon__{name}" for name in self.lexicons_], dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags


class Occurrences:
    """The in-vocabulary word and char n-gram occurrences of a batch.

    Per occurrence: ``kinds`` ("word" or "char"), ``docs`` (which text), ``columns`` (feature
    column), ``values`` (its share of the feature value) and ``starts``/``ends`` (its span in
    that text; char n-grams may reach one padding space before or after a word).
    """

    def __init__(self, blocks):
        """``blocks``: ``(kind, docs, columns, values, starts, ends)`` tuples."""
        def joined(i, dtype):
            return np.concatenate([b[i] for b in blocks]) if blocks else np.zeros(0, dtype=dtype)
        self.kinds = np.concatenate([np.full(len(b[1]), b[0], dtype=object) for b in blocks]) if blocks else np.zeros(0, dtype=object)
        self.docs, self.columns = joined(1, np.int64), joined(2, np.int64)
        self.values, self.starts, self.ends = joined(3, np.float32), joined(4, np.int64), joined(5, np.int64)


class RiskFeaturizer(TransformerMixin, BaseEstimator):
    """TF-IDF word n-grams + TF-IDF character n-grams (within word boundaries) + lexicon
    counts + a one-hot length bucket.

    Input: normalised texts (see :func:`riskdetect.normalize.normalize_text`).
    Output: a CSR matrix, columns ``[word | char | lexicon | length]`` (see ``slices_``).
    The lexicon block is off by default (``lexicon_weight=0``): on the project corpus the
    keyword counts raised false positives and lowered test macro-F1 (0.776 with, 0.785 without).
    An n-gram's value is its idf divided by the text's norm (the root of the summed squared
    idf of its in-vocabulary n-gram occurrences), summed over its occurrences. Rows are
    returned as built, one entry per occurrence (call ``sum_duplicates`` for canonical form).

    With ``join_split_words`` a word split in two ("verd ienen", "pin pas", "iede.reen") is read as the
    known word its halves make: two adjacent tokens are joined when together they are a word
    of the vocabulary (at least 5 characters) and the pair is not a known bigram, or a far
    rarer one than the word ("met een" stays: the bigram is the common reading). The vocabulary is learned from
    the texts as given; joining happens when transforming.

    Fitted state: per block the sorted terms (``word_terms_``, one separator-joined
    string), their 64-bit hashes (``word_hashes_``) and ``word_idf_``; the same for ``char``.
    """

    def __init__(
        self,
        word_ngram_range=(1, 2),
        char_ngram_range=(3, 4),
        word_min_df=2,
        char_min_df=2,
        max_word_features=60_000,
        max_char_features=150_000,
        lexicon_weight=0.0,
        length_weight=1.0,
        join_split_words=True,
    ):
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.word_min_df = word_min_df
        self.char_min_df = char_min_df
        self.max_word_features = max_word_features
        self.max_char_features = max_char_features
        self.lexicon_weight = lexicon_weight
        self.length_weight = length_weight
        self.join_split_words = join_split_words

    def _grams(self, batch: Batch, name: str) -> Ngrams:
        if name == "word":
            return batch.word_ngrams(*self.word_ngram_range)
        return batch.char_ngrams(*self.char_ngram_range)

    def fit(self, X, y=None):
        self._fit(Batch.from_texts(X))
        return self

    def _fit(self, batch: Batch) -> None:
        n_texts = len(batch)
        for name in ("word", "char"):
            grams = self._grams(batch, name)
            hashes, df, first = _document_frequencies(grams)
            min_df = self.word_min_df if name == "word" else self.char_min_df
            limit = self.max_word_features if name == "word" else self.max_char_features
            keep = np.flatnonzero(df >= min_df)
            if limit is not None and len(keep) > limit:
                # Most frequent first; ties broken by hash so the choice is deterministic.
                keep = keep[np.lexsort((hashes[keep], -df[keep]))[:limit]]
            starts, ends = grams.starts, grams.ends
            terms = [batch.ngram_text(grams.kind, int(starts[i]), int(ends[i])) for i in first[keep]]
            if any(_TERM_SEPARATOR in term for term in terms):
                raise ValueError(f"a {name} n-gram contains the reserved separator U+001F")
            order = sorted(range(len(terms)), key=terms.__getitem__)
            keep = keep[order]
            setattr(self, f"{name}_terms_", _TERM_SEPARATOR.join(terms[i] for i in order))
            setattr(self, f"{name}_hashes_", hashes[keep])
            setattr(self, f"{name}_idf_", (np.log((1 + n_texts) / (1 + df[keep])) + 1).astype(np.float32))
        self.lexicon_ = LexiconFeatures().fit([])
        n_word, n_char = len(self.word_idf_), len(self.char_idf_)
        n_lexicon = len(self.lexicon_.lexicons_)
        self.slices_ = {
            "word": (0, n_word),
            "char": (n_word, n_word + n_char),
            "lexicon": (n_word + n_char, n_word + n_char + n_lexicon),
            "length": (n_word + n_char + n_lexicon, n_word + n_char + n_lexicon + len(LENGTH_BUCKETS)),
        }
        self.__dict__.pop("_indexes", None)
        self.n_features_in_ = 1

    def fit_transform(self, X, y=None, **fit_params):
        batch = Batch.from_texts(X)
        self._fit(batch)
        features = self._transform(batch)
        features.sum_duplicates()
        return features

    def _index(self, name: str) -> HashIndex:
        indexes = self.__dict__.get("_indexes")
        if indexes is None:
            indexes = {key: HashIndex(getattr(self, f"{key}_hashes_")) for key in ("word", "char")}
            self.__dict__["_indexes"] = indexes
        return indexes[name]

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_indexes", None)
        return state

    def occurrences(self, X) -> Occurrences:
        """In-vocabulary word and char n-gram occurrences of a batch, with their columns and
        values (the word and char entries of :meth:`transform`, one per occurrence).

        >>> featurizer = RiskFeaturizer(word_min_df=1, char_min_df=1).fit(["leen je pinpas", "je pas"])
        >>> found = featurizer.occurrences(["je pinpas"])
        >>> sorted({(int(s), int(e)) for k, s, e in zip(found.kinds, found.starts, found.ends) if k == "word"})
        [(0, 2), (0, 9), (3, 9)]
        """
        check_is_fitted(self, "slices_")
        batch = Batch.from_texts(X)
        joins = self._split_joins(batch)
        blocks = []
        skip = None if joins is None else joins.rows_mask
        for kind, docs, columns, values, starts, ends in self._occurrences(batch, spans=True, skip=skip):
            text_start = batch.offsets[docs]
            blocks.append((kind, docs, columns, values, starts - text_start, ends - text_start))
        if joins is not None:
            for kind, docs, columns, values, starts, ends in self._occurrences(joins.batch, spans=True):
                text_start = joins.batch.offsets[docs]
                rows = joins.rows[docs]
                starts, ends = joins.original_spans(docs, starts - text_start, ends - text_start)
                blocks.append((kind, rows, columns, values, starts, ends))
        return Occurrences(blocks)

    def _split_joins(self, batch: Batch) -> "_Joins | None":
        """The texts of ``batch`` with words split in two joined again (see the class
        docstring), or None when there is nothing to join."""
        if not getattr(self, "join_split_words", False):  # models saved before the option: off
            return None
        starts, ends = batch.tokens()
        if len(starts) < 2:
            return None
        gap = ends[:-1]
        left = np.flatnonzero(
            (starts[1:] == gap + 1)
            & (batch.space[gap] | np.isin(batch.codes[gap], _JOINABLE_MARKS))
            & ((ends[:-1] - starts[:-1]) + (ends[1:] - starts[1:]) >= _MIN_JOINED_LENGTH)
        )  # one space, dot or apostrophe apart, hence in the same text
        if not len(left):
            return None
        index = self._index("word")
        joined = index.lookup(batch.joined_pair_hashes(left))
        left, joined = left[joined >= 0], joined[joined >= 0]
        if not len(left):
            return None
        # A pair that is itself a known bigram joins only when the word is by far the more
        # frequent reading: "met een" stays apart, while "all een", which training-time split
        # augmentation made a rare bigram, becomes "alleen".
        bigram = index.lookup(batch.bigram_hashes(left, batch.unigram_hashes()))
        rarer = self.word_idf_[joined] + _JOIN_IDF_MARGIN < self.word_idf_[np.maximum(bigram, 0)]
        left = left[(bigram < 0) | rarer]
        if not len(left):
            return None
        chosen, previous = [], -2
        for i in left.tolist():  # left to right; a token joins at most once
            if i != previous + 1:
                chosen.append(i)
                previous = i
            else:
                previous = -2
        gaps = ends[np.asarray(chosen)]  # the space, dot or apostrophe to drop
        return _Joins.build(batch, gaps)

    def _occurrences(self, batch: Batch, spans: bool = False, skip: np.ndarray | None = None) -> list:
        """Per n-gram size, the in-vocabulary occurrences: ``(kind, docs, columns, values,
        starts, ends)``, docs ascending; spans only when asked (the explain path); none for
        the texts ``skip`` marks."""
        parts = []
        for name in ("word", "char"):
            parts.extend(self._block_occurrences(batch, name, spans, skip))
        return parts

    def _block_occurrences(self, batch: Batch, name: str, spans: bool = False, skip: np.ndarray | None = None) -> list:
        """:meth:`_occurrences` of one block, ``name`` "word" or "char"."""
        index, idf = self._index(name), getattr(self, f"{name}_idf_")
        offset, n = self.slices_[name][0], len(batch)
        mine, squares = [], np.zeros(n)
        for part in self._grams(batch, name).parts:
            columns = index.lookup(part.hashes)
            found = np.flatnonzero(columns >= 0 if skip is None else (columns >= 0) & ~skip[part.docs])
            columns = columns[found]
            docs, weights = part.docs[found], idf[columns]
            squares += np.bincount(docs, weights=np.square(weights, dtype=np.float64), minlength=n)
            where = (part.starts[found], part.ends[found]) if spans else (None, None)
            mine.append([name, docs, columns + offset, weights, *where])
        scale = _inverse_norms(squares)
        for entry in mine:
            entry[3] = entry[3] * scale[entry[1]]
        return [tuple(entry) for entry in mine]

    def transform_dot(self, X, weights) -> np.ndarray:
        """``transform(X) @ weights`` without building the matrix: the scoring fast path.

        Character n-grams stay within a whitespace-separated word, so the n-grams of each
        distinct word are looked up once per batch and their weighted sum is shared by every
        text holding the word (20,000 corpus texts hold 252,582 words, 21,929 distinct).
        Words are grouped by a 64-bit hash (:meth:`Batch.word_keys`): two different words of
        one batch that collide would share one word's n-grams, a chance of about 1e-11 for a
        batch like that, so this path does not compare the words themselves. Training,
        :meth:`transform` and explanations build the matrix and read every n-gram exactly.

        >>> featurizer = RiskFeaturizer(word_min_df=1, char_min_df=1).fit(["leen je pinpas", "je pas"])
        >>> weights = np.ones((featurizer.slices_["length"][1], 1))
        >>> texts = ["je pinpas", "hoi", "je  pin pas!"]
        >>> bool(np.allclose(featurizer.transform_dot(texts, weights), featurizer.transform(texts) @ weights))
        True
        """
        check_is_fitted(self, "slices_")
        weights = np.asarray(weights, dtype=np.float64)
        n_features = self.slices_["length"][1]
        if weights.ndim != 2 or weights.shape[0] != n_features:
            raise ValueError(f"weights must have shape ({n_features}, k), one row per feature column; got {weights.shape}")
        batch = Batch.from_texts(X)
        joins = self._split_joins(batch)
        scores = self._dot(batch, weights, skip=None if joins is None else joins.rows_mask)
        if joins is not None:  # those rows scored 0 above: their joined texts score here
            scores[joins.rows] += self._dot(joins.batch, weights)
        return scores

    def _dot(self, batch: Batch, weights: np.ndarray, skip: np.ndarray | None = None) -> np.ndarray:
        """``transform(batch) @ weights`` for the texts ``skip`` does not mark (0 for those):
        word, lexicon and length blocks through a small matrix, characters by word."""
        n = len(batch)
        rows = np.arange(n) if skip is None else np.flatnonzero(~skip)
        blocks = self._blocks(batch, skip, ngrams=("word",)) + [self._length_block(batch, rows)]
        scores = np.asarray(_csr_from_blocks(n, weights.shape[0], blocks) @ weights)
        scores += self._char_dot(batch, weights, skip)
        return scores

    def _char_dot(self, batch: Batch, weights: np.ndarray, skip: np.ndarray | None) -> np.ndarray:
        """The character block's share of ``transform(batch) @ weights``, by distinct word."""
        n, k = len(batch), weights.shape[1]
        starts, ends = batch.words()
        docs = batch.doc_of[starts]
        if skip is not None:
            keep = ~skip[docs]
            starts, ends, docs = starts[keep], ends[keep], docs[keep]
        if not len(starts):
            return np.zeros((n, k))
        which, keys = pd.factorize(batch.word_keys(starts, ends))  # hashing, no sort: several times faster than np.unique
        first = np.empty(len(keys), dtype=np.int64)
        first[which] = np.arange(len(which))  # any occurrence stands for its word
        words = [batch.text[s:e] for s, e in zip(starts[first].tolist(), ends[first].tolist())]
        # Each distinct word alone, padded with a space on each side as in the batch.
        distinct = Batch.from_texts(words)
        index, idf = self._index("char"), self.char_idf_
        char_weights = weights[self.slices_["char"][0] : self.slices_["char"][1]]
        word_sums = np.zeros((len(words), k))
        word_squares = np.zeros(len(words))
        for part in self._grams(distinct, "char").parts:
            columns = index.lookup(part.hashes)
            found = np.flatnonzero(columns >= 0)
            owner, columns = part.docs[found], columns[found]
            values = idf[columns].astype(np.float64)
            word_squares += np.bincount(owner, weights=np.square(values), minlength=len(words))
            contribution = char_weights[columns] * values[:, None]
            for j in range(k):
                word_sums[:, j] += np.bincount(owner, weights=contribution[:, j], minlength=len(words))
        squares = np.bincount(docs, weights=word_squares[which], minlength=n)
        sums = np.column_stack([np.bincount(docs, weights=word_sums[which, j], minlength=n) for j in range(k)])
        return sums * _inverse_norms(squares)[:, None]

    def transform(self, X):
        check_is_fitted(self, "slices_")
        return self._transform(Batch.from_texts(X))

    def _transform(self, batch: Batch) -> sp.csr_matrix:
        n = len(batch)
        joins = self._split_joins(batch)
        skip = None if joins is None else joins.rows_mask
        rows = np.arange(n) if skip is None else np.flatnonzero(~skip)
        blocks = self._blocks(batch, skip) + [self._length_block(batch, rows)]
        if joins is not None:  # rows of joined texts come from their own small batch
            joined = self._blocks(joins.batch) + [self._length_block(joins.batch, np.arange(len(joins.batch)))]
            blocks += [(joins.rows[rows], columns, values) for rows, columns, values in joined]
        return _csr_from_blocks(n, self.slices_["length"][1], blocks)

    def _length_block(self, batch: Batch, rows: np.ndarray) -> tuple:
        """``(rows, columns, values)`` of the length bucket of the texts ``rows``."""
        columns = _length_columns(batch)[rows] + self.slices_["length"][0]
        return rows, columns, np.full(len(rows), self.length_weight, dtype=np.float32)

    def _blocks(self, batch: Batch, skip: np.ndarray | None = None, ngrams=("word", "char")) -> list:
        """``(rows, columns, values)`` blocks of the ``ngrams`` and lexicon features, rows
        ascending, none for the texts ``skip`` marks."""
        blocks = [(p[1], p[2], p[3]) for name in ngrams for p in self._block_occurrences(batch, name, skip=skip)]
        if self.lexicon_weight:
            lexicon = self.lexicon_._values(batch) * np.float32(self.lexicon_weight)
            if skip is not None:
                lexicon[skip] = 0
            rows, columns = np.nonzero(lexicon)
            blocks.append((rows, columns + self.slices_["lexicon"][0], lexicon[rows, columns]))
        return blocks

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "slices_")
        def terms(name):
            joined = getattr(self, f"{name}_terms_")
            return [f"{name}__{t}" for t in joined.split(_TERM_SEPARATOR)] if joined else []
        return np.concatenate(
            [
                np.asarray(terms("word"), dtype=object),
                np.asarray(terms("char"), dtype=object),
                self.lexicon_.get_feature_names_out(),
                np.asarray([f"length__{low}+" for low in LENGTH_BUCKETS], dtype=object),
            ]
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags


_MIN_JOINED_LENGTH = 5
# A known bigram joins into a word only when the word's idf is lower by more than this: the
# word is in more than e**3 (about 20) times as many training texts (counts plus one). Chosen on validation among 0-4: at 0, 3.7% of clean
# texts had a pair joined ("kaart en" into "kaarten"); at 3, 1.2%, with the same recall on
# split words and a slightly better clean macro-F1.
_JOIN_IDF_MARGIN = 3.0
# Besides a space, a word is split by a stray dot or apostrophe ("iede.reen", "nie'mand"):
# the normaliser keeps those, as "ok.ik" and "zo'n" need them.
_JOINABLE_MARKS = np.array([ord("."), ord("'")], dtype=np.uint64)


class _Joins:
    """Texts of a batch with the character between some word pairs dropped: ``rows``
    (ascending) are the texts changed, ``batch`` holds their new versions; the dropped
    characters' positions are kept for mapping spans back (:meth:`original_spans`)."""

    def __init__(self, rows: np.ndarray, n_rows: int, batch: Batch, gap_docs: np.ndarray, gaps: np.ndarray):
        self.rows = rows
        self.rows_mask = np.zeros(n_rows, dtype=bool)
        self.rows_mask[rows] = True
        self.batch = batch
        self._gap_docs = gap_docs
        # A dropped character's position in the joined text (the k-th drop of a text
        # moves everything after it k + 1 places).
        rank = np.arange(len(gaps)) - np.searchsorted(gap_docs, gap_docs)
        self._joined_gaps = gaps - rank

    @classmethod
    def build(cls, batch: Batch, gaps: np.ndarray) -> "_Joins":
        docs = batch.doc_of[gaps]
        local = gaps - batch.offsets[docs]
        rows, first = np.unique(docs, return_index=True)
        bounds = np.append(first, len(gaps)).tolist()
        texts = []
        for k, row in enumerate(rows.tolist()):
            start = int(batch.offsets[row])
            text = batch.text[start : start + int(batch.lengths[row])]
            pieces, last = [], 0
            for gap in local[bounds[k] : bounds[k + 1]].tolist():
                pieces.append(text[last:gap])
                last = gap + 1
            pieces.append(text[last:])
            texts.append("".join(pieces))
        gap_docs = np.searchsorted(rows, docs)  # position of each gap's text among ``rows``
        return cls(rows, len(batch), Batch.from_texts(texts), gap_docs, local)

    def original_spans(self, docs: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Map spans of the joined texts (``docs`` index :attr:`batch`) back to the texts
        as given; a span over a join covers the dropped character too."""
        keys = self._gap_docs * _SPAN_STRIDE + self._joined_gaps
        def moved(positions):
            here = docs * _SPAN_STRIDE
            return np.searchsorted(keys, here + positions, side="right") - np.searchsorted(keys, here, side="left")
        return starts + moved(starts), ends - 1 + moved(ends - 1) + 1


_SPAN_STRIDE = 1 << 40


def _document_frequencies(grams: Ngrams) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct hashes, in how many texts each occurs, and the index of its first occurrence."""
    hashes, docs = grams.hashes, grams.docs  # flat views: concatenated once here
    if not len(hashes):
        empty = np.zeros(0, dtype=np.int64)
        return hashes, empty, empty
    order = np.lexsort((docs, hashes))
    hashes, docs = hashes[order], docs[order]
    new_hash = np.concatenate([[True], hashes[1:] != hashes[:-1]])
    new_pair = new_hash | np.concatenate([[True], docs[1:] != docs[:-1]])
    hash_of_pair = np.cumsum(new_hash)[new_pair] - 1
    df = np.bincount(hash_of_pair, minlength=int(new_hash.sum()))
    return hashes[new_hash], df, order[new_hash]


def _inverse_norms(squares: np.ndarray) -> np.ndarray:
    """``1 / sqrt(squares)`` as float32; 1 for a text without in-vocabulary n-grams."""
    return (1.0 / np.sqrt(np.where(squares > 0, squares, 1.0))).astype(np.float32)


def _csr_from_blocks(n_rows: int, n_columns: int, blocks) -> sp.csr_matrix:
    """A CSR matrix from blocks of ``(rows, columns, values)``, each with ascending rows,
    without sorting: entries of a row go block after block, in block order."""
    per_block = [np.bincount(rows, minlength=n_rows) for rows, _, _ in blocks]
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(sum(per_block, np.zeros(n_rows, dtype=np.int64)), out=indptr[1:])
    indices = np.empty(indptr[-1], dtype=np.int32)
    data = np.empty(indptr[-1], dtype=np.float32)
    cursor = indptr[:-1].copy()
    for (rows, columns, values), counts in zip(blocks, per_block):
        first_in_block = np.cumsum(counts) - counts
        positions = cursor[rows] + np.arange(len(rows)) - first_in_block[rows]
        indices[positions] = columns
        data[positions] = values
        cursor += counts
    return sp.csr_matrix((data, indices, indptr), shape=(n_rows, n_columns))
