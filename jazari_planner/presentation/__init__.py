"""Presentation: the interactive map, static figures and the slide deck of a plan.

Every output reads its colours, symbols and fixed texts from :mod:`.style`, so a theme
looks the same on the web map, in a slide and in a printed figure.
"""

from .deck import save_deck
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
    "save_deck",
    "save_figure",
    "save_map",
    "save_roadmap_maps",
    "save_timeline",
]
