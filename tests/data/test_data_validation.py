"""Each way a data file can be wrong gives an InputError naming file, row or key, and fix.

Every case writes a real malformed file (a copy of the embedded data with one defect, in
``tmp_path``, or a fixture under ``tests/fixtures/data``) and loads it through ``load_dataset``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from jazari_planner.common.errors import InputError
from jazari_planner.data.loading import EMBEDDED_FILES, load_dataset

DATA = Path(__file__).resolve().parents[2] / "data"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A writable copy of the embedded data directory."""
    for name in EMBEDDED_FILES.values():
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


def _load(folder: Path) -> None:
    load_dataset(
        indicators=folder / "indicators.csv",
        catalogue=folder / "indicators.yaml",
        themes=folder / "themes.yaml",
        regions=folder / "regions.geojson",
    )


def _edit_text(path: Path, change: Callable[[str], str]) -> None:
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, "the test's edit did not apply"
    path.write_text(changed, encoding="utf-8")


def _edit_csv_lines(path: Path, change: Callable[[list[str]], list[str]]) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")


class _PlainDumper(yaml.SafeDumper):
    """Writes a value shared by two entries twice, as a person would, never as an alias."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _edit_yaml(path: Path, change: Callable[[Any], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


def _error(folder: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        _load(folder)
    error = caught.value
    assert error.source, "the error must name the file"
    assert error.fix, "the error must say how to fix it"
    return error


# ---------------------------------------------------------------------------- indicators.csv


def test_unknown_region(copy: Path) -> None:
    _edit_csv_lines(
        copy / "indicators.csv",
        lambda lines: [lines[0], lines[1].replace("01,", "13,", 1), *lines[2:]],
    )
    error = _error(copy)
    assert error.source == str(copy / "indicators.csv")
    assert error.key == "row 1.region_code" and error.line == 2
    assert "unknown region '13'" in error.problem


def test_missing_region(copy: Path) -> None:
    _edit_csv_lines(
        copy / "indicators.csv",
        lambda lines: [line for line in lines if not line.startswith("12,")],
    )
    error = _error(copy)
    assert "region 12 (Dakhla-Oued Ed-Dahab) has no value" in error.problem


def test_region_without_a_value_for_one_indicator(copy: Path) -> None:
    _edit_csv_lines(
        copy / "indicators.csv",
        lambda lines: [ln for ln in lines if not ln.startswith("05,poverty_rate,")],
    )
    error = _error(copy)
    assert error.key == "05.poverty_rate"
    assert "no value for indicator 'poverty_rate'" in error.problem


@pytest.mark.parametrize("bad", ["nan", "inf", "-inf", "NaN"])
def test_nan_or_infinite_value(copy: Path, bad: str) -> None:
    def change(lines: list[str]) -> list[str]:
        fields = lines[3].split(",")
        fields[2] = bad
        return [*lines[:3], ",".join(fields), *lines[4:]]

    _edit_csv_lines(copy / "indicators.csv", change)
    error = _error(copy)
    assert error.key == "row 3.value" and error.line == 4
    assert "not a finite number" in error.problem


def test_empty_and_non_numeric_values(copy: Path) -> None:
    _edit_csv_lines(
        copy / "indicators.csv",
        lambda lines: [lines[0], "01,gdp_per_capita,12 kMAD,2023,x", *lines[2:]],
    )
    error = _error(copy)
    assert "is not a number" in error.problem and error.line == 2


def test_duplicated_row(copy: Path) -> None:
    _edit_csv_lines(copy / "indicators.csv", lambda lines: [*lines, lines[5]])
    error = _error(copy)
    assert "has a second value (first at row 5)" in error.problem
    assert error.fix == "keep one row per region and indicator"


def test_indicator_not_in_catalogue(copy: Path) -> None:
    _edit_csv_lines(
        copy / "indicators.csv",
        lambda lines: [lines[0], lines[1].replace(",gdp_share,", ",gdp_shrae,"), *lines[2:]],
    )
    error = _error(copy)
    assert "'gdp_shrae' is not in the catalogue" in error.problem
    assert "did you mean 'gdp_share'" in (error.fix or "")


def test_wrong_column_name_suggests_the_near_miss(copy: Path) -> None:
    shutil.copy(FIXTURES / "misnamed_columns.csv", copy / "indicators.csv")
    error = _error(copy)
    assert error.key == "region_code"
    assert error.fix == "rename column 'regoin_code' to 'region_code'"


def test_unknown_extra_column(copy: Path) -> None:
    _edit_csv_lines(
        copy / "indicators.csv", lambda lines: [lines[0].replace(",year,", ",yeer,"), *lines[1:]]
    )
    error = _error(copy)
    assert error.key == "yeer" and error.fix == "rename it to 'year'"


def test_malformed_csv_names_the_line(copy: Path) -> None:
    shutil.copy(FIXTURES / "malformed_indicators.csv", copy / "indicators.csv")
    error = _error(copy)
    assert "malformed CSV" in error.problem and error.line == 3


def test_empty_csv(copy: Path) -> None:
    (copy / "indicators.csv").write_text("", encoding="utf-8")
    assert "empty" in _error(copy).problem


# ---------------------------------------------------------------------------- catalogue


def test_bad_group(copy: Path) -> None:
    _edit_yaml(copy / "indicators.yaml", lambda d: d["indicators"][0].update(group="economics"))
    error = _error(copy)
    assert error.key == "indicators.gdp_share.group"
    assert "did you mean 'economic'" in (error.fix or "")


def test_bad_direction(copy: Path) -> None:
    _edit_yaml(copy / "indicators.yaml", lambda d: d["indicators"][1].update(direction="up"))
    error = _error(copy)
    assert error.key == "indicators.jobs_per_1000.direction"
    assert "'higher' or 'lower'" in (error.fix or "")


def test_misspelt_catalogue_key(copy: Path) -> None:
    def change(data: Any) -> None:
        entry = data["indicators"][2]
        entry["lable"] = entry.pop("label")

    _edit_yaml(copy / "indicators.yaml", change)
    error = _error(copy)
    assert error.key == "indicators[2].lable"
    assert "did you mean 'label'" in (error.fix or "")


def test_duplicated_catalogue_id(copy: Path) -> None:
    _edit_yaml(copy / "indicators.yaml", lambda d: d["indicators"].append(dict(d["indicators"][0])))
    assert "appears twice" in _error(copy).problem


def test_wrong_top_key(copy: Path) -> None:
    _edit_text(copy / "indicators.yaml", lambda t: t.replace("indicators:\n", "indicator:\n", 1))
    error = _error(copy)
    assert error.fix == "rename 'indicator' to 'indicators'"


def _set_measures(copy: Path, indicator: str, value: Any) -> None:
    def change(data: Any) -> None:
        entry = next(e for e in data["indicators"] if e["id"] == indicator)
        entry["measures"] = value

    _edit_yaml(copy / "indicators.yaml", change)


def test_measures_naming_an_unknown_theme(copy: Path) -> None:
    _set_measures(copy, "renewable_capacity", ["energi"])
    error = _error(copy)
    assert error.source == str(copy / "indicators.yaml")
    assert error.key == "indicators.renewable_capacity.measures"
    assert "unknown theme 'energi'" in error.problem
    assert "did you mean 'energy'" in (error.fix or "")


def test_measures_that_are_not_theme_ids(copy: Path) -> None:
    _set_measures(copy, "fish_landings", [3])
    error = _error(copy)
    assert error.key == "indicators.fish_landings.measures"
    assert "list of theme ids" in error.problem


def test_own_themes_are_not_held_to_the_embedded_measures(copy: Path) -> None:
    """The embedded catalogue names the embedded themes; a user's own themes may differ."""
    _edit_yaml(copy / "themes.yaml", lambda d: d.update(themes=d["themes"][4:6]))
    dataset = load_dataset(themes=copy / "themes.yaml")
    assert dataset.theme_ids == ["industry", "logistics"]


# ---------------------------------------------------------------------------- themes


def test_theme_uses_an_indicator_the_catalogue_lacks(copy: Path) -> None:
    _edit_yaml(
        copy / "themes.yaml", lambda d: d["themes"][0]["profile"].update({"internet_at_hom": 1})
    )
    error = _error(copy)
    assert error.key == "themes.energy.profile.internet_at_hom"
    assert "did you mean 'internet_at_home'" in (error.fix or "")


def test_profile_naming_a_need_indicator(copy: Path) -> None:
    _edit_yaml(
        copy / "themes.yaml", lambda d: d["themes"][1]["profile"].update({"unemployment_rate": 1})
    )
    error = _error(copy)
    assert "not a strength" in error.problem
    assert error.key == "themes.agrifood.profile.unemployment_rate"


def test_profile_naming_no_indicator(copy: Path) -> None:
    _edit_yaml(copy / "themes.yaml", lambda d: d["themes"][2].update(profile={}))
    error = _error(copy)
    assert "names no strength indicator" in error.problem
    assert error.key == "themes.fisheries.profile"


def test_all_zero_profile(copy: Path) -> None:
    def change(data: Any) -> None:
        profile = data["themes"][3]["profile"]
        for key in profile:
            profile[key] = 0

    _edit_yaml(copy / "themes.yaml", change)
    error = _error(copy)
    assert "every weight of the profile is 0" in error.problem


def test_negative_weight(copy: Path) -> None:
    _edit_yaml(
        copy / "themes.yaml", lambda d: d["themes"][5]["profile"].update({"hub_port_teu": -1})
    )
    error = _error(copy)
    assert error.key == "themes.logistics.profile.hub_port_teu"
    assert "must not be negative" in error.problem


def test_bad_coverage_bounds_and_cost(copy: Path) -> None:
    _edit_yaml(copy / "themes.yaml", lambda d: d["themes"][4].update(min=3, max=1))
    assert _error(copy).key == "themes.industry.max"
    _edit_yaml(copy / "themes.yaml", lambda d: d["themes"][4].update(min=0, cost="cheap"))
    assert _error(copy).key == "themes.industry.cost"


def test_malformed_yaml_names_the_line(copy: Path) -> None:
    shutil.copy(FIXTURES / "malformed_themes.yaml", copy / "themes.yaml")
    error = _error(copy)
    assert "YAML syntax error" in error.problem
    assert error.line is not None and error.line >= 3


# ---------------------------------------------------------------------------- regions


def test_negative_population(copy: Path) -> None:
    path = copy / "regions.geojson"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["features"][6]["properties"]["population"] = -4892393
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    error = _error(copy)
    assert error.key == "feature 7 (region 07).population"
    assert "must be positive" in error.problem


def test_wrong_region_property_name(copy: Path) -> None:
    _edit_text(copy / "regions.geojson", lambda t: t.replace('"region_name_ar"', '"region_nam_ar"'))
    error = _error(copy)
    assert error.fix == "rename column 'region_nam_ar' to 'region_name_ar'"


def test_malformed_geojson(copy: Path) -> None:
    shutil.copy(FIXTURES / "not_geojson.geojson", copy / "regions.geojson")
    assert "cannot read the regions file" in _error(copy).problem


# ---------------------------------------------------------------------------- paths


def test_file_does_not_exist(copy: Path) -> None:
    (copy / "themes.yaml").unlink()
    error = _error(copy)
    assert error.source == str(copy / "themes.yaml")
    assert "does not exist" in error.problem


def test_path_is_a_directory(copy: Path) -> None:
    (copy / "indicators.csv").unlink()
    (copy / "indicators.csv").mkdir()
    error = _error(copy)
    assert "is a directory" in error.problem


@pytest.mark.parametrize("name", ["indicators.csv", "themes.yaml", "regions.geojson"])
def test_a_file_over_the_size_limit_is_refused_unread(copy: Path, name: str) -> None:
    from jazari_planner.common.files import MAX_BYTES

    role = {"indicators.csv": "indicators", "themes.yaml": "themes",
            "regions.geojson": "regions"}[name]
    path = copy / name
    with path.open("r+b") as handle:  # 8 GB, sparse: no disk is used, nothing may read it
        handle.truncate(8 << 30)
    error = _error(copy)
    assert error.source == str(path)
    assert f"larger than {MAX_BYTES[role] >> 20} MiB" in error.problem
    path.write_bytes((DATA / name).read_bytes() + b" " * (MAX_BYTES[role] + 1))
    assert f"larger than {MAX_BYTES[role] >> 20} MiB" in _error(copy).problem


def test_a_pipe_or_a_device_is_not_read(copy: Path) -> None:
    import os

    (copy / "indicators.csv").unlink()
    os.mkfifo(copy / "indicators.csv")
    error = _error(copy)  # without a writer, reading the pipe would wait for ever
    assert "not a regular file" in error.problem and "save it to a file" in (error.fix or "")
    with pytest.raises(InputError, match="not a regular file"):
        load_dataset(indicators="/dev/zero")


def test_embedded_directory_override_that_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JAZARI_PLANNER_DATA", str(tmp_path))
    with pytest.raises(InputError) as caught:
        load_dataset()
    assert caught.value.source == str(tmp_path / "regions.geojson")
    assert "JAZARI_PLANNER_DATA" in (caught.value.fix or "")


def test_a_plain_dataframe_is_not_regions() -> None:
    import pandas as pd

    with pytest.raises(InputError) as caught:
        load_dataset(regions=pd.DataFrame({"region_code": ["01"]}))
    assert "GeoDataFrame" in caught.value.problem


def test_messages_read_as_one_or_two_lines(copy: Path) -> None:
    _edit_csv_lines(copy / "indicators.csv", lambda lines: [*lines, lines[5]])
    message = str(_error(copy))
    assert message.startswith(f"{copy / 'indicators.csv'}:")
    assert "\n  fix: " in message


def test_a_dataset_changed_in_place_after_loading_is_refused_at_solve() -> None:
    import math

    import jazari_planner as jp

    for table, change in (("profiles", lambda d: d.profiles.iloc.__setitem__((0, 0), math.nan)),
                          ("indicators", lambda d: d.indicators.loc.__setitem__(
                              (d.indicators.index[3], "value"), math.inf)),
                          ("themes", lambda d: d.themes.loc.__setitem__(("energy", "cost"),
                                                                        -5.0))):
        dataset = load_dataset()
        change(dataset)
        with pytest.raises(InputError) as caught:
            jp.solve(jp.Scenario(name="Edited"), dataset)
        assert caught.value.key and caught.value.key.startswith(f"{table}[")
        assert "changed after loading" in caught.value.problem
        assert "load_dataset" in (caught.value.fix or "")
