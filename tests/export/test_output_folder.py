"""Output folders: what --force may replace, and a run killed at every step loses nothing.

The kill tests run the real writer in a child process that ends itself with ``os._exit``
(no cleanup, like SIGKILL) just before or after one step; the folder must then hold the old
complete output or the new one, and the next run must leave nothing else behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from cli_support import REPO

from jazari_planner.common.errors import InputError
from jazari_planner.export import output_folder
from jazari_planner.export.output_folder import (
    MANIFEST,
    check_output_dir,
    clean_stale_runs,
    output_directory,
)


def write_output(out: Path, content: str) -> None:
    """A complete output of two files holding ``content``, written by the real writer."""
    with output_directory(out, describe={"content": content}) as folder:
        for name in ("a.csv", "b.csv"):
            (folder / name).write_text(content + "\n", encoding="utf-8")


def complete_content(out: Path) -> str:
    """The content of ``out`` after checking it is one complete output: every file the
    manifest lists, with its checksum, and nothing else."""
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    present = sorted(p.name for p in out.iterdir() if p.name != MANIFEST)
    assert present == sorted(manifest["files"]) == ["a.csv", "b.csv"]
    for name, digest in manifest["sha256"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    return str(manifest["content"])


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


CHILD = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from jazari_planner.export import output_folder as of

    out, step, when = Path(sys.argv[1]), sys.argv[2], sys.argv[3]

    def killing(function):
        def wrapper(*args, **kwargs):
            if when == "before":
                os._exit(9)
            function(*args, **kwargs)
            os._exit(9)
        return wrapper

    if step == "between-renames":  # no atomic exchange here: killed after setting aside
        of._exchange = lambda first, second: False
        rename = Path.rename
        def rename_then_die(self, target):
            done = rename(self, target)
            if ".previous-" in Path(target).name:
                os._exit(9)
            return done
        Path.rename = rename_then_die
    elif step != "writing":
        setattr(of, step, killing(getattr(of, step)))
    with of.output_directory(out, describe={"content": "new"}) as folder:
        (folder / "a.csv").write_text("new\\n", encoding="utf-8")
        if step == "writing":
            os._exit(9)
        (folder / "b.csv").write_text("new\\n", encoding="utf-8")
""")

#: (step, killed before or after it, what the folder then holds): every step of a run.
STEPS = [
    ("_claim", "after", "old"),
    ("writing", "-", "old"),
    ("_write_manifest", "before", "old"),
    ("_write_manifest", "after", "old"),
    ("_swap_into_place", "before", "old"),
    ("_exchange", "after", "new"),
    ("_remove_tree", "before", "new"),
    ("_release", "before", "new"),
]


@pytest.mark.parametrize(("step", "when", "holds"), STEPS,
                         ids=[f"{s}-{w}" for s, w, _ in STEPS])
def test_a_run_killed_at_any_step_leaves_a_complete_folder_and_is_cleaned_up(
    tmp_path: Path, step: str, when: str, holds: str
) -> None:
    out = tmp_path / "out"
    write_output(out, "old")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    killed = subprocess.run([sys.executable, "-c", CHILD, str(out), step, when], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert killed.returncode == 9, killed.stderr
    assert complete_content(out) == holds
    assert hidden(tmp_path), "the killed run left no trace to clean up"

    write_output(out, "third")
    assert complete_content(out) == "third"
    assert hidden(tmp_path) == []


def test_without_an_atomic_exchange_the_next_run_puts_the_old_folder_back(
    tmp_path: Path
) -> None:
    out = tmp_path / "out"
    write_output(out, "old")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    killed = subprocess.run([sys.executable, "-c", CHILD, str(out), "between-renames", "-"],
                            env=env, capture_output=True, text=True, timeout=120, check=False)
    assert killed.returncode == 9, killed.stderr
    assert not out.exists()
    clean_stale_runs(tmp_path)
    assert complete_content(out) == "old"
    assert hidden(tmp_path) == []


def test_only_what_a_dead_run_of_this_host_claimed_is_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    mine = tmp_path / ".out.writing-notours"  # no claim names it: not provably ours
    mine.mkdir()
    alive = tmp_path / ".out.writing-alive"
    alive.mkdir()
    claim = {"tool": "jazari-planner", "pid": os.getpid(), "host": output_folder.socket
             .gethostname(), "target": "out", "token": "alive"}
    (tmp_path / ".out.jazari-run-alive.json").write_text(json.dumps(claim), encoding="utf-8")
    write_output(out, "new")
    assert hidden(tmp_path) == [".out.jazari-run-alive.json", ".out.writing-alive",
                                ".out.writing-notours"]


# --------------------------------------------------------------------------- what may go


def refusal(out: Path, **options: object) -> str:
    with pytest.raises(InputError) as caught:
        check_output_dir(out, **options)  # type: ignore[arg-type]
    return caught.value.message


def test_force_never_replaces_inputs_embedded_data_the_package_or_a_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = tmp_path / "clone"
    (clone / ".git").mkdir(parents=True)
    (clone / "data").mkdir()
    (clone / "data" / "regions.geojson").write_text("{}", encoding="utf-8")
    monkeypatch.setenv("JAZARI_PLANNER_DATA", str(clone / "data"))
    message = refusal(clone / "data", force=True)
    assert f"the planner's embedded data {clone / 'data'}" in message
    assert "even with --force" in message
    assert "embedded data" in refusal(clone, force=True)

    monkeypatch.delenv("JAZARI_PLANNER_DATA")
    repository = tmp_path / "work"
    (repository / "deep" / "clone" / ".git").mkdir(parents=True)
    assert f"the git repository {repository / 'deep' / 'clone'}" in refusal(repository,
                                                                            force=True)

    scenario = tmp_path / "mine" / "s.yaml"
    scenario.parent.mkdir()
    scenario.write_text("name: T\n", encoding="utf-8")
    assert f"this run's input file {scenario}" in refusal(tmp_path / "mine", force=True,
                                                          protect=[scenario])
    package = Path(output_folder.__file__).parents[1]
    assert f"the jazari_planner package {package}" in refusal(package, force=True)
    assert f"inside the jazari_planner package {package}" in refusal(package / "export",
                                                                     force=True)
    assert "never replaced, even with --force" in refusal(package.parent, force=True)
    for path in (tmp_path, clone, repository, scenario):
        assert path.exists()


def test_force_never_replaces_the_home_or_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home" / "planner"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert "your home folder" in refusal(home, force=True)
    assert "your home folder" in refusal(tmp_path / "home", force=True)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert "the current folder" in refusal(Path("."), force=True)
    assert check_output_dir(work / "results", force=True) == work / "results"


def test_a_symlink_or_an_empty_folder_in_a_previous_output_needs_force(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.tex").write_text("keep\n", encoding="utf-8")
    out = tmp_path / "out"
    write_output(out, "old")
    (out / "link").symlink_to(precious)
    (out / "empty").mkdir()
    message = refusal(out)
    assert "link (symbolic link)" in message and "empty/ (folder)" in message
    with output_directory(out, force=True) as folder:
        (folder / "a.csv").write_text("forced\n", encoding="utf-8")
    assert not (out / "link").exists() and not (out / "empty").exists()
    assert (precious / "thesis.tex").read_text(encoding="utf-8") == "keep\n"


def test_an_out_that_is_a_symlink_is_never_followed(tmp_path: Path) -> None:
    pointed = tmp_path / "pdir"
    pointed.mkdir()
    (pointed / "keep.txt").write_text("keep\n", encoding="utf-8")
    link = tmp_path / "lnk"
    link.symlink_to(pointed)
    message = refusal(link)
    assert "symbolic link" in message and str(pointed) in message and "--force" in message
    with output_directory(link, force=True) as folder:
        (folder / "a.csv").write_text("forced\n", encoding="utf-8")
    assert not link.is_symlink() and (link / "a.csv").read_text(encoding="utf-8") == "forced\n"
    assert sorted(p.name for p in pointed.iterdir()) == ["keep.txt"]
    assert hidden(tmp_path) == []
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere" / "new")
    with output_directory(dangling, force=True) as folder:
        (folder / "a.csv").write_text("forced\n", encoding="utf-8")
    assert dangling.is_dir() and not dangling.is_symlink()
    assert not (tmp_path / "nowhere").exists() and hidden(tmp_path) == []
