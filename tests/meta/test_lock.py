"""The locks in requirements/ agree with pyproject.toml's ranges (README: Development).

pyproject.toml keeps honest ranges for library users; ``bash scripts/lock.sh`` pins one
resolution of them into requirements/, which scripts/test.sh and CI install. A dependency
added to pyproject.toml without a refresh of the lock, or a range that no longer admits the
pinned version, fails here with the command that fixes it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
#: Each lock and the extras it is made from (dev.txt is the resolution the others follow).
LOCKS = {"run.txt": (), "test.txt": ("test",), "dev.txt": ("dev",)}
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;]+)", re.MULTILINE)
FIX = "run `bash scripts/lock.sh` and commit requirements/"


def requirements(extras: tuple[str, ...]) -> list[Requirement]:
    """What pyproject.toml asks for with ``extras``, its own extras followed."""
    asked = [Requirement(text) for text in PROJECT["dependencies"]]
    todo, seen = list(extras), set()
    while todo:
        extra = todo.pop()
        if extra in seen:
            continue
        seen.add(extra)
        for text in PROJECT["optional-dependencies"][extra]:
            requirement = Requirement(text)
            if canonicalize_name(requirement.name) == canonicalize_name(PROJECT["name"]):
                todo += sorted(requirement.extras)
            else:
                asked.append(requirement)
    return asked


def pins(lock: str) -> dict[str, set[str]]:
    """The versions ``lock`` pins, by package (two where versions differ by platform)."""
    found: dict[str, set[str]] = {}
    for name, version in PIN.findall((REPO / "requirements" / lock).read_text(encoding="utf-8")):
        found.setdefault(canonicalize_name(name), set()).add(version)
    return found


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_the_lock_pins_every_requirement_within_its_range(lock: str) -> None:
    pinned = pins(lock)
    missing = [str(r) for r in requirements(LOCKS[lock]) if canonicalize_name(r.name) not in pinned]
    assert missing == [], f"requirements/{lock} has no pin for {missing}: {FIX}"
    outside = [f"{r} (pinned {', '.join(sorted(pinned[canonicalize_name(r.name)]))})"
               for r in requirements(LOCKS[lock])
               if not all(r.specifier.contains(v, prereleases=True)
                          for v in pinned[canonicalize_name(r.name)])]
    assert outside == [], f"requirements/{lock} pins outside pyproject.toml's range: {FIX}"


@pytest.mark.parametrize("lock", ["run.txt", "test.txt"])
def test_the_smaller_locks_follow_the_dev_lock(lock: str) -> None:
    dev = pins("dev.txt")
    differ = {name: versions for name, versions in pins(lock).items() if dev.get(name) != versions}
    assert differ == {}, f"requirements/{lock} differs from dev.txt: {FIX}"


def test_every_lock_says_how_it_is_made() -> None:
    for lock in LOCKS:
        text = (REPO / "requirements" / lock).read_text(encoding="utf-8")
        assert "bash scripts/lock.sh" in text.splitlines()[1], lock


@pytest.mark.parametrize("lock", sorted(LOCKS))
def test_every_pin_carries_the_hashes_of_its_files(lock: str) -> None:
    """An install from the lock checks each download against the lock (uv and pip both do)."""
    lines = (REPO / "requirements" / lock).read_text(encoding="utf-8").splitlines()
    bare = [line.split(" ")[0] for i, line in enumerate(lines) if PIN.match(line)
            and not (line.endswith("\\") and lines[i + 1].strip().startswith("--hash=sha256:"))]
    assert bare == [], f"requirements/{lock} pins without hashes: {bare[:5]}: {FIX}"
