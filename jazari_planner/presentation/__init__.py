"""Presentation: the interactive map, static figures and the slide decks of a plan.

Every output reads its colours, symbols and fixed texts from :mod:`.style`, so a theme
looks the same on the web map, in a slide and in a printed figure.

Each name is imported from its module on first use: python-pptx and folium take a second
to load, and most callers need only one of the three (``compare`` draws figures only).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .deck import save_comparison_deck, save_consensus_deck, save_deck
    from .figures import plot_comparison, plot_plan, save_comparison, save_figure
    from .roadmap import plot_roadmap_maps, plot_timeline, save_roadmap_maps, save_timeline
    from .webmap import plan_map, save_map

__all__ = [
    "plan_map",
    "plot_comparison",
    "plot_plan",
    "plot_roadmap_maps",
    "plot_timeline",
    "save_comparison",
    "save_comparison_deck",
    "save_consensus_deck",
    "save_deck",
    "save_figure",
    "save_map",
    "save_roadmap_maps",
    "save_timeline",
]

_MODULE_OF = {"save_deck": "deck", "save_comparison_deck": "deck", "save_consensus_deck": "deck",
              "plot_comparison": "figures", "plot_plan": "figures",
              "save_comparison": "figures", "save_figure": "figures", "plan_map": "webmap",
              "save_map": "webmap", "plot_roadmap_maps": "roadmap", "plot_timeline": "roadmap",
              "save_roadmap_maps": "roadmap", "save_timeline": "roadmap"}


def __getattr__(name: str) -> Any:
    if name in _MODULE_OF:
        return getattr(importlib.import_module(f".{_MODULE_OF[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
