"""Input validation shared by every entry point: one clear error per bad row, nothing lost.

>>> texts, index = as_texts(["ok", "ook ok"])
>>> find_bad_rows(texts, index)
[]
>>> find_bad_rows(["ok", None], [0, 1])
[BadRow(position=1, index=1, reason='expected str, got NoneType')]
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["InvalidInputError", "BadRow", "as_texts", "find_bad_rows", "raise_for_bad_rows", "ERRORS_MODES"]

ERRORS_MODES = ("raise", "skip")


class InvalidInputError(TypeError, ValueError):
    """Bad input rows. Both a ``TypeError`` and a ``ValueError``; ``.rows`` lists them."""

    def __init__(self, message: str, rows: list["BadRow"] | None = None):
        super().__init__(message)
        self.rows = rows or []


@dataclass(frozen=True)
class BadRow:
    position: int  # 0-based position in the input
    index: object  # the input's index label (same as position for lists)
    reason: str

    def to_dict(self) -> dict:
        index = self.index if isinstance(self.index, (int, str)) else str(self.index)
        return {"position": self.position, "index": index, "reason": self.reason}


def as_texts(texts, column: str = "text"):
    """Return ``(values, index)`` for a list, tuple, numpy array, pandas Series or DataFrame."""
    if isinstance(texts, (str, bytes)):
        raise InvalidInputError(
            "texts must be a sequence of strings, got a single " + type(texts).__name__
            + "; use check(text) for one text or wrap it in a list"
        )
    if hasattr(texts, "columns"):  # DataFrame
        if column not in texts.columns:
            raise InvalidInputError(
                f"DataFrame has no column {column!r} (columns: {list(texts.columns)}); pass column='...'"
            )
        texts = texts[column]
    if hasattr(texts, "index") and hasattr(texts, "tolist"):  # Series
        return texts.tolist(), list(texts.index)
    try:
        values = list(texts)
    except TypeError:
        raise InvalidInputError(f"texts must be an iterable of strings, got {type(texts).__name__}") from None
    return values, list(range(len(values)))


def _reason(value) -> str | None:
    if isinstance(value, str):
        return None
    if isinstance(value, float) and math.isnan(value):
        return "expected str, got NaN (a missing value)"
    if isinstance(value, (bytes, bytearray)):
        return f"expected str, got {type(value).__name__}; decode it first, e.g. value.decode('utf-8')"
    return f"expected str, got {type(value).__name__}"


def find_bad_rows(values, index) -> list[BadRow]:
    bad = []
    for position, value in enumerate(values):
        reason = _reason(value)
        if reason is not None:
            bad.append(BadRow(position, index[position], reason))
    return bad


def raise_for_bad_rows(bad: list[BadRow], errors: str) -> None:
    if errors not in ERRORS_MODES:
        raise ValueError(f"errors must be one of {ERRORS_MODES}, got {errors!r}")
    if bad and errors == "raise":
        first = bad[0]
        more = f" (and {len(bad) - 1} more bad rows)" if len(bad) > 1 else ""
        raise InvalidInputError(
            f"row {first.position} (index {first.index!r}): {first.reason}{more}; "
            "fix the input or pass errors='skip' to score the other rows",
            bad,
        )
