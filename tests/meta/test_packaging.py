"""The wheel is a real package: code, embedded data and scenarios, usable from anywhere.

``pyproject.toml`` lists the packages by hand (a ``package-dir`` mapping turns off automatic
discovery) and ships ``data/`` and ``scenarios/`` as ``jazari_planner/embedded/...``: the
first tests check nothing is left out; the slow one builds the wheel, installs it alone into
a fresh virtual environment (its dependencies at the test environment's versions, never the
host's packages) and plans from another folder.
"""

from __future__ import annotations

import fnmatch
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
SHIPPED = {"data": "jazari_planner.embedded.data", "scenarios": "jazari_planner.embedded.scenarios"}


def _tracked(folder: str) -> list[str]:
    """The files of ``folder`` that git tracks, relative to it (all of them, without git)."""
    done = subprocess.run(["git", "ls-files", folder], cwd=REPO, capture_output=True, text=True,
                          check=False)
    if done.returncode == 0 and done.stdout.strip():
        return [str(Path(line).relative_to(folder)) for line in done.stdout.splitlines()]
    return [str(p.relative_to(REPO / folder)) for p in (REPO / folder).rglob("*") if p.is_file()]


def test_every_code_package_is_listed() -> None:
    on_disk = {".".join(p.parent.relative_to(REPO).parts)
               for p in (REPO / "jazari_planner").rglob("__init__.py")}
    listed = set(CONFIG["packages"])
    assert on_disk <= listed, f"add {sorted(on_disk - listed)} to [tool.setuptools] packages"


@pytest.mark.parametrize("folder", sorted(SHIPPED))
def test_every_file_of_the_shipped_folders_is_in_the_package_data(folder: str) -> None:
    package = SHIPPED[folder]
    assert CONFIG["package-dir"][package] == folder
    patterns = CONFIG["package-data"][package]
    left_out = [name for name in _tracked(folder)
                if not any(fnmatch.fnmatch(name, pattern) for pattern in patterns)]
    assert left_out == [], f"add patterns for {left_out} to package-data of {package}"


#: Run in the wheel's environment: every module imports with the wheel's declared dependencies
#: alone (the extra "distributed" is imported only where it is used); then where the package,
#: its data and scenarios are, and whether a test tool (pytest) can be seen from there.
WHERE = """
import importlib.util, pkgutil
import jazari_planner as jp, jazari_planner.common.files as io
for found in pkgutil.walk_packages(jp.__path__, "jazari_planner."):
    importlib.import_module(found.name)
sees_tests = importlib.util.find_spec("pytest") is not None
print(jp.__file__, io.data_dir(), io.scenarios_dir(), sees_tests)
"""


def _uv(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """uv (a test dependency) run by the test environment's interpreter."""
    return subprocess.run([sys.executable, "-m", "uv", *map(str, args)], capture_output=True,
                          text=True, timeout=600, check=False)


@pytest.mark.slow
def test_the_wheel_alone_plans_the_baseline_from_another_folder(tmp_path: Path) -> None:
    source = tmp_path / "source"
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                           cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    dist = tmp_path / "dist"
    build = _uv("build", "--quiet", "--wheel", "--out-dir", dist, source)
    assert build.returncode == 0, build.stderr
    (wheel,) = dist.glob("jazari_planner-*.whl")

    # A virtual environment of its own (no system site-packages): the wheel and the
    # dependencies it declares, at the versions the test environment has (its lock's), so the
    # run neither sees the host's packages nor depends on what the registry released today.
    venv = tmp_path / "venv"
    made = _uv("venv", "--quiet", "--python", sys.executable, venv)
    assert made.returncode == 0, made.stderr
    here = _uv("pip", "freeze", "--quiet", "--exclude-editable", "--python", sys.executable)
    assert here.returncode == 0, here.stderr
    versions = tmp_path / "test-environment.txt"
    versions.write_text(here.stdout, encoding="utf-8")
    python, script = venv / "bin" / "python", venv / "bin" / "jazari-planner"
    install = _uv("pip", "install", "--quiet", "--python", python, "-c", versions, wheel)
    assert install.returncode == 0, install.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "JAZARI_PLANNER_DATA")}

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*map(str, args)], cwd=elsewhere, env=env, capture_output=True,
                              text=True, timeout=300, check=False)

    where = run(python, "-c", WHERE)
    assert where.returncode == 0, where.stderr
    module, data, scenarios, sees_tests = where.stdout.split()
    module, data, scenarios = map(Path, (module, data, scenarios))
    assert module.is_relative_to(venv), f"{module} is not from the installed wheel"
    assert sees_tests == "False", "the wheel's environment sees the test environment's packages"
    assert data == module.parent / "embedded" / "data" and (data / "regions.geojson").is_file()
    assert scenarios == module.parent / "embedded" / "scenarios"

    listed = run(script, "scenarios")
    assert listed.returncode == 0, listed.stderr
    assert "baseline.yaml" in listed.stdout and "Own indicators (example)" in listed.stdout

    copied = run(script, "scenarios", "--copy", "mine")
    assert copied.returncode == 0, copied.stderr
    solved = run(script, "solve", "mine/baseline.yaml", "--out", "out", "-q")
    assert solved.returncode == 0, solved.stderr
    summary = json.loads((elsewhere / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["status"] == "optimal"
    assert summary["data"]["regions"]["path"] == "embedded:regions.geojson"
    own = run(python, "-c", "import jazari_planner as jp; "
              "print(jp.solve(jp.Scenario.from_yaml('mine/own-indicators.yaml')).status)")
    assert own.returncode == 0 and own.stdout.strip() == "optimal", own.stderr
