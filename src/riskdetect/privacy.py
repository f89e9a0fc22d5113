"""Redaction of personal data in output: phone numbers, e-mail, IBANs and handles.

>>> redact("bel me op 06-12345678 of mail a@b.nl, @stoere_jongen")
'bel me op [telefoon] of mail [e-mail], [handle]'
"""

from __future__ import annotations

from .normalize import placeholder_pattern

__all__ = ["redact", "redact_result"]

# The same patterns the normaliser turns into placeholders, applied to the original text.
_PATTERNS = tuple(
    (placeholder_pattern(name), mask)
    for name, mask in (("email", "[e-mail]"), ("iban", "[iban]"), ("phone", "[telefoon]"), ("handle", "[handle]"))
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
