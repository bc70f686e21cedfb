"""What the Streamlit app (``app.py``) needs beyond the library: the sidebar ↔ scenario
translation (the words live in :mod:`jazari_planner.common.words`), upload handling and the
offline map. No planning here: the app solves through :func:`jazari_planner.solve` like any
other caller.
"""

from .form import form_values, scenario_from_form
from .leaflet import install_leaflet, served_by_app
from .sources import DataSource, read_indicators_upload, read_scenario_upload, source_of

__all__ = [
    "DataSource",
    "form_values",
    "install_leaflet",
    "read_indicators_upload",
    "read_scenario_upload",
    "scenario_from_form",
    "served_by_app",
    "source_of",
]
