import pytest
from hypothesis import given
from hypothesis import strategies as st

from riskdetect import InvalidInputError
from riskdetect.conversation import ConversationScorer

GROOMING_CHAT = [
    {"from": "a", "text": "gg man die laatste ronde was echt goed"},
    {"from": "b", "text": "haha thx"},
    {"from": "a", "text": "welke map speel je het liefst?"},
    {"from": "b", "text": "tilted towers"},
    {"from": "a", "text": "je bent echt zo volwassen voor 12. zeg niks tegen je ouders, voeg me toe op snap en stuur een selfie, alleen voor mij"},
    {"from": "b", "text": "waarom"},
]
BENIGN_CHAT = [
    {"from": "a", "text": "hoi! heb jij de wiskunde huiswerk al af?"},
    {"from": "b", "text": "bijna, opgave 4 is lastig"},
    {"from": "a", "text": "zullen we morgen in de pauze samen kijken?"},
    {"from": "b", "text": "ja goed, tot morgen"},
    {"from": "a", "text": "neem je rekenmachine mee"},
    {"from": "b", "text": "oke doe ik"},
]


def test_benign_opening_does_not_alert_and_alert_comes_at_first_risky_message(detector):
    scan = detector.scan_conversation(GROOMING_CHAT)
    assert scan.alert_index == 4
    assert "grooming" in scan.alert_labels
    assert scan.result.flagged and scan.result.categories["grooming"]
    assert len(scan.message_scores) == len(scan.rolling_risk) == len(GROOMING_CHAT)
    assert all(risk["grooming"] < detector.thresholds["grooming"] for risk in scan.rolling_risk[:4])


def test_benign_chat_does_not_alert(detector):
    scan = detector.scan_conversation(BENIGN_CHAT)
    assert scan.alert_index is None and not scan.result.flagged


def test_stage_cues_on_the_messages_that_carry_them(detector):
    scan = detector.scan_conversation(GROOMING_CHAT)
    stages = {span.cue for span in scan.stage_cues[4]}
    assert {"secrecy", "private_platform"} <= stages
    assert scan.stage_cues[1] == []
    for k, spans in enumerate(scan.stage_cues):
        for span in spans:
            assert GROOMING_CHAT[k]["text"][span.start : span.end] == span.text
    for span in scan.result.evidence:
        assert GROOMING_CHAT[span.message]["text"][span.start : span.end] == span.text


def test_strings_and_dicts_and_bad_items(detector):
    assert detector.scan_conversation([m["text"] for m in GROOMING_CHAT]).alert_index == 4
    assert detector.scan_conversation([]).alert_index is None
    with pytest.raises(InvalidInputError, match="message 1"):
        detector.scan_conversation(["hoi", None])
    with pytest.raises(InvalidInputError):
        detector.scan_conversation("hoi")


def test_scorer_combines_two_moderate_messages():
    import numpy as np

    scorer = ConversationScorer(support=0.5)
    assert scorer.risk(np.array([[0.4], [0.4]]))[0] == pytest.approx(1 - 0.6 * 0.8)
    assert scorer.risk(np.array([[0.4]]))[0] == pytest.approx(0.4)


messages = st.lists(
    st.sampled_from([m["text"] for m in GROOMING_CHAT + BENIGN_CHAT] + ["we weten waar je woont", "betaal of ik stuur de video"]),
    max_size=10,
)


@given(messages)
def test_monitor_gives_exactly_the_alerts_of_scan(detector, chat):
    scan = detector.scan_conversation(chat)
    monitor = detector.monitor()
    updates = [monitor.add(text) for text in chat]
    assert monitor.alert_index == scan.alert_index
    assert [u.index for u in updates if u.alert] == ([] if scan.alert_index is None else [scan.alert_index])
    assert [u.risk for u in updates] == scan.rolling_risk
    assert (updates[-1].alert_labels if updates else []) == scan.alert_labels
    assert monitor.scan().to_dict() == scan.to_dict()


def test_scorer_by_speaker_and_cue_counts():
    import numpy as np

    recent = np.array([[0.4], [0.4]])
    pooled = ConversationScorer(support=1.0, by_speaker=False)
    per_speaker = ConversationScorer(support=1.0, by_speaker=True)
    # The victim's reply does not support the offender's message ...
    assert per_speaker.risk(recent, ["a", "b"])[0] == pytest.approx(0.4)
    # ... but two pushes from the same speaker do.
    assert per_speaker.risk(recent, ["a", "a"])[0] == pytest.approx(1 - 0.6 * 0.6)
    assert pooled.risk(recent, ["a", "b"])[0] == pytest.approx(1 - 0.6 * 0.6)
    cued = ConversationScorer(support=0.0, cue_weight=0.1)
    cues = [frozenset({(0, "flattery"), (0, "secrecy")}), frozenset({(0, "image_request")})]
    assert cued.risk(recent, ["a", "a"], cues)[0] == pytest.approx(0.4 + 0.2)
