"""Redaction of personal data in output: phone numbers, e-mail, IBANs and handles.

>>> redact("bel me op 06-12345678 of mail a@b.nl, @stoere_jongen")
'bel me op [telefoon] of mail [e-mail], [handle]'
"""

from __future__ import annotations

import re

__all__ = ["redact", "redact_result"]

_PATTERNS = (
    (re.compile(r"[\w.+-]+@[\w-]+\.[A-Za-z]{2,}(?:\.[A-Za-z]{2,})?"), "[e-mail]"),
    (re.compile(r"\b[A-Za-z]{2}\d{2} ?[A-Za-z]{4}(?: ?\d{2,4}){2,5}\b"), "[iban]"),
    (re.compile(r"(?<![\w+])(?:\+31|0031|\+32|0032|0)(?:[ -]?\d){9}(?!\w)"), "[telefoon]"),
    (re.compile(r"(?<![\w@])@[A-Za-z0-9_.]*[A-Za-z0-9_]{2,}"), "[handle]"),
)


def redact(text: str) -> str:
    """Mask phone numbers, e-mail addresses, IBANs and @handles."""
    for pattern, mask in _PATTERNS:
        text = pattern.sub(mask, text)
    return text


def redact_result(record: dict) -> dict:
    """A scan output record with its text and evidence texts redacted (spans keep their offsets
    into the original, unredacted message)."""
    out = dict(record)
    if isinstance(out.get("text"), str):
        out["text"] = redact(out["text"])
    if out.get("evidence"):
        out["evidence"] = [{**span, "text": redact(span["text"]), "cue": redact(span["cue"])} for span in out["evidence"]]
    return out
