"""Fixtures every test folder shares: the national data and the shipped scenarios' plans.

Session-scoped: each is loaded or solved once per test process. A :class:`~jazari_planner.Dataset`
is immutable; a test that changes a plan's frames works on its own copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import jazari_planner as jp

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


@pytest.fixture(scope="session")
def dataset() -> jp.Dataset:
    """The embedded national data: 12 regions, the sourced indicators, the themes."""
    return jp.load_dataset()


@pytest.fixture(scope="session")
def baseline_plan(dataset: jp.Dataset) -> jp.Plan:
    """scenarios/baseline.yaml solved on the embedded data."""
    return jp.solve(jp.Scenario.from_yaml(SCENARIOS / "baseline.yaml"), dataset)


@pytest.fixture(scope="session")
def roadmap_plan(dataset: jp.Dataset) -> jp.Plan:
    """scenarios/roadmap-2030.yaml (a phasing: block) solved on the embedded data."""
    return jp.solve(jp.Scenario.from_yaml(SCENARIOS / "roadmap-2030.yaml"), dataset)
