import numpy as np
import pytest
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from riskdetect.model import RiskClassifier


@parametrize_with_checks([RiskClassifier(calibration_cv=0), RiskClassifier(calibration_cv=2)])
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


def _toy(n=80, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 4))
    Y = np.column_stack([(X[:, 0] > 0), (X[:, 1] + X[:, 2] > 0.5)]).astype(int)
    return X, Y


def test_multilabel_probabilities_are_independent_and_calibrated_shape():
    X, Y = _toy()
    clf = RiskClassifier().fit(X, Y)
    P = clf.predict_proba(X)
    assert P.shape == (80, 2)
    assert ((P >= 0) & (P <= 1)).all()
    assert (clf.predict(X) == (P >= 0.5)).all()
    assert ((clf.predict(X) == Y).mean()) > 0.8


def test_sparse_input_matches_dense_without_copying_the_weights():
    import scipy.sparse as sp

    X, Y = _toy()
    clf = RiskClassifier().fit(X, Y)
    assert np.allclose(clf.predict_proba(sp.csr_matrix(X)), clf.predict_proba(X))
    assert clf.coef_.T.flags.c_contiguous


def test_per_call_thresholds():
    X, Y = _toy()
    clf = RiskClassifier().fit(X, Y)
    assert clf.predict(X, thresholds=[1.01, 1.01]).sum() == 0
    assert clf.predict(X, thresholds=[0.0, 0.0]).all()


def test_label_without_positives_gets_constant_low_score():
    X, Y = _toy()
    Y[:, 1] = 0
    Y[0, 1] = 0
    clf = RiskClassifier().fit(X, np.column_stack([Y[:, 0], Y[:, 1], 1 - Y[:, 0]]))
    assert clf.predict_proba(X)[:, 1].max() < 0.01


def test_in_pipeline_and_grid_search():
    X, Y = _toy(120)
    y = Y[:, 0]
    pipeline = Pipeline([("scale", StandardScaler()), ("clf", RiskClassifier(calibration_cv=0))])
    search = GridSearchCV(pipeline, {"clf__C": [0.1, 1.0]}, cv=3).fit(X, y)
    assert search.best_params_["clf__C"] in (0.1, 1.0)
    assert search.predict(X).shape == (120,)


def test_deterministic():
    X, Y = _toy()
    a = RiskClassifier(random_state=3).fit(X, Y).predict_proba(X)
    b = RiskClassifier(random_state=3).fit(X, Y).predict_proba(X)
    assert np.array_equal(a, b)


def test_one_class_is_a_clear_error():
    with pytest.raises(ValueError, match="class"):
        RiskClassifier().fit(np.zeros((4, 2)), np.zeros(4))


def test_grouped_calibration_folds_keep_groups_whole_and_stratified():
    from riskdetect.model import _grouped_folds

    rng = np.random.default_rng(0)
    groups = np.repeat(np.arange(60), 2)  # every record and its augmented copy
    target = np.repeat((rng.random(60) < 0.3).astype(int), 2)
    held = []
    for train, held_out in _grouped_folds(groups, target, 3, seed=1):
        assert not set(groups[train]) & set(groups[held_out])
        assert target[held_out].sum() > 0
        held.extend(held_out.tolist())
    assert sorted(held) == list(range(len(groups)))


def test_grouping_augmented_copies_tempers_the_calibration():
    # Each row has a near-copy (the augmented variant). Ungrouped folds score a row with a
    # model trained on its copy, so the out-of-fold scores look surer and Platt's slope is
    # steeper than when the copies stay together.
    rng = np.random.default_rng(3)
    n, d = 300, 40
    y = (rng.random(n) < 0.4).astype(int)
    X = rng.normal(size=(n, d)) + 0.6 * y[:, None] * (np.arange(d) < 5)
    X2 = np.vstack([X, X + rng.normal(scale=0.05, size=X.shape)])
    y2, groups = np.concatenate([y, y]), np.concatenate([np.arange(n), np.arange(n)])
    plain = RiskClassifier(calibration_cv=3).fit(X2, y2)
    grouped = RiskClassifier(calibration_cv=3).fit(X2, y2, groups=groups)
    assert grouped.calibration_[0, 0] < plain.calibration_[0, 0]


def test_groups_must_match_the_rows():
    X, Y = _toy()
    with pytest.raises(ValueError, match="groups has 3 entries"):
        RiskClassifier().fit(X, Y, groups=[1, 2, 3])


def test_probabilities_from_products_match_predict_proba():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(60, 5))
    Y = (X[:, :2] + rng.normal(scale=0.5, size=(60, 2)) > 0).astype(int)
    clf = RiskClassifier().fit(X, Y)
    assert np.allclose(clf.predict_proba_from_products(X @ clf.coef_.T.astype(np.float64)), clf.predict_proba(X), atol=1e-6)
    binary = RiskClassifier().fit(X, Y[:, 0])
    assert np.allclose(binary.predict_proba_from_products(X @ binary.coef_.T.astype(np.float64)), binary.predict_proba(X), atol=1e-6)
    with pytest.raises(ValueError, match="X @ coef_.T"):
        clf.predict_proba_from_products(X)


def test_parallel_fit_gives_the_same_model():
    import scipy.sparse as sp

    rng = np.random.default_rng(5)
    X = sp.random(300, 40, density=0.2, format="csr", random_state=5, dtype=np.float32)
    Y = (X @ rng.normal(size=(40, 3)) + rng.normal(scale=0.3, size=(300, 3)) > 0.2).astype(int)
    Y[:, 2] = 0  # a label without positives keeps its constant score
    groups = np.arange(300) // 3
    one = RiskClassifier(calibration_cv=3).fit(X, Y, groups=groups)
    two = RiskClassifier(calibration_cv=3, n_jobs=2).fit(X, Y, groups=groups)
    for name in ("coef_", "intercept_", "calibration_", "n_iter_"):
        assert np.array_equal(getattr(one, name), getattr(two, name)), name
    # Each label's weights are its own regression's, whichever job order produced them.
    for column in (0, 1):
        alone = one._logistic().fit(X, Y[:, column])
        assert np.array_equal(one.coef_[column], alone.coef_[0].astype(np.float32))
    assert one.intercept_[2] == -10.0 and not one.coef_[2].any()
    assert (one.calibration_[0, :2] != 1.0).all()  # the two real labels were calibrated
