"""``jazari-planner compare``: the four files, an HTML report that opens offline, and the
handling of infeasible and invalid scenarios. Real command, real solver, real browser."""

from __future__ import annotations

import base64
import csv
import re
from pathlib import Path

import pandas as pd
import pytest
from browser import CHROMIUM, offline_page
from cli_support import SCENARIOS, leftovers, run_cli, write

from jazari_planner.common.files import data_dir

FILES = {"comparison.csv", "assignments.csv", "comparison.html", "comparison.md"}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The comparison of every shipped scenario, written once for the module."""
    out = tmp_path_factory.mktemp("compare") / "all"
    done = run_cli("compare", str(SCENARIOS / "*.yaml"), "--out", out)
    assert done.code == 0, done.err
    assert done.out.startswith("compared ")
    return out


def test_compare_writes_the_four_files_with_a_row_per_scenario(library: Path) -> None:
    assert {p.name for p in library.iterdir()} >= FILES
    table = pd.read_csv(library / "comparison.csv")
    shipped = sorted(SCENARIOS.glob("*.yaml"))
    assert list(table["file"]) == [p.name for p in shipped]
    assert set(table["status"]) == {"optimal"}
    for column in ("objective", "gini", "theil", "mad", "coverage", "floor", "mean_fit",
                   "mean_balance_score", "total_investment", "solve_seconds"):
        assert table[column].notna().all(), column
    matrix = pd.read_csv(library / "assignments.csv", dtype={"region_code": str})
    assert len(matrix) == 12
    assert list(matrix.columns) == ["region_code", "region_name", *table["scenario"]]
    baseline = matrix.set_index("region_code")["Baseline"]
    assert "sovereign_ai" in baseline["04"] and "energy" in baseline["12"]
    markdown = (library / "comparison.md").read_text(encoding="utf-8")
    assert "| scenario |" in markdown and "| Rabat-Salé-Kénitra |" in markdown


def test_the_html_report_is_self_contained(library: Path) -> None:
    text = (library / "comparison.html").read_text(encoding="utf-8")
    # no external resource: every src/href is inline data
    for reference in re.findall(r'(?:src|href)="([^"]*)"', text):
        assert reference.startswith("data:"), reference
    assert "<link" not in text and "<script src" not in text
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', text)
    assert len(images) == len(list(SCENARIOS.glob("*.yaml")))
    assert all(base64.b64decode(png)[:8] == b"\x89PNG\r\n\x1a\n" for png in images)
    assert 'class="diff"' in text and 'class="num best"' in text


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs headless Chromium at /usr/bin/chromium")
def test_the_html_report_renders_offline_with_every_map(library: Path) -> None:
    with offline_page(library / "comparison.html") as seen:
        loaded = seen.page.evaluate(
            "Array.from(document.images).map(i => i.complete && i.naturalWidth > 0)")
        rows = seen.page.locator("table").first.locator("tbody tr").count()
    assert loaded and all(loaded)
    assert rows == len(list(SCENARIOS.glob("*.yaml")))
    assert seen.requests == [] and seen.errors == []


def test_an_infeasible_scenario_is_reported_in_its_row_and_exits_3(tmp_path: Path) -> None:
    write(tmp_path, "name: Fine\n", "a.yaml")
    write(tmp_path, "name: Impossible\nregions:\n  default: {min: 1, max: 1}\n"
          "lock_in:\n  - {region: '01', theme: energy}\n  - {region: '01', theme: tourism}\n",
          "b.yaml")
    done = run_cli("compare", "a.yaml", "b.yaml", "--out", "out", cwd=tmp_path)
    assert done.code == 3, done.err
    assert "Impossible" in done.err and "infeasible" in done.err
    table = pd.read_csv(tmp_path / "out" / "comparison.csv")
    assert list(table["status"]) == ["optimal", "infeasible"]
    assert pd.isna(table.loc[1, "gini"])
    with (tmp_path / "out" / "assignments.csv").open(encoding="utf-8") as handle:
        assert all(row["Impossible"] == "(infeasible)" for row in csv.DictReader(handle))


def test_an_invalid_scenario_stops_everything_before_solving(tmp_path: Path) -> None:
    write(tmp_path, "name: Fine\n", "a.yaml")
    write(tmp_path, "name: Typo\nbalence: 0.5\n", "b.yaml")
    done = run_cli("compare", "*.yaml", "--out", "out", cwd=tmp_path)
    assert done.code == 2
    assert "b.yaml:2" in done.err and "did you mean `balance`?" in done.err
    assert "nothing was solved or written" in done.err and "solving" not in done.err
    assert leftovers(tmp_path) == []


def test_the_example_indicator_file_differs_from_the_embedded_one_only_where_labelled() -> None:
    def rows(path: Path) -> dict[tuple[str, str], dict[str, str]]:
        with path.open(encoding="utf-8") as handle:
            return {(r["region_code"], r["indicator"]): r for r in csv.DictReader(handle)}

    embedded = rows(data_dir() / "indicators.csv")
    example = rows(SCENARIOS / "data" / "indicators-example.csv")
    assert embedded.keys() == example.keys()
    changed = {key for key in embedded if embedded[key] != example[key]}
    assert changed == {(code, "public_universities") for code in ("10", "11", "12")}
    for key in changed:
        assert float(example[key]["value"]) == float(embedded[key]["value"]) + 1
        assert example[key]["source"].startswith("EXAMPLE, NOT REAL DATA")
