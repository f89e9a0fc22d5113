"""spaCy pipeline component: ``nlp.add_pipe("riskdetect")`` on ``spacy.blank("nl")``.

Registered through the ``spacy_factories`` entry point (no import side effects). Sets
``doc._.risk`` (the :class:`~riskdetect.result.Result`) and puts the evidence spans in
``doc.spans["risk"]``; ``nlp.pipe`` scores whole batches at once.

>>> import spacy
>>> nlp = spacy.blank("nl")
>>> _ = nlp.add_pipe("riskdetect")
>>> doc = nlp("we weten waar je woont")
>>> doc._.risk.categories["threat"], [span.label_ for span in doc.spans["risk"]][:1]
(True, ['threat'])
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["RiskComponent", "make_component"]


class RiskComponent:
    """Runs a :class:`~riskdetect.Detector` over docs."""

    def __init__(self, detector, thresholds=None):
        self.detector = detector
        self.thresholds = thresholds

    def _annotate(self, doc, result):
        doc._.risk = result
        spans = []
        for span in result.evidence:
            piece = doc.char_span(span.start, span.end, label=span.label, alignment_mode="expand")
            if piece is not None:
                spans.append(piece)
        doc.spans["risk"] = spans
        return doc

    def __call__(self, doc):
        return self._annotate(doc, self.detector.check(doc.text, thresholds=self.thresholds))

    def pipe(self, docs, batch_size: int = 256):
        batch = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._score(batch)
                batch = []
        if batch:
            yield from self._score(batch)

    def _score(self, docs):
        results = self.detector.check_many([doc.text for doc in docs], thresholds=self.thresholds)
        return [self._annotate(doc, result) for doc, result in zip(docs, results)]


# spaCy imports this module through the ``spacy_factories`` entry point when a pipeline
# asks for "riskdetect"; ``import riskdetect`` never imports it.
@Language.factory("riskdetect", default_config={"model": None, "thresholds": None})
def make_component(nlp, name: str, model: str | None, thresholds: dict | None):
    """spaCy factory. ``model``: a model directory (``None``: the shipped default)."""
    from .detector import Detector

    if not Doc.has_extension("risk"):
        Doc.set_extension("risk", default=None)
    return RiskComponent(Detector.load(model), thresholds=thresholds)

