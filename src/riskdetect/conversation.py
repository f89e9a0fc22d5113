"""Conversation-level early warning: rolling risk per label, the alert point and stage cues.

One scorer, two forms: :func:`scan_conversation` over a whole chat and
:class:`ConversationMonitor` fed one message at a time. Both run the same
:class:`ConversationScorer` step, so the same messages give the same alerts.

>>> from riskdetect import Detector
>>> detector = Detector.load()
>>> chat = ["hoi, leuk spel", "thx", "wil je samen squads doen?", "ja goed",
...         "je bent zo volwassen, zeg niks tegen je ouders en stuur een selfie op snap"]
>>> scan = detector.scan_conversation(chat)
>>> scan.alert_index, scan.alert_labels
(4, ['grooming'])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .inputs import InvalidInputError
from .result import Result, Span

__all__ = [
    "ConversationScorer", "ConversationScan", "ConversationMonitor", "scan_conversation",
    "parse_messages", "evaluate_conversations", "tune_scorer",
]


@dataclass(frozen=True)
class ConversationScorer:
    """Rolling risk per label over the last ``window`` messages.

    Per speaker in the window ("who pushes": a victim's replies do not add to the
    offender's risk; with ``by_speaker=False`` or unknown speakers all messages pool):
    risk = 1 - (1 - p1) * (1 - support * p2), with p1 >= p2 that speaker's two highest
    message probabilities, plus ``cue_weight`` for every distinct stage cue of the label
    beyond the first in that speaker's window (flattery + secrecy + image request ...).
    An alert fires at the first message whose risk reaches the label's message threshold
    plus ``margin`` (capped at 0.99). The training pipeline fits ``support``, ``margin``,
    ``cue_weight`` and ``by_speaker`` on the validation conversations (:func:`tune_scorer`)
    and stores them in the model's metadata.
    """

    window: int = 6
    support: float = 0.5
    margin: float = 0.0
    cue_weight: float = 0.0
    by_speaker: bool = True

    def alert_thresholds(self, message_thresholds: np.ndarray) -> np.ndarray:
        return np.minimum(0.99, np.asarray(message_thresholds, dtype=np.float64) + self.margin)

    def to_dict(self) -> dict:
        return {
            "window": self.window, "support": self.support, "margin": self.margin,
            "cue_weight": self.cue_weight, "by_speaker": self.by_speaker,
        }

    def risk(self, recent: np.ndarray, speakers=None, cues=None) -> np.ndarray:
        """Risk per label from the window's message probabilities (n_recent x n_labels),
        their speakers and their cue sets (``{(label_index, stage), ...}`` per message)."""
        n = len(recent)
        if self.by_speaker and speakers is not None and any(s is not None for s in speakers):
            groups: dict = {}
            for i, speaker in enumerate(speakers):
                groups.setdefault(speaker, []).append(i)
            members = list(groups.values())
        else:
            members = [list(range(n))]
        best = np.zeros(recent.shape[1])
        for rows in members:
            block = recent[rows]
            if len(rows) == 1:
                risk = block[0].copy()
            else:
                ordered = -np.sort(-block, axis=0)
                risk = 1.0 - (1.0 - ordered[0]) * (1.0 - self.support * ordered[1])
            if self.cue_weight and cues is not None:
                counts = np.zeros(recent.shape[1])
                for label_index, _stage in set().union(*(cues[i] for i in rows)):
                    counts[label_index] += 1
                risk = np.minimum(1.0, risk + self.cue_weight * np.maximum(0.0, counts - 1))
            best = np.maximum(best, risk)
        return best


@dataclass
class ConversationScan:
    """What :func:`scan_conversation` returns."""

    labels: tuple[str, ...]
    message_scores: list[dict[str, float]]
    rolling_risk: list[dict[str, float]]
    alert_index: int | None
    alert_labels: list[str]
    stage_cues: list[list[Span]]
    result: Result
    speakers: list[str | None] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "alert_index": self.alert_index,
            "alert_labels": list(self.alert_labels),
            "message_scores": [{k: round(v, 6) for k, v in s.items()} for s in self.message_scores],
            "rolling_risk": [{k: round(v, 6) for k, v in s.items()} for s in self.rolling_risk],
            "stage_cues": [[span.to_dict() for span in spans] for spans in self.stage_cues],
            "result": self.result.to_dict(),
        }


def parse_messages(messages) -> tuple[list[str], list[str | None]]:
    """Texts and speakers from strings or ``{"from", "text", "ts"}`` dicts; bad items name their index."""
    if isinstance(messages, (str, bytes)):
        raise InvalidInputError("messages must be a list of strings or {'from', 'text'} dicts, not one string")
    texts, speakers = [], []
    for index, message in enumerate(messages):
        if isinstance(message, str):
            texts.append(message)
            speakers.append(None)
        elif isinstance(message, dict) and isinstance(message.get("text"), str):
            texts.append(message["text"])
            speaker = message.get("from")
            speakers.append(None if speaker is None else str(speaker))
        else:
            raise InvalidInputError(
                f"message {index}: expected a string or a dict with a 'text' string, got {type(message).__name__}"
            )
    return texts, speakers


class _State:
    """Incremental scorer state shared by the batch and streaming forms."""

    def __init__(self, scorer: ConversationScorer, thresholds: np.ndarray, n_labels: int):
        self.scorer = scorer
        self.thresholds = scorer.alert_thresholds(thresholds)
        self.recent = np.zeros((0, n_labels))
        self.speakers: list = []
        self.cues: list = []
        self.index = -1
        self.alert_index: int | None = None
        self.alert_mask = np.zeros(n_labels, dtype=bool)
        self.peak = np.zeros(n_labels)

    def step(self, probabilities: np.ndarray, speaker=None, cues=frozenset()) -> np.ndarray:
        self.index += 1
        window = self.scorer.window
        self.recent = np.vstack([self.recent, probabilities])[-window:]
        self.speakers = (self.speakers + [speaker])[-window:]
        self.cues = (self.cues + [cues])[-window:]
        risk = self.scorer.risk(self.recent, self.speakers, self.cues)
        self.peak = np.maximum(self.peak, risk)
        reached = risk >= self.thresholds
        if self.alert_index is None and reached.any():
            self.alert_index = self.index
        if self.alert_index is not None:
            self.alert_mask |= reached
        return risk


def _cue_set(spans, labels) -> frozenset:
    return frozenset((labels.index(s.label), s.cue) for s in spans if s.label in labels)


def _stage_cues(detector, texts) -> list[list[Span]]:
    from .explain import cue_spans
    from .normalize import normalize

    out = []
    for text in texts:
        normalized = normalize(text)
        cues = detector.cues(normalized.text)
        out.append(cue_spans(normalized, cues, {cue.label for cue in cues}))
    return out


def scan_conversation(detector, messages, thresholds=None, scorer: ConversationScorer | None = None) -> ConversationScan:
    """Score every message, roll the risk forward, and find the first alert."""
    texts, speakers = parse_messages(messages)
    scorer = scorer or detector.conversation_scorer
    limits = detector._thresholds(thresholds)
    probabilities = detector.predict_proba(texts) if texts else np.zeros((0, len(detector.labels)))
    stage_cues = _stage_cues(detector, texts)
    state = _State(scorer, limits, len(detector.labels))
    labels = list(detector.labels)
    rolling = [
        state.step(p, speaker, _cue_set(spans, labels)) for p, speaker, spans in zip(probabilities, speakers, stage_cues)
    ]
    return _finish(detector, texts, speakers, probabilities, rolling, state, stage_cues)


def _finish(detector, texts, speakers, probabilities, rolling, state, stage_cues) -> ConversationScan:
    labels = detector.labels
    alert_labels = [label for j, label in enumerate(labels) if state.alert_mask[j]]
    evidence = []
    if alert_labels:
        for k, spans in enumerate(stage_cues):
            evidence.extend(
                Span(s.label, s.start, s.end, s.text, s.cue, s.source, s.weight, message=k) for s in spans if s.label in alert_labels
            )
    result = Result(
        flagged=bool(alert_labels),
        categories={label: label in alert_labels for label in labels},
        category_scores={label: float(state.peak[j]) for j, label in enumerate(labels)},
        evidence=evidence,
        model_version=detector.model_version,
    )
    return ConversationScan(
        labels=labels,
        message_scores=[dict(zip(labels, map(float, p))) for p in probabilities],
        rolling_risk=[dict(zip(labels, map(float, r))) for r in rolling],
        alert_index=state.alert_index,
        alert_labels=alert_labels,
        stage_cues=stage_cues,
        result=result,
        speakers=speakers,
    )


class ConversationMonitor:
    """Streaming form for a live moderation tool: ``add(message)`` per incoming message.

    >>> from riskdetect import Detector
    >>> monitor = ConversationMonitor(Detector.load())
    >>> monitor.add("hoi").alert
    False
    """

    @dataclass(frozen=True)
    class Update:
        index: int
        scores: dict[str, float]
        risk: dict[str, float]
        alert: bool  # True only at the message where the conversation first alerts
        alert_labels: list[str]

    def __init__(self, detector, thresholds=None, scorer: ConversationScorer | None = None):
        self.detector = detector
        self._state = _State(scorer or detector.conversation_scorer, detector._thresholds(thresholds), len(detector.labels))
        self._texts: list[str] = []
        self._speakers: list[str | None] = []
        self._probabilities: list[np.ndarray] = []
        self._rolling: list[np.ndarray] = []
        self._stage_cues: list[list[Span]] = []

    def add(self, message) -> "ConversationMonitor.Update":
        texts, speakers = parse_messages([message])
        probabilities = self.detector.predict_proba(texts)[0]
        spans = _stage_cues(self.detector, texts)[0]
        before = self._state.alert_index
        risk = self._state.step(probabilities, speakers[0], _cue_set(spans, list(self.detector.labels)))
        self._texts += texts
        self._speakers += speakers
        self._stage_cues.append(spans)
        self._probabilities.append(probabilities)
        self._rolling.append(risk)
        labels = self.detector.labels
        return self.Update(
            index=self._state.index,
            scores=dict(zip(labels, map(float, probabilities))),
            risk=dict(zip(labels, map(float, risk))),
            alert=before is None and self._state.alert_index is not None,
            alert_labels=[label for j, label in enumerate(labels) if self._state.alert_mask[j]],
        )

    @property
    def alert_index(self) -> int | None:
        return self._state.alert_index

    def scan(self) -> ConversationScan:
        """The conversation so far, in the same shape as :func:`scan_conversation`."""
        probabilities = np.array(self._probabilities).reshape(-1, len(self.detector.labels))
        return _finish(
            self.detector, self._texts, self._speakers, probabilities, self._rolling, self._state, self._stage_cues
        )


def evaluate_conversations(detector, records, scorer: ConversationScorer | None = None) -> dict:
    """The conversation part of the evaluation contract (plus F_latency)."""
    detected, delays, false_alarms, benign, risky, alerted_any = 0, [], 0, 0, 0, 0
    latency_scores = []
    for record in records:
        truth = [l for l in record.get("labels", []) if l in detector.labels]
        scan = scan_conversation(detector, record["messages"], scorer=scorer)
        if not record.get("labels"):
            benign += 1
            if scan.alert_index is not None:
                false_alarms += 1
            continue
        risky += 1
        if scan.alert_index is not None:
            alerted_any += 1
        if scan.alert_index is not None and set(truth) & set(scan.alert_labels):
            detected += 1
            onset = record.get("onset") or 0
            delay = scan.alert_index - onset
            delays.append(delay)
            latency_scores.append(_latency_penalty(max(0, delay)))
    true_alerts = detected
    precision = true_alerts / (alerted_any + false_alarms) if (alerted_any + false_alarms) else 0.0
    recall = detected / risky if risky else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    speed = float(np.mean(latency_scores)) if latency_scores else 0.0

    def r(x):
        return round(float(x), 4)

    return {
        "n": len(records),
        "conversations": {
            "precision": r(precision),
            "recall": r(recall),
            "f1": r(f1),
            "false_alarm_rate": r(false_alarms / benign) if benign else 0.0,
            "median_delay": r(np.median(delays)) if delays else None,
            "mean_delay": r(np.mean(delays)) if delays else None,
            "f_latency": r(f1 * speed),
        },
    }


def _detection(prepared, records, labels, thresholds, scorer) -> dict:
    """Detection rates for pre-computed (probabilities, speakers, cue sets) per conversation."""
    detected = risky = benign = false_alarms = alerted = 0
    for (probabilities, speakers, cues), record in zip(prepared, records):
        state = _State(scorer, thresholds, len(labels))
        for p, speaker, cue_set in zip(probabilities, speakers, cues):
            state.step(p, speaker, cue_set)
        truth = {labels.index(l) for l in record.get("labels", []) if l in labels}
        if not record.get("labels"):
            benign += 1
            false_alarms += state.alert_index is not None
            continue
        risky += 1
        alerted += state.alert_index is not None
        detected += state.alert_index is not None and bool(truth & set(np.flatnonzero(state.alert_mask)))
    precision = detected / (alerted + false_alarms) if alerted + false_alarms else 0.0
    recall = detected / risky if risky else 0.0
    return {
        "recall": recall,
        "false_alarm_rate": false_alarms / benign if benign else 0.0,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
    }


def tune_scorer(predict_proba, thresholds, records, labels, max_false_alarm: float = 0.1) -> tuple[ConversationScorer, dict]:
    """Fit the scorer on (validation) conversations: the best recall with a false-alarm rate at
    most ``max_false_alarm`` (else the lowest false-alarm rate), ties broken by F1."""
    from .cues import CueMatcher
    from .explain import cue_spans
    from .normalize import normalize

    matcher = CueMatcher()
    labels = list(labels)
    prepared = []
    for record in records:
        texts, speakers = parse_messages(record["messages"])
        cue_sets = []
        for text in texts:
            normalized = normalize(text)
            found = matcher.match(normalized.text)
            cue_sets.append(_cue_set(cue_spans(normalized, found, {c.label for c in found}), labels))
        prepared.append((predict_proba(texts), speakers, cue_sets))
    best, best_key, best_metrics = ConversationScorer(), None, {}
    for by_speaker in (True, False):
        for cue_weight in (0.0, 0.05, 0.1):
            for support in (0.0, 0.25, 0.5, 0.75, 1.0):
                for margin in np.round(np.arange(0.0, 0.61, 0.05), 2):
                    scorer = ConversationScorer(
                        support=support, margin=float(margin), cue_weight=cue_weight, by_speaker=by_speaker
                    )
                    metrics = _detection(prepared, records, labels, np.asarray(thresholds), scorer)
                    within = metrics["false_alarm_rate"] <= max_false_alarm
                    key = (within, metrics["recall"] if within else -metrics["false_alarm_rate"], metrics["f1"])
                    if best_key is None or key > best_key:
                        best, best_key, best_metrics = scorer, key, metrics
    return best, {k: round(float(v), 4) for k, v in best_metrics.items()}


def _latency_penalty(delay: int, k: float = 0.1) -> float:
    """Speed factor of F_latency (Vogt, Leser and Akbik 2021): 1 at no delay, falling with it."""
    return 1.0 - (2.0 / (1.0 + np.exp(-k * delay)) - 1.0)
