"""The one result shape every entry point returns (Python, CLI JSON Lines, HTTP).

>>> r = Result(flagged=False, categories={"threat": False}, category_scores={"threat": 0.01},
...            evidence=[], model_version="demo-1")
>>> r.to_dict()["flagged"]
False
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Span", "Result"]


@dataclass(frozen=True)
class Span:
    """Evidence for a label: ``original_text[start:end] == text``.

    ``source`` is ``"cue"`` for a rule-pattern match (``cue`` names the stage, e.g.
    ``"secrecy"``) or ``"ngram"`` for a top contributing classifier n-gram (``cue`` is
    the normalised n-gram).
    """

    label: str
    start: int
    end: int
    text: str
    cue: str
    source: str = "cue"
    weight: float = 0.0
    message: int | None = None  # in a conversation result: the message the span belongs to

    def to_dict(self) -> dict:
        data = {
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "cue": self.cue,
            "source": self.source,
            "weight": round(float(self.weight), 4),
        }
        if self.message is not None:
            data["message"] = self.message
        return data


@dataclass(frozen=True)
class Result:
    """Moderation result for one text (or one conversation), OpenAI-moderation-like."""

    flagged: bool
    categories: dict[str, bool]
    category_scores: dict[str, float]
    evidence: list[Span] = field(default_factory=list)
    model_version: str = ""

    @property
    def labels(self) -> list[str]:
        """The flagged labels, in taxonomy order."""
        return [label for label, on in self.categories.items() if on]

    def to_dict(self) -> dict:
        return {
            "flagged": bool(self.flagged),
            "categories": {label: bool(on) for label, on in self.categories.items()},
            "category_scores": {label: round(float(s), 6) for label, s in self.category_scores.items()},
            "evidence": [span.to_dict() for span in self.evidence],
            "model_version": self.model_version,
        }
