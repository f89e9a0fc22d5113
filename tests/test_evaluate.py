import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from riskdetect.evaluate import (
    benign_metrics,
    choose_thresholds,
    expected_calibration_error,
    message_metrics,
    metrics_by_group,
)


def _best_f1_by_hand(truth, probabilities, floor=0.2):
    best, best_f1 = None, -1.0
    for t in np.round(np.arange(floor, 0.951, 0.01), 2):
        flagged = probabilities >= t
        tp = np.sum(flagged & truth)
        f1 = 2 * tp / (2 * tp + np.sum(flagged & ~truth) + np.sum(~flagged & truth)) if tp else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = t, f1
    return best


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.booleans(), st.floats(0, 1)), min_size=1, max_size=60).filter(
        lambda rows: any(truth for truth, _ in rows)
    )
)
def test_without_resampling_the_threshold_is_the_first_best_f1(rows):
    truth = np.array([t for t, _ in rows])
    probabilities = np.array([p for _, p in rows])
    chosen = choose_thresholds(truth[:, None].astype(int), probabilities[:, None], resamples=0)
    assert chosen[0] == pytest.approx(_best_f1_by_hand(truth, probabilities))


def _overlapping_problem(rng, n=600):
    """A third positive; positive and negative scores overlap, so F1 is flat near its top."""
    truth = rng.random(n) < 0.3
    probabilities = np.where(truth, rng.beta(4, 2, n), rng.beta(2, 12, n))
    return truth[:, None].astype(int), probabilities[:, None]


def test_resampled_thresholds_move_less_between_samples_than_the_argmax():
    rng = np.random.default_rng(7)
    plain, resampled = [], []
    for _ in range(30):
        Y, P = _overlapping_problem(rng)
        plain.append(choose_thresholds(Y, P, resamples=0)[0])
        resampled.append(choose_thresholds(Y, P)[0])
    assert np.std(resampled) < 0.85 * np.std(plain)


def _f1_at(Y, P, threshold):
    from riskdetect.evaluate import _f1

    flags, truth = P[:, 0] >= threshold, Y[:, 0].astype(bool)
    return _f1((flags & truth).sum(), (flags & ~truth).sum(), (~flags & truth).sum())


def test_a_tolerance_moves_up_the_plateau_and_costs_little_f1():
    rng = np.random.default_rng(11)
    for _ in range(10):
        Y, P = _overlapping_problem(rng)
        best = choose_thresholds(Y, P, seed=1)[0]
        tolerant = choose_thresholds(Y, P, seed=1, tolerance=0.5)[0]
        wide = choose_thresholds(Y, P, seed=1, tolerance=2.0)[0]
        assert best <= tolerant <= wide and wide > best
        assert _f1_at(Y, P, tolerant) >= _f1_at(Y, P, best) - 0.05


def test_a_tolerance_stops_where_f1_falls():
    # F1 is 1.0 up to 0.60 (every positive scores 0.6 or more, every negative 0.1), then
    # falls as positives drop out: with no spread in the resamples there is no room.
    Y = np.array([[1]] * 20 + [[0]] * 20)
    P = np.array([[0.6 + 0.01 * i] for i in range(20)] + [[0.1]] * 20)
    assert choose_thresholds(Y, P, seed=0)[0] <= 0.6
    assert choose_thresholds(Y, P, seed=0, tolerance=1.0)[0] == pytest.approx(0.6)


def test_a_tolerance_needs_resamples_and_best_f1():
    Y, P = _overlapping_problem(np.random.default_rng(2))
    with pytest.raises(ValueError, match="tolerance needs bootstrap resamples"):
        choose_thresholds(Y, P, resamples=0, tolerance=0.5)
    with pytest.raises(ValueError, match="target_precision"):
        choose_thresholds(Y, P, target_precision=0.8, tolerance=0.5)


def test_thresholds_are_deterministic_for_a_seed_and_respect_the_floor():
    Y, P = _overlapping_problem(np.random.default_rng(3))
    first, again = choose_thresholds(Y, P, seed=5), choose_thresholds(Y, P, seed=5)
    assert np.array_equal(first, again)
    assert choose_thresholds(Y, P * 0.1, floor=0.3)[0] >= 0.3


def test_separable_labels_get_a_threshold_near_the_weakest_positive():
    Y = np.array([[1, 0]] * 10 + [[0, 1]] * 10 + [[0, 0]] * 20)
    P = np.vstack([np.tile([0.9, 0.1], (10, 1)), np.tile([0.1, 0.9], (10, 1)), np.tile([0.1, 0.1], (20, 1))])
    P[0, 0] = 0.45
    chosen = choose_thresholds(Y, P)
    assert 0.1 < chosen[0] <= 0.45 and 0.1 < chosen[1] <= 0.9


def test_a_label_without_positives_keeps_the_default():
    Y = np.array([[1, 0], [0, 0]])
    P = np.array([[0.9, 0.8], [0.1, 0.7]])
    assert choose_thresholds(Y, P)[1] == 0.5


def test_target_precision_is_the_lowest_threshold_reaching_it():
    Y = np.array([[1], [1], [0], [1], [0]])
    P = np.array([[0.9], [0.8], [0.7], [0.6], [0.3]])
    # precision 1.0 needs t > 0.7; at 0.6 three of four flagged are positive.
    assert choose_thresholds(Y, P, target_precision=1.0, resamples=0)[0] == pytest.approx(0.71)
    assert choose_thresholds(Y, P, target_precision=0.75, resamples=0)[0] == pytest.approx(0.31)
    # Unreachable precision: the strictest threshold on the grid.
    assert choose_thresholds(np.array([[1], [0]]), np.array([[0.3], [0.9]]), target_precision=1.0)[0] == 0.95


def test_message_metrics_follow_the_contract():
    Y = np.array([[1, 0], [0, 1], [0, 0], [0, 0]])
    P = np.array([[0.9, 0.2], [0.2, 0.4], [0.6, 0.1], [0.1, 0.1]])
    m = message_metrics(Y, P, np.array([0.5, 0.5]), ["a", "b"])
    assert m["n"] == 4 and m["benign_fpr"] == 0.5
    assert m["labels"]["a"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "support": 1, "pr_auc": 1.0}
    assert m["labels"]["b"]["recall"] == 0.0 and m["macro_f1"] == pytest.approx((0.6667 + 0.0) / 2, abs=1e-4)


def test_benign_metrics_and_groups():
    flags = np.array([[1, 0], [0, 0], [0, 1], [0, 0]])
    assert benign_metrics(flags, ["a", "b"]) == {"n": 4, "flag_rate": 0.5, "per_label_flag_rate": {"a": 0.25, "b": 0.25}}
    assert benign_metrics(np.zeros((0, 2)), ["a", "b"])["flag_rate"] == 0.0
    groups = metrics_by_group(flags, ["x", "x", "y", "y"], np.array([True, True, True, False]))
    assert groups == {"x": {"n": 2, "flag_rate": 0.5}, "y": {"n": 1, "flag_rate": 1.0}}


def test_calibration_error_is_zero_when_probabilities_match_frequencies():
    Y = np.array([[1], [0], [1], [0]])
    assert expected_calibration_error(Y, np.full((4, 1), 0.5)) == 0.0
    assert expected_calibration_error(Y, np.array([[0.0], [1.0], [0.0], [1.0]])) == 1.0


def test_macro_f1_interval_covers_the_estimate_and_narrows_with_more_rows():
    from sklearn.metrics import f1_score

    from riskdetect.evaluate import macro_f1_interval

    rng = np.random.default_rng(0)
    widths = []
    for n in (100, 2000):
        Y = (rng.random((n, 3)) < 0.25).astype(int)
        flags = np.where(rng.random(Y.shape) < 0.85, Y, 1 - Y)
        low, high = macro_f1_interval(Y, flags)
        assert low <= f1_score(Y, flags, average="macro") <= high
        widths.append(high - low)
    assert widths[1] < widths[0] / 2
    assert macro_f1_interval(np.zeros((5, 2)), np.zeros((5, 2))) == (0.0, 0.0)
