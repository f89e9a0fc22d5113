import numpy as np
import skops.io as sio

from riskdetect.features import LexiconFeatures, RiskFeaturizer

TEXTS = ["leen je pinpas uit", "mag ik je pinpas lenen", "ik maak je af in fortnite", "we weten waar je woont"]


def test_featurizer_blocks_and_names():
    featurizer = RiskFeaturizer(word_min_df=1, char_min_df=1).fit(TEXTS)
    X = featurizer.transform(TEXTS)
    names = featurizer.get_feature_names_out()
    assert X.shape == (4, len(names))
    assert featurizer.slices_["length"][1] == X.shape[1]
    assert X[:, slice(*featurizer.slices_["length"])].sum(axis=1).tolist() == [[1.0]] * 4
    assert "word__pinpas" in set(names)
    assert featurizer.word_.vocabulary_["pinpas"] == list(names).index("word__pinpas")


def test_featurizer_survives_skops_round_trip(tmp_path):
    featurizer = RiskFeaturizer(word_min_df=1, char_min_df=1).fit(TEXTS)
    expected = featurizer.transform(TEXTS).toarray()
    path = tmp_path / "f.skops"
    sio.dump(featurizer, path)
    loaded = sio.load(path, trusted=sio.get_untrusted_types(file=path))
    assert np.array_equal(loaded.transform(TEXTS).toarray(), expected)
    assert "_fitted_vectorizers" not in loaded.__getstate__()


def test_lexicon_counts_category_keywords():
    lexicon = LexiconFeatures().fit(TEXTS)
    values = lexicon.transform(["leen je pinpas uit voor snel geld", "hoi"]).toarray()
    money = list(lexicon.lexicons_).index("money_mule")
    assert values[0, money] > 0 and values[1].sum() == 0
