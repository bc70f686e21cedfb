"""The app's downloads as bytes: the scenario, the assignments, the map (HTML, PNG), the deck,
and a comparison as slides or as a figure.

Each is written by the library's own writers (the same files as ``jazari-planner solve``)
into a temporary folder and read back, so a download is byte for byte what the CLI makes.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..export.outputs import csv_text
from ..presentation import (
    save_comparison,
    save_comparison_deck,
    save_consensus_deck,
    save_deck,
    save_figure,
    save_map,
)
from ..results.tables import ASSIGNMENT_COLUMNS
from .i18n import Lang

if TYPE_CHECKING:
    from ..analysis.consensus import Consensus
    from ..results.plan import Plan
    from ..scenario.schema import Scenario

__all__ = [
    "assignments_csv",
    "comparison_png",
    "comparison_pptx",
    "consensus_pptx",
    "deck_pptx",
    "file_stem",
    "map_html",
    "map_png",
    "scenario_yaml",
]


def file_stem(name: str) -> str:
    """A file-name-safe stem from a scenario name: ``"Tight budget!"`` → ``"tight-budget"``."""
    stem = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return stem or "scenario"


def scenario_yaml(scenario: Scenario) -> bytes:
    """The scenario as YAML that ``Scenario.from_yaml`` reads back equal."""
    return scenario.to_yaml().encode("utf-8")


def assignments_csv(plan: Plan) -> bytes:
    """``assignments.csv`` of docs/model.md §6, as the CLI writes it (formula cells neutralized)."""
    return csv_text(plan.assignments.loc[:, ASSIGNMENT_COLUMNS]).encode("utf-8")


def _written(write: Callable[[Path], object], name: str) -> bytes:
    """What ``write`` puts in a file called ``name``, read back from a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="jazari-app-export-") as folder:
        path = Path(folder) / name
        write(path)
        return path.read_bytes()


def map_html(plan: Plan, *, lang: Lang = "en") -> bytes:
    """The self-contained, offline ``map.html``."""
    return _written(lambda path: save_map(plan, path, lang=lang), "map.html")


def map_png(plan: Plan, *, lang: Lang = "en") -> bytes:
    """The static ``map.png`` for slides."""
    return _written(lambda path: save_figure(plan, path, lang=lang), "map.png")


def deck_pptx(plan: Plan, *, lang: Lang = "en") -> bytes:
    """The short slide deck of the plan."""
    return _written(lambda path: save_deck(plan, path, lang=lang), "plan.pptx")


def consensus_pptx(result: Consensus, *, lang: Lang = "en") -> bytes:
    """The consensus's deck: the regret bars and table, its map, the parties' own plans."""
    return _written(lambda path: save_consensus_deck(result, path, lang=lang),
                    "consensus.pptx")


def comparison_pptx(plans: Sequence[Plan], *, labels: Sequence[str], reference: int,
                    lang: Lang = "en") -> bytes:
    """The comparison's four slides: maps, measures, themes per region against ``reference``."""
    return _written(lambda path: save_comparison_deck(plans, path, labels=labels,
                                                      reference=reference, lang=lang),
                    "comparison.pptx")


def comparison_png(plans: Sequence[Plan], *, lang: Lang = "en") -> bytes:
    """The plans' maps side by side on one legend, for a slide."""
    return _written(lambda path: save_comparison(plans, path, lang=lang), "comparison.png")
