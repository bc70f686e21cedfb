"""The pace of long work: rate and time left from a clock, as the CLI and the app show it."""

from __future__ import annotations

from jazari_planner.common.progress import Pace


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_rate_and_time_left_follow_the_work_done() -> None:
    clock = Clock()
    pace = Pace(clock=clock)
    assert pace.rate(0) == 0.0 and pace.seconds_left(0, 10) is None
    assert pace.describe(0, 10) == "0/10 solves"
    clock.now += 2.0
    assert pace.rate(4) == 2.0
    assert pace.seconds_left(4, 10) == 3.0
    assert pace.describe(4, 10) == "4/10 solves · 2.0 per s · about 3 s left"
    clock.now += 3.0
    assert pace.describe(10, 10, unit="points") == "10/10 points · 2.0 per s · 5.0 s"
