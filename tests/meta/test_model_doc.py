"""docs/model.md is the repository's own specification: every reference to it lands on a section.

The code, tests and docs cite sections as ``docs/model.md §n`` (or ``§n–m``); each cited
section must exist, and nothing may cite the team's shared contract file, which the
repository does not carry.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "docs" / "model.md"
SUFFIXES = {".py", ".md", ".yaml", ".ipynb", ".toml"}
SKIPPED = {".git", ".venv", "node_modules", "__pycache__", ".mypy_cache", ".pytest_cache"}
REFERENCE = re.compile(r"docs/model\.md`? §(\d+)(?:\s*[–-]\s*(\d+))?")
SHARED_CONTRACT = "MODEL" + ".md"  # spelt apart so this file does not cite it


def repository_files() -> list[Path]:
    """The repository's own text files: skipped folders (virtual environments too) not entered."""
    found = []
    for folder, subfolders, files in os.walk(REPO):
        subfolders[:] = [name for name in subfolders
                         if name not in SKIPPED and not name.startswith(".venv")]
        found += [Path(folder) / name for name in files if Path(name).suffix in SUFFIXES]
    return found


def sections() -> set[int]:
    return {int(m) for m in re.findall(r"^## (\d+)\. ", SPEC.read_text(encoding="utf-8"),
                                       re.MULTILINE)}


def test_the_specification_has_its_sections() -> None:
    assert set(range(1, 14)) <= sections()


def test_every_reference_names_an_existing_section() -> None:
    known = sections()
    broken = []
    count = 0
    for path in repository_files():
        for match in REFERENCE.finditer(path.read_text(encoding="utf-8", errors="replace")):
            count += 1
            first, last = int(match.group(1)), int(match.group(2) or match.group(1))
            if not set(range(first, last + 1)) <= known:
                broken.append(f"{path.relative_to(REPO)}: {match.group(0)}")
    assert not broken
    assert count >= 29  # the references issue 12 counted, now pointing here


def test_nothing_cites_the_shared_contract_file() -> None:
    citing = [str(path.relative_to(REPO)) for path in repository_files()
              if SHARED_CONTRACT in path.read_text(encoding="utf-8", errors="replace")]
    assert citing == []
