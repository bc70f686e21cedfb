"""Weights people can give: typed, ranked (rank-order centroid) or SWING, and the parties kept
in the session as the scenario's ``stakeholders:`` list.

A party rarely states "economic 0.45, academic 0.35"; it can rank the groups, or say how much
moving each from its worst to its best value matters. Rank-order-centroid weights (Barron &
Barrett 1996, "Decision quality using ranked attribute weights", Management Science 42(11))
give rank ``k`` of ``n`` the weight ``(1/n) Σ_{i=k}^{n} 1/i``; tied ranks share the mean of
their positions' weights. SWING weights (von Winterfeldt & Edwards 1986) are the points each
swing is given, the most important 100, divided by their sum. Only the weights' ratios
matter to a strength (docs/model.md §2), so either set may be written as the weights.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..scenario.schema import Scenario

__all__ = ["GROUPS", "STAKEHOLDERS", "rank_order_centroid", "stakeholders_state",
           "swing_weights"]

#: The session key of the parties saved into the scenario: ``stakeholders:`` entries.
STAKEHOLDERS = "stakeholders"
#: The strength groups a party weighs, in the order the view shows them.
GROUPS: tuple[str, ...] = ("economic", "academic", "infrastructure")


def rank_order_centroid(ranks: Mapping[str, int]) -> dict[str, float]:
    """Rank-order-centroid weights of ``ranks`` (1 the most important); ties share.

    Raises :class:`ValueError` for a rank outside ``1 … len(ranks)``.
    """
    n = len(ranks)
    if any(not 1 <= rank <= n for rank in ranks.values()):
        raise ValueError(f"ranks run from 1 to {n}")
    centroid = [sum(1.0 / i for i in range(k, n + 1)) / n for k in range(1, n + 1)]
    order = sorted(ranks, key=lambda g: ranks[g])
    weights: dict[str, float] = {}
    position = 0
    while position < n:
        tied = [g for g in order if ranks[g] == ranks[order[position]]]
        share = sum(centroid[position:position + len(tied)]) / len(tied)
        weights.update(dict.fromkeys(tied, share))
        position += len(tied)
    return {g: weights[g] for g in ranks}


def swing_weights(points: Mapping[str, float]) -> dict[str, float]:
    """SWING weights: each group's points over their sum (all 0: equal weights)."""
    total = sum(max(0.0, float(v)) for v in points.values())
    if total <= 0:
        return dict.fromkeys(points, 1.0 / len(points))
    return {g: max(0.0, float(v)) / total for g, v in points.items()}


def stakeholders_state(scenario: Scenario) -> dict[str, Any]:
    """The session value of ``scenario``'s parties: its ``stakeholders:`` entries as mappings."""
    parties: Sequence[Any] = scenario.stakeholders
    return {STAKEHOLDERS: [p.model_dump(mode="json", exclude_defaults=True) for p in parties]}
