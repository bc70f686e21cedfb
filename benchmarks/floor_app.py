"""The floor of the app's speed on a machine: the Economic weight slider and the Plan view's
map, nothing else (``python benchmarks/bench_app.py --floor``).

Each slider step solves the baseline scenario again with the new weight and redraws the
map's plan layer through the app's own map component, as the Plan view does. What this page
leaves out is the rest of the app's page: the sidebar's other settings, the header, the
measures beside the map and the view below it. So its figures are what a step and a first
render cost on this machine for the solve, the map and Streamlit alone; the app's figures
above them are the price of the rest of the page.

``bench_app.py --floor`` runs it from a folder of its own (with the app's Streamlit
settings), so that its ``static/`` folder, where the map's scripts are copied, is not the
checkout's; ``JAZARI_FLOOR_ROOT`` names the checkout whose ``scenarios/`` it reads.
"""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

import jazari_planner as jp
from jazari_planner.app.maps import plan_frame, show_map
from jazari_planner.app.plan_view import MAP_HEIGHT
from jazari_planner.app.saved import saved_folder
from jazari_planner.app.session import AppPaths, start
from jazari_planner.presentation.webmap import plan_layer

st.set_page_config(page_title="Jazari Planner: floor", layout="wide")
if "JAZARI_FLOOR_ROOT" not in os.environ:
    st.error("This page is served by `python benchmarks/bench_app.py --floor`, which names the "
             "checkout to plan on (JAZARI_FLOOR_ROOT) and gives it a folder of its own.")
    st.stop()
ROOT = Path(os.environ["JAZARI_FLOOR_ROOT"])
start(AppPaths(scenarios=ROOT / "scenarios", static=Path(__file__).resolve().parent / "static",
               saved=saved_folder()))


@st.cache_resource(show_spinner=False)
def baseline() -> tuple[jp.Dataset, jp.Scenario]:
    """The embedded data and the baseline scenario, read once per server."""
    return jp.load_dataset(), jp.Scenario.from_yaml(ROOT / "scenarios" / "baseline.yaml")


@st.fragment
def plan_and_map() -> None:
    """The slider, the plan of its weight and the map: a step reruns this alone."""
    dataset, scenario = baseline()
    economic = st.slider("Economic", 0.0, 3.0, float(scenario.weights.get("economic", 1.0)),
                         step=0.05)
    plan = jp.solve(scenario.model_copy(
        update={"weights": {**scenario.weights, "economic": economic}}), dataset)
    show_map(plan_frame(plan, name="plan"), plan_layer(plan, lang="en", key=False),
             key="plan_map", height=MAP_HEIGHT)
    st.html(f"<pre class='jz-yaml'>economic: {economic}</pre>")  # bench_app's second clock


plan_and_map()
