"""Cue matching with spaCy rules over the lemmatised, normalised text.

Uses ``spacy.blank("nl")`` with the lookup lemmatizer (tables from
``spacy-lookups-data``) and a :class:`spacy.matcher.Matcher` built from the cue
patterns in :mod:`riskdetect.lang.nl`. No trained spaCy model is needed. The
pipeline is built on first use, not at import.

>>> matcher = CueMatcher()
>>> [(c.stage, c.text) for c in matcher.match("zeg niks tegen je ouders") if c.label == "grooming"]
[('secrecy', 'niks tegen je ouders')]
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from .lang.nl import CATEGORY_MODULES, STAGES

__all__ = ["Cue", "CueMatcher", "build_nlp"]


@dataclass(frozen=True)
class Cue:
    """A cue pattern match in NORMALISED text offsets."""

    label: str
    stage: str
    start: int
    end: int
    text: str


def build_nlp():
    """A blank Dutch spaCy pipeline with the lookup lemmatizer (no model download)."""
    import spacy

    nlp = spacy.blank("nl")
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
    except (ValueError, ImportError, OSError):
        # spacy-lookups-data missing: fall back to matching word forms only.
        nlp = spacy.blank("nl")
    return nlp


class CueMatcher:
    """Finds the stage cues of every risk label in normalised text.

    ``categories`` is a sequence of modules (or objects) with ``LABEL`` and ``CUES``.
    """

    def __init__(self, categories=CATEGORY_MODULES):
        self.categories = categories
        self._lock = threading.Lock()
        self._nlp = None
        self._matcher = None
        self._keys: dict[int, tuple[str, str]] = {}

    def _ensure(self):
        if self._matcher is not None:
            return
        with self._lock:
            if self._matcher is not None:
                return
            from spacy.matcher import Matcher

            nlp = build_nlp()
            matcher = Matcher(nlp.vocab)
            keys = {}
            for module in self.categories:
                for stage, phrases in module.CUES.items():
                    if stage not in STAGES:
                        raise ValueError(f"cue stage {stage!r} of {module.LABEL} is not one of {STAGES}")
                    key = f"{module.LABEL}:{stage}"
                    matcher.add(key, [_compile(nlp, phrase) for phrase in phrases])
                    keys[nlp.vocab.strings[key]] = (module.LABEL, stage)
            self._nlp, self._keys, self._matcher = nlp, keys, matcher

    def match(self, text: str) -> list[Cue]:
        """Cues in one normalised text, longest match per (label, stage) region."""
        return self.match_many([text])[0]

    def match_many(self, texts: list[str]) -> list[list[Cue]]:
        self._ensure()
        results = []
        for doc in self._nlp.pipe(texts, batch_size=256):
            _set_norms(doc)
            found = []
            for key, start, end in self._matcher(doc):
                label, stage = self._keys[key]
                span = doc[start:end]
                found.append(Cue(label, stage, span.start_char, span.end_char, span.text))
            results.append(_longest(found))
        return results


def _set_norms(doc) -> None:
    for token in doc:
        token.norm_ = token.lemma_ or token.lower_


def _compile(nlp, phrase: str) -> list[dict]:
    pattern: list[dict] = []
    for word in phrase.split():
        if word == "...":
            pattern.append({"OP": "{,3}"})
            continue
        optional = word.endswith("?")
        word = word.rstrip("?")
        if word.endswith("*"):
            alternatives = word[:-1].split("|")
            spec = {"LOWER": {"REGEX": "^(?:" + "|".join(alternatives) + ")"}}
            pattern.append({**spec, "OP": "?"} if optional else spec)
            continue
        alternatives = word.split("|")
        tokenized = [[t for t in nlp.make_doc(a)] for a in alternatives]
        if len(alternatives) == 1 and len(tokenized[0]) > 1:
            pattern.extend({"NORM": t.lower_} for t in tokenized[0])
            continue
        if any(len(t) != 1 for t in tokenized):
            raise ValueError(f"cue word {word!r} in {phrase!r} splits into several tokens; write it alone")
        forms = set()
        for alternative in alternatives:
            forms.add(alternative)
            forms.add(_lemma(nlp, alternative))
        spec = {"NORM": {"IN": sorted(forms)}}
        pattern.append({**spec, "OP": "?"} if optional else spec)
    return pattern


def _lemma(nlp, word: str) -> str:
    doc = nlp(word)
    return doc[0].lemma_ or word


def _longest(cues: list[Cue]) -> list[Cue]:
    """Drop matches contained in a longer match of the same label and stage."""
    cues.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Cue] = []
    for cue in cues:
        if any(k.label == cue.label and k.stage == cue.stage and k.start <= cue.start and cue.end <= k.end for k in kept):
            continue
        kept.append(cue)
    return kept
