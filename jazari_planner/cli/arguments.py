"""The argument types (whole numbers, shares) and the options several commands share."""

from __future__ import annotations

import argparse
from collections.abc import Callable

__all__ = ["add_force", "add_overrides", "add_quiet", "points", "samples", "share",
           "value_noise", "weight_spread", "whole"]


def whole(least: int, *, most: int | None = None) -> Callable[[str], int]:
    """An argument type: a whole number from ``least`` (to ``most`` when given)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if most is not None and not least <= value <= most:
            raise argparse.ArgumentTypeError(f"{value} is outside {least}…{most}")
        if value < least:
            raise argparse.ArgumentTypeError(f"{value} is below {least}")
        return value

    return parse


def points(text: str) -> int:
    """``--points``: a whole number of balance levels, 2 to the frontier's maximum (the
    frontier module is imported only when the option is given: ``--help`` stays quick)."""
    from ..analysis.frontier import MAX_POINTS

    return whole(2, most=MAX_POINTS)(text)


def samples(text: str) -> int:
    """``--samples``: a whole number of samples, 1 to the sweep's maximum (imported only
    when the option is given)."""
    from ..analysis.robustness import MAX_SAMPLES

    return whole(1, most=MAX_SAMPLES)(text)


def weight_spread(text: str) -> float:
    """``--weight-spread``: σ from 0 to ``MAX_WEIGHT_SPREAD`` (analysis.perturbation)."""
    from ..analysis.perturbation import MAX_WEIGHT_SPREAD

    return _at_most(share(text), MAX_WEIGHT_SPREAD)


def value_noise(text: str) -> float:
    """``--value-noise``: ν from 0 to ``MAX_VALUE_NOISE`` (analysis.perturbation)."""
    from ..analysis.perturbation import MAX_VALUE_NOISE

    return _at_most(share(text), MAX_VALUE_NOISE)


def _at_most(value: float, most: float) -> float:
    if value > most:
        raise argparse.ArgumentTypeError(f"{value:g} is outside 0…{most:g}")
    return value


def share(text: str) -> float:
    """An argument type: a finite number ≥ 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text} is not a finite number ≥ 0")
    return value


def add_overrides(parser: argparse.ArgumentParser) -> None:
    """``--set KEY.PATH=VALUE``, repeatable, into ``args.overrides``."""
    parser.add_argument("--set", dest="overrides", action="append", default=[],
                        metavar="KEY.PATH=VALUE",
                        help="override a scenario value for this run (repeatable)")


def add_force(parser: argparse.ArgumentParser) -> None:
    """``--force``: replace an output folder this tool did not write."""
    parser.add_argument("--force", action="store_true",
                        help="replace DIR even if it holds files this tool did not write "
                        "(never a folder holding the run's inputs, the package, a git "
                        "repository, the current or the home folder)")


def add_quiet(parser: argparse.ArgumentParser) -> None:
    """``-q/--quiet``: no progress lines."""
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
