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
from .lang.nl.chars import HOMOGLYPHS, IK_VERBS, LEET, PRODUCT_PREFIXES, PUNCTUATION
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


def _ascii_fold_table() -> tuple[bytes, bytes]:
    """:func:`_fold_char` of every ASCII character, which is one ASCII character or none
    (a test checks it), as a ``bytes.translate`` table and the bytes it deletes."""
    table, deleted = bytearray(range(256)), bytearray()
    for code in range(128):
        folded = _fold_char(chr(code))
        if folded:
            table[code] = ord(folded)
        else:
            deleted.append(code)
    return bytes(table), bytes(deleted)


_ASCII_FOLD, _ASCII_DELETED = _ascii_fold_table()


def _fold(text: str) -> str:
    """Fold a text; ASCII text through a byte table (``str.isascii`` costs nothing)."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_FOLD, _ASCII_DELETED).decode("ascii")
    return text.translate(_FOLD_TABLE)

Replacement = Union[str, Callable[[re.Match], str]]


@dataclass(frozen=True)
class _RegexStep:
    """One rewrite. ``triggers``: characters of which the pattern needs at least one to
    match; a text with none of them skips the step (a C-speed ``in`` test per character
    instead of a regex scan)."""

    name: str
    pattern: re.Pattern
    replacement: Replacement
    triggers: str = ""
    # Batch form only (see :func:`_normalize_folded`): which lines the step may change,
    # judged on a :class:`_Snapshot` of the batch. None: every line.
    gate: Union[Callable[["_Snapshot"], np.ndarray], None] = None

    def applies_to(self, text: str) -> bool:
        return not self.triggers or any(char in text for char in self.triggers)

    def apply(self, text: str) -> str:
        if not self.applies_to(text):
            return text
        return self.pattern.sub(self.replacement, text)

    def replace(self, match: re.Match) -> str:
        if callable(self.replacement):
            return self.replacement(match)
        return match.expand(self.replacement)


# Character classes of the batch gates, one bit each, looked up once per character.
_LETTER, _DIGIT, _SPACE, _SEPARATOR, _PIECE, _INNER, _PUNCT, _LEET, _WORD = (1 << i for i in range(9))


@lru_cache(maxsize=1)
def _class_table() -> np.ndarray:
    """Per BMP code point, its gate classes as bits (astral code points read as U+FFFF)."""
    is_word, is_space = _char_tables()
    table = np.zeros(0x10000, dtype=np.uint16)
    def mark(chars, bit):
        table[[ord(c) for c in chars]] |= bit
    mark(string.ascii_lowercase, _LETTER)
    mark(string.digits, _DIGIT)
    mark(" ", _SPACE)
    mark(" .-*·/", _SEPARATOR)
    mark(string.ascii_lowercase + string.digits + "@$€", _PIECE)
    mark("*_-·", _INNER)
    table[~(is_word | is_space)] |= _PUNCT  # ``[^\w\s]``; U+FFFF (astral) counts as punctuation
    mark(_LEET_CHARS_RAW, _LEET)
    table[is_word] |= _WORD
    table[0xFFFF] |= _WORD  # an astral character may be a word character
    return table


class _Snapshot:
    """The batch's lines as code points once, for the gates: each gate tells, per line,
    whether its step may change the line. Steps never add a gate's characters (digits,
    "@", "."), and lines changed since the snapshot are always run, so a gate judged on
    the snapshot stays a superset of the lines its step can change."""

    def __init__(self, lines: list[str]):
        joined = "\n".join(lines)
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        self.n_lines = len(lines)
        self.n = len(codes)  # the characters; ``codes`` goes on with zeros
        self.codes = np.concatenate([codes, np.zeros(8, dtype=np.uint32)])  # room to look ahead
        self.classes = _class_table()[np.minimum(self.codes, 0xFFFF)]
        self.line_of = np.cumsum(self.codes == 10, dtype=np.int32)

    def has(self, bit: int, shift: int = 0) -> np.ndarray:
        """Per position p: is the character at p + ``shift`` in class ``bit``."""
        hits = (self.classes & bit) != 0
        return hits[shift:] if shift else hits

    def char(self, char: str, shift: int = 0) -> np.ndarray:
        hits = self.codes == ord(char)
        return hits[shift:] if shift else hits

    def lines(self, hits: np.ndarray) -> np.ndarray:
        """Per line: does any position of ``hits`` (aligned at the start) fall in it."""
        out = np.zeros(self.n_lines, dtype=bool)
        out[self.line_of[np.flatnonzero(hits)]] = True
        return out

    def count(self, bit: int) -> np.ndarray:
        """Per line, how many of its characters are in class ``bit``."""
        return np.bincount(self.line_of[self.has(bit)], minlength=self.n_lines)


def _at_sign(shot: _Snapshot) -> np.ndarray:
    return shot.lines(shot.char("@"))


def _maybe_url(shot: _Snapshot) -> np.ndarray:
    n = shot.n
    dot_letter = shot.char(".")[:n] & shot.has(_LETTER, 1)[:n]
    scheme = shot.char(":")[:n] & shot.char("/", 1)[:n] & shot.char("/", 2)[:n]
    www = shot.char("w")[:n] & shot.char("w", 1)[:n] & shot.char("w", 2)[:n] & shot.char(".", 3)[:n]
    return shot.lines(dot_letter | scheme | www)


def _maybe_iban(shot: _Snapshot) -> np.ndarray:
    """Two letters, two digits, then four letters (after an optional space)."""
    n = shot.n
    letter, digit = shot.has(_LETTER), shot.has(_DIGIT)
    four = letter[:-3] & letter[1:-2] & letter[2:-1] & letter[3:]  # four[q]: letters q..q+3
    start = letter[:n] & letter[1 : n + 1] & digit[2 : n + 2] & digit[3 : n + 3]
    return shot.lines(start & (four[4 : n + 4] | (shot.has(_SPACE, 4)[:n] & four[5 : n + 5])))


def _maybe_phone(shot: _Snapshot) -> np.ndarray:
    return shot.count(_DIGIT) >= 10


def _maybe_amount(shot: _Snapshot) -> np.ndarray:
    """A digit before a unit ("5k", "5 euro", "5 ballen", "5 piek", "5 pleuro", "5€") or
    ",-"; or a euro sign or "eur" anywhere in a line with a digit."""
    n = shot.n
    char, digit, space = shot.char, shot.has(_DIGIT), shot.has(_SPACE)
    unit = (
        (char("k")[: n + 2] & ~shot.has(_WORD, 1)[: n + 2])
        | (char("e")[: n + 2] & char("u", 1)[: n + 2])
        | (char("b")[: n + 2] & char("a", 1)[: n + 2])
        | (char("p")[: n + 2] & (char("i", 1)[: n + 2] | char("l", 1)[: n + 2]))
        | char("€")[: n + 2]
    )  # unit[q]: a unit may start at q
    after_digit = digit[:n] & (unit[1 : n + 1] | (space[1 : n + 1] & unit[2 : n + 2]))
    dash = digit[:n] & char(",", 1)[:n] & char("-", 2)[:n]
    euro = char("€")[:n] | (char("e")[:n] & char("u", 1)[:n] & char("r", 2)[:n])
    return shot.lines(after_digit | dash) | (shot.lines(euro) & shot.lines(digit))


def _maybe_spaced(shot: _Snapshot) -> np.ndarray:
    # A spaced-out word has a single character with separators on both sides ("p i n").
    n = shot.n
    return shot.lines(shot.has(_SEPARATOR)[:n] & shot.has(_PIECE, 1)[:n] & shot.has(_SEPARATOR, 2)[:n])


def _maybe_inner_punctuation(shot: _Snapshot) -> np.ndarray:
    n = shot.n
    around = _LETTER | _DIGIT
    return shot.lines(shot.has(around)[:n] & shot.has(_INNER, 1)[:n] & shot.has(around, 2)[:n])


def _maybe_leet(shot: _Snapshot) -> np.ndarray:
    """Leetspeak can only change a run of word and leet characters holding both a letter
    and a leet character ("p1npas", not "15" nor "pinpas"). In such a run some leet
    character stands next to a word character that is not one."""
    n = shot.n
    leet = shot.has(_LEET)
    other = shot.has(_WORD) & ~leet
    return shot.lines((leet[:n] & other[1 : n + 1]) | (other[:n] & leet[1 : n + 1]))


def _maybe_repeats(shot: _Snapshot) -> np.ndarray:
    n = shot.n
    codes = shot.codes
    return shot.lines(shot.has(_LETTER)[:n] & (codes[:n] == codes[1 : n + 1]) & (codes[1 : n + 1] == codes[2 : n + 2]))


def _maybe_repeated_punctuation(shot: _Snapshot) -> np.ndarray:
    n = shot.n
    codes = shot.codes
    return shot.lines(shot.has(_PUNCT)[:n] & (codes[:n] == codes[1 : n + 1]))


_VOWELS = frozenset("aeiouy")
# A number with a unit ("15u", "2de", "3x") keeps its digits; a number does not start with 0
# ("0p" is "op", "0k" is "ok") and "1s", "1p" are "is", "op".
_UNIT_SUFFIX = re.compile(
    r"(?!0|1s$|1p$|1k$)\d+(?:e|de|ste|u|k|x|m|min|cm|km|kg|gb|mb|jr|j|p|pm|am|st|nd|rd|th|ps|fps|v|h|s|g)"
)
# Product and model names such as ps5, mp3, fifa23 keep their digits; "j3" (je), "al5" (als)
# and "h37" (het) do not: the digits must include a non-leet digit or follow a known prefix.
_MODEL_NUMBER = re.compile(r"([a-z]{2,})(\d+)|([a-z])(\d{2,})")
_NON_LEET_DIGITS = frozenset("0123456789") - frozenset(LEET)
_LEET_CHARS_RAW = "".join(LEET)
_LEET_CHARS = "".join(re.escape(c) for c in LEET)


def _squash(match: re.Match) -> str:
    char = match.group(1)
    return char * 2 if char in _VOWELS else char


_SPACED_PIECE = re.compile(r"([a-z0-9@$€])([ .\-*·/]*)")


def _join_spaced(match: re.Match) -> str:
    """Join spaced-out letters into words. A separator wider than the narrowest one in the run
    is a word break: "p i n" is "pin", "z.e.g n.i.k.s" is "zeg niks", "w e  w e t e n" is
    "we weten" and "c h a t. m a m a" is "chat mama". A uniform run cannot be split ("i k w e e t")."""
    pieces = _SPACED_PIECE.findall(match.group(0))
    # Width: the spaces, and half a space more for punctuation beside a space ("t. m").
    widths = [2 * sep.count(" ") + (" " in sep and sep.strip() != "") for _, sep in pieces[:-1]]
    narrowest = min(widths, default=0)
    return "".join(char + (" " if width > narrowest else "") for (char, _), width in zip(pieces, widths + [0]))


def _is_model_number(token: str) -> bool:
    found = _MODEL_NUMBER.fullmatch(token)
    if found is None:
        return False
    letters, digits = (found.group(1), found.group(2)) if found.group(1) else (found.group(3), found.group(4))
    return letters in PRODUCT_PREFIXES or not _NON_LEET_DIGITS.isdisjoint(digits)


def _unleet(match: re.Match) -> str:
    token = match.group(0)
    if _UNIT_SUFFIX.fullmatch(token) or _is_model_number(token):
        return token
    return "".join(LEET.get(c, c) for c in token)


def _slang(match: re.Match) -> str:
    return SLANG[match.group(0)]


# Every slang key starts with a word character, so "\b(?<!')" says what "(?<![\w'])" says,
# and the engine scans for a word boundary much faster than it tests a lookbehind at every
# position (the slang pass was the slowest step of normalisation). A test checks the keys.
_SLANG_PATTERN = re.compile(r"\b(?<!')(?:" + alternation(SLANG) + r")(?![\w'])")

_DIGITS = "0123456789"

_STEPS: tuple[_RegexStep, ...] = (
    _RegexStep("email", re.compile(r"[\w.+-]+@[\w-]+\.[a-z]{2,}(?:\.[a-z]{2,})?"), " _email_ ", "@", _at_sign),
    _RegexStep(
        "url",
        re.compile(
            r"(?:https?://|www\.)\S+|(?<![\w@.])[a-z0-9-]+\.(?:nl|be|com|net|org|io|me|ly|gg|app|link)\b(?:/\S*)?"
        ),
        " _url_ ",
        "./",
        _maybe_url,
    ),
    _RegexStep(
        "iban", re.compile(r"(?<!\w)[a-z]{2}[0-9]{2} ?[a-z]{4}(?: ?[0-9]{2,4}){2,5}(?!\w)"), " _iban_ ", _DIGITS, _maybe_iban,
    ),
    _RegexStep(
        "phone", re.compile(r"(?<![\w+])(?:\+31|0031|\+32|0032|0)(?:[ -]?[0-9]){9}(?!\w)"), " _telnr_ ", _DIGITS, _maybe_phone,
    ),
    _RegexStep("handle", re.compile(r"(?<![\w@])@[a-z0-9_.]*[a-z0-9_]{2,}"), " _handle_ ", "@", _at_sign),
    _RegexStep(
        "amount",
        re.compile(
            # The leading lookahead names every branch's first character, so the engine skips
            # to those instead of trying the lookbehinds at every position (3x faster). A new
            # branch must start with one of them.
            r"(?=[€e0-9])"
            r"(?:(?<!\w)(?:€|eur(?:o|os)?) ?[0-9]+(?:[.,][0-9]+)*(?:,-)?(?: ?k(?!\w))?"
            # "1k" before a first-person verb, plain or itself in leet ("1k w33t"), is "ik".
            r"|(?<![\w.,])(?!0+k(?!\w))(?!1k (?:" + alternation(IK_VERBS) + r"|(?=[a-z]*[0-9])[a-z0-9]*[a-z][a-z0-9]*)(?!\w))"
            r"[0-9]+(?:[.,][0-9]+)*(?:,-)? ?(?:k|euro|euros|eur|ballen|piek|pleuro)(?!\w)"
            r"|(?<![\w.,])[0-9]+(?:[.,][0-9]+)*(?:,-)? ?€"
            r"|(?<![\w.,])[0-9]+,-)"
        ),
        " _bedrag_ ",
        _DIGITS,
        _maybe_amount,
    ),
    _RegexStep(
        "spaced_letters",
        re.compile(r"(?<![\w@$€!])(?:[a-z0-9@$€][ .\-*·/]{1,2}){2,}[a-z0-9@$€](?![\w])"),
        _join_spaced,
        gate=_maybe_spaced,
    ),
    # Stray punctuation inside a word ("pin*pas", "geld-ezel", "we_ten"). Not the apostrophe
    # (zo'n, m'n) nor the dot (chat often skips the space after a full stop: "ok.ik kom").
    _RegexStep(
        "inner_punctuation",
        re.compile(r"(?<=[a-z])[*_\-·](?=[a-z0-9])|(?<=[a-z0-9])[*_\-·](?=[a-z])"),
        "",
        "*_-·",
        _maybe_inner_punctuation,
    ),
    _RegexStep(
        "leetspeak",
        re.compile(
            rf"(?<![\w{_LEET_CHARS}])(?=[\w{_LEET_CHARS}]*[a-z])(?=[\w{_LEET_CHARS}]*[{_LEET_CHARS}])"
            rf"[\w{_LEET_CHARS}]*[a-z0-9]"
        ),
        _unleet,
        _DIGITS + "@$€!|",
        gate=_maybe_leet,
    ),
    _RegexStep("repeats", re.compile(r"([a-z])\1{2,}"), _squash, gate=_maybe_repeats),
    _RegexStep("repeated_punctuation", re.compile(r"([^\w\s])\1+"), r"\1", gate=_maybe_repeated_punctuation),
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
    text = _fold(text)
    for step in _STEPS:
        text = step.apply(text)
    return text


def normalize_texts(texts) -> list[str]:
    """:func:`normalize_text` for many texts at once: each step is one regex pass over the
    lines it may change (see :func:`_normalize_folded`).

    >>> normalize_texts(["Ff je P1NPAS lenen", "hoi!!!"])
    ['even je pinpas lenen', 'hoi!']
    """
    folded = []
    for row, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"text {row} must be a str, got {type(text).__name__}")
        folded.append(_fold(text))
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
    """The steps over folded lines: each step is one regex pass over the lines its gate
    selects (judged once, on a snapshot) plus the lines earlier steps changed."""
    if not lines:
        return []
    lines = list(lines)
    snapshot = _Snapshot(lines)
    changed = np.zeros(len(lines), dtype=bool)
    for step in _STEPS:
        if step.name in _BATCH_SPACE_STEPS:
            continue
        rows = np.flatnonzero(step.gate(snapshot) | changed).tolist() if step.gate else range(len(lines))
        if not len(rows):
            continue
        before = [lines[i] for i in rows]
        after = step.pattern.sub(step.replacement, "\n".join(before)).split("\n")
        for i, old, new in zip(rows, before, after):
            if new != old:
                lines[i] = new
                changed[i] = True
    return [" ".join(line.split()) if "  " in line or line[:1] == " " or line[-1:] == " " else line for line in lines]


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
