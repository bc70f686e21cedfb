"""metrics.py against numbers worked out by hand (docs/model.md §4), and its catalogue."""

from __future__ import annotations

import math
from dataclasses import fields

import pytest

from jazari_planner.common.words import LANGS
from jazari_planner.results.compare import METRIC_DIRECTIONS
from jazari_planner.results.metrics import (
    METRIC_INFO,
    Metrics,
    coverage,
    gini,
    mean_absolute_deviation,
    theil,
)


def test_gini_of_a_hand_example() -> None:
    # y = 0, 0, 3: pairs |0-3| counted twice each → Σ|yi-yj| = 12; n² = 9; ȳ = 1 → 12/18
    assert gini([0, 0, 3]) == pytest.approx(2 / 3)
    assert gini([5, 5, 5]) == 0.0
    assert gini([0, 0, 0]) == 0.0


def test_theil_with_zero_incomes() -> None:
    # y = 0, 0, 3; ȳ = 1; shares 0, 0, 3 → (1/3)(3 ln 3) = ln 3
    assert theil([0, 0, 3]) == pytest.approx(math.log(3))
    assert theil([2, 2]) == 0.0
    assert theil([0, 0]) == 0.0


def test_mean_absolute_deviation() -> None:
    # ȳ = 2 → |1-2|, |2-2|, |3-2| → 2/3
    assert mean_absolute_deviation([1, 2, 3]) == pytest.approx(2 / 3)


def test_coverage_is_a_population_share() -> None:
    assert coverage([1, 2, 1], [True, False, True]) == pytest.approx(0.5)
    assert coverage([0, 0], [True, True]) == 0.0


def test_metrics_read_as_attributes_and_mapping() -> None:
    values = dict(gini=0.1, theil=0.2, mad=3.0, coverage=1.0, floor=0.4, worst_mean=0.45,
                  mean_fit=0.5, mean_balance_score=90.0, total_investment=100.0)
    metrics = Metrics(**values)
    assert metrics.gini == 0.1 and metrics["mad"] == 3.0
    assert dict(metrics) == values and list(metrics) == list(values)
    with pytest.raises(KeyError):
        metrics["nope"]


def test_the_catalogue_describes_every_metric_once_in_every_language() -> None:
    assert sorted(METRIC_INFO) == sorted(f.name for f in fields(Metrics))
    for name, info in METRIC_INFO.items():
        assert info.name == name
        for lang in LANGS:
            assert info.label[lang] and info.help[lang] and info.title(lang)
            assert lang in info.unit
    # the comparison's highlighting reads its direction from the catalogue
    assert METRIC_DIRECTIONS["gini"] == "lower" and METRIC_DIRECTIONS["worst_mean"] == "higher"
    assert "total_investment" not in METRIC_DIRECTIONS
    assert METRIC_INFO["gini"].describe("en").endswith("Lower is better.")
    assert METRIC_INFO["total_investment"].describe("fr") == METRIC_INFO["total_investment"].help[
        "fr"]
