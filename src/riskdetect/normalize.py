"""Dutch chat normalisation with an offset map back to the original text.

The road is a fixed list of steps. Each step runs in three forms built from the
same pattern and the same replacement function, so they cannot disagree (property
tests check it):

* :func:`normalize_texts` - the hot path for batch scoring: one ``re.sub`` per step
  over the joined lines the step's gate selects;
* :func:`normalize_text` - one text, C-speed ``str.translate`` and ``re.sub``;
* :func:`normalize` - the explain path, which also tracks for every normalised
  character the span of original characters it came from.

>>> normalize_text("L33n j3 p 1 n p a s uit voor €500!!")
'leen je pinpas uit voor _bedrag_ !'
>>> n = normalize("ff je p.i.n.p.a.s lenen?")
>>> n.text
'even je pinpas lenen?'
>>> n.original_span(8, 14)
(6, 17)
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Union

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from ._regex import alternation
from .lang.nl.chars import HOMOGLYPHS, LEET, PUNCTUATION
from .lang.nl.emoji import EMOJI_WORDS
from .lang.nl.slang import SLANG
from .ngrams import _char_tables

__all__ = ["Normalized", "normalize", "normalize_text", "normalize_texts", "DutchNormalizer", "placeholder_pattern"]

_DROPPED_CATEGORIES = frozenset({"Cf", "Cs", "Co", "Cn", "Mn", "Me", "Sk"})
_CACHE_LIMIT = 200_000


class _FoldTable(dict):
    """``str.translate`` table computing each code point's folding on first use.

    Folding: emoji to a cue word; invisible, combining and modifier characters
    removed; controls and spaces to a space; compatibility decomposition (NFKD,
    which covers full-width and mathematical letters), accents stripped, case
    folded, look-alike letters from other scripts mapped to Latin.
    """

    def __missing__(self, code_point: int) -> str:
        folded = _fold_char(chr(code_point))
        if len(self) < _CACHE_LIMIT:
            self[code_point] = folded
        return folded


def _fold_char(char: str) -> str:
    if char in EMOJI_WORDS:
        return f" {EMOJI_WORDS[char]} "
    if char in PUNCTUATION:
        return PUNCTUATION[char]
    category = unicodedata.category(char)
    if category in ("Cc", "Zs", "Zl", "Zp"):
        return " "
    if category in _DROPPED_CATEGORIES:
        return ""
    decomposed = unicodedata.normalize("NFKD", char)
    kept = "".join(c for c in decomposed if unicodedata.category(c) not in _DROPPED_CATEGORIES)
    folded = kept.casefold()
    return "".join(HOMOGLYPHS.get(c, PUNCTUATION.get(c, c)) for c in folded)


_FOLD_TABLE = _FoldTable()

Replacement = Union[str, Callable[[re.Match], str]]


@dataclass(frozen=True)
class _RegexStep:
    """One rewrite. ``triggers``: characters of which the pattern needs at least one to
    match; a text with none of them skips the step (a C-speed ``in`` test per character
    instead of a regex scan). Both paths use the same test, so they still agree."""

    name: str
    pattern: re.Pattern
    replacement: Replacement
    triggers: str = ""
    # Batch form only (see :func:`_gated_lines`): a regex or a function over code points
    # that fires wherever ``pattern`` can match. Default: any trigger character; with no
    # triggers either, the step runs over the whole joined batch.
    gate: Union[str, Callable[[np.ndarray], np.ndarray], None] = None

    def applies_to(self, text: str) -> bool:
        return not self.triggers or any(char in text for char in self.triggers)

    def apply(self, text: str) -> str:
        if not self.applies_to(text):
            return text
        return self.pattern.sub(self.replacement, text)

    def apply_joined(self, joined: str) -> str:
        """The step over many texts joined by newlines (no text contains one): one regex
        pass over the lines the gate selects, or over everything when there is no gate."""
        if self.gate is None and not self.triggers:
            return self.pattern.sub(self.replacement, joined)
        spans = _gated_lines(self, joined)
        if not spans:
            return joined
        rewritten = self.pattern.sub(self.replacement, "\n".join([joined[a:b] for a, b in spans])).split("\n")
        pieces, last = [], 0
        for (start, end), text in zip(spans, rewritten):
            pieces.append(joined[last:start])
            pieces.append(text)
            last = end
        pieces.append(joined[last:])
        return "".join(pieces)

    def replace(self, match: re.Match) -> str:
        if callable(self.replacement):
            return self.replacement(match)
        return match.expand(self.replacement)


def _gated_lines(step: _RegexStep, joined: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line a step may change: where its gate (a regex, or a
    function over the code points) fires, else where one of its trigger characters occurs.
    A gate need not be exact, only fire wherever the step's pattern can match."""
    if callable(step.gate):
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        hits = np.flatnonzero(step.gate(codes))
        if not len(hits):
            return []
        breaks = np.flatnonzero(codes == 10)
        line = np.unique(np.searchsorted(breaks, hits))
        starts = np.concatenate([[0], breaks + 1])[line]
        ends = np.concatenate([breaks, [len(codes)]])[line]
        return list(zip(starts.tolist(), ends.tolist()))
    gate = _gate_pattern(step.gate) if step.gate else None
    if not step.triggers:
        return _line_spans(gate, joined)
    # First the lines with a trigger character (a fast character-class scan), then the
    # step's own gate over those lines only.
    spans = _line_spans(_gate_pattern("[" + "".join(re.escape(c) for c in step.triggers) + "]"), joined)
    if gate is None or not spans:
        return spans
    hits = [match.start() for match in gate.finditer("\n".join([joined[a:b] for a, b in spans]))]
    line_ends = np.cumsum(np.fromiter((b - a + 1 for a, b in spans), dtype=np.int64, count=len(spans)))
    return [spans[i] for i in np.searchsorted(line_ends, hits, side="right").tolist()]


def _line_spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    rfind = text.rfind
    return [(rfind("\n", 0, m.start()) + 1, m.end()) for m in pattern.finditer(text)]


def _gate_pattern(source: str) -> re.Pattern:
    pattern = _GATES.get(source)
    if pattern is None:
        pattern = _GATES[source] = re.compile(f"(?:{source})[^\n]*")  # runs to the line's end
    return pattern


_GATES: dict[str, re.Pattern] = {}


@lru_cache(maxsize=None)
def _char_set(chars: str) -> np.ndarray:
    table = np.zeros(0x10000, dtype=bool)
    table[[ord(c) for c in chars]] = True
    return table


_LOWER = string.ascii_lowercase


def _tripled_letter(codes: np.ndarray) -> np.ndarray:
    lower = _char_set(_LOWER)[np.minimum(codes, 0xFFFF)]
    return lower[:-2] & (codes[:-2] == codes[1:-1]) & (codes[1:-1] == codes[2:])


def _doubled_punctuation(codes: np.ndarray) -> np.ndarray:
    # ``[^\w\s]``; code points above the BMP are clipped to U+FFFF, which counts as
    # punctuation, so they stay possible.
    is_word, is_space = _char_tables()
    clipped = np.minimum(codes, 0xFFFF)
    punctuation = ~(is_word[clipped] | is_space[clipped])
    return punctuation[:-1] & (codes[:-1] == codes[1:])


def _letter_and_leet_in_one_word(codes: np.ndarray) -> np.ndarray:
    """Leetspeak can only change a run of word and leet characters holding both a letter
    and a leet character ("p1npas", not "15" nor "pinpas")."""
    bmp = np.minimum(codes, 0xFFFF)
    leet = _char_set(_LEET_CHARS_RAW)[bmp]
    letter = _char_set(_LOWER)[bmp]
    member = _char_tables()[0][bmp] | leet | (codes > 0xFFFF)  # astral: may be a word character
    edges = np.diff(member.astype(np.int8), prepend=np.int8(0))
    run = np.cumsum(edges == 1) * member  # 0 outside runs, else the run's number
    with_letter = np.bincount(run[letter], minlength=run.max(initial=0) + 1) > 0
    with_leet = np.bincount(run[leet], minlength=len(with_letter)) > 0
    both = with_letter & with_leet
    both[0] = False
    return both[run]


_VOWELS = frozenset("aeiouy")
_UNIT_SUFFIX = re.compile(
    r"\d+(?:e|de|ste|u|k|x|m|min|cm|km|kg|gb|mb|jr|j|p|pm|am|st|nd|rd|th|ps|fps|v|h|s|g)"
)
# Product and model names such as ps5, mp3, fifa23 keep their digits; "j3" (je) does not.
_MODEL_NUMBER = re.compile(r"[a-z]{2,}\d+|[a-z]\d{2,}")
_LEET_CHARS_RAW = "".join(LEET)
_LEET_CHARS = "".join(re.escape(c) for c in LEET)


def _squash(match: re.Match) -> str:
    char = match.group(1)
    return char * 2 if char in _VOWELS else char


_SPACED_PIECE = re.compile(r"([a-z0-9@$€])([ .\-*·/]*)")


def _join_spaced(match: re.Match) -> str:
    """Join spaced-out letters into words. When the letters are dotted (or dashed), a lone
    space between them is a word break: "z.e.g n.i.k.s" is "zeg niks", "p i n" is "pin"."""
    pieces = _SPACED_PIECE.findall(match.group(0))
    dotted = any(separator.strip() for _, separator in pieces)
    return "".join(char + (" " if dotted and separator == " " else "") for char, separator in pieces)


def _unleet(match: re.Match) -> str:
    token = match.group(0)
    if _UNIT_SUFFIX.fullmatch(token) or _MODEL_NUMBER.fullmatch(token):
        return token
    return "".join(LEET.get(c, c) for c in token)


def _slang(match: re.Match) -> str:
    return SLANG[match.group(0)]


_SLANG_PATTERN = re.compile(r"(?<![\w'])(?:" + alternation(SLANG) + r")(?![\w'])")

_DIGITS = "0123456789"

_STEPS: tuple[_RegexStep, ...] = (
    _RegexStep("email", re.compile(r"[\w.+-]+@[\w-]+\.[a-z]{2,}(?:\.[a-z]{2,})?"), " _email_ ", "@"),
    _RegexStep(
        "url",
        re.compile(
            r"(?:https?://|www\.)\S+|(?<![\w@.])[a-z0-9-]+\.(?:nl|be|com|net|org|io|me|ly|gg|app|link)\b(?:/\S*)?"
        ),
        " _url_ ",
        "./",
        gate=r"://|www\.|\.(?:nl|be|com|net|org|io|me|ly|gg|app|link)\b",
    ),
    _RegexStep(
        "iban", re.compile(r"(?<!\w)[a-z]{2}[0-9]{2} ?[a-z]{4}(?: ?[0-9]{2,4}){2,5}(?!\w)"), " _iban_ ", _DIGITS,
        gate=r"[0-9][0-9] ?[a-z][a-z][a-z][a-z]",
    ),
    _RegexStep(
        "phone", re.compile(r"(?<![\w+])(?:\+31|0031|\+32|0032|0)(?:[ -]?[0-9]){9}(?!\w)"), " _telnr_ ", _DIGITS,
        gate=r"[0-9](?:[ -]?[0-9]){8}",
    ),
    _RegexStep("handle", re.compile(r"(?<![\w@])@[a-z0-9_.]*[a-z0-9_]{2,}"), " _handle_ ", "@"),
    _RegexStep(
        "amount",
        re.compile(
            r"(?<!\w)(?:€|eur(?:o|os)?) ?[0-9]+(?:[.,][0-9]+)*(?:,-)?(?: ?k(?!\w))?"
            r"|(?<![\w.,])[0-9]+(?:[.,][0-9]+)*(?:,-)? ?(?:k|euro|euros|eur|ballen|piek|pleuro)(?!\w)"
            r"|(?<![\w.,])[0-9]+(?:[.,][0-9]+)*(?:,-)? ?€"
            r"|(?<![\w.,])[0-9]+,-"
        ),
        " _bedrag_ ",
        _DIGITS,
        gate=r"[0-9](?:[.,][0-9]+)*(?:,-)? ?(?:k|eur|ballen|piek|pleuro|€|,-)|€ ?[0-9]|eur(?:o|os)? ?[0-9]",
    ),
    _RegexStep(
        "spaced_letters",
        re.compile(r"(?<![\w@$€!])(?:[a-z0-9@$€][ .\-*·/]{1,2}){2,}[a-z0-9@$€](?![\w])"),
        _join_spaced,
        # A spaced-out word has a single character with separators on both sides ("p i n").
        gate=r"[ .\-*·/][a-z0-9@$€][ .\-*·/]",
    ),
    # Stray punctuation inside a word ("pin*pas", "geld-ezel", "we_ten"). Not the apostrophe
    # (zo'n, m'n) nor the dot (chat often skips the space after a full stop: "ok.ik kom").
    _RegexStep(
        "inner_punctuation",
        re.compile(r"(?<=[a-z])[*_\-·](?=[a-z0-9])|(?<=[a-z0-9])[*_\-·](?=[a-z])"),
        "",
        "*_-·",
    ),
    _RegexStep(
        "leetspeak",
        re.compile(
            rf"(?<![\w{_LEET_CHARS}])(?=[\w{_LEET_CHARS}]*[a-z])(?=[\w{_LEET_CHARS}]*[{_LEET_CHARS}])"
            rf"[\w{_LEET_CHARS}]*[a-z0-9]"
        ),
        _unleet,
        _DIGITS + "@$€!|",
        gate=_letter_and_leet_in_one_word,
    ),
    _RegexStep("repeats", re.compile(r"([a-z])\1{2,}"), _squash, gate=_tripled_letter),
    _RegexStep("repeated_punctuation", re.compile(r"([^\w\s])\1+"), r"\1", gate=_doubled_punctuation),
    _RegexStep("slang", _SLANG_PATTERN, _slang),
    _RegexStep("spaces", re.compile(r"\s{2,}"), " "),
    _RegexStep("trim", re.compile(r"^\s+|\s+$"), ""),
)
# After folding, the only whitespace is " " (a test checks every code point), so these two
# steps are "split and join" in the batch form.
_BATCH_SPACE_STEPS = ("spaces", "trim")


def placeholder_pattern(name: str) -> re.Pattern:
    """The pattern of a placeholder step ("email", "iban", "phone", "handle", ...), compiled
    case-insensitively for use on original (unfolded) text, e.g. by redaction."""
    for step in _STEPS:
        if step.name == name:
            return re.compile(step.pattern.pattern, re.IGNORECASE)
    raise KeyError(name)


def normalize_text(text: str) -> str:
    """Normalise Dutch chat text for the classifier (no offsets; the fast path).

    >>> normalize_text("Ѕnel  g3ld 💰 via snap?? @voorbeeld_acc")
    'snel geld geld via snapchat? _handle_'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    text = text.translate(_FOLD_TABLE)
    for step in _STEPS:
        text = step.apply(text)
    return text


def normalize_texts(texts) -> list[str]:
    """:func:`normalize_text` for many texts at once: each step is one regex pass over the
    joined batch (steps with trigger characters only over the lines that have them).

    >>> normalize_texts(["Ff je P1NPAS lenen", "hoi!!!"])
    ['even je pinpas lenen', 'hoi!']
    """
    folded = []
    for row, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"text {row} must be a str, got {type(text).__name__}")
        folded.append(text.translate(_FOLD_TABLE))
    # Python stores a string with one width for all its characters: one non-ASCII text would
    # make every regex pass over the joined batch four times wider. ASCII texts go together.
    wide = [i for i, text in enumerate(folded) if not text.isascii()]
    if not wide:
        return _normalize_folded(folded)
    narrow = [i for i, text in enumerate(folded) if text.isascii()]
    out = [""] * len(folded)
    for rows in (narrow, wide):
        for i, text in zip(rows, _normalize_folded([folded[i] for i in rows])):
            out[i] = text
    return out


def _normalize_folded(lines: list[str]) -> list[str]:
    if not lines:
        return []
    joined = "\n".join(lines)
    for step in _STEPS:
        if step.name not in _BATCH_SPACE_STEPS:
            joined = step.apply_joined(joined)
    return [" ".join(line.split()) if "  " in line or line[:1] == " " or line[-1:] == " " else line for line in joined.split("\n")]


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, per normalised character, the original span it came from."""

    text: str
    original: str
    starts: np.ndarray
    ends: np.ndarray

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span ``[start, end)`` of :attr:`text` to a span of :attr:`original`."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) is outside the normalised text of length {len(self.text)}")
        return int(self.starts[start]), int(self.ends[end - 1])


def normalize(text: str) -> Normalized:
    """Normalise ``text`` and keep the offset map back to the original characters.

    >>> n = normalize("G3LD")
    >>> n.text, n.original_span(0, 4)
    ('geld', (0, 4))
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    pieces = [_FOLD_TABLE[ord(c)] for c in text]
    lengths = np.fromiter((len(p) for p in pieces), dtype=np.int64, count=len(pieces))
    positions = np.arange(len(text), dtype=np.int64)
    starts = np.repeat(positions, lengths)
    ends = starts + 1
    current = "".join(pieces)
    for step in _STEPS:
        current, starts, ends = _apply_tracked(step, current, starts, ends)
    return Normalized(current, text, starts, ends)


def _apply_tracked(step: _RegexStep, text: str, starts: np.ndarray, ends: np.ndarray):
    out_text: list[str] = []
    out_starts: list[np.ndarray] = []
    out_ends: list[np.ndarray] = []
    last = 0
    changed = False
    if not step.applies_to(text):
        return text, starts, ends
    for match in step.pattern.finditer(text):
        begin, stop = match.span()
        replacement = step.replace(match)
        if replacement == match.group(0):
            continue
        changed = True
        out_text.append(text[last:begin])
        out_starts.append(starts[last:begin])
        out_ends.append(ends[last:begin])
        index = _align(match.group(0), replacement)
        if index is None:
            out_starts.append(np.full(len(replacement), starts[begin] if stop > begin else _at(starts, begin), dtype=np.int64))
            out_ends.append(np.full(len(replacement), ends[stop - 1] if stop > begin else _at(ends, begin), dtype=np.int64))
        else:
            out_starts.append(starts[begin:stop][index])
            out_ends.append(ends[begin:stop][index])
        out_text.append(replacement)
        last = stop
    if not changed:
        return text, starts, ends
    out_text.append(text[last:])
    out_starts.append(starts[last:])
    out_ends.append(ends[last:])
    return "".join(out_text), np.concatenate(out_starts), np.concatenate(out_ends)


def _at(array: np.ndarray, index: int) -> int:
    if len(array) == 0:
        return 0
    return int(array[min(index, len(array) - 1)])


def _align(source: str, target: str) -> np.ndarray | None:
    """Indices into ``source`` for each char of ``target`` when ``target`` keeps
    source characters one for one (same length) or is a subsequence of it;
    ``None`` when the replacement is a new word and maps to the whole span."""
    if len(source) == len(target):
        return np.arange(len(target), dtype=np.int64)
    if len(target) < len(source):
        index = []
        position = 0
        for char in target:
            position = source.find(char, position)
            if position < 0:
                return None
            index.append(position)
            position += 1
        return np.asarray(index, dtype=np.int64)
    return None


class DutchNormalizer(TransformerMixin, BaseEstimator):
    """scikit-learn transformer: an iterable of raw texts to normalised texts.

    >>> DutchNormalizer().fit_transform(["Ff je P1NPAS lenen"])
    ['even je pinpas lenen']
    """

    def fit(self, X, y=None):
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        return normalize_texts(_as_texts(X))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags


def _as_texts(X) -> list[str]:
    if hasattr(X, "iloc"):
        X = X.iloc[:, 0] if getattr(X, "ndim", 1) == 2 else X
    return list(X)
