"""``jazari-planner robustness`` and ``alternatives``: files, bad input, Ctrl-C, a dead worker.

The commands run for real in a subprocess (embedded data, HiGHS, a process pool).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext, suppress
from pathlib import Path

import pandas as pd
import psutil
import pytest
from cli_support import REPO, SCENARIOS, leftovers, run_cli

BASELINE = SCENARIOS / "baseline.yaml"


def test_robustness_writes_its_files_and_a_progress_bar(tmp_path: Path) -> None:
    out = tmp_path / "robust"
    done = run_cli("robustness", BASELINE, "--out", out, "--samples", "40", "--jobs", "1")
    assert done.code == 0, done.err
    assert sorted(p.name for p in out.iterdir()) == [
        ".jazari-planner.json", "acceptability.csv", "acceptability.png", "confidence.csv",
        "map.html", "robustness.json", "samples.csv"]
    confidence = pd.read_csv(out / "confidence.csv", dtype={"region_code": str})
    assert list(confidence.columns) == ["region_code", "region_name", "theme_id",
                                        "theme_label", "acceptability", "locked"]
    locked = confidence.loc[confidence["locked"]]
    assert set(zip(locked["region_code"], locked["theme_id"], strict=True)) == {
        ("03", "industry"), ("04", "sovereign_ai"), ("12", "energy")}  # baseline's lock-ins
    assert "locked (fixed by the scenario, not evidence)" in done.err
    shares = pd.read_csv(out / "acceptability.csv", dtype={"region_code": str})
    assert list(shares.columns[:2]) == ["region_code", "region_name"] and len(shares) == 12
    assert shares.iloc[:, 2:].to_numpy().min() >= 0 and shares.iloc[:, 2:].to_numpy().max() <= 1
    summary = json.loads((out / "robustness.json").read_text(encoding="utf-8"))
    assert summary["samples"] == 40 and sum(summary["statuses"].values()) == 40
    assert summary["plan"]["status"] == "optimal"
    assert "sample/s" in done.err and "40/40" in done.err  # the bar: rate and count
    assert done.out.startswith("robustness: Baseline: stable core")
    assert ", 3 locked, " in done.out


def test_one_process_or_two_give_the_same_shares(tmp_path: Path) -> None:
    args = ("robustness", BASELINE, "--samples", "60", "--seed", "3", "-q")
    assert run_cli(*args, "--out", tmp_path / "one", "--jobs", "1").code == 0
    assert run_cli(*args, "--out", tmp_path / "two", "--jobs", "2").code == 0
    for name in ("acceptability.csv", "confidence.csv", "samples.csv"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_a_dask_scheduler_gives_the_same_shares(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    args = ("robustness", BASELINE, "--samples", "30", "--seed", "5", "-q")
    assert run_cli(*args, "--out", tmp_path / "here", "--jobs", "1").code == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        done = run_cli(*args, "--out", tmp_path / "dask", "--scheduler",
                       cluster.scheduler_address)
    assert done.code == 0, done.err
    assert (tmp_path / "here" / "acceptability.csv").read_bytes() == (
        tmp_path / "dask" / "acceptability.csv").read_bytes()


@pytest.mark.parametrize("arguments", [
    ("robustness", "--samples", "0"), ("robustness", "--samples", "-3"),
    ("robustness", "--samples", "many"), ("robustness", "--weight-spread", "-0.1"),
    ("robustness", "--value-noise", "-1"), ("robustness", "--value-noise", "inf"),
    ("robustness", "--samples", "1000000000000"), ("robustness", "--weight-spread", "1e308"),
    ("robustness", "--value-noise", "1e300"),
    ("robustness", "--jobs", "0"), ("robustness", "--seed", "-1"),
    ("alternatives", "-n", "0"), ("alternatives", "--within", "-0.01"),
    ("alternatives", "--min-changes", "0"),
])
def test_bad_numbers_exit_2_before_any_work(tmp_path: Path, arguments: tuple[str, ...]) -> None:
    command, *options = arguments
    done = run_cli(command, BASELINE, "--out", tmp_path / "out", *options)
    assert done.code == 2
    assert "error: argument" in done.err and "fix:" in done.err
    assert leftovers(tmp_path) == []


@contextmanager
def impostor(answer: bytes | None) -> Iterator[str]:
    """A TCP server on 127.0.0.1 that accepts and then stays silent (``None``) or answers
    every connection with ``answer`` (an HTTP server, the dashboard's port by mistake)."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []

    def serve() -> None:
        with suppress(OSError):
            while True:
                connection, _ = server.accept()
                accepted.append(connection)
                if answer is not None:
                    with suppress(OSError):
                        connection.recv(65536)
                        connection.sendall(answer)

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    finally:
        server.close()
        for connection in accepted:
            connection.close()


def test_the_limits_of_the_sweep_are_stated_in_the_help_and_the_error() -> None:
    from jazari_planner.analysis.perturbation import MAX_VALUE_NOISE, MAX_WEIGHT_SPREAD
    from jazari_planner.analysis.robustness import MAX_SAMPLES

    done = run_cli("robustness", "--help")
    assert f"1 to {MAX_SAMPLES}" in done.out
    assert f"0 to {MAX_WEIGHT_SPREAD:g}" in done.out and f"0 to {MAX_VALUE_NOISE:g}" in done.out
    done = run_cli("robustness", BASELINE, "--out", "unused", "--samples", "1000000000000")
    assert done.code == 2 and f"outside 1…{MAX_SAMPLES}" in done.err


@pytest.mark.parametrize("answer", ["refused", "silent", "http"])
def test_an_address_that_is_not_a_dask_scheduler_is_an_input_error_within_the_bound(
    tmp_path: Path, answer: str
) -> None:
    pytest.importorskip("distributed")
    http = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
    with (nullcontext("tcp://127.0.0.1:9") if answer == "refused"
          else impostor(None if answer == "silent" else http)) as address:
        # The bound is 10 s; the timeout (start-up included) only catches a hang.
        done = run_cli("robustness", BASELINE, "--out", tmp_path / "out", "--samples", "5",
                       "--scheduler", address, timeout=75)
    assert done.code == 2, done.err
    assert f"cannot reach the Dask scheduler '{address}'" in done.err
    assert "tcp://HOST:8786" in done.err and "Traceback" not in done.err
    assert leftovers(tmp_path) == []


def test_an_infeasible_scenario_exits_3_with_the_colliding_rules(tmp_path: Path) -> None:
    scenario = tmp_path / "clash.yaml"
    scenario.write_text("name: Clash\nbudget: 100\n", encoding="utf-8")
    for command in ("robustness", "alternatives"):
        done = run_cli(command, scenario, "--out", tmp_path / command)
        assert done.code == 3, done.err
        assert "infeasible" in done.err and "budget" in done.err
    assert leftovers(tmp_path) == []


def test_alternatives_writes_its_files(tmp_path: Path) -> None:
    out = tmp_path / "alt"
    done = run_cli("alternatives", BASELINE, "--out", out, "-n", "2", "--within", "0.05")
    assert done.code == 0, done.err
    table = pd.read_csv(out / "alternatives.csv")
    assert table["alternative"].tolist() == ["plan", "alternative 1", "alternative 2"]
    assert (table["changes"][1:] >= 2).all() and (table["shortfall_percent"] <= 5).all()
    costs = pd.read_csv(out / "replacement_cost.csv", dtype={"region_code": str})
    assert list(costs.columns) == ["region_code", "theme_id", "cost_percent", "irreplaceable",
                                   "locked"]
    dakhla = costs.loc[(costs["region_code"] == "12") & (costs["theme_id"] == "energy")]
    assert bool(dakhla["locked"].iloc[0]) and not bool(dakhla["irreplaceable"].iloc[0])
    cost = float(dakhla["cost_percent"].iloc[0])
    assert (f"locked: Dakhla-Oued Ed-Dahab → energy: the announcement costs {cost:.1f} % of "
            "the fit") in done.err
    matrix = pd.read_csv(out / "assignments.csv", dtype={"region_code": str})
    assert list(matrix.columns) == ["region_code", "region_name", "plan", "alternative 1",
                                    "alternative 2"]
    assert done.out.startswith("alternatives: Baseline: 2 found")


def _start(out: Path, samples: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "jazari_planner", "robustness", str(BASELINE), "--out", str(out),
         "--samples", str(samples), "--jobs", "2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _workers(process: subprocess.Popen[str], *, wait: float = 120) -> list[psutil.Process]:
    """The pool's worker processes of ``process``, once both are running.

    They are the children of its fork server (``spawn_main`` processes where the platform
    has no fork server), not the fork server itself nor the resource tracker.
    """
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        workers = [p for p in psutil.Process(process.pid).children(recursive=True)
                   if "spawn_main" in " ".join(p.cmdline())
                   or (p.ppid() != process.pid and "forkserver" in " ".join(p.cmdline()))]
        if len(workers) == 2:
            time.sleep(1.0)  # let them import and start solving
            return workers
        time.sleep(0.1)
    raise AssertionError("the pool's workers did not start")


def _gone(processes: list[psutil.Process]) -> bool:
    _, alive = psutil.wait_procs(processes, timeout=15)
    return not [p for p in alive if p.status() != psutil.STATUS_ZOMBIE]


@pytest.mark.parametrize(("sent", "code", "said"), [
    (signal.SIGINT, 130, "interrupted; no output folder was written"),
    (signal.SIGTERM, 143, "terminated (SIGTERM); no output folder was written"),
])
def test_ctrl_c_or_sigterm_stops_the_workers_and_writes_nothing(
    tmp_path: Path, sent: signal.Signals, code: int, said: str
) -> None:
    process = _start(tmp_path / "out", 20_000)
    family = [*_workers(process), *psutil.Process(process.pid).children(recursive=True)]
    process.send_signal(sent)
    _, err = process.communicate(timeout=60)
    assert process.returncode == code, err
    assert said in err
    assert _gone(family)
    assert leftovers(tmp_path) == []


def test_a_dead_worker_stops_the_sweep_with_exit_6_and_writes_nothing(tmp_path: Path) -> None:
    process = _start(tmp_path / "out", 20_000)
    workers = _workers(process)
    family = [*workers, *psutil.Process(process.pid).children(recursive=True)]
    workers[0].kill()
    _, err = process.communicate(timeout=60)
    assert process.returncode == 6, err
    assert "worker process died" in err and "nothing was written" in err
    assert _gone(family)
    assert leftovers(tmp_path) == []
