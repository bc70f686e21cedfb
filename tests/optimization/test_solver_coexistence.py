"""HiGHS shared with the rest of the process: other HiGHS users, other threads, a fork.

HiGHS sets up its task scheduler once per thread, with the ``threads`` option of that thread's
first run, and fails later runs there that ask for another count. A notebook that used
highspy, linopy or PuLP's own HiGHS first must still get plans from ``jp.solve``, and the
planner must not break the notebook's own HiGHS runs afterwards. A solver error is reported
as one, with HiGHS's own words, never as a time limit.
"""

from __future__ import annotations

import json
import multiprocessing
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import highspy
import pytest

import jazari_planner as jp
from jazari_planner import cli
from jazari_planner.common.errors import SolverError, SolverLimitError
from jazari_planner.optimization import solvers

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))

#: A tiny MIP run the way a notebook would, with the ``threads`` it is given (None: default).
USER_HIGHS = """
def user_highs(threads):
    import highspy
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if threads is not None:
        h.setOptionValue("threads", threads)
    h.addVar(0, 1)
    h.addVar(0, 1)
    h.addRow(0, 1, 2, [0, 1], [1.0, 1.0])
    h.changeColIntegrality(0, highspy.HighsVarType.kInteger)
    status = h.run()
    assert status == highspy.HighsStatus.kOk, status
    assert h.modelStatusToString(h.getModelStatus()) == "Optimal"
"""

FIRST_USES = {
    "highspy with its default threads": "user_highs(None)",
    "highspy with threads=2": "user_highs(2)",
    "PuLP's own HiGHS": (
        "import pulp\n"
        "p = pulp.LpProblem('user', pulp.LpMaximize)\n"
        "x = pulp.LpVariable('x', 0, 3, cat='Integer')\n"
        "p += x\n"
        "p.solve(pulp.HiGHS(msg=False))\n"
        "assert pulp.LpStatus[p.status] == 'Optimal'"),
}


def _plan_summary(plan: jp.Plan) -> dict[str, Any]:
    return {"status": plan.status, "objective": round(float(plan.objective or 0.0), 9),
            "pairs": sorted(map(list, zip(plan.assignments["region_code"],
                                          plan.assignments["theme_id"], strict=True)))}


def _run_python(code: str) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter from the repository; its last stdout line is JSON."""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.fixture(scope="module")
def baseline() -> dict[str, Any]:
    return _plan_summary(jp.solve(jp.Scenario.from_yaml(ROOT / "scenarios" / "baseline.yaml")))


@pytest.mark.parametrize("first", sorted(FIRST_USES))
def test_a_process_that_used_highs_first_still_gets_the_plan(first: str,
                                                              baseline: dict[str, Any]) -> None:
    code = (USER_HIGHS + FIRST_USES[first] + "\n"
            "import json, jazari_planner as jp\n"
            "plan = jp.solve(jp.Scenario.from_yaml('scenarios/baseline.yaml'))\n"
            "summary = {'status': plan.status, 'objective': round(float(plan.objective), 9),\n"
            "           'pairs': sorted(map(list, zip(plan.assignments['region_code'],\n"
            "                                         plan.assignments['theme_id'])))}\n"
            "print(json.dumps(summary))")
    assert _run_python(code) == baseline


def test_the_planner_leaves_the_callers_own_highs_runs_working() -> None:
    code = (USER_HIGHS + "import json, jazari_planner as jp\n"
            "plan = jp.solve(jp.Scenario.from_yaml('scenarios/baseline.yaml'))\n"
            "user_highs(3)\n"  # the caller's thread has never been given another count
            "print(json.dumps({'status': plan.status}))")
    assert _run_python(code) == {"status": "optimal"}


def test_solving_from_several_threads_at_once_gives_the_serial_plans() -> None:
    scenarios = [jp.Scenario.from_yaml(path) for path in SCENARIOS]
    scenarios += [jp.Scenario(name=f"balance {b}", balance=b) for b in (0.0, 0.5, 1.0)]
    serial = [_plan_summary(jp.solve(s)) for s in scenarios]
    with ThreadPoolExecutor(max_workers=4) as callers:
        parallel = list(callers.map(lambda s: _plan_summary(jp.solve(s)), scenarios * 2))
    assert parallel == serial * 2


def test_a_forked_child_solves_too() -> None:
    jp.solve(jp.Scenario(name="parent"))  # the parent's HiGHS threads exist before the fork
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        status = pool.apply_async(_solve_status).get(timeout=120)
    assert status == "optimal"


def _solve_status() -> str:
    return jp.solve(jp.Scenario(name="child")).status


def _on_a_thread_set_up_with_other_threads(job: Any) -> Any:
    """Run ``job`` on a new thread whose HiGHS scheduler was first set up with 2 threads."""
    outcome: dict[str, Any] = {}

    def body() -> None:
        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        highs.setOptionValue("threads", 2)
        highs.addVar(0, 1)
        highs.changeColIntegrality(0, highspy.HighsVarType.kInteger)
        highs.run()
        try:
            outcome["value"] = job()
        except BaseException as error:  # handed to the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=body)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def test_a_highs_error_is_a_solver_error_in_highs_own_words() -> None:
    scenario = jp.Scenario(name="n")
    model = jp.create_model(jp.build_inputs(jp.load_dataset(), scenario))
    with pytest.raises(SolverError) as raised:
        _on_a_thread_set_up_with_other_threads(
            lambda: solvers._run_highs_here(model, scenario.solver))
    assert not isinstance(raised.value, SolverLimitError)
    message = str(raised.value)
    assert "Option 'threads' is set to 1" in message
    assert "Not Set" in message and "time limit" not in message


def test_the_cli_reports_a_solver_error_with_its_own_exit_code(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    def failing(model: Any, options: Any, *args: Any) -> Any:
        return _on_a_thread_set_up_with_other_threads(
            lambda: solvers._run_highs_here(model, options, *args))

    monkeypatch.setattr(solvers, "_run_highs", failing)
    code = cli.main(["solve", str(ROOT / "scenarios" / "baseline.yaml"),
                     "--out", str(tmp_path / "out"), "-q"])
    assert code == SolverError.exit_code == 5
    err = capsys.readouterr().err
    assert "error: HiGHS failed" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
