"""Word and character n-grams of a whole batch at once, as 64-bit hashes, with numpy.

The batch is joined into one code-point array and every n-gram is a substring of it, so
a batch costs a fixed number of vectorised passes whatever its size. Character n-grams of
up to 4 characters are keyed exactly by their 16-bit codes packed in one integer; word
n-grams (and longer character n-grams) get a polynomial hash modulo 2**64 from prefix
sums. A fitted vocabulary is an open-addressing table from key to column (:class:`HashIndex`).

* word n-grams: tokens are runs of word characters (as ``\\w+``), n-grams are consecutive
  tokens of one text;
* character n-grams within word boundaries (like scikit-learn's ``char_wb``): every
  whitespace-separated word is padded with one space each side, and its n-grams never
  span two words.

>>> batch = Batch.from_texts(["leen je pinpas", "ok"])
>>> grams = batch.word_ngrams(1, 2)
>>> [batch.ngram_text("word", s, e) for s, e in zip(grams.starts.tolist(), grams.ends.tolist())]
['leen', 'je', 'pinpas', 'ok', 'leen je', 'je pinpas']
>>> grams.docs.tolist()
[0, 0, 0, 1, 0, 0]
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

__all__ = ["Batch", "Ngrams", "NgramPart", "HashIndex"]

_BASE = 0x9E3779B97F4A7C15  # odd, so it has an inverse modulo 2**64
_BASE_INVERSE = pow(_BASE, -1, 2**64)
_SPACE = 32
_U64 = np.uint64
_UNIGRAM_SALT = 0x1
_WORD_KEY_SALT = 0x51  # whole whitespace-separated words (word n-grams: 0x2 + n, char n-grams: 0x10 + n)


def _ngram_salt(n: int) -> int:
    return 0x2 + n


@lru_cache(maxsize=1)
def _char_tables() -> tuple[np.ndarray, np.ndarray]:
    """Per BMP code point: is it a word character (``\\w``), is it whitespace."""
    chars = [chr(i) for i in range(0x10000)]
    is_word = np.fromiter((c.isalnum() or c == "_" for c in chars), dtype=bool, count=0x10000)
    is_space = np.fromiter((c.isspace() for c in chars), dtype=bool, count=0x10000)
    return is_word, is_space


_powers_lock = threading.Lock()
_powers: tuple[np.ndarray, np.ndarray] = (np.ones(1, dtype=_U64), np.ones(1, dtype=_U64))


def _power_tables(length: int) -> tuple[np.ndarray, np.ndarray]:
    """``BASE**i`` and ``BASE**-i`` modulo 2**64 for ``i < length`` (grown on demand)."""
    global _powers
    powers, inverses = _powers
    if len(powers) >= length:
        return powers, inverses
    with _powers_lock:
        size = max(length, 2 * len(_powers[0]), 1 << 16)
        with np.errstate(over="ignore"):
            powers = np.cumprod(np.full(size, _BASE, dtype=_U64))
            inverses = np.cumprod(np.full(size, _BASE_INVERSE, dtype=_U64))
        powers = np.concatenate([np.ones(1, dtype=_U64), powers[:-1]])
        inverses = np.concatenate([np.ones(1, dtype=_U64), inverses[:-1]])
        _powers = (powers, inverses)
    return powers, inverses


def _mix(values: np.ndarray, salt: int) -> np.ndarray:
    """splitmix64 finaliser: spreads the polynomial hash over all 64 bits. Never 0
    (0 marks an empty slot in :class:`HashIndex`)."""
    with np.errstate(over="ignore"):
        x = values ^ _U64(salt)
        x = (x ^ (x >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> _U64(27))) * _U64(0x94D049BB133111EB)
        x = x ^ (x >> _U64(31))
    x[x == 0] = 1
    return x


@dataclass(frozen=True)
class NgramPart:
    """The n-grams of one size n: ``hashes``, the text each is in (``docs``, ascending) and
    where it starts in :attr:`Batch.text`; ``ends`` is given for word n-grams only."""

    n: int
    hashes: np.ndarray
    docs: np.ndarray
    starts: np.ndarray
    word_ends: np.ndarray | None = None

    @property
    def ends(self) -> np.ndarray:
        return self.word_ends if self.word_ends is not None else self.starts + self.n


class Ngrams:
    """n-gram occurrences of a batch, one :class:`NgramPart` per size; the flat views
    (``hashes``, ``docs``, ``starts``, ``ends``) concatenate the parts."""

    def __init__(self, parts: list, kind: str):
        self.parts = parts
        self.kind = kind

    def _flat(self, name: str, dtype) -> np.ndarray:
        if not self.parts:
            return np.zeros(0, dtype=dtype)
        return np.concatenate([getattr(part, name) for part in self.parts])

    hashes = property(lambda self: self._flat("hashes", _U64))
    docs = property(lambda self: self._flat("docs", np.int64))
    starts = property(lambda self: self._flat("starts", np.int64))
    ends = property(lambda self: self._flat("ends", np.int64))


class Batch:
    """A batch of texts as one padded code-point array: ``" " + text + " " + <gap>`` each."""

    def __init__(self, text: str, offsets: np.ndarray, lengths: np.ndarray):
        self.text = text
        self.offsets = offsets  # where each text starts in ``text``
        self.lengths = lengths
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        self.boundary = np.zeros(len(codes), dtype=bool)
        self.boundary[offsets + lengths + 1] = True  # the NUL between two texts
        is_word, is_space = _char_tables()
        bmp = np.minimum(codes, 0xFFFF)
        self.word = is_word[bmp]
        self.space = is_space[bmp]
        outside = np.flatnonzero(codes > 0xFFFF)
        if len(outside):  # beyond the tables (emoji, math letters, ...): ask Python per distinct code
            distinct, which = np.unique(codes[outside], return_inverse=True)
            self.word[outside] = np.array([chr(c).isalnum() for c in distinct.tolist()], dtype=bool)[which]
            self.space[outside] = False
        self.codes = codes.astype(_U64)
        self.codes[self.space] = _SPACE
        powers, _ = _power_tables(len(codes) + 1)
        self.prefix = np.zeros(len(codes) + 1, dtype=_U64)
        with np.errstate(over="ignore"):
            np.cumsum(self.codes * powers[: len(codes)], out=self.prefix[1:])
        self.doc_of = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths + 3)
        self._tokens = None
        self._token_raws = None
        self._unigrams = None
        self._words = None

    @classmethod
    def from_texts(cls, texts) -> "Batch":
        texts = texts if isinstance(texts, list) else list(texts)
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        offsets = np.concatenate([[1], 1 + np.cumsum(lengths[:-1] + 3)]).astype(np.int64) if texts else lengths
        text = " " + " \x00 ".join(texts) + " \x00" if texts else ""
        return cls(text, offsets, lengths)

    def __len__(self) -> int:
        return len(self.lengths)

    def _raw(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Polynomial hash of each ``[start, end)``: sum of ``code * BASE**offset``."""
        _, inverses = _power_tables(len(self.prefix))
        with np.errstate(over="ignore"):
            return (self.prefix[ends] - self.prefix[starts]) * inverses[starts]

    @staticmethod
    def _finish(raw: np.ndarray, lengths: np.ndarray, salt: int) -> np.ndarray:
        with np.errstate(over="ignore"):
            return _mix(raw + lengths.astype(_U64) * _U64(0x632BE59BD9B4E019), salt)

    def _hash(self, starts: np.ndarray, ends: np.ndarray, salt: int) -> np.ndarray:
        return self._finish(self._raw(starts, ends), ends - starts, salt)

    def tokens(self) -> tuple[np.ndarray, np.ndarray]:
        """Start and end of every word token (``\\w+``), in order (computed once)."""
        if self._tokens is None:
            edges = np.diff(self.word.astype(np.int8), prepend=np.int8(0), append=np.int8(0))
            self._tokens = (np.flatnonzero(edges == 1), np.flatnonzero(edges == -1))
        return self._tokens

    def words(self) -> tuple[np.ndarray, np.ndarray]:
        """Start and end of every whitespace-separated word (a run of visible characters,
        as ``str.split`` sees it), in order (computed once)."""
        if self._words is None:
            solid = (~self.space & ~self.boundary).astype(np.int8)
            edges = np.diff(solid, prepend=np.int8(0), append=np.int8(0))
            self._words = (np.flatnonzero(edges == 1), np.flatnonzero(edges == -1))
        return self._words

    def word_keys(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """A 64-bit key per word ``[start, end)``, to group equal words. Equal words get equal
        keys; two different words share one only by a hash collision (about D**2 / 2**65 for
        D distinct words, or on purpose: the polynomial hash is not collision-resistant)."""
        return self._hash(starts, ends, _WORD_KEY_SALT)

    def _token_raw(self) -> tuple[np.ndarray, np.ndarray]:
        """Raw polynomial hash and length of every word token (computed once)."""
        if self._token_raws is None:
            starts, ends = self.tokens()
            self._token_raws = (self._raw(starts, ends), ends - starts)
        return self._token_raws

    def unigram_hashes(self) -> np.ndarray:
        """The hash of every word token, as a word unigram (computed once)."""
        if self._unigrams is None:
            self._unigrams = self._finish(*self._token_raw(), _UNIGRAM_SALT)
        return self._unigrams

    def joined_pair_hashes(self, left: np.ndarray) -> np.ndarray:
        """Unigram hash of token ``i`` and token ``i + 1`` written together without the
        characters between them, for each ``i`` in ``left``: what "verdienen" hashes to
        when the text says "verd ienen"."""
        raw, lengths = self._token_raw()
        powers, _ = _power_tables(len(self.prefix))
        with np.errstate(over="ignore"):
            joined = raw[left] + raw[left + 1] * powers[lengths[left]]
        return self._finish(joined, lengths[left] + lengths[left + 1], _UNIGRAM_SALT)

    def bigram_hashes(self, left: np.ndarray, unigram: np.ndarray) -> np.ndarray:
        """Word-bigram hash of tokens ``i`` and ``i + 1`` for each ``i`` in ``left``, from
        the tokens' ``unigram`` hashes."""
        with np.errstate(over="ignore"):
            return _mix(unigram[left] * _U64(_BASE) + unigram[left + 1], _ngram_salt(2))

    def word_ngrams(self, low: int, high: int) -> Ngrams:
        """Hashes of word n-grams, ``low <= n <= high`` (n-grams never span two texts)."""
        starts, ends = self.tokens()
        unigram = self.unigram_hashes()
        docs = self.doc_of[starts]
        parts = []
        current = unigram
        for n in range(1, high + 1):
            if n > 1:
                with np.errstate(over="ignore"):
                    current = _mix(current[:-1] * _U64(_BASE) + unigram[n - 1 :], _ngram_salt(n))
            count = len(unigram) - n + 1
            if count <= 0:
                break
            if n >= low:
                if n == 1:
                    parts.append(NgramPart(1, current, docs, starts, ends))
                else:
                    same = docs[:count] == docs[n - 1 :]
                    parts.append(NgramPart(n, current[same], docs[:count][same], starts[:count][same], ends[n - 1 :][same]))
        return Ngrams(parts, "word")

    def char_ngrams(self, low: int, high: int) -> Ngrams:
        """Hashes of character n-grams within word boundaries, ``low <= n <= high``.

        Windows lie within a padded word (a run of visible characters and the space on
        either side). Up to 4 characters an n-gram's key is exact: its 16-bit codes
        packed in 64 bits; longer n-grams use the polynomial hash.
        """
        solid = ~self.space & ~self.boundary
        packed = self._packed(min(high, 4)) if low <= 4 else {}
        parts = []
        for n in range(max(low, 1), high + 1):
            starts = self._window_starts(n, solid)
            if n in packed:
                hashes = packed[n][starts]  # exact and never 0 (no code is 0)
            else:
                hashes = self._hash(starts, starts + n, 0x10 + n)
            parts.append(NgramPart(n, hashes, self.doc_of[starts], starts))
        return Ngrams(parts, "char")

    def _window_starts(self, n: int, solid: np.ndarray) -> np.ndarray:
        """Start of every n-character window within a padded word, in order. From 3
        characters on, a window is one whose inner characters are visible and whose ends
        are visible or a space; shorter windows are enumerated per word, as a space
        between two words pads both."""
        if n >= 3:
            count = len(solid) - n + 1
            if count <= 0:
                return np.zeros(0, dtype=np.int64)
            not_gap = ~self.boundary
            valid = not_gap[:count] & not_gap[n - 1 :]
            for k in range(1, n - 1):
                valid &= solid[k : k + count]
            return np.flatnonzero(valid)
        run_starts, run_ends = self.words()
        counts = run_ends - run_starts + 3 - n
        before = np.cumsum(counts) - counts
        return np.repeat(run_starts - 1 - before, counts) + np.arange(int(counts.sum()), dtype=np.int64)

    def _packed(self, high: int) -> dict:
        """Per n <= ``high`` and per position, the next n 16-bit codes packed in one uint64."""
        folded = self.codes.copy()
        # Code points beyond 16 bits (and NUL, which would read as padding) fold into the
        # private-use area; valid windows never contain the text boundary.
        odd = np.flatnonzero((folded > _U64(0xFFFF)) | (folded == _U64(0)))
        folded[odd] = _U64(0xE000) + folded[odd] % _U64(0x1900)
        packed, current = {}, folded
        for n in range(1, high + 1):
            if n > 1:
                current = current[:-1] | (folded[n - 1 :] << _U64(16 * (n - 1)))
            packed[n] = current
        return packed

    def ngram_text(self, kind: str, start: int, end: int) -> str:
        """The text of the ``kind`` ("word" or "char") n-gram at ``[start, end)``, word
        n-grams joined by single spaces and whitespace as a space."""
        piece = self.text[start:end]
        if kind == "word":
            return " ".join(_WORD.findall(piece))
        return "".join(" " if char.isspace() else char for char in piece)


_WORD = re.compile(r"\w+")


class HashIndex:
    """Open-addressing hash table (linear probing, load <= 1/4) from a non-zero 64-bit key
    to its position in ``keys``; exact (the full key is compared).

    The home slot is the top bits of ``key * golden ratio`` (Fibonacci hashing), which
    spreads structured keys such as packed character codes.

    >>> index = HashIndex(np.array([11, 42, 7], dtype=np.uint64))
    >>> index.lookup(np.array([42, 5, 7, 11], dtype=np.uint64)).tolist()
    [1, -1, 2, 0]
    """

    def __init__(self, keys: np.ndarray):
        keys = np.asarray(keys, dtype=_U64)
        if np.any(keys == 0):
            raise ValueError("HashIndex keys must be non-zero (0 marks an empty slot)")
        self.bits = max(4, int(np.ceil(np.log2(4 * len(keys) + 1))))
        self.mask = (1 << self.bits) - 1
        self.keys = np.zeros(1 << self.bits, dtype=_U64)
        self.columns = np.full(1 << self.bits, -1, dtype=np.int32)
        pending = np.arange(len(keys), dtype=np.int64)
        slots = self._home(keys)
        while pending.size:
            wanted = slots[pending]
            free = self.keys[wanted] == 0
            taken_slots, first = np.unique(wanted[free], return_index=True)
            winners = pending[free][first]
            self.keys[taken_slots] = keys[winners]
            self.columns[taken_slots] = winners
            placed = np.zeros(len(keys), dtype=bool)
            placed[winners] = True
            pending = pending[~placed[pending]]
            slots[pending] = (slots[pending] + 1) & self.mask

    def _home(self, keys: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            return ((keys * _U64(_BASE)) >> _U64(64 - self.bits)).astype(np.intp)

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """Position of each key, -1 when it is not in the table."""
        slots = self._home(keys)
        found = self.keys[slots]
        out = self.columns[slots]
        miss = found != keys
        out[miss] = -1
        pending = np.flatnonzero(miss & (found != 0))
        while pending.size:
            slots[pending] = (slots[pending] + 1) & self.mask
            found = self.keys[slots[pending]]
            hit = found == keys[pending]
            out[pending[hit]] = self.columns[slots[pending[hit]]]
            pending = pending[~hit & (found != 0)]
        return out
