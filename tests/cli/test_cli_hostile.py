"""Round-3 hostile input (issue 19): each attack run on the real command, one test per defect.

Each test writes the attack as real files, runs ``python -m jazari_planner`` on it, and checks
the exit code, the message (file, limit, fix), that no traceback is printed and that nothing on
disk was lost or left behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cli_support import REPO, SCENARIOS, run_cli, write
from test_cli_attacks import clean, one_gibibyte


def test_force_through_a_symlinked_out_replaces_the_link_not_what_it_points_to(
    tmp_path: Path
) -> None:
    pointed = tmp_path / "pdir"
    pointed.mkdir()
    (pointed / "keep.txt").write_text("keep\n", encoding="utf-8")
    link = tmp_path / "lnk"
    link.symlink_to(pointed)
    scenario = SCENARIOS / "excellence.yaml"
    done = run_cli("solve", scenario, "--out", link)
    clean(done, 2)
    assert "is a symbolic link" in done.err and "--force" in done.err
    clean(run_cli("solve", scenario, "--out", link, "--force"), 0)
    assert (pointed / "keep.txt").read_text(encoding="utf-8") == "keep\n"
    assert sorted(p.name for p in pointed.iterdir()) == ["keep.txt"]
    assert not link.is_symlink() and (link / "assignments.csv").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lnk", "pdir"]


def test_an_8_gb_data_file_or_a_pipe_named_under_data_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:  # sparse: no disk is used, and nothing may read it
        handle.truncate(8 << 30)
    os.mkfifo(tmp_path / "fifo.csv")
    big = write(tmp_path, "name: Big\ndata: {indicators: huge.csv}\n", "big.yaml")
    piped = write(tmp_path, "name: Piped\ndata: {indicators: fifo.csv}\n", "piped.yaml")
    done = run_cli("validate", big, piped, timeout=120, preexec_fn=one_gibibyte)
    clean(done, 2)
    assert f"{huge}: the indicators file is larger than 16 MiB" in done.err, done.err
    assert f"{piped}:2: data.indicators: data file 'fifo.csv' is not a regular file" in done.err
    assert "does not exist" not in done.err and "did you mean" not in done.err


def test_sigterm_while_writing_exits_143_and_leaves_nothing_behind(tmp_path: Path) -> None:
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "jazari_planner", "solve", str(SCENARIOS / "baseline.yaml"),
         "--out", str(out), "--pptx"],
        env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while not list(tmp_path.glob(".out.writing-*")) and process.poll() is None:
        assert time.monotonic() < deadline, "the run never started writing"
        time.sleep(0.005)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143, err
    assert "terminated (SIGTERM); no output folder was written" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_an_escape_in_a_scenario_name_reaches_the_terminal_through_no_library(
    tmp_path: Path
) -> None:
    ansi = write(tmp_path, 'name: "Red \\e[31mplan\\e[0m\\tone"\n', "ansi.yaml")
    done = run_cli("solve", ansi, "--out", tmp_path / "out", "--pptx")
    clean(done, 0)
    assert "\x1b" not in done.out + done.err and "Glyph" not in done.err
    assert "\\x1b[31mplan" in done.out
