"""Peers the benchmark trains on the same training split: keyword lexicon, TF-IDF + LR, fastText.

Every peer has ``fit(texts, Y, labels)`` and ``predict_proba(texts) -> (n, n_labels)``.
"""

from __future__ import annotations

import os
import tempfile

import numpy as np

__all__ = ["KeywordPeer", "TfidfLogisticPeer", "FastTextPeer", "available_peers"]


class KeywordPeer:
    """Flags a label when its Dutch keyword lexicon matches (score = 1 - exp(-hits))."""

    name = "keyword lexicon"

    def fit(self, texts, Y, labels):
        from ..features import LexiconFeatures
        from ..normalize import normalize_text

        self._normalize = normalize_text
        self.lexicon = LexiconFeatures().fit([])
        self.columns = [list(self.lexicon.lexicons_).index(l) if l in self.lexicon.lexicons_ else None for l in labels]
        return self

    def predict_proba(self, texts):
        hits = np.expm1(self.lexicon.transform([self._normalize(t) for t in texts]).toarray())
        out = np.zeros((len(texts), len(self.columns)))
        for j, column in enumerate(self.columns):
            if column is not None:
                out[:, j] = 1.0 - np.exp(-hits[:, column])
        return out


class TfidfLogisticPeer:
    """Plain scikit-learn: TF-IDF word 1-2 grams on raw lower-cased text + one LR per label."""

    name = "TF-IDF + LogisticRegression"

    def fit(self, texts, Y, labels):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        X = self.vectorizer.fit_transform(texts)
        self.models = []
        for j in range(Y.shape[1]):
            model = LogisticRegression(C=4.0, solver="liblinear", max_iter=2000) if Y[:, j].any() and not Y[:, j].all() else None
            self.models.append(model.fit(X, Y[:, j]) if model is not None else None)
        return self

    def predict_proba(self, texts):
        X = self.vectorizer.transform(texts)
        return np.column_stack([m.predict_proba(X)[:, 1] if m is not None else np.zeros(X.shape[0]) for m in self.models])


class FastTextPeer:
    """fastText supervised (``fasttext-numpy2``): subword n-grams 2-5, one-vs-all loss."""

    name = "fastText"

    def __init__(self, epoch: int = 25, dim: int = 50, seed: int = 0):
        self.epoch = epoch
        self.dim = dim
        self.seed = seed

    @staticmethod
    def _clean(text: str) -> str:
        return " ".join(text.replace("__label__", "label").split()).lower()

    def fit(self, texts, Y, labels):
        import fasttext

        self.labels = list(labels)
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
            for text, row in zip(texts, Y):
                tags = [f"__label__{l}" for l, on in zip(labels, row) if on] or ["__label__benign"]
                handle.write(" ".join(tags) + " " + self._clean(text) + "\n")
            path = handle.name
        try:
            self.model = fasttext.train_supervised(
                input=path, loss="ova", minn=2, maxn=5, wordNgrams=2, epoch=self.epoch, dim=self.dim,
                lr=0.5, thread=1, seed=self.seed, verbose=0,
            )
        finally:
            os.unlink(path)
        return self

    def predict_proba(self, texts):
        predicted_labels, probabilities = self.model.predict([self._clean(t) for t in texts], k=-1, threshold=0.0)
        out = np.zeros((len(texts), len(self.labels)))
        index = {f"__label__{l}": j for j, l in enumerate(self.labels)}
        for i, (names, values) in enumerate(zip(predicted_labels, probabilities)):
            for name, value in zip(names, values):
                j = index.get(name)
                if j is not None:
                    out[i, j] = value
        return np.clip(out, 0.0, 1.0)


def available_peers(quick: bool = False) -> list:
    peers = [KeywordPeer(), TfidfLogisticPeer()]
    try:
        import fasttext  # noqa: F401
    except ImportError:
        return peers
    return peers + [FastTextPeer(epoch=10 if quick else 25)]
