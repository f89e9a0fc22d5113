import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from riskdetect import LABELS, Detector, InvalidInputError, Result


def test_acceptance_money_mule(detector):
    result = detector.check("leen je pinpas ff uit voor 200 euro, niemand merkt het")
    assert result.categories["money_mule"] is True
    assert result.flagged
    assert any(span.label == "money_mule" for span in result.evidence)


def test_acceptance_parent_and_bank_card_is_benign(detector):
    result = detector.check("mam mag ik je pinpas lenen voor de boodschappen?")
    assert result.flagged is False
    assert result.evidence == []


def test_result_shape(detector):
    result = detector.check("we weten waar je woont, als je praat ben je klaar")
    assert isinstance(result, Result)
    assert list(result.categories) == list(LABELS)
    assert set(result.category_scores) == set(LABELS)
    assert all(0.0 <= s <= 1.0 for s in result.category_scores.values())
    assert result.model_version == detector.model_version
    data = result.to_dict()
    assert set(data) == {"flagged", "categories", "category_scores", "evidence", "model_version"}
    import json

    assert json.loads(json.dumps(data)) == data


OBFUSCATION_PAIRS = [
    ("leen je pinpas uit", "l33n j3 p 1 n p a s uit"),
    ("leen je pinpas uit voor geld", "leen je p.i.n.p.a.s uit voor g3ld"),
    ("leen je pinpas uit voor geld", "leen je рinраs uit voor geld"),  # Cyrillic р and а
    ("leen je pinpas uit voor geld", "le\u200den je pin\u200bpas uit voor geld"),
    ("stuur die foto of ik stuur hem naar je ouders", "stuur die f0t0 of ik stuur hem naar je 0uders"),
    ("we weten waar je woont", "WE WETEN WAAR JE WOONT"),
    ("we weten waar je woont", "we weeeeten waar je wooooont"),
    ("wil je wat geld verdienen met pakketjes rondbrengen", "wil je wat 💰 verdienen met pakketjes rondbrengen"),
    ("eerste wiet is gratis kom chillen", "eerste w 1 e t is gr4tis kom chillen"),
    ("zeg niks tegen je ouders", "z.e.g n.i.k.s tegen je ouders"),
]


@pytest.mark.parametrize("clean, obfuscated", OBFUSCATION_PAIRS)
def test_obfuscated_variants_score_like_clean(detector, clean, obfuscated):
    scores = detector.score([clean, obfuscated])
    for label in detector.labels:
        a, b = scores[f"{label}_score"]
        assert abs(a - b) <= 0.1, (label, a, b)


def test_score_dataframe_aligned_with_series_index(detector):
    series = pd.Series(["hoi hoe gaat het", "we weten waar je woont"], index=["x", "y"])
    frame = detector.score(series)
    assert list(frame.index) == ["x", "y"]
    expected = [f"{label}_score" for label in LABELS] + [f"{label}_flag" for label in LABELS] + ["flagged"]
    assert list(frame.columns) == expected
    assert frame.loc["y", "threat_flag"]
    assert not frame.loc["x", "flagged"]


def test_score_dataframe_column(detector):
    frame = pd.DataFrame({"bericht": ["hoi", "leen je pinpas uit voor 200 euro"]})
    with pytest.raises(InvalidInputError, match="column"):
        detector.score(frame)
    assert len(detector.score(frame, column="bericht")) == 2


def test_same_type_whatever_the_size(detector):
    assert isinstance(detector.score([]), pd.DataFrame)
    assert len(detector.score([])) == 0
    assert isinstance(detector.score(["a"]), pd.DataFrame)
    assert detector.check_many([]) == []


def test_thresholds_per_call_and_per_label(detector):
    text = "leen je pinpas ff uit voor 200 euro, niemand merkt het"
    assert not detector.check(text, thresholds=1.0).flagged
    assert not detector.check(text, thresholds={"money_mule": 1.0}).categories["money_mule"]
    everything = detector.check("hallo", thresholds=0.0)
    assert all(everything.categories.values())
    with pytest.raises(ValueError, match="unknown label"):
        detector.check(text, thresholds={"nope": 0.5})
    with pytest.raises(ValueError):
        detector.check(text, thresholds=1.5)


def test_operating_points_by_name(detector):
    points = detector.operating_points
    assert points["default"] == detector.thresholds
    stricter = points["precision_0.95"]
    assert all(stricter[label] >= points["precision_0.90"][label] for label in detector.labels)
    # The tolerant best-F1 point never sits below the best-F1 default.
    assert all(points["f1_within_0.5se"][label] >= points["default"][label] for label in detector.labels)
    texts = ["leen je pinpas ff uit voor 200 euro", "we weten waar je woont", "ben je alleen thuis? niks zeggen he"]
    by_name = detector.check_many(texts, thresholds="precision_0.95", explain=False)
    by_dict = detector.check_many(texts, thresholds=stricter, explain=False)
    assert [r.categories for r in by_name] == [r.categories for r in by_dict]
    with pytest.raises(ValueError, match="unknown operating point 'strict'.*precision_0.90"):
        detector.check("hoi", thresholds="strict")


def test_model_without_operating_points_has_default_only(detector):
    metadata = {k: v for k, v in detector.metadata.items() if k != "operating_points"}
    older = Detector(detector.pipeline, metadata)
    assert older.operating_points == {"default": detector.thresholds}


@pytest.mark.parametrize("bad", [None, float("nan"), b"bytes", 42, {"text": "x"}])
def test_bad_row_names_the_row(detector, bad):
    with pytest.raises(InvalidInputError, match="row 1") as info:
        detector.score(["goed", bad, "ook goed"])
    assert isinstance(info.value, TypeError) and isinstance(info.value, ValueError)
    assert info.value.rows[0].position == 1


def test_skip_bad_rows_scores_the_rest(detector):
    frame = detector.score(["we weten waar je woont", None, "hoi"], errors="skip")
    assert len(frame) == 3
    assert math.isnan(frame.loc[1, "threat_score"])
    assert frame.loc[1, "error"] == "expected str, got NoneType"
    assert frame.loc[0, "threat_flag"] and pd.isna(frame.loc[0, "error"])
    results = detector.check_many(["hoi", 3], errors="skip")
    assert isinstance(results[0], Result) and results[1] is None


def test_single_string_is_not_a_batch(detector):
    with pytest.raises(InvalidInputError, match="check"):
        detector.score("hoi")
    with pytest.raises(InvalidInputError):
        detector.check(None)


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "\u200b\u200b"])
def test_empty_and_whitespace(detector, text):
    result = detector.check(text)
    assert not result.flagged


def test_one_megabyte_message(detector):
    text = ("we weten waar je woont en je moeder ook. " * 30_000)[:1_000_000]
    result = detector.check(text)
    assert result.categories["threat"]
    for span in result.evidence:
        assert text[span.start : span.end] == span.text


risky_fragments = st.sampled_from(
    [
        "leen je pinpas uit voor 200 euro",
        "we weten waar je woont",
        "zeg niks tegen je ouders, stuur een selfie",
        "betaal of ik stuur je video naar je school",
        "eerste jonko is gratis, daarna pakketjes rondbrengen",
    ]
)
noise = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=15)


@given(st.lists(st.one_of(risky_fragments, noise), min_size=1, max_size=4).map(" ".join))
def test_evidence_spans_index_the_original_text(detector, text):
    result = detector.check(text, thresholds=0.05)
    for span in result.evidence:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        assert span.label in detector.labels


@given(st.lists(noise, max_size=5))
def test_scores_bounded_and_repeatable(detector, texts):
    first = detector.score(texts)
    second = detector.score(texts)
    values = first[[f"{label}_score" for label in LABELS]].to_numpy()
    assert np.all((values >= 0) & (values <= 1))
    pd.testing.assert_frame_equal(first, second)


def test_default_model_is_small_and_loads(root):
    from riskdetect.detector import default_model_path

    path = default_model_path()
    size = sum(f.stat().st_size for f in path.iterdir())
    assert size < 25 * 1024 * 1024
    assert Detector.load(path).labels == LABELS


def test_one_detector_from_many_threads_matches_serial(detector):
    from concurrent.futures import ThreadPoolExecutor

    texts = [
        "we weten waar je woont", "hoi hoe gaat het", "leen je pinpas uit voor 200 euro", "stuur een selfie, alleen voor mij",
        "betaal of je video gaat naar je school", "eerste jonko is gratis", "zullen we zaterdag voetballen?",
    ] * 6
    serial = [detector.check(text).to_dict() for text in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(lambda text: detector.check(text).to_dict(), texts))
    assert threaded == serial


def test_fast_scoring_path_matches_the_pipeline(detector):
    """Detector.predict_proba scores without building the feature matrix; it must agree
    with the fitted scikit-learn pipeline it was saved as."""
    texts = [
        "leen je pinpas ff uit voor 200 euro, niemand merkt het",
        "we weten waar je woont",
        "snel verd ienen met je pin pas",
        "",
        "😀😀 wiet wiet wiet",
        "  hoi \t\n hoi  ",
        "Ѕnel  g3ld 💰 via snap?? @voorbeeld_acc",
    ] * 3
    assert np.allclose(detector.predict_proba(texts), detector.pipeline.predict_proba(texts), atol=1e-5)
