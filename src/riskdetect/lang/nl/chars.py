"""Character-level folding data: homoglyphs, leetspeak and invisible characters."""

# Look-alike letters from Cyrillic, Greek and other scripts, after case folding.
HOMOGLYPHS: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
    "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j",
    "ѕ": "s", "ԁ": "d", "һ": "h", "ԛ": "q", "ѡ": "w", "ӏ": "l", "ɡ": "g", "ո": "n",
    "ս": "u", "ց": "g", "ı": "i", "ɑ": "a", "ʏ": "y",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o",
    "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "μ": "u", "ς": "s", "σ": "o",
    # Symbols that stand in for letters in any position
    "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d",
}

# Leetspeak digits and symbols, replaced only inside a word that also has letters.
LEET: dict[str, str] = {
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
    "@": "a", "$": "s", "€": "e", "!": "i", "|": "l",
}

# Characters folded to a plain apostrophe or hyphen.
PUNCTUATION: dict[str, str] = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
}

# Product and model names whose digits are all leetspeak digits: "ps5" stays "ps5" although
# "al5" is "als". A letters-then-digits token whose digits include 2, 6, 8 or 9 ("fifa23")
# is always kept.
PRODUCT_PREFIXES: frozenset[str] = frozenset({
    "ps", "mp", "gta", "fifa", "fc", "cs", "cod", "bo", "mw", "iphone", "ios", "xbox", "s",
    "galaxy", "pixel", "windows", "win", "a", "nl", "rtx", "gtx", "rx", "usb",
})

# "1k" is a thousand ("ik geef je 1k") unless a first-person verb follows: then it is leet
# for "ik" ("1k ben 14", "1k weet waar je woont").
IK_VERBS: tuple[str, ...] = (
    "ben", "was", "heb", "had", "wil", "wou", "wilde", "weet", "wist", "ga", "ging", "kom", "kwam",
    "zal", "zou", "kan", "kon", "moet", "moest", "mag", "mocht", "zie", "zag", "vind", "vond",
    "denk", "dacht", "hoop", "snap", "mis", "stuur", "geef", "betaal", "maak", "zeg", "zei",
    "hou", "houd", "wacht", "woon", "zit", "sta", "lig", "doe", "deed", "krijg", "kreeg", "bel",
    "app", "ken", "hoor", "voel", "word", "werd", "blijf", "pak", "laat", "neem", "breng", "haal",
    "zoek", "vraag", "speel", "leer", "werk", "heet", "post", "deel", "zet", "vertel",
)
