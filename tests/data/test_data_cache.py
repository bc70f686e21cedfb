"""``load_dataset`` parses each file once per content, and never hands out what it keeps.

The cache key is a file's resolved path and SHA-256: an unchanged file is not parsed again,
a changed one always is (even at the same size and modification time), and every caller
gets its own copy of the tables.
"""

from __future__ import annotations

import os
import re
import shutil
from copy import deepcopy as copy_of
from pathlib import Path
from typing import Any

import pytest

from jazari_planner.common.errors import InputError
from jazari_planner.data import loading as data
from jazari_planner.data.loading import EMBEDDED_FILES, load_dataset

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for name in EMBEDDED_FILES.values():
        shutil.copy(DATA / name, tmp_path / name)
    return tmp_path


def _paths(folder: Path) -> dict[str, Path]:
    return {role: folder / EMBEDDED_FILES[role]
            for role in ("indicators", "catalogue", "themes", "regions")}


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files ``load_dataset`` parses from now on, in order."""
    parsed: list[str] = []
    for name in ("read_csv", "read_yaml"):
        original = getattr(data, name)

        def spy(file: Any, *args: Any, _original: Any = original, **kwargs: Any) -> Any:
            parsed.append(file.path.name)
            return _original(file, *args, **kwargs)

        monkeypatch.setattr(data, name, spy)
    return parsed


def test_the_same_files_are_parsed_once(copy: Path, parses: list[str]) -> None:
    first = load_dataset(**_paths(copy))
    second = load_dataset(**_paths(copy))
    assert sorted(parses) == ["indicators.csv", "indicators.yaml", "themes.yaml"]
    assert first.indicators.equals(second.indicators)
    assert first.provenance == second.provenance


def test_a_file_changed_in_place_is_read_again(copy: Path, parses: list[str]) -> None:
    csv = copy / "indicators.csv"
    before = load_dataset(**_paths(copy))
    text = csv.read_text(encoding="utf-8")
    row = text.splitlines()[1]  # region_code,indicator,value,…
    region, indicator, value = row.split(",")[:3]
    changed = value[:-1] + ("1" if value[-1] != "1" else "2")
    stat = csv.stat()
    csv.write_text(text.replace(row, row.replace(f",{value},", f",{changed},", 1), 1),
                   encoding="utf-8")
    os.utime(csv, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same mtime
    after = load_dataset(**_paths(copy))
    assert parses.count("indicators.csv") == 2
    first = (after.indicators["region_code"] == region) & (
        after.indicators["indicator"] == indicator)
    assert after.indicators.loc[first, "value"].item() == float(changed)
    assert after.provenance["indicators"]["sha256"] != before.provenance["indicators"]["sha256"]


def test_what_a_caller_changes_never_reaches_the_next_caller(copy: Path) -> None:
    first = load_dataset(**_paths(copy))
    names = ("indicators", "regions", "themes", "profiles", "catalogue")
    pristine = {name: getattr(first, name).copy(deep=True) for name in names}
    provenance = copy_of(first.provenance)
    first.indicators.loc[0, "value"] = -1.0
    first.regions.loc["01", "population"] = 1
    first.themes.loc["energy", "cost"] = 0.0
    first.profiles.iloc[0, 0] = 99.0
    first.catalogue.loc["gdp_per_capita", "direction"] = "lower"
    first.provenance["indicators"]["sha256"] = "edited"
    again = load_dataset(**_paths(copy))
    for name in names:
        assert getattr(again, name).equals(pristine[name]), name
    assert again.provenance == provenance


def test_each_path_keeps_its_own_provenance(copy: Path, tmp_path_factory: pytest.TempPathFactory
                                            ) -> None:
    other = tmp_path_factory.mktemp("other")
    shutil.copy(copy / "indicators.csv", other / "indicators.csv")
    one = load_dataset(indicators=copy / "indicators.csv")
    two = load_dataset(indicators=other / "indicators.csv")
    assert one.provenance["indicators"]["path"] == str((copy / "indicators.csv").resolve())
    assert two.provenance["indicators"]["path"] == str((other / "indicators.csv").resolve())
    assert one.provenance["indicators"]["sha256"] == two.provenance["indicators"]["sha256"]


def test_an_invalid_file_is_not_remembered_once_fixed(copy: Path) -> None:
    themes = copy / "themes.yaml"
    good = themes.read_text(encoding="utf-8")
    cost = re.search(r"cost: ([0-9.]+)", good)
    assert cost is not None
    themes.write_text(good.replace(cost.group(0), f"cost: -{cost.group(1)}", 1), encoding="utf-8")
    with pytest.raises(InputError, match="cost must not be negative"):
        load_dataset(**_paths(copy))
    themes.write_text(good, encoding="utf-8")
    assert load_dataset(**_paths(copy)).themes["cost"].iloc[0] == float(cost.group(1))
