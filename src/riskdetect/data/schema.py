"""Schema of the riskdetect corpus files and a validator that reports every problem.

>>> problems = validate_record({"id": "m-1", "text": "hoi", "labels": ["x"], "register": "standard",
...     "platform": "sms", "split": "train"}, "f.jsonl", 1)
>>> problems[0].message
"labels: unknown label 'x' (known: grooming, sextortion, money_mule, drug_lure, threat)"
"""

from __future__ import annotations

from dataclasses import dataclass

from ..labels import LABELS

__all__ = [
    "REGISTERS", "PLATFORMS", "SPLITS", "TAGS", "Problem", "validate_record", "record_kind",
    "MIN_MESSAGES", "MAX_MESSAGES",
]

REGISTERS = ("standard", "teen_chat", "straattaal", "flemish", "formal_scam", "gamer", "adult")
PLATFORMS = (
    "snapchat", "instagram", "tiktok", "discord", "roblox", "fortnite", "whatsapp", "telegram",
    "sms", "email", "other",
)
SPLITS = ("train", "validation", "test")
TAGS = ("subtle", "obfuscated", "loverboy", "hard_negative", "everyday", "prevention", "english_mix")
MIN_MESSAGES, MAX_MESSAGES = 6, 25


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def record_kind(record: dict) -> str:
    return "conversation" if "messages" in record else "message"


def _check_labels(labels, known, problems, where):
    if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
        problems.append(where("labels: must be a list of label ids ([] for benign)"))
        return
    for label in labels:
        if label not in known:
            problems.append(where(f"labels: unknown label {label!r} (known: {', '.join(known)})"))
    if len(set(labels)) != len(labels):
        problems.append(where("labels: a label is listed twice"))
    elif [x for x in known if x in labels] != [x for x in labels if x in known]:
        problems.append(where(f"labels: list them in taxonomy order ({', '.join(known)})"))


def _check_choice(record, field, choices, problems, where):
    value = record.get(field)
    if value not in choices:
        problems.append(where(f"{field}: {value!r} is not one of {', '.join(choices)}"))


def validate_record(record, file: str, line: int, known_labels=LABELS) -> list[Problem]:
    """Every schema problem of one corpus record (message or conversation)."""
    problems: list[Problem] = []

    def where(message):
        return Problem(file, line, message)

    if not isinstance(record, dict):
        return [where("a line must hold one JSON object")]
    if not isinstance(record.get("id"), str) or not record.get("id"):
        problems.append(where("id: must be a non-empty string"))
    _check_labels(record.get("labels"), known_labels, problems, where)
    _check_choice(record, "register", REGISTERS, problems, where)
    _check_choice(record, "platform", PLATFORMS, problems, where)
    _check_choice(record, "split", SPLITS, problems, where)
    tags = record.get("tags", [])
    if not isinstance(tags, list) or any(tag not in TAGS for tag in tags):
        problems.append(where(f"tags: must be a list drawn from {', '.join(TAGS)}"))
    if record_kind(record) == "message":
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            problems.append(where("text: must be a non-empty string"))
        return problems
    messages = record.get("messages")
    if not isinstance(messages, list):
        problems.append(where("messages: must be a list of {\"from\", \"text\"} objects"))
        return problems
    if not MIN_MESSAGES <= len(messages) <= MAX_MESSAGES:
        problems.append(where(f"messages: {len(messages)} messages; a corpus conversation has {MIN_MESSAGES}-{MAX_MESSAGES}"))
    for number, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("text"), str) or not message["text"].strip():
            problems.append(where(f"messages[{number}].text: must be a non-empty string"))
        elif not isinstance(message.get("from"), str) or not message["from"]:
            problems.append(where(f"messages[{number}].from: must name the speaker"))
    speakers = {m.get("from") for m in messages if isinstance(m, dict)}
    if len(speakers) < 2:
        problems.append(where("messages: a conversation needs both sides (two speakers or more)"))
    onset = record.get("onset")
    labels = record.get("labels") or []
    if labels:
        if not isinstance(onset, int) or isinstance(onset, bool) or not 0 <= onset < len(messages):
            problems.append(where(f"onset: must be a message index 0..{len(messages) - 1} for a risky conversation"))
        if record.get("offender") not in speakers:
            problems.append(where("offender: must name the speaker who carries the risk"))
    elif onset is not None:
        problems.append(where("onset: must be null for a benign conversation"))
    return problems
