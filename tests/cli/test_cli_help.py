"""The command line's --help and usage errors."""

from __future__ import annotations

from pathlib import Path

from cli_support import leftovers, run_cli


def test_help_teaches_examples_and_exit_codes() -> None:
    for command in ((), ("validate",), ("solve",), ("compare",), ("scenarios",)):
        done = run_cli(*command, "--help")
        assert done.code == 0, done.err
        assert "examples:" in done.out and "exit codes:" in done.out
        assert "3  infeasible" in done.out


def test_usage_errors_exit_2_with_a_hint(tmp_path: Path) -> None:
    done = run_cli("solve", "scenario.yaml", cwd=tmp_path)
    assert done.code == 2 and "--out" in done.err and "--help" in done.err
    done = run_cli("plan", cwd=tmp_path)
    assert done.code == 2 and "invalid choice" in done.err
    assert leftovers(tmp_path) == []
