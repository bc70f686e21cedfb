"""A scenario against its data: data paths, region, theme and indicator names, locks.

The dataset checks use the deterministic synthetic dataset (regions "01"… named
"Region 01"…, themes "theme_01"…).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import write

from jazari_planner.common.errors import InputError
from jazari_planner.scenario.checks import check_against, data_paths
from jazari_planner.scenario.schema import Scenario
from jazari_planner.testing.synthetic import synthetic_dataset

DATA = synthetic_dataset(n_regions=4, n_themes=3)



def test_data_paths_resolve_against_the_file_and_must_be_files(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "indicators.csv").write_text("x\n", encoding="utf-8")
    text = "name: T\ndata:\n  indicators: data/indicators.csv\n"
    good = Scenario.from_yaml(write(tmp_path, text))
    assert data_paths(good) == {"indicators": (tmp_path / "data" / "indicators.csv").resolve()}

    text = "name: T\ndata:\n  indicators: data\n"
    folder = Scenario.from_yaml(write(tmp_path, text, "d.yaml"))
    with pytest.raises(InputError) as caught:
        data_paths(folder)
    assert caught.value.line == 3 and caught.value.key == "data.indicators"
    assert "is a directory" in caught.value.message

    text = "name: T\ndata:\n  indicators: data/indicator.csv\n"
    typo = Scenario.from_yaml(write(tmp_path, text, "t.yaml"))
    with pytest.raises(InputError) as caught:
        data_paths(typo)
    assert "does not exist" in caught.value.message and "indicators.csv" in caught.value.message


def check(tmp_path: Path, text: str) -> InputError:
    scenario = Scenario.from_yaml(write(tmp_path, text))
    with pytest.raises(InputError) as caught:
        check_against(scenario, DATA)
    return caught.value


@pytest.mark.parametrize(
    ("text", "line", "key", "words"),
    [
        ("name: T\nlock_in:\n  - {region: Region 7, theme: theme_01}\n", 3, "lock_in[0].region",
         ["unknown region 'Region 7'"]),
        ("name: T\nlock_out:\n  - {region: '01', theme: theme_1}\n", 3, "lock_out[0].theme",
         ["unknown theme 'theme_1'", "did you mean 'theme_01'"]),
        ("name: T\nthemes:\n  theme_04: {max: 1}\n", 3, "themes.theme_04", ["unknown theme"]),
        ("name: T\nregions:\n  Regoin 02: {max: 1}\n", 3, "regions.Regoin 02",
         ["did you mean 'Region 02'"]),
        ("name: T\nregions:\n  '02': {max: 1}\n  region 02: {max: 2}\n", 4, "regions.region 02",
         ["already given bounds"]),
        ("name: T\nneed:\n  ind_99: 1\n", 3, "need.ind_99", ["unknown indicator"]),
        ("name: T\nlock_in:\n  - {region: '01', theme: theme_01}\n"
         "  - {region: Region 01, theme: theme_01}\n",
         4, "lock_in[1]", ["duplicate lock", "lock_in[0] (line 3)"]),
    ],
)
def test_names_are_checked_against_the_dataset(
    tmp_path: Path, text: str, line: int, key: str, words: list[str]
) -> None:
    error = check(tmp_path, text)
    assert (error.line, error.key) == (line, key)
    assert error.source == str((tmp_path / "scenario.yaml").resolve())
    for word in words:
        assert word in error.message


def test_valid_names_pass_the_dataset_check(tmp_path: Path) -> None:
    need = str(DATA.catalogue.index[-1])
    scenario = Scenario.from_yaml(write(tmp_path, f"""
        name: T
        need: {{{need}: 1}}
        regions: {{default: {{max: 2}}, 3: {{max: 1}}, region 04: {{min: 0}}}}
        themes: {{theme_02: {{max: 2}}}}
        lock_in: [{{region: 1, theme: theme_01}}]
        lock_out: [{{region: 1, theme: theme_02}}]
    """))
    check_against(scenario, DATA)


def test_a_short_region_name_gets_the_full_one_and_a_pipe_is_not_called_missing(
    tmp_path: Path
) -> None:
    import os

    from jazari_planner import load_dataset

    scenario = Scenario.from_yaml(write(tmp_path, "name: T\nlock_in:\n"
                                        "  - {region: Dakhla, theme: energy}\n"))
    with pytest.raises(InputError) as caught:
        check_against(scenario, load_dataset())
    error = caught.value
    assert error.key == "lock_in[0].region" and error.line == 3
    assert "did you mean 'Dakhla-Oued Ed-Dahab'" in (error.fix or "")

    os.mkfifo(tmp_path / "fifo.csv")
    piped = Scenario.from_yaml(write(tmp_path, "name: T\ndata: {indicators: fifo.csv}\n",
                                     "p.yaml"))
    with pytest.raises(InputError) as caught:
        data_paths(piped)
    assert "is not a regular file" in caught.value.problem
    assert "does not exist" not in caught.value.message
    assert "did you mean" not in caught.value.message
