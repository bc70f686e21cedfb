"""scoring.py against numbers worked out by hand (docs/model.md §2)."""

from __future__ import annotations

import pandas as pd
import pytest
from factories import make_dataset

from jazari_planner import Scenario
from jazari_planner.scoring import strengths as scoring


def frame(**columns: list[float]) -> pd.DataFrame:
    return pd.DataFrame(columns, index=["a", "b", "c", "d"][: len(next(iter(columns.values())))])


def test_minmax_maps_min_to_0_and_max_to_1() -> None:
    z = scoring.normalize(frame(v=[2.0, 4.0, 10.0]))
    # (2-2)/8, (4-2)/8, (10-2)/8
    assert z["v"].tolist() == pytest.approx([0.0, 0.25, 1.0])


def test_minmax_of_a_constant_column_is_zero_everywhere() -> None:
    z = scoring.normalize(frame(v=[5.0, 5.0, 5.0], w=[1.0, 2.0, 3.0]))
    assert z["v"].tolist() == [0.0, 0.0, 0.0]
    assert z["w"].tolist() == pytest.approx([0.0, 0.5, 1.0])


def test_direction_lower_flips_before_scaling() -> None:
    flip = pd.Series({"v": True})
    z = scoring.normalize(frame(v=[2.0, 4.0, 10.0]), flip=flip)
    # -2, -4, -10 → min -10, max -2: (8/8, 6/8, 0)
    assert z["v"].tolist() == pytest.approx([1.0, 0.75, 0.0])


def test_rank_averages_ties() -> None:
    z = scoring.normalize(frame(v=[3.0, 1.0, 3.0, 2.0]), method="rank")
    # ranks: 1 → 1, 2 → 2, the two 3s share (3+4)/2 = 3.5; z = (rank-1)/3
    assert z["v"].tolist() == pytest.approx([2.5 / 3, 0.0, 2.5 / 3, 1 / 3])


def test_rank_of_a_constant_column_and_of_a_single_region() -> None:
    z = scoring.normalize(frame(v=[7.0, 7.0, 7.0]), method="rank")
    assert z["v"].tolist() == pytest.approx([0.5, 0.5, 0.5])  # all share rank 2 → (2-1)/2
    single = scoring.normalize(pd.DataFrame({"v": [4.0]}), method="rank")
    assert single["v"].tolist() == [0.0]


def small() -> object:
    # eco: 10, 20, 40 → z 0, 1/3, 1; aca (lower): 3, 5, 1 → z 0.5, 0, 1
    # une (need): 10, 30, 20 → z 0, 1, 0.5; gdp (need): 1, 2, 3 → z 0, 0.5, 1
    return make_dataset(
        {"eco": [10, 20, 40], "aca": [3, 5, 1], "une": [10, 30, 20], "gdp": [1, 2, 3]},
        groups={"eco": "economic", "aca": "academic", "une": "need", "gdp": "need"},
        directions={"aca": "lower"},
        profiles={"t1": {"eco": 1.0, "une": 9.0}, "t2": {"eco": 1.0, "aca": 3.0}},
    )


def test_strength_weights_profiles_by_group_and_ignores_need() -> None:
    data = small()
    s = scoring.strength(data, Scenario(name="s", weights={"economic": 1, "academic": 1}))
    # t1: only eco counts (une is a need indicator) → 0, 1/3, 1
    assert s["t1"].tolist() == pytest.approx([0.0, 1 / 3, 1.0])
    # t2: (1·eco + 3·aca)/4 → (0+1.5)/4, (1/3+0)/4, (1+3)/4
    assert s["t2"].tolist() == pytest.approx([0.375, 1 / 12, 1.0])


def test_strength_with_unequal_group_weights_and_an_unlisted_group() -> None:
    data = small()
    s = scoring.strength(data, Scenario(name="s", weights={"economic": 0.5, "academic": 2}))
    # t2: W = eco 0.5, aca 6 → (0.5·z_eco + 6·z_aca)/6.5
    assert s["t2"].tolist() == pytest.approx([3 / 6.5, (0.5 / 3) / 6.5, 6.5 / 6.5])
    only_eco = scoring.strength(data, Scenario(name="s", weights={"economic": 1}))
    assert only_eco["t2"].tolist() == pytest.approx([0.0, 1 / 3, 1.0])  # academic weighs 0


def test_strength_is_zero_when_every_weight_is_zero() -> None:
    s = scoring.strength(small(), Scenario(name="s", weights={"infrastructure": 1}))
    assert (s.to_numpy() == 0).all()


def test_need_with_signed_weights_has_no_direction_flip() -> None:
    data = small()
    n = scoring.need_index(data, Scenario(name="s", need={"une": 1, "gdp": -3}))
    # z'(une) = 0, 1, 0.5; z'(gdp) = 1 - (0, 0.5, 1) = 1, 0.5, 0
    # n = (1·z'une + 3·z'gdp)/4 → 3/4, 2.5/4, 0.5/4
    assert n.tolist() == pytest.approx([0.75, 0.625, 0.125])
    assert scoring.need_index(data, Scenario(name="s")).tolist() == [0.0, 0.0, 0.0]


def test_explain_contributions_add_up_to_the_strength() -> None:
    data = small()
    scenario = Scenario(name="s", weights={"economic": 1, "academic": 1})
    table = scoring.explain(data, scenario, "01", "t2")
    assert set(table["indicator"]) == {"eco", "aca"}
    by_id = table.set_index("indicator")
    assert by_id.at["aca", "value"] == 3.0
    assert by_id.at["aca", "normalized"] == pytest.approx(0.5)
    assert by_id.at["aca", "weight"] == pytest.approx(0.75)
    assert table["contribution"].sum() == pytest.approx(0.375)
