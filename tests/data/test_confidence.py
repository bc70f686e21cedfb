"""Values' confidence and themes' sector lists (docs/model.md §2, §8 revision 3): loaded,
validated with the file, line, key and fix, carried by uploads, and followed by the value
noise of robustness."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from cli_support import run_cli, write
from factories import make_dataset, themes_with_sectors

import jazari_planner as jp
from jazari_planner.analysis.perturbation import NOISE_SCALE, Spread, dataset_factors, noise_scale
from jazari_planner.app.sources import DataSource, read_indicators_upload
from jazari_planner.app.spreadsheet_csv import standard_csv
from jazari_planner.common.files import data_dir
from jazari_planner.data.loading import EMBEDDED_FILES


def embedded(name: str) -> Path:
    return data_dir() / EMBEDDED_FILES[name]


def indicators_with_confidence(folder: Path, words: dict[int, str]) -> Path:
    """The embedded values with a ``confidence`` column, ``words`` by data row (0-based)."""
    table = pd.read_csv(embedded("indicators"), dtype=str, keep_default_na=False)
    table["confidence"] = ""
    for row, word in words.items():
        table.loc[row, "confidence"] = word
    path = folder / "indicators.csv"
    table.to_csv(path, index=False)
    return path


def indicators_without_confidence(folder: Path) -> Path:
    """The embedded values without their ``confidence`` column (revision 2's file)."""
    table = pd.read_csv(embedded("indicators"), dtype=str, keep_default_na=False)
    path = folder / "indicators-bare.csv"
    table.drop(columns="confidence", errors="ignore").to_csv(path, index=False)
    return path


def test_a_missing_column_or_cell_reads_as_exact_or_derived_for_an_estimate(
        tmp_path: Path) -> None:
    data = jp.load_dataset(indicators=indicators_without_confidence(tmp_path))
    confidence = data.confidence()
    estimate = data.catalogue["estimate"].astype(bool)
    assert set(confidence.loc[:, estimate].stack()) == {"derived"}
    assert set(confidence.loc[:, ~estimate].stack()) == {"exact"}
    given = jp.load_dataset(indicators=indicators_with_confidence(
        tmp_path, {0: "gap", 1: " Secondary "}))
    table = pd.read_csv(embedded("indicators"), dtype=str, nrows=2)
    first, second = table.iloc[0], table.iloc[1]
    words = given.confidence()
    assert words.at[first["region_code"], first["indicator"]] == "gap"
    assert words.at[second["region_code"], second["indicator"]] == "secondary"
    assert (words.stack() != confidence.stack()).sum() == 2  # the empty cells: defaults


def test_a_bad_confidence_word_names_the_line_and_the_fix(tmp_path: Path) -> None:
    path = indicators_with_confidence(tmp_path, {4: "derivde"})
    with pytest.raises(jp.InputError) as caught:
        jp.load_dataset(indicators=path)
    error = caught.value
    assert error.source == str(path) and error.line == 6 and error.key == "row 5.confidence"
    assert "derivde" in error.problem and "did you mean 'derived'" in (error.fix or "")


def test_a_bad_confidence_word_is_exit_2_on_the_command_line(tmp_path: Path) -> None:
    path = indicators_with_confidence(tmp_path, {9: "guess"})
    scenario = write(tmp_path, f"name: s\ndata: {{indicators: {path.name}}}\n")
    done = run_cli("validate", scenario)
    assert done.code == 2
    assert f"{path}:11: row 10.confidence" in done.err and "fix:" in done.err


def test_a_sector_entry_outside_the_profile_names_file_line_key_and_fix(
        tmp_path: Path) -> None:
    themes = themes_with_sectors(tmp_path)
    text = themes.read_text(encoding="utf-8").replace(
        "sector: [renewable_capacity]", "sector: [renewable_capacity, fish_landings]")
    themes.write_text(text, encoding="utf-8")
    line = text[:text.index("fish_landings]")].count("\n") + 1
    with pytest.raises(jp.InputError) as caught:
        jp.load_dataset(themes=themes)
    error = caught.value
    assert error.source == str(themes) and error.line == line
    assert error.key == "themes.energy.sector[1]"
    assert "fish_landings" in error.problem and "profile" in (error.fix or "")
    scenario = write(tmp_path, f"name: s\ndata: {{themes: {themes.name}}}\n")
    done = run_cli("validate", scenario)
    assert done.code == 2 and f"{themes}:{line}: themes.energy.sector[1]" in done.err


@pytest.mark.parametrize(("sector", "problem"), [
    ("renewable_capacity", "must be a list"),
    ("[renewable_capacity, renewable_capacity]", "twice"),
])
def test_a_sector_that_is_not_a_list_of_profile_ids_is_refused(
        tmp_path: Path, sector: str, problem: str) -> None:
    themes = themes_with_sectors(tmp_path)
    themes.write_text(themes.read_text(encoding="utf-8").replace(
        "sector: [renewable_capacity]", f"sector: {sector}"), encoding="utf-8")
    with pytest.raises(jp.InputError) as caught:
        jp.load_dataset(themes=themes)
    assert problem in caught.value.problem and caught.value.line is not None


def test_the_value_noise_follows_the_confidence() -> None:
    data = make_dataset(
        {"a": [1.0, 2.0, 3.0], "b": [4.0, 5.0, 6.0]},
        groups={"a": "economic", "b": "academic"}, profiles={"t": {"a": 1.0, "b": 1.0}},
        confidence={"a": ["exact", "secondary", "derived"], "b": ["gap", "exact", "exact"]})
    assert noise_scale(data).tolist() == [[1.0, 4.0], [1.0, 1.0], [2.0, 1.0]]
    spread = Spread(weight_spread=0.0, value_noise=0.1, seed=3)
    factors = dataset_factors(spread, 7, data)
    xi = np.random.default_rng([3, 7]).standard_normal(3 + 2 + 6)[5:].reshape(3, 2)
    assert factors.values == pytest.approx(1 + 0.1 * noise_scale(data) * xi)
    assert NOISE_SCALE == {"exact": 1.0, "secondary": 1.0, "derived": 2.0, "gap": 4.0}


def test_without_confidence_the_noise_is_revision_2s() -> None:
    data = jp.load_dataset()
    bare = dataclasses.replace(
        data, indicators=data.indicators.drop(columns="confidence", errors="ignore"))
    estimate = data.catalogue["estimate"].astype(bool).to_numpy()
    expected = np.tile(np.where(estimate, 2.0, 1.0), (len(data.regions), 1))
    assert np.array_equal(noise_scale(bare), expected)
    shipped = data.confidence().reindex(index=data.regions.index,
                                        columns=data.catalogue.index)
    assert np.array_equal(noise_scale(data), shipped.apply(lambda c: c.map(NOISE_SCALE)))


def test_an_upload_may_carry_confidence_even_in_french(tmp_path: Path) -> None:
    path = indicators_with_confidence(tmp_path, {0: "lacune", 2: "dérivée"})
    table = pd.read_csv(path, dtype={"region_code": str}, keep_default_na=False)
    french = table.to_csv(sep=";", decimal=",", index=False).encode("cp1252", "replace")
    assert b"gap" in standard_csv(french) and b"derived" in standard_csv(french)
    for upload in (path.read_bytes(), french):  # as saved by a program, by French Excel
        _, data = read_indicators_upload(DataSource(), "valeurs.csv", upload)
        words = data.confidence().stack()
        assert (words == "gap").sum() == 1 and (words == "derived").sum() >= 1
