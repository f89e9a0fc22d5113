import numpy as np
import pytest
import skops.io as sio
from hypothesis import given, settings
from hypothesis import strategies as st
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
    column = list(names).index("word__pinpas")
    assert X[0, column] > 0 and X[2, column] == 0


def test_featurizer_matches_a_direct_tfidf_computation():
    """Value = idf / norm, idf smoothed as scikit-learn's, norm over in-vocabulary n-grams."""
    featurizer = RiskFeaturizer(word_min_df=1, char_min_df=1, char_ngram_range=(3, 3)).fit(TEXTS)
    X = featurizer.transform(["je pinpas"]).toarray()[0]
    names = list(featurizer.get_feature_names_out())
    idf = lambda df: np.log((1 + 4) / (1 + df)) + 1  # noqa: E731
    expected = {"word__je": idf(4), "word__pinpas": idf(2), "word__je pinpas": idf(2)}
    norm = np.sqrt(sum(v**2 for v in expected.values()))
    for name, value in expected.items():
        assert X[names.index(name)] == pytest.approx(value / norm, rel=1e-5)
    chars = {f"char__{g}" for g in (" je", "je ", " pi", "pin", "inp", "npa", "pas", "as ")}
    assert {names[i] for i in np.flatnonzero(X[slice(*featurizer.slices_["char"])]) + featurizer.slices_["char"][0]} == chars


def test_featurizer_batch_equals_one_by_one():
    featurizer = RiskFeaturizer(word_min_df=1, char_min_df=1).fit(TEXTS)
    texts = TEXTS + ["", "pinpas", "  je   pinpas  ", "é ü 😀 \x00 x"]
    together = featurizer.transform(texts).toarray()
    alone = np.vstack([featurizer.transform([t]).toarray() for t in texts])
    assert np.allclose(together, alone)


SPLIT_VOCABULARY = ["snel verdienen met je pinpas", "met een vriend", "meteen komen", "verdienen", "pinpas lenen"] * 2


def test_a_word_split_in_two_reads_as_the_word():
    featurizer = RiskFeaturizer(word_min_df=1, char_min_df=1).fit(SPLIT_VOCABULARY)
    split, whole = featurizer.transform(["snel verd ienen", "snel verdienen"]).toarray()
    assert np.array_equal(split, whole)
    names = list(featurizer.get_feature_names_out())
    assert featurizer.transform(["je pin pas"]).toarray()[0, names.index("word__pinpas")] > 0
    dotted, whole = featurizer.transform(["snel verd.ienen", "snel verdienen"]).toarray()
    assert np.array_equal(dotted, whole)
    plain = RiskFeaturizer(word_min_df=1, char_min_df=1, join_split_words=False).fit(SPLIT_VOCABULARY)
    split, whole = plain.transform(["snel verd ienen", "snel verdienen"]).toarray()
    assert not np.array_equal(split, whole)


def test_a_known_bigram_stays_two_words():
    featurizer = RiskFeaturizer(word_min_df=1, char_min_df=1).fit(SPLIT_VOCABULARY)
    names = list(featurizer.get_feature_names_out())
    row = featurizer.transform(["met een vriend"]).toarray()[0]
    assert row[names.index("word__met een")] > 0 and row[names.index("word__meteen")] == 0


def test_a_rare_known_bigram_joins_into_a_common_word():
    # Split augmentation puts pairs like "all een" in the vocabulary; "alleen" is far more common.
    texts = ["ben je alleen thuis", "alleen jij", "niet alleen", "alleen maar"] * 30 + ["all een thuis"] * 2
    featurizer = RiskFeaturizer(word_min_df=1, char_min_df=1).fit(texts)
    names = list(featurizer.get_feature_names_out())
    row = featurizer.transform(["ben je all een"]).toarray()[0]
    assert row[names.index("word__alleen")] > 0 and row[names.index("word__all een")] == 0
    # A bigram only ten times rarer than the word is a reading of its own and stays.
    texts = ["alleen jij", "niet alleen", "alleen maar"] * 7 + ["all een thuis", "all een ding"]
    featurizer = RiskFeaturizer(word_min_df=1, char_min_df=1).fit(texts)
    names = list(featurizer.get_feature_names_out())
    row = featurizer.transform(["ben je all een"]).toarray()[0]
    assert row[names.index("word__all een")] > 0 and row[names.index("word__alleen")] == 0


PIECES = st.sampled_from(["ver", "dienen", "verdienen", "pin", "pas", "pinpas", "met", "een", "meteen", "x", "!", "é", ".", "'"])
SPLIT_TEXTS = st.lists(PIECES, max_size=8).flatmap(
    lambda words: st.lists(st.sampled_from([" ", "  ", "\t", ""]), min_size=len(words), max_size=len(words)).map(
        lambda gaps: "".join(w + g for w, g in zip(words, gaps))
    )
)


@settings(max_examples=60, deadline=None)
@given(st.lists(SPLIT_TEXTS, min_size=1, max_size=6))
def test_joined_words_batch_equals_one_by_one_and_spans_cover_the_pieces(texts):
    featurizer = _split_featurizer()
    together = featurizer.transform(texts).toarray()
    alone = np.vstack([featurizer.transform([t]).toarray() for t in texts])
    assert np.allclose(together, alone)
    found = featurizer.occurrences(texts)
    names = featurizer.get_feature_names_out()
    for kind, doc, column, start, end in zip(found.kinds, found.docs, found.columns, found.starts, found.ends):
        if kind == "word":
            covered = texts[doc][start:end]
            joined = "".join(covered.split()).replace(".", "").replace("'", "")
            assert joined == "".join(names[column].removeprefix("word__").split()).replace(".", "").replace("'", "")
            assert not covered[:1].isspace() and not covered[-1:].isspace()


ANY_TEXTS = st.one_of(SPLIT_TEXTS, st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30))


@settings(max_examples=80, deadline=None)
@given(st.lists(ANY_TEXTS, min_size=1, max_size=8))
def test_transform_dot_equals_the_matrix_product(texts):
    """The scoring fast path (character n-grams by distinct word) gives transform(X) @ W,
    for split words, repeated words, whitespace runs, emoji and text boundaries alike."""
    featurizer = _split_featurizer()
    weights = np.random.default_rng(0).normal(size=(featurizer.slices_["length"][1], 3))
    together = featurizer.transform_dot(texts, weights)
    assert np.allclose(together, featurizer.transform(texts) @ weights, atol=1e-5)
    # Words are shared across the batch: a text scores the same with or without the others.
    assert np.allclose(together, np.vstack([featurizer.transform_dot([t], weights) for t in texts]), atol=1e-9)


def test_transform_dot_with_the_lexicon_block_and_a_wrong_weight_shape():
    featurizer = RiskFeaturizer(word_min_df=1, char_min_df=1, lexicon_weight=0.5).fit(TEXTS)
    weights = np.random.default_rng(1).normal(size=(featurizer.slices_["length"][1], 2))
    texts = TEXTS + ["snel geld met je pinpas pinpas", ""]
    assert np.allclose(featurizer.transform_dot(texts, weights), featurizer.transform(texts) @ weights, atol=1e-5)
    with pytest.raises(ValueError, match="one row per feature column"):
        featurizer.transform_dot(texts, weights[:-1])


_SPLIT_FEATURIZER = []


def _split_featurizer() -> RiskFeaturizer:
    if not _SPLIT_FEATURIZER:
        _SPLIT_FEATURIZER.append(RiskFeaturizer(word_min_df=1, char_min_df=1).fit(SPLIT_VOCABULARY))
    return _SPLIT_FEATURIZER[0]


def test_min_df_and_max_features_bound_the_vocabulary():
    texts = ["aap noot", "aap mies", "aap noot wim"]
    featurizer = RiskFeaturizer(word_min_df=2, char_min_df=3, max_word_features=1).fit(texts)
    words = [n for n in featurizer.get_feature_names_out() if n.startswith("word__")]
    assert words == ["word__aap"]


def test_featurizer_survives_skops_round_trip(tmp_path):
    featurizer = RiskFeaturizer(word_min_df=1, char_min_df=1).fit(TEXTS)
    expected = featurizer.transform(TEXTS).toarray()
    path = tmp_path / "f.skops"
    sio.dump(featurizer, path)
    loaded = sio.load(path, trusted=sio.get_untrusted_types(file=path))
    assert np.array_equal(loaded.transform(TEXTS).toarray(), expected)
    assert "_indexes" not in loaded.__getstate__()


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
