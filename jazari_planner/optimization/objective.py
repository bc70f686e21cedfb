"""The objective of docs/model.md §3, on plain arrays: the one definition in the code.

The model takes its coefficients from :func:`fit_weights` (the linear part) and the
balance weight ``λ``; the plan's reported objective and every figure built from it call
:func:`objective` on the chosen cells. Revision 2 of the model:

    z = (1 − λ) · E  +  λ · b  +  ε · M
    E = (1/|R|) Σ_r (1 + β n_r) f_r          (efficiency: the need-weighted mean fit)
    b = mean of the q smallest f_r over R⁺   (the balance term; 0 where R⁺ is empty)
    M = (1/|R|) Σ_r f_r                      (the tie-break: the plain mean fit)

with ``f_r = Σ_t s[r,t] x[r,t]``, ``R⁺`` the regions that must carry a specialization
(``kmin_r ≥ 1``) and ``q`` the scenario's ``balance_focus``. A phased scenario
(docs/model.md §10) adds :func:`early_opening` to ``z``; the model takes that term's
coefficients from :func:`opening_weights`. The independent checker
(:mod:`jazari_planner.testing.checker`) keeps its own copy on purpose.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "EARLY_OPENING",
    "EPSILON",
    "balance_term",
    "check_focus",
    "early_opening",
    "efficiency",
    "fit_weights",
    "fits",
    "mean_fit",
    "objective",
    "opening_weights",
]

#: The weight ε of the tie-break: among plans equal on the rest, the better use of strengths wins.
EPSILON = 1e-3
#: The weight δ of the early-opening term of a phased plan (docs/model.md §10).
EARLY_OPENING = 0.1


def fits(strength: ArrayLike, chosen: ArrayLike) -> NDArray[np.float64]:
    """``f_r = Σ_t s[r,t] x[r,t]`` for region × theme arrays of strengths and 0/1 choices."""
    return np.asarray(
        (np.asarray(strength, dtype=float) * np.asarray(chosen, dtype=float)).sum(axis=1),
        dtype=float)


def check_focus(focus: int, served: int) -> None:
    """Raise :class:`ValueError` unless ``1 ≤ focus ≤ max(1, served)`` (``served`` = |R⁺|).

    With no region in ``R⁺`` the balance term is 0 and only the default ``focus`` 1 is valid.
    """
    if not 1 <= focus <= max(1, served):
        raise ValueError(f"balance_focus {focus} is outside 1…{max(1, served)} "
                         f"(the {served} regions that must carry a specialization)")


def balance_term(fit: ArrayLike, *, served: ArrayLike, focus: int = 1) -> float:
    """``b``: the mean of the ``focus`` smallest fits among the ``served`` regions (0 if none).

    ``focus`` 1 is the floor ``min f_r``; ``focus`` = |R⁺| is the plain mean over ``R⁺``.
    """
    mask = np.asarray(served, dtype=bool)
    values = np.asarray(fit, dtype=float)[mask]
    check_focus(focus, int(values.size))
    if values.size == 0:
        return 0.0
    return float(np.sort(values)[:focus].mean())


def efficiency(fit: ArrayLike, *, need: ArrayLike, equity: float) -> float:
    """``E = (1/|R|) Σ_r (1 + β n_r) f_r``: the mean fit, needier regions weighted up by β."""
    f = np.asarray(fit, dtype=float)
    return float(((1.0 + equity * np.asarray(need, dtype=float)) * f).mean()) if f.size else 0.0


def mean_fit(fit: ArrayLike) -> float:
    """``M = (1/|R|) Σ_r f_r``: the tie-break term (and the ``mean_fit`` metric)."""
    f = np.asarray(fit, dtype=float)
    return float(f.mean()) if f.size else 0.0


def fit_weights(need: ArrayLike, *, balance: float, equity: float,
                epsilon: float = EPSILON) -> NDArray[np.float64]:
    """The weight of each ``f_r`` in ``(1 − λ) E + ε M``: ``((1 − λ)(1 + β n_r) + ε) / |R|``.

    The model's coefficient of ``x[r,t]`` is this weight times ``s[r,t]``; the balance term
    ``b`` enters with weight ``λ`` on top.
    """
    n = np.asarray(need, dtype=float)
    return ((1.0 - balance) * (1.0 + equity * n) + epsilon) / max(n.size, 1)


def objective(fit: ArrayLike, *, need: ArrayLike, served: ArrayLike, balance: float,
              equity: float, focus: int = 1, epsilon: float = EPSILON) -> float:
    """``z = (1 − λ) E + λ b + ε M`` of the fits ``fit`` (docs/model.md §3)."""
    weights = fit_weights(need, balance=balance, equity=equity, epsilon=epsilon)
    linear = float(weights @ np.asarray(fit, dtype=float))
    return linear + balance * balance_term(fit, served=served, focus=focus)


def opening_weights(strength: ArrayLike, *, first_year: int, last_year: int,
                    delta: float = EARLY_OPENING) -> NDArray[np.float64]:
    """The early-opening term's coefficient of ``o[r,t,y]``, region × theme × year.

    ``δ · (1/|R|) · s[r,t] · (Y1 − y + 1) / (Y1 − Y0 + 1)`` for ``y`` from ``Y0`` to ``Y1``:
    a specialization opened in the first year counts fully, one opened in the last year
    ``1 / (Y1 − Y0 + 1)`` of that.
    """
    s = np.asarray(strength, dtype=float)
    years = np.arange(first_year, last_year + 1)
    share = (last_year - years + 1) / (last_year - first_year + 1)
    weights: NDArray[np.float64] = delta * s[:, :, None] * share[None, None, :] / max(
        s.shape[0], 1)
    return weights


def early_opening(strength: ArrayLike, opening_year: ArrayLike, *, first_year: int,
                  last_year: int, delta: float = EARLY_OPENING) -> float:
    """``δ · (1/|R|) Σ s[r,t] o[r,t,y] (Y1 − y + 1) / (Y1 − Y0 + 1)`` of a schedule.

    ``opening_year`` is region × theme: the year each chosen cell opens, 0 where it does not.
    """
    weights = opening_weights(strength, first_year=first_year, last_year=last_year,
                              delta=delta)
    years = np.asarray(opening_year, dtype=np.int64)
    opened = years > 0
    rows, columns = np.nonzero(opened)
    return float(weights[rows, columns, years[opened] - first_year].sum())
