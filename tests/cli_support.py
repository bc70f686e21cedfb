"""Helpers that run the real ``python -m jazari_planner`` in a subprocess, for every test folder."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCENARIOS = REPO / "scenarios"


@dataclass(frozen=True)
class Run:
    """What a command did: exit code, standard output and standard error."""

    code: int
    out: str
    err: str


def run_cli(*args: str | Path, cwd: Path | None = None, timeout: float = 300,
            env: Mapping[str, str] | None = None,
            preexec_fn: Callable[[], None] | None = None) -> Run:
    """Run ``python -m jazari_planner ARGS`` and capture what it printed.

    ``env`` adds to the environment; ``preexec_fn`` runs in the child before it starts (to
    set a resource limit, for instance).
    """
    environment = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8",
                   **(env or {})}
    done = subprocess.run(
        [sys.executable, "-m", "jazari_planner", *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=environment,
        timeout=timeout, check=False, preexec_fn=preexec_fn,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def write(folder: Path, text: str, name: str = "scenario.yaml") -> Path:
    """Write ``text`` (dedented) to ``folder/name`` and return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def leftovers(folder: Path) -> list[str]:
    """Names in ``folder`` a run may have left: output folders and hidden staging folders."""
    return sorted(p.name for p in folder.iterdir() if p.is_dir() or p.name.startswith("."))
