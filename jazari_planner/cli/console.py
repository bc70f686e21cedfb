"""What the command line prints: results on standard output, progress and errors on standard
error, control characters escaped; the solver's own chatter kept off standard output."""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from ..common.errors import JazariError
from ..common.escaping import terminal_text

__all__ = ["Console", "echo", "echo_error", "escaped_warnings", "solver_chatter_to_stderr"]


class Console:
    """Progress on standard error, unless quiet."""

    def __init__(self, *, quiet: bool, stream: TextIO | None = None) -> None:
        self.quiet = quiet
        self.stream = stream or sys.stderr

    def progress(self, message: str) -> None:
        if not self.quiet:
            echo(message, stream=self.stream)

    def paced(self, unit: str = "solves") -> Callable[[int, int], None]:
        """A ``progress(done, total)`` that says the rate and the time left, a line a second
        at most (and the last)."""
        from ..common.progress import Pace

        pace = Pace()
        shown = [-1.0]

        def report(done: int, total: int) -> None:
            if done == total or pace.elapsed() - shown[0] >= 1.0:
                shown[0] = pace.elapsed()
                self.progress(f"  {pace.describe(done, total, unit=unit)}")

        return report


def echo(text: str, *, stream: TextIO | None = None) -> None:
    """Print ``text`` with its control characters escaped: a scenario or region name holding
    an ANSI escape sequence must not repaint or hide the terminal's text."""
    print(terminal_text(text), file=stream or sys.stdout, flush=True)


def echo_error(error: JazariError) -> None:
    """``error: …`` (the file, the key, the fix) on standard error."""
    echo(f"error: {error}", stream=sys.stderr)


@contextmanager
def escaped_warnings() -> Iterator[None]:
    """A library's warnings printed like the rest, control characters escaped: a warning
    may quote user text (matplotlib names a glyph it lacks, raw)."""
    shown = warnings.showwarning

    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int,
             file: TextIO | None = None, line: str | None = None) -> None:
        text = warnings.formatwarning(message, category, filename, lineno, line)
        echo(text.rstrip("\n"), stream=file or sys.stderr)

    warnings.showwarning = show
    try:
        yield
    finally:
        warnings.showwarning = shown


@contextmanager
def solver_chatter_to_stderr() -> Iterator[None]:
    """Send what the solver library prints on file descriptor 1 to standard error.

    Standard output carries only results (so scripts can read it); HiGHS prints its
    banner from C, below Python's ``sys.stdout``, hence the descriptor-level redirection.
    """
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no real descriptor (an embedding host): nothing to redirect
        yield
        return
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
