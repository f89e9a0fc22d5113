from riskdetect.labels import LABELS, TAXONOMY, by_severity


def test_labels_fixed_order():
    assert LABELS == ("grooming", "sextortion", "money_mule", "drug_lure", "threat")


def test_every_label_documented_and_mapped():
    for label in LABELS:
        info = TAXONOMY[label]
        assert info.description_nl and info.description_en and info.cue_examples
        assert info.openai_moderation and info.mlcommons_hazards
    assert sorted(TAXONOMY[l].severity for l in LABELS) == [1, 2, 3, 4, 5]


def test_severity_order_and_unknown_labels_last():
    assert by_severity(("threat", "custom", "sextortion")) == ["sextortion", "threat", "custom"]
