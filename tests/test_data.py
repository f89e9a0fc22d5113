"""Quality gates on the committed corpus, and the data tools that enforce them."""

import json
from collections import Counter

import pytest

from riskdetect.data.augment import augment_records, augment_text
from riskdetect.data.io import CorpusError, labelled_texts, read_jsonl, read_records
from riskdetect.data.schema import validate_record
from riskdetect.data.splits import assign_splits, hashed_split, near_duplicate_pairs, record_text
from riskdetect.data.stats import check_floors, corpus_stats
from riskdetect.labels import LABELS


@pytest.fixture(scope="module")
def corpus(root):
    messages, conversations, problems = [], [], []
    for path in sorted((root / "datasets").glob("*.jsonl")):
        records, bad = read_jsonl(path, skip_bad=True)
        problems += bad
        for record in records:
            problems += validate_record({k: v for k, v in record.items() if k != "_line"}, path.name, record["_line"])
            (conversations if "messages" in record else messages).append(record)
    return messages, conversations, problems


def test_schema_and_labels_valid(corpus):
    _, _, problems = corpus
    assert problems == []


def test_ids_unique(corpus):
    messages, conversations, _ = corpus
    counts = Counter(r["id"] for r in messages + conversations)
    assert [i for i, n in counts.items() if n > 1] == []


def test_floors_met(corpus):
    messages, conversations, _ = corpus
    assert check_floors(corpus_stats(messages, conversations)) == []


def test_near_duplicates_rare_and_never_across_splits(corpus):
    messages, conversations, _ = corpus
    for records in (messages, conversations):
        pairs = near_duplicate_pairs([record_text(r) for r in records], threshold=0.8)
        assert len(pairs) < 0.02 * len(records)
        assert [(records[i]["id"], records[j]["id"]) for i, j in pairs if records[i]["split"] != records[j]["split"]] == []


def test_conversation_messages_do_not_leak_into_other_splits(corpus):
    messages, conversations, _ = corpus
    texts = [r["text"] for r in messages]
    splits = [r["split"] for r in messages]
    for conversation in conversations:
        for message in conversation["messages"]:
            if len(message["text"]) >= 25:
                texts.append(message["text"])
                splits.append(conversation["split"])
    n = len(messages)
    pairs = near_duplicate_pairs(texts)
    leaks = [(texts[i], texts[j]) for i, j in pairs if i < n <= j and splits[i] != splits[j]]
    assert leaks == []


def test_splits_stratified(corpus):
    messages, _, _ = corpus
    for label in LABELS:
        split = Counter(r["split"] for r in messages if label in r["labels"])
        total = sum(split.values())
        assert 0.08 <= split["test"] / total <= 0.25, (label, split)
        assert 0.08 <= split["validation"] / total <= 0.25, (label, split)


def test_hashed_split_is_stable_and_proportional():
    assert hashed_split("m-gro-0001") == hashed_split("m-gro-0001")
    shares = Counter(hashed_split(f"id-{i}") for i in range(20_000))
    assert abs(shares["train"] / 20_000 - 0.70) < 0.02
    assert abs(shares["test"] / 20_000 - 0.15) < 0.02


def test_assign_splits_keeps_existing_and_joins_near_duplicates():
    records = [
        {"id": "a", "text": "leen je pinpas uit voor tweehonderd euro", "split": "test"},
        {"id": "b", "text": "leen je pinpas uit voor tweehonderd euro!"},
        {"id": "c", "text": "iets heel anders over voetbal en school"},
    ]
    assert assign_splits(records) == 2
    assert records[0]["split"] == "test" and records[1]["split"] == "test"
    assert records[2]["split"] == hashed_split("c")


def test_assign_splits_joins_a_message_to_the_conversation_whose_line_it_repeats():
    line = "ik ga je vermoorden echt waar, wacht maar"
    split = next(s for s in ("train", "validation", "test") if s != hashed_split("m-1"))  # not its own hash
    records = [
        {"id": "c-1", "split": split, "messages": [
            {"from": "b", "text": "wat wil je nou van me, ik heb niks gedaan en ik ga naar huis"},
            {"from": "a", "text": line},
        ]},
        {"id": "m-1", "text": line + "!"},
        {"id": "m-2", "text": "hoi"},  # too short to count as a conversation line
    ]
    assert assign_splits(records) == 2
    assert records[1]["split"] == split
    assert records[2]["split"] == hashed_split("m-2")


def test_near_duplicate_pairs_exact_small():
    texts = ["we weten waar je woont", "we weten waar je woont!!", "hoi", "we weten niet waar hij woont nu"]
    assert near_duplicate_pairs(texts, 0.8) == [(0, 1)]


def test_augmentation_deterministic_and_never_touches_test():
    records = [
        {"id": "t", "text": "stuur die foto of ik stuur hem naar je klas", "labels": ["sextortion"], "split": "train"},
        {"id": "v", "text": "stuur die foto of ik stuur hem naar je klas", "labels": ["sextortion"], "split": "validation"},
        {"id": "x", "text": "stuur die foto of ik stuur hem naar je klas", "labels": ["sextortion"], "split": "test"},
    ]
    once = augment_records(records, seed=5, variants=3)
    twice = augment_records(records, seed=5, variants=3)
    assert once == twice
    assert {r["id"].split("~")[0] for r in once if r.get("augmented")} == {"t"}
    assert sum(1 for r in once if r["split"] == "test") == 1
    assert augment_text("leen je pinpas uit", 1) == augment_text("leen je pinpas uit", 1)
    assert {augment_text("leen je pinpas uit voor geld", s) for s in range(10)} - {"leen je pinpas uit voor geld"}


def test_split_words_breaks_a_long_word_and_keeps_every_letter():
    from riskdetect.data.augment import split_words

    text = "wil je pakketjes rondbrengen voor goed geld"
    variants = {split_words(text, seed) for seed in range(20)}
    assert all(v.replace(" ", "") == text.replace(" ", "") and v.count(" ") > text.count(" ") for v in variants)
    assert len(variants) > 3
    assert split_words("ok ja", 0) == "ok ja"


def test_read_jsonl_reports_file_and_line(tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_text('{"text": "a", "labels": []}\n{oops\n{"text": "b", "labels": []}\n', encoding="utf-8")
    with pytest.raises(CorpusError, match=r"m.jsonl:2: malformed JSON"):
        read_jsonl(path)
    records, skipped = read_jsonl(path, skip_bad=True)
    assert [r["text"] for r in records] == ["a", "b"] and skipped[0].line == 2


def test_read_jsonl_reports_bad_encoding(tmp_path):
    path = tmp_path / "m.jsonl"
    path.write_bytes(b'{"text": "a", "labels": []}\n{"text": "\xff\xfe", "labels": []}\n')
    with pytest.raises(CorpusError, match="m.jsonl:2: not UTF-8"):
        read_jsonl(path)


def test_csv_with_label_columns_and_labels_column(tmp_path):
    wide = tmp_path / "wide.csv"
    wide.write_text("text,spam,scam\nkoop nu,1,0\nhoi,0,0\n", encoding="utf-8")
    records, _ = read_records(wide)
    assert [r["labels"] for r in records] == [["spam"], []]
    narrow = tmp_path / "narrow.csv"
    narrow.write_text('text,labels\nkoop nu,"spam|scam"\nhoi,\n', encoding="utf-8")
    records, _ = read_records(narrow)
    assert [r["labels"] for r in records] == [["spam", "scam"], []]


def test_labelled_texts_from_conversations():
    conversation = {
        "id": "c1", "split": "train", "labels": ["threat"], "onset": 2, "offender": "a",
        "messages": [{"from": "a", "text": "hoi"}, {"from": "b", "text": "hey"}, {"from": "a", "text": "ik weet waar je woont"},
                     {"from": "b", "text": "laat me met rust"}, {"from": "a", "text": "morgen na school"}],
    }
    benign = {"id": "c2", "split": "train", "labels": [], "onset": None,
              "messages": [{"from": "a", "text": "hoi"}, {"from": "b", "text": "hey"}]}
    data = labelled_texts([conversation, benign])
    assert list(zip(data.texts, data.labels)) == [
        ("hoi", []), ("hey", []), ("laat me met rust", []), ("ik weet waar je woont", ["threat"]),
        ("hoi", []), ("hey", []),
    ]


def test_validate_record_reports_every_problem():
    record = {"id": "", "messages": [{"from": "a", "text": "x"}], "labels": ["threat"], "onset": 5,
              "register": "x", "platform": "sms", "split": "train"}
    messages = [p.message for p in validate_record(record, "f.jsonl", 3)]
    assert any(m.startswith("id:") for m in messages)
    assert any(m.startswith("register:") for m in messages)
    assert any(m.startswith("onset:") for m in messages)
    assert any("both sides" in m for m in messages)
    assert any("6-25" in m for m in messages)


def test_datasheet_stats_block_matches_the_stats_command(root, corpus):
    from riskdetect.data.stats import format_stats

    messages, conversations, _ = corpus
    sheet = (root / "datasets" / "README.md").read_text(encoding="utf-8")
    block = sheet.split("<!-- stats:start -->\n", 1)[1].split("\n<!-- stats:end -->", 1)[0]
    assert block.strip() == format_stats(corpus_stats(messages, conversations)).strip()


def test_labelling_guide_covers_the_borderline_pairs(root):
    guide = (root / "datasets" / "LABELLING_GUIDE.md").read_text(encoding="utf-8")
    for pair in ("Teen flirting vs grooming", "A friend's joke vs a threat", "A real bijbaantje vs a mule offer",
                 "A prevention lesson vs a lure"):
        assert pair in guide
