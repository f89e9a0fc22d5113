import json

import numpy as np
import pytest

from riskdetect import Detector
from riskdetect.data.io import read_jsonl, read_pan12
from riskdetect.train import TrainConfig, train

FAST = TrainConfig(calibration_cv=0, augment_variants=1, word_min_df=1, char_min_df=1, max_char_features=20_000)


@pytest.fixture(scope="module")
def small_corpus(root, tmp_path_factory):
    """A small slice of the committed corpus (train and validation rows only)."""
    path = tmp_path_factory.mktemp("corpus") / "small.jsonl"
    records = []
    for file in sorted((root / "datasets").glob("messages_*.jsonl")):
        rows = [r for r in read_jsonl(file)[0] if r["split"] in ("train", "validation")]
        records += rows[::6]
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            record.pop("_line")
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def test_train_writes_model_metrics_and_card(small_corpus, tmp_path):
    out = tmp_path / "model"
    metrics = train([small_corpus], out, config=FAST, seed=1, progress=False)
    assert {p.name for p in out.iterdir()} >= {"model.skops", "metadata.json", "metrics.json", "MODEL_CARD.md"}
    metadata = json.loads((out / "metadata.json").read_text())
    assert metadata["labels"] == ["grooming", "sextortion", "money_mule", "drug_lure", "threat"]
    assert set(metadata["thresholds"]) == set(metadata["labels"])
    points = metadata["operating_points"]
    assert list(points) == ["default", "precision_0.90", "precision_0.95", "f1_within_0.5se"]
    assert points["default"] == metadata["thresholds"]
    assert all(points["f1_within_0.5se"][label] >= points["default"][label] for label in metadata["labels"])
    assert "validation" in metrics and "test" not in metrics
    card = (out / "MODEL_CARD.md").read_text()
    for heading in ("Intended use", "Out-of-scope use", "Training data", "Thresholds", "Known failure modes", "Ethical considerations"):
        assert f"## {heading}" in card
    detector = Detector.load(out)
    assert detector.check("we weten waar je woont, je moeder ook").category_scores["threat"] > 0.3


def test_operating_points_measured_on_test_and_in_the_card(root, tmp_path):
    path = tmp_path / "with_test.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for file in sorted((root / "datasets").glob("messages_*.jsonl"))[::2]:
            for record in read_jsonl(file)[0][::5]:
                record.pop("_line")
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    metrics = train([path], tmp_path / "model", config=FAST, seed=0, progress=False)
    points = metrics["operating_points"]
    assert set(points) == {"default", "precision_0.90", "precision_0.95", "f1_within_0.5se"}
    for label, best in points["default"].items():
        for stricter in (points["precision_0.95"][label], points["f1_within_0.5se"][label]):
            # A higher threshold can only flag fewer messages: recall cannot rise.
            if stricter["threshold"] >= best["threshold"]:
                assert stricter["recall"] <= best["recall"]
    assert points["default"]["threat"]["threshold"] == metrics_threshold(tmp_path / "model", "threat")
    card = (tmp_path / "model" / "MODEL_CARD.md").read_text()
    assert "## Operating points" in card and "`precision_0.95`" in card


def metrics_threshold(model, label):
    return json.loads((model / "metadata.json").read_text())["thresholds"][label]


def test_training_is_deterministic(small_corpus, tmp_path):
    texts = ["leen je pinpas uit", "we weten waar je woont", "hoi hoe gaat het"]
    a = train([small_corpus], tmp_path / "a", config=FAST, seed=7, progress=False)
    b = train([small_corpus], tmp_path / "b", config=FAST, seed=7, progress=False)
    assert a["validation"] == b["validation"]
    pa = Detector.load(tmp_path / "a").predict_proba(texts)
    pb = Detector.load(tmp_path / "b").predict_proba(texts)
    assert np.array_equal(pa, pb)
    fitted_a, fitted_b = (Detector.load(tmp_path / name).pipeline for name in ("a", "b"))
    assert np.array_equal(fitted_a.named_steps["classifier"].coef_, fitted_b.named_steps["classifier"].coef_)
    assert fitted_a.named_steps["features"].char_terms_ == fitted_b.named_steps["features"].char_terms_
    # Same data and code: same version. Other settings on the same data: another version.
    assert a["model_version"] == b["model_version"]
    c = train([small_corpus], tmp_path / "c", config=FAST, seed=8, progress=False)
    assert c["model_version"] != a["model_version"]
    assert c["model_version"].rsplit("-", 2)[1] == a["model_version"].rsplit("-", 2)[1]  # the data hash


def test_any_label_set_from_csv(tmp_path):
    rows = ["text,spam,phishing"]
    for i in range(60):
        rows.append(f"koop nu goedkope horloges nummer {i},1,0")
        rows.append(f"klik op deze link om je wachtwoord te bevestigen {i},0,1")
        rows.append(f"zullen we morgen om {i % 12} uur koffie drinken,0,0")
    path = tmp_path / "custom.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    train([path], tmp_path / "m", config=FAST, progress=False)
    detector = Detector.load(tmp_path / "m")
    assert detector.labels == ("phishing", "spam")
    result = detector.check("klik op de link en bevestig je wachtwoord")
    assert result.categories["phishing"] and not result.categories["spam"]


def test_pan12_adapter(root):
    fixtures = root / "tests" / "fixtures"
    conversations = read_pan12(fixtures / "pan12_sample.xml", fixtures / "pan12_predators.txt")
    assert [c["id"] for c in conversations] == ["c0a1", "c0a2", "c0a3"]
    assert [c["labels"] for c in conversations] == [["grooming"], [], ["grooming"]]
    assert conversations[0]["messages"][2]["text"].startswith("how old")
    assert conversations[0]["offender"] == "aa11"


def test_config_file_rejects_unknown_keys(tmp_path):
    path = tmp_path / "c.json"
    path.write_text('{"C": 2.0, "bogus": 1}')
    with pytest.raises(ValueError, match="bogus"):
        TrainConfig.from_file(path)
