"""Deterministic evasion attacks on text, for robustness tests, augmentation and the benchmark.

Every attack is ``attack(text, seed=0) -> str`` and gives the same output for the
same text and seed. :data:`ATTACKS` names them all.

>>> leetspeak("leen je pinpas uit", seed=1)
'l3en j3 pinpas u17'
>>> spacing("pinpas", seed=0)
'p i n p a s'
"""

from __future__ import annotations

import hashlib
import random
import re

__all__ = [
    "ATTACKS", "leetspeak", "spacing", "dots", "homoglyphs", "zero_width", "emoji_substitution",
    "punctuation_insertion", "word_splitting", "case_noise", "attack",
]

_LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}
_HOMOGLYPH = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "i": "і", "s": "ѕ"}
_EMOJI = {
    "geld": "💰", "wiet": "🍃", "pakket": "📦", "pakketje": "📦", "mes": "🔪", "camera": "📷",
    "foto": "📸", "geheim": "🤫", "politie": "🚓", "huis": "🏠", "telefoon": "📱", "cadeau": "🎁",
    "pinpas": "💳", "bankpas": "💳", "scooter": "🛵", "tijd": "⏰", "kus": "😘",
}
_WORD = re.compile(r"\w+", re.UNICODE)


def _rng(text: str, seed: int, name: str) -> random.Random:
    digest = hashlib.sha256(f"{name}\0{seed}\0{text}".encode("utf-8", "surrogatepass")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _longest_words(text: str, count: int = 2) -> list[re.Match]:
    words = [m for m in _WORD.finditer(text) if len(m.group()) >= 4]
    return sorted(words, key=lambda m: (-len(m.group()), m.start()))[:count]


def _rewrite_words(text: str, matches, rewrite) -> str:
    out, last = [], 0
    for match in sorted(matches, key=lambda m: m.start()):
        out.append(text[last : match.start()])
        out.append(rewrite(match.group()))
        last = match.end()
    out.append(text[last:])
    return "".join(out)


def leetspeak(text: str, seed: int = 0) -> str:
    """Replace most a/e/i/o/s/t with 4/3/1/0/5/7."""
    rng = _rng(text, seed, "leet")
    return "".join(_LEET[c] if c in _LEET and rng.random() < 0.8 else c for c in text)


def spacing(text: str, seed: int = 0) -> str:
    """Spell the longest words letter by letter: ``p i n p a s``."""
    return _rewrite_words(text, _longest_words(text), lambda w: " ".join(w))


def dots(text: str, seed: int = 0) -> str:
    """Dot the longest words: ``p.i.n.p.a.s``."""
    return _rewrite_words(text, _longest_words(text), lambda w: ".".join(w))


def homoglyphs(text: str, seed: int = 0) -> str:
    """Swap Latin letters for Cyrillic look-alikes."""
    rng = _rng(text, seed, "homoglyph")
    return "".join(_HOMOGLYPH[c] if c in _HOMOGLYPH and rng.random() < 0.6 else c for c in text)


def zero_width(text: str, seed: int = 0) -> str:
    """Put zero-width joiners and spaces inside the longest words."""
    return _rewrite_words(text, _longest_words(text, 3), lambda w: "\u200d".join(w[:3]) + "\u200b" + w[3:])


def emoji_substitution(text: str, seed: int = 0) -> str:
    """Replace cue words with the emoji that stand in for them."""
    return _WORD.sub(lambda m: _EMOJI.get(m.group().lower(), m.group()), text)


def punctuation_insertion(text: str, seed: int = 0) -> str:
    """Put stray punctuation inside the longest words: ``pin*pas``."""
    rng = _rng(text, seed, "punct")
    return _rewrite_words(text, _longest_words(text), lambda w: w[: len(w) // 2] + rng.choice("*-_.'") + w[len(w) // 2 :])


def word_splitting(text: str, seed: int = 0) -> str:
    """Split the longest words in two with a space: ``pin pas``."""
    return _rewrite_words(text, _longest_words(text), lambda w: w[: len(w) // 2] + " " + w[len(w) // 2 :])


def case_noise(text: str, seed: int = 0) -> str:
    """Random upper and lower case: ``LeEn Je PiNpAs``."""
    rng = _rng(text, seed, "case")
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)


ATTACKS = {
    "leetspeak": leetspeak,
    "spacing": spacing,
    "dots": dots,
    "homoglyphs": homoglyphs,
    "zero_width": zero_width,
    "emoji": emoji_substitution,
    "punctuation": punctuation_insertion,
    "word_splitting": word_splitting,
    "case_noise": case_noise,
}


def attack(text: str, name: str, seed: int = 0) -> str:
    """Apply the attack called ``name`` (a key of :data:`ATTACKS`)."""
    try:
        return ATTACKS[name](text, seed)
    except KeyError:
        raise ValueError(f"unknown attack {name!r}; choose from {', '.join(ATTACKS)}") from None
