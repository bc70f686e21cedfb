"""Scenario files read: values, line numbers, malformed YAML, missing or non-UTF-8 files.

Each test writes a real YAML file and reads it with the real parser.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_support import write
from factories import read_error

from jazari_planner.scenario.reader import MAX_BYTES
from jazari_planner.scenario.schema import Scenario


def test_a_valid_file_reads_with_its_values_and_remembers_its_path(tmp_path: Path) -> None:
    path = write(tmp_path, """
        name: Test
        balance: 0.8
        themes:
          energy: {max: 3}
        lock_in:
          - {region: 12, theme: energy}
        regions:
          4: {min: 0, max: 1}
    """)
    before = path.read_bytes()
    scenario = Scenario.from_yaml(path)
    assert scenario.balance == 0.8
    assert scenario.themes["energy"].max == 3
    # unquoted region codes read by YAML as numbers become their two-digit codes
    assert scenario.lock_in[0].region == "12"
    assert set(scenario.regions) == {"04"}
    assert scenario.path == path.resolve()
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("name: T\nbalance: [0.3\n", 3, ["YAML syntax error"]),
        ("name: T\n  balance: 0.3\n", 2, ["YAML syntax error"]),
        ("name: T\nname: U\n", 2, ["appears twice", "first on line 1"]),
        ("", None, ["empty"]),
        ("# only a comment\n", None, ["empty"]),
        ("- name: T\n- name: U\n", 1, ["expected a mapping", "got a list"]),
        ("just text\n", 1, ["expected a mapping", "got text"]),
        ("balance: 0.3\n", 1, ["required key `name` is missing"]),
    ],
)
def test_malformed_files(tmp_path: Path, text: str, line: int | None, words: list[str]) -> None:
    error = read_error(write(tmp_path, text))
    assert error.source == str(tmp_path / "scenario.yaml")
    assert error.line == line
    for word in words:
        assert word in error.message


def test_missing_file_and_directory_and_non_utf8(tmp_path: Path) -> None:
    write(tmp_path, "name: T\n", name="baseline.yaml")
    missing = read_error(tmp_path / "baselin.yaml")
    assert "no such file" in missing.message and "baseline.yaml" in missing.message
    assert "is a directory" in read_error(tmp_path).message
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("name: T\ndescription: F\xe8s\n".encode("latin-1"))
    error = read_error(latin)
    assert "not UTF-8" in error.message and error.line == 2


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_before_it_is_read(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    error = read_error(Path(device))
    assert "not a regular file" in error.message and "saved on disk" in error.message


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "scenario.yaml"
    os.mkfifo(fifo)
    assert "not a regular file" in read_error(fifo).message


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = write(tmp_path, "name: T\ndescription: '" + "x" * MAX_BYTES + "'\n")
    error = read_error(big)
    assert "larger than 1024 KiB" in error.message and "data:" in error.message


def test_the_key_lines_are_kept_on_the_scenario(tmp_path: Path) -> None:
    scenario = Scenario.from_yaml(write(tmp_path, "name: T\n\nbalance: 0.5\n"))
    assert scenario.key_lines == {(): 1, ("name",): 1, ("balance",): 3}
    assert scenario.model_copy(update={"balance": 0.6}).key_lines == scenario.key_lines
