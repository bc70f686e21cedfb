"""The command line's exit codes (docs/model.md §6), as constants and as its ``--help`` text."""

from __future__ import annotations

__all__ = ["EXIT_CODES_HELP", "EXIT_INFEASIBLE", "EXIT_INPUT", "EXIT_INTERRUPTED", "EXIT_OK",
           "EXIT_TERMINATED"]

EXIT_OK = 0
EXIT_INPUT = 2
EXIT_INFEASIBLE = 3
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143

EXIT_CODES_HELP = """\
exit codes:
  0  a plan was found (optimal, or feasible when a time limit stopped the solver)
  2  invalid input: arguments, a scenario file or a data file (the message names the
     file, the line, the key and the fix); nothing is written
  3  infeasible: the scenario's rules cannot all hold (the colliding rules are printed)
  4  the solver's time limit ran out before any plan was found (raise solver.time_limit)
  5  the solver failed (its own message is printed); nothing was proven about the scenario
  6  a robustness sweep was cut short: a worker process died or failed; nothing is written
130  interrupted (Ctrl-C): worker processes are stopped, nothing is written
143  terminated (SIGTERM: timeout, docker stop, a cancelled CI job): the same as Ctrl-C
"""
