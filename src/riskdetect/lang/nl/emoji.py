"""Emoji mapped to Dutch cue words (the word the emoji stands in for in risky chat).

Skin-tone modifiers, variation selectors and zero-width joiners are removed before
this map applies, so only base emoji are listed.
"""

EMOJI_WORDS: dict[str, str] = {
    # money
    "💰": "geld", "💵": "geld", "💶": "geld", "💷": "geld", "💴": "geld", "💸": "geld",
    "🤑": "geld", "🪙": "geld", "🏦": "bank", "💳": "pinpas", "🏧": "pinautomaat",
    # drugs
    "🍃": "wiet", "🌿": "wiet", "🥦": "wiet", "🌱": "wiet", "🍀": "wiet", "💨": "roken",
    "🚬": "roken", "❄": "coke", "⛄": "coke", "🍫": "hasj", "💊": "pil", "💉": "spuit",
    "📦": "pakket", "🎒": "tas", "🛵": "scooter", "⚖": "weegschaal", "🔌": "plug",
    # weapons and violence
    "🔪": "mes", "🗡": "mes", "🔫": "pistool", "💣": "bom", "🩸": "bloed", "⚰": "doodskist",
    "🪦": "graf", "👊": "klap", "🤜": "klap", "🥊": "vechten", "🔥": "vuur", "🚑": "ambulance",
    # images and secrecy
    "📷": "camera", "📸": "camera", "🎥": "video", "📹": "video", "🤳": "selfie",
    "🤫": "geheim", "🤐": "geheim", "🔒": "slot", "🙈": "verlegen", "👀": "kijken",
    "🍆": "naakt", "🍑": "naakt", "🔞": "achttienplus",
    # affection
    "😘": "kus", "😍": "verliefd", "🥰": "verliefd", "❤": "hart", "💕": "hart", "💖": "hart",
    "💗": "hart", "💋": "kus", "😏": "grijns", "😉": "knipoog", "🌹": "roos", "💍": "ring",
    # gifts, phones, time
    "🎁": "cadeau", "👟": "schoenen", "👜": "tas", "📱": "telefoon", "⏰": "tijd", "⏳": "tijd",
    "⌛": "tijd", "🕐": "tijd", "🚓": "politie", "🚔": "politie", "👮": "politie", "🏠": "huis",
    "🏡": "huis", "🚗": "auto", "🎮": "gamen", "⚽": "voetbal",
    # laughing skull is mostly "I'm dying of laughter": keep it distinct from dood
    "💀": "schedel", "☠": "schedel", "😂": "haha", "🤣": "haha", "😭": "huilen",
}
