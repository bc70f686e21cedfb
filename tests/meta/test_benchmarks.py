"""The benchmark scripts still run on the current code (their quick modes, a few seconds each).

Speed is never asserted here: these runs only catch a script the library's changes broke
(``bench_solve.py`` once stopped on an attribute the solver layer came to need). The figures
themselves are measured by hand on a quiet machine (benchmarks/README.md).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from browser import needs_chromium

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("command", [
    ["bench_solve.py", "--quick"],
    ["bench_frontier.py", "--quick"],
    ["bench_roadmap.py", "--quick"],
    ["bench_sweep.py", "--quick"],
    ["bench_stakes.py", "--quick"],
    ["bench_scenario_read.py", "--rounds", "3"],
    ["bench_consensus.py", "--quick"],
    ["bench_roadmap_analyses.py", "--quick", "--solvers", "highs"],
], ids=lambda command: command[0])
def test_the_benchmark_runs_and_writes_its_figures(command: list[str], tmp_path: Path) -> None:
    written = tmp_path / "figures.json"
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / command[0]), *command[1:],
                          "--json", str(written)], cwd=tmp_path, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr
    assert json.loads(written.read_text(encoding="utf-8"))


@pytest.mark.slow
@needs_chromium[0]
@needs_chromium[1]
def test_the_app_benchmark_measures_the_app_against_its_floor(tmp_path: Path) -> None:
    """``bench_app.py --floor`` serves the floor page beside the app and times both: every
    figure of each, and the floor page named in the table."""
    written = tmp_path / "figures.json"
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_app.py"), "--floor",
                          "--rounds", "1", "--sessions", "1", "--steps", "2",
                          "--json", str(written)],
                         cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "| what | this checkout | floor page | ratio |" in run.stdout
    figures = json.loads(written.read_text(encoding="utf-8"))
    assert figures["against_folder"] == "floor page"
    for app in ("this", "against"):
        assert len(figures[app]["map"]) == 2 and len(figures[app]["fresh"]) == 1
        assert all(seconds > 0 for values in figures[app].values() for seconds in values)


def test_the_app_benchmark_pairs_with_one_app_only(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_app.py"), "--floor",
                          "--against", str(tmp_path)], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 2
    assert "--floor and --against each name the app to pair with" in run.stderr


def test_the_floor_page_run_on_its_own_says_how_to_run_it(monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.delenv("JAZARI_FLOOR_ROOT", raising=False)
    page = AppTest.from_file(str(ROOT / "benchmarks" / "floor_app.py"), default_timeout=60)
    page.run()
    assert not page.exception
    assert "bench_app.py --floor" in page.error[0].value
