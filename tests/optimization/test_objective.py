"""objective.py, the one definition of the objective, against numbers worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from jazari_planner.optimization.objective import (
    EPSILON,
    balance_term,
    check_focus,
    efficiency,
    fit_weights,
    fits,
    mean_fit,
    objective,
)

# Three regions, two themes; region 02 carries nothing and may (it is not in R⁺).
STRENGTH = np.array([[0.2, 0.6], [0.5, 0.1], [0.9, 0.3]])
CHOSEN = np.array([[1, 1], [0, 0], [1, 0]])
NEED = np.array([1.0, 0.0, 0.5])
SERVED = np.array([True, False, True])


def test_fits_and_their_means() -> None:
    fit = fits(STRENGTH, CHOSEN)
    assert fit.tolist() == pytest.approx([0.8, 0.0, 0.9])
    assert mean_fit(fit) == pytest.approx(1.7 / 3)
    # E with β = 2: (1/3)(3·0.8 + 1·0 + 2·0.9) = 4.2/3
    assert efficiency(fit, need=NEED, equity=2.0) == pytest.approx(4.2 / 3)


def test_balance_term_is_the_mean_of_the_q_worst_served() -> None:
    fit = np.array([0.8, 0.0, 0.9, 0.4])
    served = np.array([True, False, True, True])
    assert balance_term(fit, served=served, focus=1) == pytest.approx(0.4)  # the floor
    assert balance_term(fit, served=served, focus=2) == pytest.approx(0.6)
    assert balance_term(fit, served=served, focus=3) == pytest.approx(2.1 / 3)  # plain mean
    assert balance_term(fit, served=np.zeros(4, bool)) == 0.0  # R⁺ empty


def test_focus_outside_one_to_the_served_regions_is_refused() -> None:
    check_focus(1, 0)  # R⁺ empty: only the default q = 1
    check_focus(12, 12)
    for focus, served in ((0, 3), (4, 3), (2, 0)):
        with pytest.raises(ValueError, match="balance_focus"):
            check_focus(focus, served)


def test_objective_is_the_weighted_sum_of_its_terms() -> None:
    fit = fits(STRENGTH, CHOSEN)
    # λ 0.4, β 2, q 2: 0.6·E + 0.4·b + ε·M with E = 1.4, b = (0.8 + 0.9)/2, M = 1.7/3
    expected = 0.6 * 1.4 + 0.4 * 0.85 + EPSILON * 1.7 / 3
    assert objective(fit, need=NEED, served=SERVED, balance=0.4, equity=2.0,
                     focus=2) == pytest.approx(expected)
    # the linear part's weights: ((1 − λ)(1 + β n_r) + ε)/|R|
    assert fit_weights(NEED, balance=0.4, equity=2.0).tolist() == pytest.approx(
        [(0.6 * 3 + EPSILON) / 3, (0.6 + EPSILON) / 3, (0.6 * 2 + EPSILON) / 3])


def test_focus_one_without_tie_break_is_revision_one() -> None:
    # revision 1: (1 − λ) E + λ min_{R⁺} f
    fit = fits(STRENGTH, CHOSEN)
    revision_one = 0.7 * efficiency(fit, need=NEED, equity=1.0) + 0.3 * 0.8
    assert objective(fit, need=NEED, served=SERVED, balance=0.3, equity=1.0, focus=1,
                     epsilon=0.0) == pytest.approx(revision_one)
