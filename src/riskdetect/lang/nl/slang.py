"""Straattaal, Flemish and chat-abbreviation variants mapped to canonical Dutch forms.

Keys are folded (lower case, no accents); values may be several words. The
canonical forms are what the classifier and the cue patterns see, so that slang,
Flemish and standard Dutch share one vocabulary (and slang is not itself a signal).
"""

# Money and payment
_MONEY = {
    "doekoe": "geld", "doekoes": "geld", "doeko": "geld", "doeku": "geld", "poen": "geld",
    "knaken": "geld", "flappen": "geld", "pegels": "geld", "centen": "geld", "mula": "geld",
    "moneys": "geld", "money": "geld", "cash": "geld", "stacks": "geld", "cashgeld": "geld",
    "geldje": "geld", "bankpas": "pinpas", "pinpasje": "pinpas", "bankpasje": "pinpas",
    "bankkaart": "pinpas", "bankkaartje": "pinpas", "betaalpas": "pinpas", "debitcard": "pinpas",
    "betaalkaart": "pinpas", "pasje": "pinpas", "pincodes": "pincode", "tikkie": "betaalverzoek",
    "tikkies": "betaalverzoek", "iban": "rekeningnummer",
}
# Drugs
_DRUGS = {
    "weed": "wiet", "ganja": "wiet", "skunk": "wiet", "kush": "wiet", "haze": "wiet",
    "wietje": "wiet", "jonko": "joint", "jonkos": "joint", "blunt": "joint", "spliff": "joint",
    "coka": "coke", "cocaine": "coke", "cocaïne": "coke", "snuif": "coke", "xtc": "pillen",
    "mdma": "pillen", "molly": "pillen", "pilletjes": "pillen", "pakkie": "pakket",
    "pakketje": "pakket", "pakketjes": "pakket", "pakje": "pakket", "pakjes": "pakket",
    "paketje": "pakket", "bolletjes": "bolletje",
}
# People, places, police
_PEOPLE = {
    "mattie": "maat", "matties": "maten", "matti": "maat", "sahbi": "maat", "sahbis": "maten",
    "bro": "maat", "broski": "maat", "brur": "maat", "brotha": "maat", "gabber": "maat",
    "gast": "maat", "mannen": "jongens", "popo": "politie", "juut": "politie", "smeris": "politie",
    "feds": "politie", "flikken": "politie", "osso": "huis", "ossoe": "huis", "fissa": "feest",
    "waggie": "auto", "wagie": "auto", "snap": "snapchat", "sc": "snapchat", "snapje": "snapchat",
    "insta": "instagram", "ig": "instagram", "tele": "telegram", "wollah": "echt", "wallah": "echt",
}
# Flemish and chat abbreviations
_FUNCTION = {
    "ge": "je", "gij": "jij", "u": "je", "uw": "je", "goesting": "zin", "plezant": "leuk",
    "ff": "even", "effe": "even", "efkes": "even", "wss": "waarschijnlijk", "mss": "misschien",
    "nie": "niet", "ni": "niet", "nt": "niet", "ns": "eens", "gwn": "gewoon", "wrm": "waarom",
    "hb": "heb", "kheb": "ik heb", "kga": "ik ga", "kzal": "ik zal", "kzit": "ik zit",
    "kben": "ik ben", "kwil": "ik wil", "kweet": "ik weet", "kan't": "kan het", "da": "dat",
    "wa": "wat", "nen": "een", "ne": "een", "een'": "een", "jwz": "je weet zelf",
    "tmrw": "morgen", "mrgn": "morgen", "vnv": "vanavond", "vnvd": "vanavond", "zsm": "zo snel mogelijk",
    "pls": "alsjeblieft", "plz": "alsjeblieft", "aub": "alsjeblieft", "ok": "oke", "okee": "oke",
    "okay": "oke", "oké": "oke", "oki": "oke", "idd": "inderdaad", "bijv": "bijvoorbeeld",
    "dm": "prive bericht", "pm": "prive bericht", "dms": "prive bericht", "prive": "prive",
}

SLANG: dict[str, str] = {**_MONEY, **_DRUGS, **_PEOPLE, **_FUNCTION}

SLANG.update({"v-bucks": "vbucks", "v bucks": "vbucks", "paysafecard": "paysafe"})
