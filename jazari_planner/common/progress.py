"""How far long work has got: the rate and the time left, for the CLI's lines and the app's bar.

Work made of many solves (a frontier's points) reports ``done`` of ``total`` after each one;
:class:`Pace` turns that into a rate and an estimate of the time left from the elapsed time,
so every front end says the same thing in its own words.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["Pace"]


@dataclass
class Pace:
    """The pace of a run started at creation: ``rate`` per second and ``seconds_left``."""

    clock: Callable[[], float] = time.perf_counter
    started: float = field(init=False)

    def __post_init__(self) -> None:
        self.started = self.clock()

    def elapsed(self) -> float:
        """Seconds since the run started."""
        return max(self.clock() - self.started, 0.0)

    def rate(self, done: int) -> float:
        """Steps done per second so far (0 before the first)."""
        elapsed = self.elapsed()
        return done / elapsed if done > 0 and elapsed > 0 else 0.0

    def seconds_left(self, done: int, total: int) -> float | None:
        """The time the remaining steps take at the pace so far (``None`` before the first)."""
        rate = self.rate(done)
        return max(total - done, 0) / rate if rate > 0 else None

    def describe(self, done: int, total: int, *, unit: str = "solves") -> str:
        """``"3/13 solves · 9.8 per s · about 1 s left"``, in English (the CLI's words)."""
        text = f"{done}/{total} {unit}"
        rate = self.rate(done)
        if rate > 0:
            text += f" · {rate:.1f} per s"
        left = self.seconds_left(done, total)
        if left is not None:
            text += f" · about {left:.0f} s left" if done < total else f" · {self.elapsed():.1f} s"
        return text
