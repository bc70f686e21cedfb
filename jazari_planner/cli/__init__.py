"""``jazari-planner``: validate, solve and compare scenario files, trace their frontier, measure
their robustness, find alternatives, the stakeholders' consensus and the stability intervals,
measure their data stakes, list the shipped scenarios.

A thin shell: it reads the scenario files, loads their data, calls the library
(:func:`jazari_planner.solve`, the frontier, the sweep…) and hands the results to
:mod:`jazari_planner.export.outputs`. Results and file names go to standard output, progress and
errors to standard error, and the exit code says what happened (docs/model.md §6): 0 a plan,
2 invalid input, 3 infeasible.

One module per job: ``parser`` (commands, options, ``--help``) with ``arguments`` (argument
types, shared options) and ``exit_codes``; ``console`` (what is printed where); ``loading``
(scenario files to checked scenarios to plans); one ``commands_*`` module per command family.
:func:`main` below only dispatches and turns errors into exit codes.
"""

from __future__ import annotations

import argparse
import gc
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import FrameType

from ..common.errors import InputError, JazariError
from .commands_alternatives import alternatives_command
from .commands_compare import compare_command
from .commands_consensus import consensus_command
from .commands_frontier import frontier_command
from .commands_robustness import robustness_command
from .commands_scenarios import scenarios_command
from .commands_solve import solve_command, validate_command
from .commands_stability import stability_command
from .commands_stakes import stakes_command
from .console import echo, echo_error, escaped_warnings
from .exit_codes import EXIT_INFEASIBLE, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, EXIT_TERMINATED
from .parser import build_parser

__all__ = ["EXIT_INFEASIBLE", "EXIT_INPUT", "EXIT_OK", "build_parser", "main"]

_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": validate_command,
    "solve": solve_command,
    "compare": compare_command,
    "frontier": frontier_command,
    "scenarios": scenarios_command,
    "robustness": robustness_command,
    "alternatives": alternatives_command,
    "stakes": stakes_command,
    "consensus": consensus_command,
    "stability": stability_command,
}


class Terminated(KeyboardInterrupt):
    """SIGTERM (``timeout``, ``docker stop``, a cancelled CI job), raised where the process
    is, so that it unwinds as from Ctrl-C: workers stopped, staging folders and claim files
    removed."""


def _terminate(_signal: int, _frame: FrameType | None) -> None:
    # A second SIGTERM must not cut the clean-up short: SIGKILL remains for that.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Terminated


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` in the main thread while the command runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (also the ``jazari-planner`` script)."""
    args = build_parser().parse_args(argv)
    # The imported libraries (pandas, GeoPandas, PuLP…) live as long as this short process:
    # moved out of the collector's sight, they are not rescanned by every full collection
    # while maps are drawn (about a tenth of `compare`'s time).
    gc.freeze()
    try:
        with _sigterm_as_interrupt(), escaped_warnings():
            return _COMMANDS[args.command](args)
    except Terminated:
        print("terminated (SIGTERM); no output folder was written or changed", file=sys.stderr)
        return EXIT_TERMINATED
    except InputError as error:
        echo_error(error)
        return EXIT_INPUT
    except JazariError as error:
        echo_error(error)
        return error.exit_code
    except OSError as error:  # a folder that cannot be created or written, a full disk…
        where = f"{error.filename}: " if error.filename else ""
        echo(f"error: {where}{error.strerror or error}\n  fix: check that the --out folder's "
             "parent exists, is writable and has free space; nothing was written",
             stream=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("interrupted; no output folder was written or changed", file=sys.stderr)
        return EXIT_INTERRUPTED
