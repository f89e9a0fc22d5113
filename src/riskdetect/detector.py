"""Detector: the facade a moderation tool uses (load, check, score).

>>> detector = Detector.load()
>>> detector.check("leen je pinpas ff uit voor 200 euro, niemand merkt het").categories["money_mule"]
True
>>> detector.check("mam mag ik je pinpas lenen voor de boodschappen?").flagged
False
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pandas as pd

from .cues import CueMatcher
from .explain import cue_spans, ngram_spans
from .inputs import InvalidInputError, as_texts, find_bad_rows, raise_for_bad_rows
from .normalize import normalize, normalize_texts
from .persist import load_model
from .result import Result, Span

__all__ = ["Detector", "DEFAULT_MODEL_NAME", "default_model_path"]

DEFAULT_MODEL_NAME = "riskdetect-nl"
_CUE_CHUNK = 100_000


def default_model_path() -> Path:
    """The shipped model: inside the installed package, or ``models/`` of a source checkout."""
    packaged = Path(__file__).resolve().parent / "models" / DEFAULT_MODEL_NAME
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "models" / DEFAULT_MODEL_NAME
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"the default model {DEFAULT_MODEL_NAME!r} is not installed; reinstall riskdetect "
        "or pass a model directory: Detector.load('models/NAME')"
    )


class Detector:
    """Scores Dutch chat messages for the model's risk labels and explains its flags."""

    def __init__(self, pipeline, metadata: dict):
        self.pipeline = pipeline
        self.metadata = metadata
        self._featurizer = pipeline.named_steps["features"]
        self._classifier = pipeline.named_steps["classifier"]
        # The fast path's weights, read once: a Detector wraps a fitted pipeline and never refits it.
        self._weights = np.ascontiguousarray(self._classifier.coef_.T, dtype=np.float64)
        self.labels: tuple[str, ...] = tuple(metadata["labels"])
        if len(self.labels) != len(self._classifier.thresholds_):
            raise ValueError("metadata labels do not match the classifier's outputs")
        self.model_version: str = metadata.get("model_version", "unknown")
        from .conversation import ConversationScorer

        self.conversation_scorer = ConversationScorer(**metadata.get("conversation_scorer", {}))
        self._cues = CueMatcher()
        self._cue_lock = threading.Lock()

    def __getstate__(self):
        # For process pools and Dask workers: locks and the lazily built spaCy matcher stay behind.
        return {"pipeline": self.pipeline, "metadata": self.metadata}

    def __setstate__(self, state):
        self.__init__(state["pipeline"], state["metadata"])

    @classmethod
    def load(cls, path=None) -> "Detector":
        """Load a model directory; ``None`` loads the shipped default model."""
        pipeline, metadata = load_model(default_model_path() if path is None else Path(path))
        return cls(pipeline, metadata)

    @property
    def thresholds(self) -> dict[str, float]:
        return dict(zip(self.labels, (float(t) for t in self._classifier.thresholds_)))

    @property
    def operating_points(self) -> dict[str, dict[str, float]]:
        """Named threshold sets saved with the model: ``default`` (the thresholds used when
        none are given: best F1 on validation, or ``--target-precision``) and
        ``precision_0.90``-style and ``f1_within_0.5se``-style points that trade recall for
        fewer false flags (the model card lists what each gives on the test split). Pass a
        name as ``thresholds``.

        >>> "default" in Detector.load().operating_points
        True
        """
        saved = self.metadata.get("operating_points") or {}
        return {"default": self.thresholds, **{name: dict(limits) for name, limits in saved.items() if name != "default"}}

    def _thresholds(self, thresholds) -> np.ndarray:
        """Per-call thresholds: a float for every label, a dict for some labels, or the name
        of an operating point."""
        limits = np.asarray(self._classifier.thresholds_, dtype=np.float64).copy()
        if thresholds is None:
            return limits
        if isinstance(thresholds, str):
            points = self.operating_points
            if thresholds not in points:
                raise ValueError(f"thresholds: unknown operating point {thresholds!r}; this model has {sorted(points)}")
            thresholds = points[thresholds]
        if isinstance(thresholds, (int, float)):
            limits[:] = float(thresholds)
        elif isinstance(thresholds, dict):
            for label, value in thresholds.items():
                if label not in self.labels:
                    raise ValueError(f"thresholds: unknown label {label!r}; known labels: {list(self.labels)}")
                limits[self.labels.index(label)] = float(value)
        else:
            raise TypeError("thresholds must be a float, a dict {label: float} or an operating point name")
        if np.any((limits < 0) | (limits > 1)):
            raise ValueError("thresholds must lie in [0, 1]")
        return limits

    # -- scoring ---------------------------------------------------------------------------
    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Calibrated probabilities ``(n, n_labels)`` for a list of valid strings."""
        if not texts:
            return np.zeros((0, len(self.labels)))
        products = self._featurizer.transform_dot(normalize_texts(texts), self._weights)
        return self._classifier.predict_proba_from_products(products)

    def score(self, texts, thresholds=None, errors: str = "raise", column: str = "text") -> pd.DataFrame:
        """Score a batch: a DataFrame with ``<label>_score``, ``<label>_flag`` and ``flagged``.

        The index is the input's (a Series' index, or 0..n-1). With ``errors="skip"``
        bad rows get NaN scores, no flags and a reason in an ``error`` column.
        """
        values, index = as_texts(texts, column)
        bad = find_bad_rows(values, index)
        raise_for_bad_rows(bad, errors)
        limits = self._thresholds(thresholds)
        bad_positions = {row.position for row in bad}
        good = [i for i in range(len(values)) if i not in bad_positions]
        probabilities = np.full((len(values), len(self.labels)), np.nan)
        if good:
            probabilities[good] = self.predict_proba([values[i] for i in good])
        flags = probabilities >= limits
        original_index = getattr(texts, "index", None)
        frame = pd.DataFrame(index=original_index if isinstance(original_index, pd.Index) else pd.Index(index))
        for column_index, label in enumerate(self.labels):
            frame[f"{label}_score"] = probabilities[:, column_index]
        for column_index, label in enumerate(self.labels):
            frame[f"{label}_flag"] = flags[:, column_index]
        frame["flagged"] = flags.any(axis=1)
        if errors == "skip":
            reasons = [None] * len(values)
            for row in bad:
                reasons[row.position] = row.reason
            frame["error"] = reasons
        return frame

    def check(self, text: str, thresholds=None, explain: bool = True) -> Result:
        """Score one message and return a :class:`Result` with evidence for every flag."""
        if not isinstance(text, str):
            raise InvalidInputError(f"text: expected str, got {type(text).__name__}")
        return self.check_many([text], thresholds=thresholds, explain=explain)[0]

    def check_many(self, texts, thresholds=None, explain: bool = True, errors: str = "raise") -> list:
        """One :class:`Result` per text. With ``errors="skip"`` a bad row gives ``None``."""
        values, index = as_texts(texts)
        bad = find_bad_rows(values, index)
        raise_for_bad_rows(bad, errors)
        bad_positions = {row.position for row in bad}
        limits = self._thresholds(thresholds)
        good = [i for i in range(len(values)) if i not in bad_positions]
        good_texts = [values[i] for i in good]
        results: list = [None] * len(values)
        if not good_texts:
            return results
        probabilities = self.predict_proba(good_texts)
        flags = probabilities >= limits
        to_explain = [k for k in range(len(good)) if explain and flags[k].any()]
        evidence = dict(zip(to_explain, self._evidence(good_texts, flags, to_explain)))
        for k, position in enumerate(good):
            results[position] = Result(
                flagged=bool(flags[k].any()),
                categories={label: bool(flags[k, j]) for j, label in enumerate(self.labels)},
                category_scores={label: float(probabilities[k, j]) for j, label in enumerate(self.labels)},
                evidence=evidence.get(k, []),
                model_version=self.model_version,
            )
        return results

    # -- conversations ---------------------------------------------------------------------
    def scan_conversation(self, messages, thresholds=None):
        """Per-message scores, rolling risk, the alert point and stage cues for a chat.

        ``messages``: strings or ``{"from", "text", "ts"}`` dicts, oldest first.
        """
        from .conversation import scan_conversation

        return scan_conversation(self, messages, thresholds=thresholds)

    def monitor(self, thresholds=None):
        """A :class:`~riskdetect.conversation.ConversationMonitor` for one live conversation."""
        from .conversation import ConversationMonitor

        return ConversationMonitor(self, thresholds=thresholds)

    # -- evidence --------------------------------------------------------------------------
    def _evidence(self, texts, flags, rows) -> list[list[Span]]:
        out = []
        for k in rows:
            normalized = normalize(texts[k])
            flagged = [label for j, label in enumerate(self.labels) if flags[k, j]]
            spans = cue_spans(normalized, self.cues(normalized.text), flagged)
            for j, label in enumerate(self.labels):
                if flags[k, j]:
                    spans.extend(ngram_spans(normalized, self._featurizer, self._classifier.coef_[j], label))
            spans.sort(key=lambda span: (span.start, span.end, span.label))
            out.append(spans)
        return out

    def cues(self, normalized_text: str):
        """Cue matches in a normalised text (long texts in chunks, offsets kept)."""
        with self._cue_lock:
            if len(normalized_text) <= _CUE_CHUNK:
                return self._cues.match(normalized_text)
            found = []
            start = 0
            while start < len(normalized_text):
                stop = min(len(normalized_text), start + _CUE_CHUNK)
                space = normalized_text.rfind(" ", start, stop) if stop < len(normalized_text) else -1
                if space > start:
                    stop = space
                for cue in self._cues.match(normalized_text[start:stop]):
                    found.append(type(cue)(cue.label, cue.stage, cue.start + start, cue.end + start, cue.text))
                start = stop
            return found
