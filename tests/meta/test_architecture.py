"""The package's layers, as docs/architecture.md draws them, hold in the code.

The contract lives in pyproject.toml ([tool.importlinter]); import-linter reads every
module's imports and fails on any that runs upwards.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "jazari_planner"


def test_every_import_runs_down_the_layers() -> None:
    # the test environment's own script first (it may be run without being activated)
    command = (shutil.which("lint-imports", path=str(Path(sys.executable).parent))
               or shutil.which("lint-imports"))
    if command is None:
        pytest.fail("lint-imports is missing: install the test extra (pip install -e '.[test]')")
    run = subprocess.run([command, "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": str(Path(sys.executable).parent)},
                         timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_top_level_is_a_hallway_not_a_room() -> None:
    modules = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(modules) <= 12, modules
    layers = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert {"common", "data", "scenario", "scoring", "optimization", "results", "analysis",
            "export", "presentation", "cli", "app", "testing", "inputs"} <= layers
