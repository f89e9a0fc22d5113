"""Features from normalised text: word n-grams, character n-grams and lexicon cues.

>>> texts = ["leen je pinpas uit", "mag ik je pinpas lenen", "ik maak je af in fortnite"]
>>> X = RiskFeaturizer(word_min_df=1, char_min_df=1).fit_transform(texts)
>>> X.shape[0]
3
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from .lang.nl import CATEGORY_MODULES

__all__ = ["RiskFeaturizer", "LexiconFeatures", "WORD_TOKEN_PATTERN", "LENGTH_BUCKETS", "length_buckets"]

WORD_TOKEN_PATTERN = r"(?u)\b\w+\b"
_TERM_SEPARATOR = "\x1f"


# Lower bounds of the word-count buckets. TF-IDF rows are L2-normalised, so a two-word line
# weighs as much as a long message; the bucket tells the model how much text there was.
LENGTH_BUCKETS = (0, 1, 2, 3, 4, 6, 9, 13, 21)


def length_buckets(texts) -> sp.csr_matrix:
    """One-hot word-count bucket per text (columns follow :data:`LENGTH_BUCKETS`)."""
    counts = np.fromiter((len(text.split()) for text in texts), dtype=np.int64, count=len(texts))
    columns = np.searchsorted(LENGTH_BUCKETS, counts, side="right") - 1
    rows = np.arange(len(texts))
    return sp.csr_matrix((np.ones(len(texts), dtype=np.float32), (rows, columns)), shape=(len(texts), len(LENGTH_BUCKETS)))


@lru_cache(maxsize=64)
def _lexicon_pattern(lexicons: tuple[tuple[str, ...], ...]) -> tuple[re.Pattern, dict]:
    """One pattern for all lexicons (one pass per text) and a map from keyword to lexicons.
    A keyword in several lexicons counts for each."""
    owners: dict[str, list[int]] = {}
    for column, words in enumerate(lexicons):
        for word in words:
            owners.setdefault(word, []).append(column)
    alternatives = "|".join(re.escape(k) for k in sorted(owners, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})"), owners


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
        texts = list(X)
        pattern, owners = _lexicon_pattern(tuple(tuple(words) for words in self.lexicons_.values()))
        counts = np.zeros((len(texts), len(self.lexicons_)), dtype=np.float32)
        for row, text in enumerate(texts):
            for keyword in pattern.findall(text):
                for column in owners[keyword]:
                    counts[row, column] += 1
        return sp.csr_matrix(np.log1p(counts))

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "lexicons_")
        return np.asarray([f"lexicon__{name}" for name in self.lexicons_], dtype=object)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags


class RiskFeaturizer(TransformerMixin, BaseEstimator):
    """TF-IDF word n-grams + TF-IDF character n-grams (within word boundaries) + lexicon
    counts + a one-hot length bucket.

    Input: normalised texts (see :func:`riskdetect.normalize.normalize_text`).
    Output: a CSR matrix, columns ``[word | char | lexicon | length]`` (see ``slices_``).
    """

    def __init__(
        self,
        word_ngram_range=(1, 2),
        char_ngram_range=(2, 4),
        word_min_df=2,
        char_min_df=2,
        max_word_features=60_000,
        max_char_features=150_000,
        lexicon_weight=1.0,
        length_weight=1.0,
    ):
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.word_min_df = word_min_df
        self.char_min_df = char_min_df
        self.max_word_features = max_word_features
        self.max_char_features = max_char_features
        self.lexicon_weight = lexicon_weight
        self.length_weight = length_weight

    def _vectorizer(self, analyzer: str) -> TfidfVectorizer:
        word = analyzer == "word"
        return TfidfVectorizer(
            analyzer=analyzer,
            token_pattern=WORD_TOKEN_PATTERN if word else None,
            ngram_range=tuple(self.word_ngram_range if word else self.char_ngram_range),
            min_df=self.word_min_df if word else self.char_min_df,
            max_features=self.max_word_features if word else self.max_char_features,
            lowercase=False,
            sublinear_tf=True,
            dtype=np.float32,
        )

    def fit(self, X, y=None):
        texts = list(X)
        # Fitted state is compact: each vocabulary as one separator-joined string plus its
        # idf array, so a model file stays small and loads fast (a dict of 200k entries is
        # neither in skops). The vectorizers are rebuilt from it on first use.
        for name, analyzer in (("word", "word"), ("char", "char_wb")):
            vectorizer = self._vectorizer(analyzer).fit(texts)
            terms = vectorizer.get_feature_names_out().tolist()
            if any(_TERM_SEPARATOR in term for term in terms):
                raise ValueError(f"a {name} n-gram contains the reserved separator U+001F")
            setattr(self, f"{name}_terms_", _TERM_SEPARATOR.join(terms))
            setattr(self, f"{name}_idf_", vectorizer.idf_.astype(np.float32))
        self.lexicon_ = LexiconFeatures().fit(texts)
        n_word = len(self.word_idf_)
        n_char = len(self.char_idf_)
        n_lexicon = len(self.lexicon_.lexicons_)
        self.slices_ = {
            "word": (0, n_word),
            "char": (n_word, n_word + n_char),
            "lexicon": (n_word + n_char, n_word + n_char + n_lexicon),
            "length": (n_word + n_char + n_lexicon, n_word + n_char + n_lexicon + len(LENGTH_BUCKETS)),
        }
        self.__dict__.pop("_fitted_vectorizers", None)
        self.n_features_in_ = 1
        return self

    def _rebuild(self, name: str, analyzer: str) -> TfidfVectorizer:
        terms = getattr(self, f"{name}_terms_")
        vectorizer = self._vectorizer(analyzer)
        vectorizer.vocabulary = {term: i for i, term in enumerate(terms.split(_TERM_SEPARATOR))} if terms else {"\x00": 0}
        vectorizer._validate_vocabulary()
        vectorizer.idf_ = getattr(self, f"{name}_idf_").astype(np.float64) if terms else np.ones(1)
        return vectorizer

    def _vectorizers(self) -> dict:
        check_is_fitted(self, "slices_")
        cache = self.__dict__.get("_fitted_vectorizers")
        if cache is None:
            cache = {"word": self._rebuild("word", "word"), "char": self._rebuild("char", "char_wb")}
            self.__dict__["_fitted_vectorizers"] = cache
        return cache

    @property
    def word_(self) -> TfidfVectorizer:
        """The fitted word TF-IDF vectorizer (rebuilt from ``word_terms_``)."""
        return self._vectorizers()["word"]

    @property
    def char_(self) -> TfidfVectorizer:
        """The fitted character TF-IDF vectorizer (rebuilt from ``char_terms_``)."""
        return self._vectorizers()["char"]

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_fitted_vectorizers", None)
        return state

    def transform(self, X):
        check_is_fitted(self, "slices_")
        texts = X if isinstance(X, list) else list(X)
        vectorizers = self._vectorizers()
        blocks = [vectorizers["word"].transform(texts), vectorizers["char"].transform(texts)]
        lexicon = self.lexicon_.transform(texts)
        if self.lexicon_weight != 1.0:
            lexicon = lexicon * self.lexicon_weight
        blocks.append(lexicon)
        blocks.append(length_buckets(texts) * self.length_weight)
        return sp.hstack(blocks, format="csr", dtype=np.float32)

    def get_feature_names_out(self, input_features=None):
        check_is_fitted(self, "slices_")
        return np.concatenate(
            [
                np.asarray([f"word__{n}" for n in self.word_.get_feature_names_out()], dtype=object),
                np.asarray([f"char__{n}" for n in self.char_.get_feature_names_out()], dtype=object),
                self.lexicon_.get_feature_names_out(),
                np.asarray([f"length__{low}+" for low in LENGTH_BUCKETS], dtype=object),
            ]
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags
