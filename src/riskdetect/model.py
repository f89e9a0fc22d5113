"""RiskClassifier: calibrated one-vs-rest linear classifier with per-label thresholds.

Multi-label when ``y`` is a 2-D 0/1 indicator matrix (the riskdetect case: one
independent calibrated probability per label); binary or multiclass when ``y``
is 1-D, so it behaves like any scikit-learn classifier in a ``Pipeline`` or
``GridSearchCV``. Prediction is one sparse matrix product plus a sigmoid.

>>> import numpy as np
>>> X = np.array([[0.0, 1.0], [1.0, 0.0], [0.1, 0.9], [0.9, 0.2]] * 5)
>>> Y = np.array([[0, 1], [1, 0], [0, 1], [1, 0]] * 5)
>>> clf = RiskClassifier(calibration_cv=2).fit(X, Y)
>>> clf.predict(np.array([[1.0, 0.0]])).tolist()
[[1, 0]]
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from joblib import Parallel, delayed
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.utils.class_weight import compute_sample_weight
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn.utils.validation import check_is_fitted, validate_data
from threadpoolctl import threadpool_limits

__all__ = ["RiskClassifier"]


class RiskClassifier(ClassifierMixin, BaseEstimator):
    """One L2 logistic regression per label, Platt-calibrated on out-of-fold scores.

    Parameters
    ----------
    C : inverse regularisation strength of each logistic regression.
    class_weight : passed to each logistic regression (``None`` or ``"balanced"``).
    calibration_cv : folds for the out-of-fold Platt calibration; 0 or 1 turns it off.
    threshold : the initial decision threshold for every label (``thresholds_``);
        the training pipeline tunes ``thresholds_`` per label on validation data.
    n_jobs : processes for the regressions (one per label plus one per label and calibration
        fold, all independent; ``None`` is 1, -1 all cores). The model does not depend on it.
    random_state : seed for the calibration folds and the solver.
    """

    def __init__(self, C=4.0, class_weight=None, calibration_cv=3, threshold=0.5, max_iter=2000, n_jobs=None, random_state=0):
        self.C = C
        self.class_weight = class_weight
        self.calibration_cv = calibration_cv
        self.threshold = threshold
        self.max_iter = max_iter
        self.n_jobs = n_jobs
        self.random_state = random_state

    def fit(self, X, y, groups=None):
        """Fit; ``groups`` (one key per row, optional) keeps rows that share a key in one
        calibration fold: an augmented copy scored by a model trained on its original would
        make the out-of-fold scores look surer than scores on new text."""
        X, y = validate_data(self, X, y, accept_sparse="csr", multi_output=True, dtype=[np.float64, np.float32])
        if groups is not None and len(groups) != X.shape[0]:
            raise ValueError(f"groups has {len(groups)} entries for {X.shape[0]} rows; give one group key per row")
        target_type = type_of_target(y)
        if target_type == "multilabel-indicator":
            self.multilabel_ = True
            Y = np.asarray(y, dtype=np.int8)
            self.classes_ = np.arange(Y.shape[1])
        else:
            check_classification_targets(y)
            self.multilabel_ = False
            self.classes_ = np.unique(y)
            if len(self.classes_) < 2:
                raise ValueError(
                    f"RiskClassifier needs samples of at least 2 classes in y; got one class: {self.classes_[0]!r}"
                )
            if len(self.classes_) == 2:
                Y = (y == self.classes_[1]).astype(np.int8).reshape(-1, 1)
            else:
                Y = (y.reshape(-1, 1) == self.classes_.reshape(1, -1)).astype(np.int8)
        # Class weights: per-sample weights from the original classes (binary/multiclass);
        # for multi-label data "balanced" is applied per label by each regression.
        sample_weight = None
        if self.class_weight is not None and not self.multilabel_:
            sample_weight = compute_sample_weight(self.class_weight, y)
        n_outputs = Y.shape[1]
        coef = np.zeros((n_outputs, X.shape[1]), dtype=np.float64)
        intercept = np.zeros(n_outputs, dtype=np.float64)
        slope = np.ones(n_outputs, dtype=np.float64)
        n_iter = np.zeros(n_outputs, dtype=np.int32)
        offset = np.zeros(n_outputs, dtype=np.float64)
        fitted = []
        for column in range(n_outputs):
            if Y[:, column].min() == Y[:, column].max():
                # A label with no positives (or no negatives) in this data: constant score.
                intercept[column] = 10.0 if Y[0, column] else -10.0
            else:
                fitted.append(column)
        # Every regression (per label: the full fit, then one per calibration fold) is
        # independent of the others, so they run as one batch of jobs.
        jobs = [(column, None, None) for column in fitted]
        jobs += [(column, train, held_out) for column in fitted for train, held_out in self._calibration_folds(Y[:, column], groups)]
        results = Parallel(n_jobs=self.n_jobs)(
            delayed(_fit_logistic)(self._logistic(sample_weight is None), X, Y[:, column], sample_weight, train, held_out)
            for column, train, held_out in jobs
        )
        out_of_fold = {}  # per calibrated label, its out-of-fold decision values
        for (column, train, held_out), result in zip(jobs, results):
            if train is None:
                coef[column], intercept[column], n_iter[column] = result
            else:
                out_of_fold.setdefault(column, np.zeros(len(Y), dtype=np.float64))[held_out] = result
        for column, scores in out_of_fold.items():
            slope[column], offset[column] = _platt(scores, Y[:, column], sample_weight)
        self.coef_ = np.asfortranarray(coef, dtype=np.float32)
        self.intercept_ = intercept
        self.calibration_ = np.vstack([slope, offset])
        self.n_iter_ = n_iter
        self.thresholds_ = np.full(n_outputs, float(self.threshold))
        return self

    def _logistic(self, use_class_weight: bool = True):
        return LogisticRegression(
            C=self.C,
            class_weight=self.class_weight if (use_class_weight and self.class_weight == "balanced") else None,
            solver="liblinear",
            max_iter=self.max_iter,
            random_state=self.random_state,
        )

    def _calibration_folds(self, target, groups=None) -> list:
        """(train, held-out) row indices of the out-of-fold Platt calibration; none when it is
        off or a class has fewer rows than folds."""
        folds = int(self.calibration_cv or 0)
        if folds < 2 or min(np.bincount(target, minlength=2)) < folds:
            return []
        if groups is None:
            splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=self.random_state)
            return list(splitter.split(np.zeros(len(target)), target))
        return list(_grouped_folds(np.asarray(groups), target, folds, self.random_state))

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.target_tags.multi_output = True
        tags.classifier_tags.multi_label = True
        return tags

    def _logits(self, X) -> np.ndarray:
        check_is_fitted(self, "coef_")
        X = validate_data(self, X, accept_sparse="csr", reset=False, dtype=[np.float32, np.float64])
        # coef_ is stored column-major, so its transpose is C-contiguous: scipy would copy a
        # strided operand on every product (that copy dominated single-message latency).
        scores = X @ np.ascontiguousarray(self.coef_.T)
        return self._calibrated_logits(np.asarray(scores.toarray() if sp.issparse(scores) else scores, dtype=np.float64))

    def _calibrated_logits(self, products: np.ndarray) -> np.ndarray:
        """Calibrated log-odds from ``X @ coef_.T``."""
        scores = products + self.intercept_
        return scores * self.calibration_[0] + self.calibration_[1]

    def predict_proba_from_products(self, products) -> np.ndarray:
        """:meth:`predict_proba` given ``X @ coef_.T`` (``(n_samples, n_outputs)``), e.g. from
        :meth:`riskdetect.features.RiskFeaturizer.transform_dot`, which skips building ``X``.

        >>> import numpy as np
        >>> clf = RiskClassifier(calibration_cv=0).fit(np.eye(4), np.array([[1, 0], [0, 1], [1, 1], [0, 0]]))
        >>> bool(np.allclose(clf.predict_proba_from_products(np.eye(4) @ clf.coef_.T), clf.predict_proba(np.eye(4))))
        True
        """
        check_is_fitted(self, "coef_")
        products = np.asarray(products, dtype=np.float64)
        if products.ndim != 2 or products.shape[1] != self.coef_.shape[0]:
            raise ValueError(f"products must have shape (n_samples, {self.coef_.shape[0]}), X @ coef_.T; got {products.shape}")
        return self._probabilities(expit(self._calibrated_logits(products)))

    def decision_function(self, X):
        """Calibrated log-odds, ``(n_samples, n_outputs)`` (1-D for a binary problem)."""
        scores = self._logits(X)
        if not self.multilabel_ and len(self.classes_) == 2:
            return scores[:, 0]
        return scores

    def _calibrated(self, X) -> np.ndarray:
        return expit(self._logits(X))

    def predict_proba(self, X):
        """Multi-label: ``(n, n_labels)`` independent probabilities. Otherwise rows sum to 1."""
        return self._probabilities(self._calibrated(X))

    def _probabilities(self, probabilities: np.ndarray) -> np.ndarray:
        if self.multilabel_:
            return probabilities
        if len(self.classes_) == 2:
            return np.column_stack([1.0 - probabilities[:, 0], probabilities[:, 0]])
        total = probabilities.sum(axis=1, keepdims=True)
        total[total == 0] = 1.0
        return probabilities / total

    def predict(self, X, thresholds=None):
        """Multi-label: 0/1 per label at ``thresholds`` (default ``thresholds_``). Otherwise class labels."""
        probabilities = self._calibrated(X)
        limits = self.thresholds_ if thresholds is None else np.asarray(thresholds, dtype=np.float64)
        if self.multilabel_:
            return (probabilities >= limits).astype(np.int64)
        if len(self.classes_) == 2:
            return self.classes_[(probabilities[:, 0] >= limits[0]).astype(int)]
        return self.classes_[np.argmax(probabilities, axis=1)]


def _fit_logistic(model, X, target, sample_weight, train=None, held_out=None):
    """Fit ``model`` on all rows (returns weights, intercept, iterations) or on ``train``
    (returns its decision values on ``held_out``). BLAS runs on one thread: liblinear's dot
    products summed over a machine-dependent thread count differ in the last bits, and a
    model should not depend on the cores that trained it (nor on ``n_jobs``)."""
    with threadpool_limits(limits=1, user_api="blas"):
        if train is None:
            model.fit(X, target, sample_weight=sample_weight)
            return model.coef_[0], model.intercept_[0], int(np.max(model.n_iter_))
        weight = None if sample_weight is None else sample_weight[train]
        model.fit(X[train], target[train], sample_weight=weight)
        return model.decision_function(X[held_out])


def _platt(scores, target, sample_weight=None) -> tuple[float, float]:
    """Slope and offset of a logistic fit of ``target`` on out-of-fold ``scores``."""
    platt = LogisticRegression(C=1e4, solver="lbfgs").fit(scores.reshape(-1, 1), target, sample_weight=sample_weight)
    return float(platt.coef_[0, 0]), float(platt.intercept_[0])


def _grouped_folds(groups: np.ndarray, target: np.ndarray, folds: int, seed: int):
    """Stratified folds that keep each group whole: groups are shuffled (seeded), then
    dealt round-robin, positive groups and negative groups separately, so every fold gets
    its share of both. A group counts as positive when any of its rows is. (sklearn's
    StratifiedGroupKFold balances more finely but took 10 s per label on the corpus.)"""
    keys, inverse = np.unique(groups, return_inverse=True)
    positive = np.zeros(len(keys), dtype=bool)
    positive[inverse[target == 1]] = True
    rng = np.random.default_rng(seed)
    fold_of = np.empty(len(keys), dtype=np.int64)
    for members in (np.flatnonzero(positive), np.flatnonzero(~positive)):
        fold_of[rng.permutation(members)] = np.arange(len(members)) % folds
    row_fold = fold_of[inverse]
    for fold in range(folds):
        yield np.flatnonzero(row_fold != fold), np.flatnonzero(row_fold == fold)
