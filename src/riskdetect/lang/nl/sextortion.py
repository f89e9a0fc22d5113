"""Sextortion cues (after normalisation). Pattern syntax: see :mod:`.grooming`."""

LABEL = "sextortion"

KEYWORDS = (
    "naaktfoto", "naakt", "nudes", "je video", "die video", "die foto", "je foto", "je beelden",
    "gehackt", "naar je ouders", "naar je moeder", "naar je school", "je volgers", "je klas",
    "iedereen ziet", "betaal", "paysafe", "steam kaart", "google play", "cadeaukaart",
    "deadline", "uur de tijd", "verwijder", "online zetten", "posten", "verspreiden", "screenshot",
)

CUES = {
    "leverage": [
        "ik stuur|zet|post ... foto|video|beelden|filmpje", "naar je ouders|moeder|vader|school|klas|volgers|vrienden",
        "iedereen gaat|zal ... zien", "online zetten|gooien", "ik heb je ... foto|video|beelden",
        "ik heb je gehackt", "je account is gehackt", "screenshot van je volgers|vrienden",
        "wat je me gestuurd hebt",
    ],
    "gifts": [
        "betaal|stuur|maak ... _bedrag_", "paysafe|paysafecard|cadeaukaart|giftcard|steam|bitcoin",
        "betaalverzoek", "_bedrag_ of", "over maken|overmaken",
    ],
    "debt": ["je hebt ... uur|minuten|tijd", "laatste kans", "tot morgen|vanavond om"],
    "image_request": [
        "stuur ... meer foto|video", "nog een foto|video", "camera aan",
    ],
}
