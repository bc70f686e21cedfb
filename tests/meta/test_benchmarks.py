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
