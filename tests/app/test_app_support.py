"""The app's helpers without Streamlit: the sidebar ↔ scenario translation, uploads, Leaflet.

Real files, real solves: a scenario put into the widgets and read back must plan the same,
an upload must fail with a message that names the upload, and the served Leaflet must be
the packaged one.
"""

from __future__ import annotations

import csv
import io
import json
import re
from importlib.resources import files
from pathlib import Path

import pandas as pd
import pytest
from factories import billion_laughs
from pydantic import Field

import jazari_planner as jp
from jazari_planner.app import (
    DataSource,
    form_values,
    install_leaflet,
    read_indicators_upload,
    read_scenario_upload,
    scenario_from_form,
    served_by_app,
    source_of,
)
from jazari_planner.app.exports import file_stem
from jazari_planner.app.field_widgets import other_fields
from jazari_planner.app.form import (
    bounds_key,
    field_label,
    field_widget,
    form_keys,
    theme_cost_key,
    theme_range_key,
)
from jazari_planner.app.leaflet import LEAFLET_FILES, LEAFLET_URL
from jazari_planner.app.sources import upload_name
from jazari_planner.app.spreadsheet_csv import looks_localized, standard_csv
from jazari_planner.cli.parser import overrides_help
from jazari_planner.common.errors import InputError
from jazari_planner.common.words import LANGS, words
from jazari_planner.presentation import plan_map
from jazari_planner.presentation.view import region_views
from jazari_planner.presentation.webmap import map_frame, plan_layer
from jazari_planner.scenario.fields import scalar_fields

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "data"


def cells(plan: jp.Plan) -> set[tuple[str, str]]:
    return set(zip(plan.assignments["region_code"], plan.assignments["theme_id"], strict=True))


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_every_scenario_survives_the_sidebar(path: Path) -> None:
    scenario = jp.Scenario.from_yaml(path)
    data = source_of(scenario).load()
    again = scenario_from_form(form_values(scenario, data), data, base=scenario)
    original, through_form = jp.solve(scenario, data), jp.solve(again, data)
    assert through_form.status == original.status
    assert cells(through_form) == cells(original)
    assert through_form.objective == pytest.approx(original.objective, abs=1e-9)
    assert again.path == scenario.path  # its data files still resolve


def test_the_form_writes_only_what_differs(dataset: jp.Dataset) -> None:
    base = jp.Scenario(name="Base")
    values = form_values(base, dataset)
    values[bounds_key("05")] = (0, 1)
    values[theme_range_key("water")] = (2, 2)  # the data allow 1–2: only min differs
    values[theme_cost_key("health")] = 123.0
    values["lock_in"] = ["12|fisheries"]
    values["use_budget"] = True
    values["budget"] = 2000.0
    edited = scenario_from_form(values, dataset, base=base)
    assert set(edited.regions) == {"default", "Béni Mellal-Khénifra"}
    assert edited.regions["Béni Mellal-Khénifra"].max == 1
    assert edited.themes["water"].min == 2 and edited.themes["water"].max is None
    assert edited.themes["health"].cost == 123.0 and set(edited.themes) == {"water", "health"}
    assert [(lock.region, lock.theme) for lock in edited.lock_in] == [
        ("Dakhla-Oued Ed-Dahab", "fisheries")]
    assert edited.budget == 2000.0
    text = edited.to_yaml()
    assert "Béni Mellal-Khénifra" in text and "fisheries" in text


def test_an_invalid_form_names_the_sidebar(dataset: jp.Dataset) -> None:
    values = form_values(jp.Scenario(name="Base"), dataset)
    values["default_bounds"] = (3, 1)
    with pytest.raises(jp.InputError) as caught:
        scenario_from_form(values, dataset, base=jp.Scenario(name="Base"))
    assert "the sidebar" in caught.value.message


def test_a_scenario_upload_is_checked_like_a_file() -> None:
    with pytest.raises(jp.InputError) as caught:
        read_scenario_upload("plan.yaml", b"name: P\nbalance: 3\n")
    message = caught.value.message
    assert message.startswith("plan.yaml:2") and "balance" in message
    assert "jazari-app-uploads" not in message
    good = read_scenario_upload("cohesion.yaml", (ROOT / "scenarios/cohesion.yaml").read_bytes())
    assert good.name == "Cohesion" and good.path is None


@pytest.mark.parametrize(("name", "shown"), [
    ("..", "upload"), (".", "upload"), ("", "upload"), ("../../etc/passwd", "passwd"),
    ("C:\\Users\\me\\plan.yaml", "plan.yaml"), ("a\x1b[31mb\x00.yaml", "a[31mb.yaml"),
    ("x" * 300 + ".yaml", "x" * 115 + ".yaml"), (".hidden", ".hidden"),
])
def test_any_upload_name_becomes_one_safe_file_name(name: str, shown: str) -> None:
    assert upload_name(name) == shown
    with pytest.raises(jp.InputError) as caught:
        read_scenario_upload(name, b"name: P\nbalance: 3\n")
    assert caught.value.message.startswith(f"{shown}:2")
    assert read_scenario_upload(name, b"name: Fine\n").name == "Fine"


def test_an_uploaded_yaml_bomb_is_refused_like_a_file() -> None:
    bomb = billion_laughs().encode("utf-8")
    with pytest.raises(jp.InputError, match="anchors and aliases are not read"):
        read_scenario_upload("bomb.yaml", bomb)


def test_an_uploaded_scenario_cannot_name_data_files() -> None:
    text = (ROOT / "scenarios/own-indicators.yaml").read_bytes()
    with pytest.raises(jp.InputError) as caught:
        read_scenario_upload("own.yaml", text)
    assert caught.value.key == "data" and "Data view" in (caught.value.fix or "")


def test_an_indicators_upload_is_validated_and_named() -> None:
    with pytest.raises(jp.InputError) as caught:
        read_indicators_upload(DataSource(), "mine.csv",
                               (FIXTURES / "malformed_indicators.csv").read_bytes())
    assert caught.value.message.startswith("mine.csv")
    assert "jazari-app-uploads" not in caught.value.message
    example = (ROOT / "scenarios/data/indicators-example.csv").read_bytes()
    source, data = read_indicators_upload(DataSource(), "example.csv", example)
    assert source.label == "example.csv" and Path(source.indicators or "").read_bytes() == example
    assert len(data.regions) == 12


def test_leaflet_is_copied_from_the_package(tmp_path: Path) -> None:
    folder = install_leaflet(tmp_path)
    packaged = files("js_lib_leaflet").joinpath("static/js_lib_leaflet")
    for name in LEAFLET_FILES:
        assert (folder / name).read_bytes() == packaged.joinpath(name).read_bytes()
    (folder / "leaflet.js").write_text("broken")
    install_leaflet(tmp_path)  # repaired on the next start
    assert (folder / "leaflet.js").read_bytes() == packaged.joinpath("leaflet.js").read_bytes()


def test_the_app_map_loads_leaflet_from_the_app(dataset: jp.Dataset) -> None:
    plan = jp.solve(jp.Scenario(name="Map"), dataset)
    fmap = served_by_app(plan_map(plan, lang="fr"))
    assert fmap.default_js == [("leaflet", f"{LEAFLET_URL}/leaflet.js")]
    header = fmap.get_root().header.render()  # type: ignore[attr-defined]
    assert "L.Map" not in header  # the inline copy (for saved files) is gone
    assert not re.search(r"https?://", "".join(src for _, src in fmap.default_js))


def test_file_stem() -> None:
    assert file_stem("Tight budget: 1 500 MAD!") == "tight-budget-1-500-mad"
    assert file_stem("!!!") == "scenario"
    # letters stay letters, whatever their script: accents are not stripped
    assert file_stem("Plan régional été 2026") == "plan-régional-été-2026"
    assert file_stem("مخطط الجهات 2026") == "مخطط-الجهات-2026"


@pytest.mark.parametrize("scenario", [
    jp.Scenario(name="locks", regions={"default": {"min": 1, "max": 2},
                                       "12": {"min": 1, "max": 1}},
                lock_in=[{"region": "12", "theme": "energy"},
                         {"region": "12", "theme": "fisheries"}]),
    jp.Scenario(name="closures", min_strength=0.95),
    jp.Scenario(name="budget", budget=100, lock_in=[{"region": "04", "theme": "sovereign_ai"}]),
    jp.Scenario(name="themes", themes={"energy": {"min": 5, "max": 5}},
                lock_out=[{"region": r, "theme": "energy"} for r in ("01", "02", "03", "04",
                                                                       "05", "06", "07", "08")]),
])
def test_the_app_words_every_diagnosis_as_the_library_does_and_in_french(
        scenario: jp.Scenario) -> None:
    plan = jp.solve(scenario)
    assert plan.status == "infeasible" and plan.collisions
    assert plan.diagnosis_text("en") == plan.diagnosis_message
    french = plan.diagnosis_text("fr")
    assert french.startswith(("Aucun plan ne respecte tout cela à la fois : ",
                              "Cette règle ne peut pas être respectée : "))
    assert "{" not in french and "_" not in french


def test_a_replan_keeps_the_map_frame(dataset: jp.Dataset) -> None:
    """streamlit-folium keys its component by the map's script: the frame of two different
    plans is the same script, so a re-plan sends only the plan layer (no new map)."""
    from streamlit_folium import generate_js_hash, generate_leaflet_string

    plans = [jp.solve(jp.Scenario(name=name, weights=weights), dataset) for name, weights in (
        ("A", {"economic": 3.0, "academic": 0.2, "infrastructure": 0.2}),
        ("B", {"economic": 0.2, "academic": 3.0, "infrastructure": 0.2}))]
    assert len({frozenset(zip(p.assignments['region_code'], p.assignments['theme_id'],
                              strict=True)) for p in plans}) == 2  # two different plans
    scripts = [generate_leaflet_string(map_frame(region_views(plan))) for plan in plans]
    assert generate_js_hash(scripts[0], "plan_map") == generate_js_hash(scripts[1], "plan_map")
    layers = [plan_layer(plan).data for plan in plans]
    assert layers[0] != layers[1]


def test_the_cache_key_tells_scenarios_apart_and_the_same_one_alike() -> None:
    """The app's plans are cached by :func:`scenario_key`: every shipped scenario has its
    own, a scenario read twice has one, and a change of one figure, of the description or of
    the file the data paths resolve against makes another."""
    from jazari_planner.app.session import scenario_key

    keys = [scenario_key(jp.Scenario.from_yaml(path)) for path in SCENARIOS]
    assert len(set(keys)) == len(SCENARIOS)
    base = jp.Scenario.from_yaml(SCENARIOS[0])
    assert scenario_key(jp.Scenario.from_yaml(SCENARIOS[0])) == scenario_key(base)
    changed = [base.model_copy(update={"balance": base.balance + 0.05}),
               base.model_copy(update={"description": base.description + "!"}),
               base.model_copy(update={"weights": {**base.weights, "economic": 1.05}}),
               jp.Scenario.from_dict(base.model_dump(mode="json"))]  # no file behind it
    assert len({scenario_key(c) for c in changed} | {scenario_key(base)}) == len(changed) + 1


def test_a_map_asked_to_report_sends_its_number_after_a_paint() -> None:
    """The script a map runs after its new layer: the component protocol's own message,
    carrying the number, sent from a task after the next animation frame (after the paint)."""
    from jazari_planner.app.map_component import _drawn_script

    script = _drawn_script(7)
    message = json.loads(re.search(r"postMessage\((\{.*\}), '\*'\)", script).group(1))
    assert message == {"isStreamlitMessage": True, "type": "streamlit:setComponentValue",
                       "value": 7, "dataType": "json"}
    assert script.index("requestAnimationFrame") < script.index("setTimeout") \
        < script.index("postMessage")


def _french_excel(text: str) -> bytes:
    """``text`` (a plain CSV) as French Excel saves it: ';', decimal commas, Windows-1252."""
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(
        [[cell.replace(".", ",") if column == 2 and row else cell
          for column, cell in enumerate(values)] for row, values in enumerate(rows)])
    return out.getvalue().encode("cp1252", errors="replace")


def test_a_french_spreadsheets_csv_reads_as_the_plain_one() -> None:
    plain = (ROOT / "scenarios/data/indicators-example.csv").read_text(encoding="utf-8")
    _, expected = read_indicators_upload(DataSource(), "plain.csv", plain.encode())
    _, french = read_indicators_upload(DataSource(), "mes-valeurs.csv", _french_excel(plain))
    pd.testing.assert_frame_equal(french.values(), expected.values())
    assert standard_csv("value;year\n1 234,5;2024\n".encode("cp1252")) == (
        b"value,year\n1234.5,2024\n")


def test_a_spreadsheet_csv_that_cannot_be_read_says_how_to_save_it() -> None:
    plain = (ROOT / "scenarios/data/indicators-example.csv").read_text(encoding="utf-8")
    mixed = plain.replace(",0.", ",0,", 1).encode()  # ',' between fields and a decimal comma
    with pytest.raises(InputError) as raised:
        read_indicators_upload(DataSource(), "mes-valeurs.csv", mixed)
    assert "mes-valeurs.csv" in raised.value.message
    assert "';' between fields and decimal commas" in raised.value.message
    rows = list(csv.reader(io.StringIO(plain)))
    rows[1][2] = f"x{rows[1][2]}"  # the first data line's value is not a number
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    broken = _french_excel(out.getvalue())
    with pytest.raises(InputError, match=r"(?s)mes-valeurs.csv:2\b.*point-virgule"):
        read_indicators_upload(DataSource(), "mes-valeurs.csv", broken)


def test_a_number_that_reads_two_ways_in_a_spreadsheet_csv_is_refused_with_its_line() -> None:
    plain = (ROOT / "scenarios/data/indicators-example.csv").read_text(encoding="utf-8")
    french = _french_excel(plain).decode("cp1252").splitlines()
    cells = french[3].split(";")
    cells[2] = "1,234.5"  # English thousands in a ';' file: 1234.5, or 1.2345 by its commas
    french[3] = ";".join(cells)
    with pytest.raises(InputError) as raised:
        read_indicators_upload(DataSource(), "mes-valeurs.csv",
                               "\r\n".join(french).encode("cp1252"))
    error = raised.value
    assert error.source == "mes-valeurs.csv" and error.line == 4 and error.key == "value"
    assert "'1,234.5' can be read two ways" in error.problem
    assert "1234,5" in (error.fix or "") and "1,2345" in (error.fix or "")
    with pytest.raises(InputError, match=r"'1\.234' can be read two ways"):
        standard_csv(b"value;year\n1.234;2024\n")
    assert standard_csv(b"value;year\n1.234,5;2024\n0.125;2024\n12,5;2024\n") == (
        b"value,year\n1234.5,2024\n0.125,2024\n12.5,2024\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                      "cp1252"])
def test_a_spreadsheet_csv_is_read_in_any_encoding_a_spreadsheet_saves(encoding: str) -> None:
    plain = (ROOT / "scenarios/data/indicators-example.csv").read_text(encoding="utf-8")
    _, expected = read_indicators_upload(DataSource(), "plain.csv", plain.encode())
    text = _french_excel(plain).decode("cp1252")
    _, read = read_indicators_upload(DataSource(), "mes-valeurs.csv", text.encode(encoding))
    pd.testing.assert_frame_equal(read.values(), expected.values())
    _, read = read_indicators_upload(DataSource(), "plain.csv", plain.encode(encoding))
    pd.testing.assert_frame_equal(read.values(), expected.values())


def test_excels_unicode_text_reads_as_the_plain_csv() -> None:
    """Excel's "Unicode text" is UTF-16 with tabs between fields (decimal commas in French,
    points in English): each field lands in its column, each value as the plain file's."""
    plain = (ROOT / "scenarios/data/indicators-example.csv").read_text(encoding="utf-8")
    _, expected = read_indicators_upload(DataSource(), "plain.csv", plain.encode())
    french = _french_excel(plain).decode("cp1252").replace(";", "\t")
    english = "".join("\t".join(row) + "\r\n" for row in csv.reader(io.StringIO(plain)))
    for text in (french, english):
        _, read = read_indicators_upload(DataSource(), "valeurs.txt", text.encode("utf-16"))
        pd.testing.assert_frame_equal(read.values(), expected.values())
    assert looks_localized(english.encode("utf-16"))
    with pytest.raises(InputError, match="a file with tabs between fields"):
        standard_csv("value\tyear\n1.234\t2024\n12,5\t2024\n".encode("utf-16"))
    assert standard_csv(b"value\tyear\n1.234\t2024\n") == b"value,year\n1.234,2024\n"


def test_an_upload_over_its_limit_is_refused_before_it_is_read() -> None:
    from jazari_planner.app.sources import MAX_UPLOAD_BYTES

    limit = MAX_UPLOAD_BYTES["indicators"]
    with pytest.raises(InputError) as raised:
        read_indicators_upload(DataSource(), "huge.csv", b"value;year\n" + b"1;2\n" * (limit // 4))
    assert raised.value.source == "huge.csv"
    assert f"at most {limit >> 20} MiB" in raised.value.problem
    with pytest.raises(InputError, match=f"at most {MAX_UPLOAD_BYTES['scenario'] >> 20} MiB"):
        read_scenario_upload("big.yaml", b"name: Big\n" + b"#" * MAX_UPLOAD_BYTES["scenario"])


class _WithPilot(jp.Scenario):
    """The scenario model with one more scalar key, as a developer would add it."""

    pilot_share: float = Field(0.25, ge=0, le=1, description="share of institutes opened first")


def _unlabelled(model: type[jp.Scenario]) -> list[tuple[str, str]]:
    """The scalar keys of ``model`` whose sidebar label is missing from a language's words."""
    return [(field.key, lang) for field in scalar_fields(model) for lang in LANGS
            if field_label(field) not in words(lang)]


def test_every_scalar_scenario_key_has_a_widget_a_label_and_a_set_line(
        dataset: jp.Dataset) -> None:
    """Listed once, on the model: each scalar key is a sidebar widget with a label in every
    language, and a line of `solve --help`'s overrides."""
    keys = form_keys(dataset, [])
    lines = overrides_help().splitlines()
    assert _unlabelled(jp.Scenario) == []
    for field in scalar_fields():
        assert field_widget(field) in keys, field.key
        if not field.key.startswith(("name", "description")):
            assert any(line.startswith(f"  --set {field.key}=") for line in lines), field.key
    unwrapped = " ".join(overrides_help().split())
    assert "--set balance=0.3 λ: 0 the best average" in unwrapped
    assert "worst-served regions; 0 to 1 --set balance_focus=1" in unwrapped
    assert other_fields() == []  # every key of today's model has its own widget


def test_a_new_scalar_key_reaches_the_form_and_the_set_help(dataset: jp.Dataset) -> None:
    field = next(f for f in scalar_fields(_WithPilot) if f.key == "pilot_share")
    assert (field.kind, field.low, field.high, field.default) == ("float", 0.0, 1.0, 0.25)
    assert form_values(_WithPilot(name="T", pilot_share=0.5), dataset)["pilot_share"] == 0.5
    assert other_fields(_WithPilot) == [field]  # drawn from the model until given a place
    assert _unlabelled(_WithPilot) == [("pilot_share", lang) for lang in LANGS]  # to write
    help_text = overrides_help(_WithPilot)
    assert "--set pilot_share=0.25" in help_text and "share of institutes opened first; 0 to 1" \
        in help_text



def _model_made_widgets() -> None:
    """A page drawing the model-made widgets of a bool, a bounded number and a choice (keys
    that have labels, as a new key would once its label is written)."""
    from jazari_planner.app.field_widgets import model_widget
    from jazari_planner.scenario.fields import ScalarField

    model_widget(ScalarField(key="use_budget", kind="bool", default=False))
    model_widget(ScalarField(key="min_strength", kind="float", default=0.25, low=0.0, high=1.0,
                             description="share of institutes opened first"))
    model_widget(ScalarField(key="normalization", kind="choice", default="minmax",
                             choices=("minmax", "rank")))


def test_a_key_without_a_place_gets_a_widget_from_its_type_and_bounds() -> None:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(_model_made_widgets)
    app.session_state["use_budget"] = True
    app.session_state["min_strength"] = 0.25
    app.session_state["normalization"] = "rank"
    app.run()
    assert not app.exception
    share = app.number_input(key="min_strength")
    assert (share.min, share.max, share.value) == (0.0, 1.0, 0.25)
    assert share.help == "share of institutes opened first"
    assert share.label == "Minimum strength θ"  # its words key: the setting's own key
    assert app.toggle(key="use_budget").value is True
    assert app.selectbox(key="normalization").options == ["minmax", "rank"]
    assert app.selectbox(key="normalization").value == "rank"


def test_a_frame_is_published_once_as_a_static_script(dataset: jp.Dataset,
                                                      tmp_path: Path) -> None:
    """A map's frame goes to the browser as a static file named by its content, holding
    the header and script the component would have been sent; the component is sent a
    loader of a few hundred bytes instead of the ~95 KB frame on every run."""
    from jazari_planner.app.map_component import (
        FRAMES_URL,
        _loader,
        frame_parts,
        published,
    )

    plan = jp.solve(jp.Scenario(name="frame"), dataset)
    parts = frame_parts(("test-frame", str(tmp_path)), lambda: map_frame(region_views(plan)))
    url = published(parts.digest, tmp_path, parts)
    assert url == f"{FRAMES_URL}/{parts.digest}.js"
    written = tmp_path / "frames" / f"{parts.digest}.js"
    text = written.read_text(encoding="utf-8")
    prefix = f'(window.jzFrames = window.jzFrames || {{}})["{parts.digest}"] = '
    assert text.startswith(prefix) and text.isascii()
    assert json.loads(text.removeprefix(prefix).rstrip().removesuffix(";")) == {
        "header": parts.header, "script": parts.script}
    assert "jazariMap(" in parts.script and len(parts.script) > 20_000
    loader = _loader(parts.digest)
    assert parts.digest in loader and len(loader) < 300
    assert [p.name for p in (tmp_path / "frames").iterdir()] == [written.name]  # no leftovers
