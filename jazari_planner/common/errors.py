"""The one exception family the planner raises for bad input, and why it carries so much.

A planner who mistyped a key in a YAML file needs to know *which file*, *which key* and
*what to write instead*; a traceback tells none of that. Every validation step raises
:class:`InputError` with those three parts, and the CLI and the app print it as is.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "InfeasibleError",
    "InputError",
    "JazariError",
    "SolverError",
    "SolverLimitError",
    "did_you_mean",
    "suggest",
]


class JazariError(Exception):
    """Base class of the planner's own errors; ``exit_code`` is what the CLI returns."""

    exit_code: int = 1


class InputError(JazariError):
    """Invalid input: arguments, a scenario or a data file (exit code 2).

    ``source`` is the file (or a description such as ``"indicators DataFrame"``), ``key``
    the key path or row inside it (``"themes.energy.max"``, ``"row 14"``), ``line`` the
    1-based line where a parser knows it, ``problem`` what is wrong and ``fix`` what to do.
    """

    exit_code = 2

    def __init__(
        self,
        problem: str,
        *,
        source: str | Path | None = None,
        key: str | None = None,
        line: int | None = None,
        fix: str | None = None,
    ) -> None:
        self.problem = problem
        self.source = str(source) if source is not None else None
        self.key = key
        self.line = line
        self.fix = fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The whole message on one or two lines: ``file:line: key: problem. fix``."""
        where = self.source or ""
        if self.line is not None:
            where = f"{where}:{self.line}" if where else f"line {self.line}"
        head = ": ".join(part for part in (where, self.key) if part)
        text = f"{head}: {self.problem}" if head else self.problem
        if self.fix:
            text = f"{text}\n  fix: {self.fix}"
        return text


class SolverError(JazariError):
    """The solver returned an error instead of a plan, a proof or a limit (exit code 5).

    The message is the solver's own (HiGHS's error lines, or CBC's status): nothing was
    proven about the scenario, so this is neither ``infeasible`` nor a time limit.
    """

    exit_code = 5


class SolverLimitError(SolverError):
    """A limit (time, nodes) stopped the solver before it found any plan (exit code 4).

    Not ``infeasible``: nothing was proven, the search was cut short. The fix is a longer
    ``solver.time_limit`` (or a looser ``mip_gap``).
    """

    exit_code = 4


class InfeasibleError(JazariError):
    """A question asked of a plan that does not exist: its scenario is infeasible (exit code 3).

    ``rules`` are the colliding rules in plain words (the plan's diagnosis).
    """

    exit_code = 3

    def __init__(self, problem: str, *, rules: Iterable[str] = ()) -> None:
        self.rules = list(rules)
        lines = [problem, *(f"  - {rule}" for rule in self.rules)]
        lines.append("  fix: relax one of these rules (a lock, a bound, the budget or "
                     "min_strength) and run again")
        super().__init__("\n".join(lines))


#: What separates the words of a name: spaces, hyphens, apostrophes, slashes, underscores.
_WORD_BREAKS = re.compile(r"[\s\-'\u2019_/]+")


def suggest(word: str, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to ``word`` (a likely typo), or ``None``.

    Failing a close spelling, the first choice that ``word`` starts (``Dakhla`` for
    ``Dakhla-Oued Ed-Dahab``) or that holds ``word`` as one of its words (``Massa`` for
    ``Souss-Massa``): a long name is often typed short.
    """
    options = [str(c) for c in choices]
    lowered = {o.lower(): o for o in options}
    typed = str(word).strip().lower()
    match = difflib.get_close_matches(typed, list(lowered), n=1, cutoff=0.6)
    if match:
        return lowered[match[0]]
    if len(typed) < 3:
        return None
    return next((option for low, option in lowered.items()
                 if low.startswith(typed) or typed in _WORD_BREAKS.split(low)), None)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"did you mean 'x'? "`` for the nearest of ``choices``, or ``""``: a fix's opening."""
    near = suggest(word, choices)
    return f"did you mean {near!r}? " if near else ""
