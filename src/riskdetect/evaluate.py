"""Metrics behind ``riskdetect eval`` and the benchmark (the evaluation contract).

>>> import numpy as np
>>> Y = np.array([[1, 0], [0, 1], [0, 0], [1, 0]])
>>> P = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.1], [0.7, 0.3]])
>>> m = message_metrics(Y, P, np.array([0.5, 0.5]), ["a", "b"])
>>> m["labels"]["a"]["precision"], m["benign_fpr"]
(0.6667, 1.0)
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import average_precision_score, f1_score, precision_recall_fscore_support

__all__ = [
    "message_metrics", "benign_metrics", "choose_thresholds", "expected_calibration_error",
    "metrics_by_group", "macro_f1_interval",
]


def _r(value: float) -> float:
    return round(float(value), 4)


def message_metrics(Y: np.ndarray, P: np.ndarray, thresholds: np.ndarray, labels) -> dict:
    """Per-label precision/recall/F1/support/PR-AUC, macro and micro F1, benign FPR."""
    Y = np.asarray(Y)
    flags = (P >= thresholds).astype(int)
    precision, recall, f1, support = precision_recall_fscore_support(Y, flags, average=None, zero_division=0)
    per_label = {}
    for j, label in enumerate(labels):
        positives = Y[:, j].sum()
        pr_auc = average_precision_score(Y[:, j], P[:, j]) if 0 < positives < len(Y) else float("nan")
        per_label[label] = {
            "precision": _r(precision[j]),
            "recall": _r(recall[j]),
            "f1": _r(f1[j]),
            "support": int(support[j]),
            "pr_auc": _r(pr_auc),
        }
    benign = Y.sum(axis=1) == 0
    present = [j for j in range(len(labels)) if Y[:, j].any()]
    return {
        "n": int(len(Y)),
        "macro_f1": _r(np.mean([f1[j] for j in present])) if present else 0.0,
        "micro_f1": _r(f1_score(Y, flags, average="micro", zero_division=0)),
        "benign_fpr": _r(flags[benign].any(axis=1).mean()) if benign.any() else 0.0,
        "labels": per_label,
    }


def benign_metrics(flags: np.ndarray, labels) -> dict:
    """Flag rates on unlabelled real text (every flag is a false positive)."""
    flags = np.asarray(flags, dtype=bool)
    n = len(flags)
    return {
        "n": int(n),
        "flag_rate": _r(flags.any(axis=1).mean()) if n else 0.0,
        "per_label_flag_rate": {label: _r(flags[:, j].mean()) if n else 0.0 for j, label in enumerate(labels)},
    }


def choose_thresholds(
    Y: np.ndarray,
    P: np.ndarray,
    target_precision: float | None = None,
    floor: float = 0.2,
    resamples: int = 200,
    seed: int = 0,
    tolerance: float = 0.0,
) -> np.ndarray:
    """Per label, the threshold with the best F1 (or the lowest reaching ``target_precision``;
    the highest grid threshold, 0.95, when none reaches it).

    The choice is made on ``resamples`` bootstrap resamples of the rows and the median is
    kept: near its top the F1 curve is flat, and a single argmax jumps between retrains
    (``resamples=0`` gives that plain argmax). With ``tolerance`` > 0 the best-F1 choice
    moves up the plateau, as far as the F1 stays within ``tolerance`` bootstrap standard
    errors of the best: where validation can hardly tell thresholds apart, the one with
    fewer false alarms wins, as real traffic is far more benign than a validation split.
    Thresholds are never below ``floor``: a model should not flag on weak evidence just
    because the validation split is small.

    >>> Y = np.array([[1], [1], [0], [0]])
    >>> P = np.array([[0.9], [0.8], [0.3], [0.1]])
    >>> float(choose_thresholds(Y, P, resamples=0)[0])
    0.31
    """
    if tolerance and (resamples <= 0 or target_precision is not None):
        raise ValueError("tolerance needs bootstrap resamples (resamples > 0) and applies to best F1, not to target_precision")
    Y, P = np.asarray(Y), np.asarray(P, dtype=float)
    grid = np.round(np.arange(floor, 0.951, 0.01), 2)
    thresholds = np.full(Y.shape[1], 0.5)
    rng = np.random.default_rng(seed)
    for j in range(Y.shape[1]):
        truth = Y[:, j].astype(bool)
        if not truth.any():
            continue
        # A row only matters through (is it positive, how many grid points lie at or below
        # its probability), so resampling rows is resampling these 2 x (G + 1) cells.
        level = np.searchsorted(grid, P[:, j], side="right")
        cells = np.concatenate(
            [np.bincount(level[truth], minlength=len(grid) + 1), np.bincount(level[~truth], minlength=len(grid) + 1)]
        )
        counts = cells[None, :] if resamples <= 0 else rng.multinomial(len(truth), cells / cells.sum(), size=resamples)
        choices = _best_grid_index(counts, len(grid), target_precision)
        chosen = choices[choices >= 0]
        if not len(chosen):
            continue
        index = int(np.round(np.median(chosen))) if resamples > 0 else int(chosen[0])
        if tolerance > 0:
            index = _up_the_plateau(cells, counts[choices >= 0], len(grid), index, tolerance)
        thresholds[j] = grid[index]
    return thresholds


def _up_the_plateau(cells: np.ndarray, counts: np.ndarray, n_grid: int, index: int, tolerance: float) -> int:
    """From grid ``index`` up, the last index before the F1 on ``cells`` first falls more
    than ``tolerance`` standard errors below its best; the standard error is that of the
    F1 at the best point over the resampled ``counts``."""
    scores = _f1_curve(cells[None, :], n_grid)[0]
    best = int(scores.argmax())
    bar = scores[best] - tolerance * _f1_curve(counts, n_grid)[:, best].std()
    below = np.flatnonzero(scores[index:] < bar)
    if not len(below):
        return n_grid - 1  # the plateau reaches the top of the grid
    return index + max(int(below[0]) - 1, 0)  # never below the start


def _grid_counts(counts: np.ndarray, n_grid: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row of cell counts and grid point g: true positives and false positives flagged
    at g (rows whose level exceeds g, probability >= grid[g]), and the positives in all."""
    positives, negatives = counts[:, : n_grid + 1], counts[:, n_grid + 1 :]
    tp = np.cumsum(positives[:, ::-1], axis=1)[:, ::-1][:, 1:]
    fp = np.cumsum(negatives[:, ::-1], axis=1)[:, ::-1][:, 1:]
    return tp, fp, positives.sum(axis=1, keepdims=True)


def _f1_curve(counts: np.ndarray, n_grid: int) -> np.ndarray:
    """F1 at every grid threshold, per row of cell counts."""
    tp, fp, total = _grid_counts(counts, n_grid)
    return _f1(tp, fp, total - tp)


def _best_grid_index(counts: np.ndarray, n_grid: int, target_precision: float | None) -> np.ndarray:
    """Index of the chosen grid threshold per row of cell counts; -1 where no positive is present."""
    tp, fp, total = _grid_counts(counts, n_grid)
    if target_precision is not None:
        precision = np.divide(tp, tp + fp, out=np.zeros(tp.shape), where=(tp + fp) > 0)
        reached = precision >= target_precision
        index = np.where(reached.any(axis=1), reached.argmax(axis=1), n_grid - 1)
    else:
        index = _f1(tp, fp, total - tp).argmax(axis=1)
    return np.where(total[:, 0] > 0, index, -1)


def _f1(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
    """F1 from (weighted) counts, element-wise; 0 where there is no true positive."""
    tp = np.asarray(tp, dtype=float)
    return np.divide(2 * tp, 2 * tp + fp + fn, out=np.zeros(tp.shape), where=tp > 0)


def macro_f1_interval(Y: np.ndarray, flags: np.ndarray, resamples: int = 1000, level: float = 0.95, seed: int = 0) -> tuple[float, float]:
    """Bootstrap percentile interval of macro-F1 over the rows (labels present in ``Y`` only).

    A small evaluation set moves a lot with one message; this says how much.

    >>> Y = np.array([[1], [1], [0], [0]] * 10)
    >>> lo, hi = macro_f1_interval(Y, Y.copy())
    >>> lo == hi == 1.0
    True
    """
    Y, flags = np.asarray(Y, dtype=float), np.asarray(flags, dtype=float)
    present = Y.sum(axis=0) > 0
    if not present.any():
        return (0.0, 0.0)
    Y, flags = Y[:, present], flags[:, present]
    # Rows only matter through their (truth, flags) pattern: resample the distinct patterns.
    patterns, counts = np.unique(np.hstack([Y, flags]), axis=0, return_counts=True)
    truth, flagged = patterns[:, : Y.shape[1]], patterns[:, Y.shape[1] :]
    rng = np.random.default_rng(seed)
    weights = rng.multinomial(len(Y), counts / counts.sum(), size=resamples).astype(float)
    tp, fp, fn = weights @ (truth * flagged), weights @ ((1 - truth) * flagged), weights @ (truth * (1 - flagged))
    scores = _f1(tp, fp, fn).mean(axis=1)
    low, high = np.percentile(scores, [50 * (1 - level), 50 * (1 + level)])
    return (_r(low), _r(high))


def expected_calibration_error(Y: np.ndarray, P: np.ndarray, bins: int = 10) -> float:
    """ECE over all label probabilities pooled, equal-width bins."""
    y, p = np.asarray(Y).ravel(), np.asarray(P).ravel()
    edges = np.linspace(0, 1, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    error = 0.0
    for b in range(bins):
        members = which == b
        if members.any():
            error += members.mean() * abs(y[members].mean() - p[members].mean())
    return _r(error)


def metrics_by_group(flags: np.ndarray, groups, benign_mask: np.ndarray) -> dict:
    """Flag rate on benign rows per group (e.g. register): the fairness table."""
    out = {}
    groups = np.asarray(groups, dtype=object)
    for group in sorted(set(groups[benign_mask].tolist()), key=str):
        members = benign_mask & (groups == group)
        out[str(group)] = {"n": int(members.sum()), "flag_rate": _r(np.asarray(flags)[members].any(axis=1).mean())}
    return out
