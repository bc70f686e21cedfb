"""Scenario files written: YAML that reads back to an equal scenario, data paths rebased.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from cli_support import write
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jazari_planner.scenario.checks import data_paths
from jazari_planner.scenario.schema import Scenario


def test_round_trip_through_yaml_gives_an_equal_scenario(tmp_path: Path) -> None:
    original = Scenario.from_yaml(write(tmp_path, """
        name: Round trip — Fès
        description: "accents, colons: and quotes ' kept"
        weights: {economic: 0.5, academic: 0.3}
        need: {unemployment_rate: 1, gdp_per_capita: -1}
        normalization: rank
        balance: 0.25
        equity: 0.5
        budget: 1500
        min_strength: 0.1
        regions:
          default: {min: 0, max: 3}
          "12": {min: 1, max: 1}
        themes:
          energy: {min: 1, max: 3, cost: 180.5}
        lock_in: [{region: "12", theme: energy}]
        lock_out: [{region: Oriental, theme: fisheries}]
        solver: {name: cbc, time_limit: null, mip_gap: 0.01}
    """))
    text = original.to_yaml()
    again = Scenario.from_yaml(write(tmp_path, text, name="again.yaml"))
    assert again.model_dump() == original.model_dump()
    # writing to a file gives the same text, and the defaults are left out
    assert original.to_yaml(tmp_path / "written.yaml") == text
    assert (tmp_path / "written.yaml").read_text(encoding="utf-8") == text
    assert "lock_out" in text and "description" in text
    assert Scenario(name="Minimal").to_yaml() == "name: Minimal\n"


@settings(max_examples=40, deadline=None)
@given(
    balance=st.floats(0, 1),
    equity=st.floats(0, 10),
    budget=st.none() | st.floats(0, 1e5),
    max_per_region=st.integers(1, 5),
    name=st.text(min_size=1, max_size=30).filter(lambda s: s.strip() != ""),
)
# YAML's Unicode line breaks (NEL, LS, PS), which a single-quoted scalar turns into spaces.
@example(balance=0.3, equity=0.0, budget=None, max_per_region=2, name="0\x85")
@example(balance=0.3, equity=0.0, budget=None, max_per_region=2, name="a\u2028b\u2029")
def test_round_trip_for_any_values(balance: float, equity: float, budget: float | None,
                                   max_per_region: int, name: str) -> None:
    scenario = Scenario.model_validate({
        "name": name, "balance": balance, "equity": equity, "budget": budget,
        "regions": {"default": {"min": 1, "max": max_per_region}},
    })
    again = Scenario.from_dict(yaml.safe_load(scenario.to_yaml()))
    assert again.model_dump() == scenario.model_dump()


def test_to_yaml_rebases_relative_data_paths(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "values.csv").write_text("x\n", encoding="utf-8")
    text = "name: T\ndata: {indicators: data/values.csv}\n"
    scenario = Scenario.from_yaml(write(tmp_path, text))
    (tmp_path / "elsewhere").mkdir()
    moved = tmp_path / "elsewhere" / "copy.yaml"
    scenario.to_yaml(moved)
    assert data_paths(Scenario.from_yaml(moved)) == data_paths(scenario)
