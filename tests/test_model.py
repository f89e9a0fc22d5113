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
