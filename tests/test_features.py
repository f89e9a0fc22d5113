import numpy as np
import pytest
import skops.io as sio
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils.estimator_checks import parametrize_with_checks

from riskdetect.features import LexiconFeatures, RiskFeaturizer
from riskdetect.normalize import DutchNormalizer

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



# scikit-learn runs only check_estimator_cloneable on text-input estimators (as for its own
# CountVectorizer); every other common check is skipped with "Can't test estimator ... which
# requires input of type ... string=True". The conventions those checks cover are tested below.
@parametrize_with_checks([DutchNormalizer(), LexiconFeatures(), RiskFeaturizer(word_min_df=1, char_min_df=1)])
def test_sklearn_estimator_checks_for_text_transformers(estimator, check):
    check(estimator)


@pytest.mark.parametrize("estimator", [DutchNormalizer(), LexiconFeatures(), RiskFeaturizer(word_min_df=1, char_min_df=1)])
def test_text_transformer_conventions(estimator):
    params = estimator.get_params()
    assert clone(estimator).get_params() == params
    if not isinstance(estimator, DutchNormalizer):
        with pytest.raises(NotFittedError):
            estimator.transform(TEXTS)
    fitted = clone(estimator)
    assert fitted.fit(TEXTS) is fitted
    learned = [k for k in vars(fitted) if k not in params and not k.startswith("_")]
    assert learned and all(k.endswith("_") for k in learned)
    first = fitted.transform(TEXTS)
    second = clone(estimator).fit(TEXTS).transform(TEXTS)
    assert (first == second) if isinstance(first, list) else (first != second).nnz == 0
