"""The app's session: cached data and plans, the loaded scenario, and the callbacks that
change them, plus the few formatting helpers every view shares.

Streamlit reruns the whole script on each change; the expensive steps (reading the data,
solving) are cached here by content, so moving a slider back to an earlier value is free.
Every callback computes first and writes to the session last: an error leaves the screen
as it was.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

import jazari_planner as jp

from ..common.errors import InfeasibleError, InputError, SolverLimitError
from ..common.escaping import markdown_text
from ..common.files import data_dir
from ..common.progress import Pace
from ..common.words import Lang, has_word, lang_of, word
from ..common.words.numbers import number as styled_number
from ..presentation.style import theme_label
from .fonts import install_arabic_font
from .form import bounds_key, form_keys, form_values, scenario_from_form
from .leaflet import install_leaflet
from .saved import saved_folder
from .sources import (
    DataSource,
    read_indicators_upload,
    read_scenario_upload,
    source_of,
    upload_name,
)

__all__ = [
    "CURRENT",
    "DETAILS_WAIT",
    "PLAN_DETAILS_FRAGMENT",
    "PLAN_FRAGMENT",
    "SAVED",
    "SHIPPED",
    "UPLOADED",
    "AppPaths",
    "Reference",
    "arabic_font_installed",
    "current_dataset",
    "current_scenario",
    "dataset_of",
    "group_text",
    "heap_frozen",
    "indicator_text",
    "key_of",
    "lang",
    "leaflet_installed",
    "load_scenario",
    "number",
    "on_default_bounds",
    "on_load_file",
    "on_map_drawn",
    "on_replan",
    "on_reset",
    "on_upload_indicators",
    "on_upload_scenario",
    "on_use_embedded",
    "on_why_region",
    "paths",
    "region_name",
    "region_text",
    "scenario_files",
    "scenario_key",
    "solve",
    "solve_shown",
    "start",
    "t",
    "table_height",
    "theme_text",
    "widget_keys",
]

FIRST_SCENARIO = "baseline.yaml"
#: The Compare view's name for the settings on screen.
CURRENT = "@current"
#: The Compare view's prefixes of a shipped scenario file and of a saved one.
SHIPPED, SAVED = "file:", "saved:"
#: The sidebar list's prefix of the scenario uploaded last.
UPLOADED = "upload:"


@dataclass(frozen=True)
class Reference:
    """What the Plan view's changes are measured against: a scenario on a data source.

    After a load it is the loaded scenario on its data; after an upload of indicator
    values, the settings on screen on the data before the upload, so the change shown is
    the effect of the new data alone. ``data`` names the earlier data for the page.
    """

    scenario: jp.Scenario
    source: DataSource
    data: str | None = None


@dataclass(frozen=True)
class AppPaths:
    """Where the app finds its scenario files, keeps the ones a planner saves, and serves
    its static files from."""

    scenarios: Path
    static: Path
    saved: Path

    @classmethod
    def beside(cls, app_file: str | Path) -> AppPaths:
        """The ``scenarios/`` and ``static/`` folders next to ``app.py``; saved scenarios in
        the user's data folder (:func:`~.saved.saved_folder`)."""
        root = Path(app_file).resolve().parent
        return cls(scenarios=root / "scenarios", static=root / "static", saved=saved_folder())


def paths() -> AppPaths:
    """This session's folders (set by :func:`start`)."""
    found: AppPaths = st.session_state["paths"]
    return found


@st.cache_resource(show_spinner=False)
def leaflet_installed(static_dir: Path) -> Path:
    """Leaflet copied into ``static/leaflet`` once per server process."""
    return install_leaflet(static_dir)


@st.cache_resource(show_spinner=False)
def arabic_font_installed(static_dir: Path) -> Path:
    """The Arabic font copied into ``static/fonts`` once per server process."""
    return install_arabic_font(static_dir)


@st.cache_resource(show_spinner=False, max_entries=8)
def dataset_of(source_key: tuple[Any, ...], _source: DataSource) -> jp.Dataset:
    """The dataset of a data source, read and validated once."""
    return _source.load()


@st.cache_resource(show_spinner=False, max_entries=256)
def plan_of(scenario_key: str, source_key: tuple[Any, ...], _scenario: jp.Scenario,
            _dataset: jp.Dataset) -> jp.Plan:
    """The plan of a scenario on a dataset, solved once per distinct setting."""
    return jp.solve(_scenario, _dataset)


def key_of(source: DataSource) -> tuple[Any, ...]:
    """A data source as a cache key, with the embedded data's folder: the cache lives as long as
    the server process, and the files a source leaves out come from that folder."""
    return (str(data_dir()), *dataclasses.astuple(source))


def scenario_key(scenario: jp.Scenario) -> str:
    """A scenario as a cache key: its file (data paths resolve against it) and its content
    as JSON (pydantic's, every field: 0.02 ms, where its YAML takes 5 ms on each step)."""
    return f"{scenario.path}\n{scenario.model_dump_json()}"


def solve(scenario: jp.Scenario, source: DataSource) -> jp.Plan:
    """The (cached) plan of ``scenario`` on the data of ``source``."""
    key = (scenario_key(scenario), key_of(source))
    plan = plan_of(*key, scenario, dataset_of(key_of(source), source))
    _SOLVED.add(key)
    return plan


#: The (scenario, data) keys this server process has solved: their plans come from the cache.
_SOLVED: set[tuple[str, tuple[Any, ...]]] = set()


def solve_shown(scenario: jp.Scenario, source: DataSource, doing: str) -> jp.Plan:
    """:func:`solve`, with a busy sign saying what is being done (``doing``, a label key)
    from the first moment of a solve not yet cached; the sign goes when the plan is there.

    An infeasible scenario takes longest: after the solve, the diagnosis re-solves to find
    which rules collide and the smallest fix, and the sign says so.
    """
    if (scenario_key(scenario), key_of(source)) in _SOLVED:
        return solve(scenario, source)
    sign = st.empty()
    with sign.status(t(doing), expanded=True):
        st.caption(t("solving_detail"))
        plan = solve(scenario, source)
    sign.empty()
    return plan


def lang() -> Lang:
    """The language chosen in the sidebar."""
    return lang_of(st.session_state.get("lang"))


def diagnosis(plan: jp.Plan) -> str:
    """Why ``plan`` is infeasible, in the chosen language."""
    return plan.diagnosis_text(lang())


def t(key: str, **values: Any) -> str:
    """The app text ``key`` in the chosen language."""
    return word(key, lang(), **values)


def scenario_files() -> list[str]:
    """The scenario files shipped in ``scenarios/``."""
    return sorted(p.name for p in paths().scenarios.glob("*.yaml"))


def load_scenario(scenario: jp.Scenario, source: DataSource) -> None:
    """Put ``scenario`` on screen: every widget, the deltas' reference and the data.

    Everything is computed first; an error leaves the screen as it was.
    """
    dataset = dataset_of(key_of(source), source)
    values = form_values(scenario, dataset)
    st.session_state.update(values)
    st.session_state["prev_default_bounds"] = values["default_bounds"]
    st.session_state["base"] = scenario
    st.session_state["reference"] = Reference(scenario, source)
    st.session_state["data_source"] = source
    st.session_state.pop("why_theme", None)


def on_load_file() -> None:
    """Load the scenario chosen in the sidebar: a shipped file, a saved one
    (``saved:<file>``) or the one uploaded last (``upload:<file>``)."""
    state = st.session_state
    name = str(state["scenario_file"])
    try:
        if name.startswith(UPLOADED):
            load_scenario(state["uploaded_scenario"], DataSource())
            state["load_error"] = None
            return
        folder = paths().saved if name.startswith(SAVED) else paths().scenarios
        scenario = jp.Scenario.from_yaml(folder / name.removeprefix(SAVED))
        load_scenario(scenario, source_of(scenario))
    except InputError as error:
        st.session_state["load_error"] = error.message
    else:
        st.session_state["load_error"] = None


def on_upload_scenario() -> None:
    """Load an uploaded scenario; a bad one shows its error and changes nothing."""
    upload = st.session_state.get("scenario_upload")
    if upload is None:
        return
    try:
        scenario = read_scenario_upload(upload.name, upload.getvalue())
        load_scenario(scenario, DataSource())
    except InputError as error:
        st.session_state["load_error"] = error.message
    else:  # the list shows it, so the scenario on screen is never named after another file
        st.session_state["load_error"] = None
        st.session_state["uploaded_scenario"] = scenario
        st.session_state["uploaded_name"] = upload_name(upload.name)
        st.session_state["scenario_file"] = f"{UPLOADED}{upload_name(upload.name)}"


def on_upload_indicators() -> None:
    """Plan on an uploaded indicator file; a bad one shows its error and changes nothing.

    The changes shown are then those of the new data: the reference becomes the settings
    on screen on the data before the upload.
    """
    upload = st.session_state.get("indicators_upload")
    if upload is None:
        return
    previous: DataSource = st.session_state["data_source"]
    try:
        source, _ = read_indicators_upload(previous, upload.name, upload.getvalue())
    except InputError as error:
        st.session_state["indicators_error"] = error.message
        return
    st.session_state["indicators_error"] = None
    _switch_data(previous, source)


def on_use_embedded() -> None:
    """Plan on the embedded data again; the changes shown are against the loaded scenario
    on it again, as before any upload (not against the upload left behind)."""
    state = st.session_state
    state["data_source"] = DataSource()
    state["reference"] = Reference(state["base"], DataSource())
    state["indicators_error"] = None


def _switch_data(previous: DataSource, source: DataSource) -> None:
    """Plan on ``source``; the settings on screen on ``previous`` become the reference."""
    dataset_of(key_of(source), source)
    state = st.session_state
    try:
        on_screen = scenario_from_form(state.to_dict(), dataset_of(key_of(previous), previous),
                                       base=state["base"])
    except InputError:
        on_screen = state["base"]
    state["reference"] = Reference(on_screen, previous,
                                   data=previous.label or word("embedded", lang()))
    state["data_source"] = source


def on_default_bounds(region_codes: list[str]) -> None:
    """Move every region still at the previous default to the new default."""
    old = tuple(st.session_state["prev_default_bounds"])
    new = tuple(st.session_state["default_bounds"])
    for code in region_codes:
        if tuple(st.session_state[bounds_key(code)]) == old:
            st.session_state[bounds_key(code)] = new
    st.session_state["prev_default_bounds"] = new


def on_reset() -> None:
    """Put the loaded scenario back on screen."""
    load_scenario(st.session_state["base"], st.session_state["data_source"])


def on_why_region(plan: jp.Plan) -> None:
    """Show, for the region just chosen, one of the themes it was given."""
    code = st.session_state["why_region"]
    assigned = plan.assignments.loc[plan.assignments["region_code"] == code, "theme_id"]
    if len(assigned):
        st.session_state["why_theme"] = str(assigned.iloc[0])


@st.cache_resource(show_spinner=False)
def heap_frozen() -> bool:
    """The objects alive after the app's imports moved out of the garbage collector's sight,
    once per server process (``gc.freeze``): they live as long as the process anyway, and a
    full collection then walks only what runs create, not the ~230,000 objects of pandas,
    GeoPandas, PuLP and folium (60-200 ms, at a moment no one chooses: a slider step)."""
    gc.collect()
    gc.freeze()
    return True


def start(app_paths: AppPaths) -> None:
    """First run of a session: the first scenario file, on its data."""
    if "base" in st.session_state:
        return
    heap_frozen()
    st.session_state["paths"] = app_paths
    st.session_state["scenario_file"] = FIRST_SCENARIO
    st.session_state["compare_choices"] = [CURRENT, f"{SHIPPED}cohesion.yaml"]
    on_load_file()
    if "base" not in st.session_state:  # the first file is broken: start from defaults
        load_scenario(jp.Scenario(name="New scenario"), DataSource())


def region_name(dataset: jp.Dataset, code: str) -> str:
    """A region's name in the chosen language: its Arabic name in Arabic, else its name."""
    if lang() == "ar":
        return str(dataset.regions.at[code, "region_name_ar"])
    return dataset.region_name(code)


def region_text(dataset: jp.Dataset, code: str) -> str:
    """``French name · Arabic name``; in Arabic, the Arabic name alone."""
    arabic = str(dataset.regions.at[code, "region_name_ar"])
    return arabic if lang() == "ar" else f"{dataset.region_name(code)} · {arabic}"


def theme_text(dataset: jp.Dataset, theme: str, language: Lang | None = None) -> str:
    """A theme's label in ``language`` (default: the chosen one)."""
    return theme_label(theme, dataset.themes, language or lang())


def indicator_text(dataset: jp.Dataset, indicator: str, language: Lang | None = None, *,
                   field: str = "label") -> str:
    """An indicator's ``label`` (or ``unit``) in ``language`` (default: the chosen one;
    English where the catalogue has no translation)."""
    row = dataset.catalogue.loc[indicator]
    code = language or lang()
    own = row.get(f"{field}_{code}") if code != "en" else None
    return str(own).strip() if isinstance(own, str) and own.strip() else str(row[field])


def group_text(group: str) -> str:
    """An indicator group (``economic``, ``need``…) in the chosen language."""
    key = f"group_{group}"
    return t(key) if has_word(key) else group


def number(value: float, decimals: int) -> str:
    """``value`` written the chosen language's way (``1,234.5`` / ``1 234,5``)."""
    return styled_number(value, decimals, lang())


def table_height(rows: int) -> int:
    """The pixel height that shows a table's ``rows`` without a scroll bar."""
    return 35 * (rows + 1) + 3


def widget_keys(dataset: jp.Dataset) -> list[str]:
    """The keys of the widgets whose value the session sets rather than the planner alone:
    the language, the sidebar's settings and the Roadmap view's year (see
    :func:`~.widgets.resend_settings`)."""
    chosen = [str(indicator) for indicator in st.session_state.get("need_indicators", [])]
    return ["lang", *form_keys(dataset, chosen), "rm_year"]


def current_scenario(dataset: jp.Dataset) -> jp.Scenario | None:
    """The scenario the settings on screen describe (``None`` when they are invalid: the
    sidebar says why)."""
    state = st.session_state
    try:
        return scenario_from_form(state.to_dict(), dataset, base=state["base"])
    except InputError:
        return None


#: The key of the Plan view's fragment (:mod:`.views`): a setting that changes only the plan
#: reruns it alone.
PLAN_FRAGMENT = "plan"
#: The key of the fragment of the view below the Plan view's map (:mod:`.views`).
PLAN_DETAILS_FRAGMENT = "plan_details"
#: Session key: set while the view below the map waits for the map to report its new plan
#: drawn (:func:`on_replan`, :func:`on_map_drawn`).
DETAILS_WAIT = "details_wait"


def on_replan() -> None:
    """After a setting that changes only the plan (a weight, a rule's figure): on the Plan
    view, rerun the plan and its map alone, not the page (the sidebar shows the new value
    already), and the view below the map once the map has drawn it (:func:`on_map_drawn`);
    on another view, the page as usual."""
    if st.session_state.get("view") == PLAN_FRAGMENT:
        st.session_state[DETAILS_WAIT] = True
        st.rerun(PLAN_FRAGMENT)


def on_map_drawn() -> None:
    """The Plan view's map has painted the plan of a replan: now rerun the view below it.

    The browser draws a page with one thread: drawn in the same run, the tables below would
    hold the map back by as long as they take to lay out."""
    if st.session_state.get("view") == PLAN_FRAGMENT:
        st.rerun(PLAN_DETAILS_FRAGMENT)


def current_dataset() -> jp.Dataset:
    """The dataset the session plans on."""
    source: DataSource = st.session_state["data_source"]
    return dataset_of(key_of(source), source)


T = TypeVar("T")


def paced_bar(bar: Any) -> Callable[[int, int], None]:
    """A ``progress(done, total)`` callback that moves ``bar`` (an ``st.progress``) and says the
    rate and the time left: the one reporter of the app's long analyses."""
    pace = Pace()

    def report(done: int, total: int) -> None:
        left = pace.seconds_left(done, total)
        bar.progress(done / total, text=t("tradeoffs_progress", done=done, total=total,
                                          rate=number(pace.rate(done), 1),
                                          left=number(left or 0.0, 0)))

    return report


def run_with_bar(work: Callable[[Callable[[int, int], None]], T], *,
                 text: str | None = None) -> T | None:
    """``work(progress)`` under a progress bar (:func:`paced_bar`), the bar removed after.

    A scenario with no plan, bad input or a solver that stopped is shown as an error in
    place of the result, which is then ``None``.
    """
    bar = st.progress(0.0, text=text)
    try:
        return work(paced_bar(bar))
    except InfeasibleError:
        st.error(t("rob_infeasible"))
    except (InputError, SolverLimitError) as error:
        st.error(markdown_text(str(error)))
    finally:
        bar.empty()
    return None
