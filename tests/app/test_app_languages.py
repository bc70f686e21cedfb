"""The app in its three languages through AppTest: every view in Arabic, and downloads that
stay in the chosen language (French and Arabic CSVs that a French Excel opens as columns,
decks whose every slide is in the language, right to left in Arabic).
"""

# ruff: noqa: F401, F811  (test_app's fixtures, imported, then named by the tests)
from __future__ import annotations

import io

import pandas as pd
import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest
from test_app import Downloads, app, assert_clean, downloads, saved_home, shown_plan, texts

from jazari_planner.common.words import LANGUAGE_NAMES, Lang, word
from jazari_planner.presentation.style import theme_label

VIEWS = ["plan", "compare", "tradeoffs", "roadmap", "robustness", "data"]
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def switch(app: AppTest, lang: Lang) -> AppTest:
    app.radio(key="lang").set_value(lang).run()
    assert_clean(app)
    return app


def test_the_language_switch_offers_arabic(app: AppTest) -> None:
    assert app.radio(key="lang").options == [LANGUAGE_NAMES[code] for code in ("en", "fr", "ar")]
    assert LANGUAGE_NAMES["ar"] == "العربية"


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_works_in_arabic(app: AppTest, view: str) -> None:
    switch(app, "ar").button_group(key="view@ar").set_value(view).run()
    assert_clean(app)
    if view == "plan":
        assert word("status_optimal", "ar", seconds="")[:9] in texts(app.markdown)
        assert {m.label for m in app.metric} >= {word("metric_mean_balance_score_label", "ar")}
    if view == "data":
        catalogue = app.table[0].value
        assert "الناتج الداخلي الإجمالي لكل نسمة" in set(catalogue.index)
        assert "درهم لكل نسمة" in set(catalogue[word("col_unit", "ar")])  # units in Arabic


def test_the_data_view_shows_french_units(app: AppTest) -> None:
    switch(app, "fr").button_group(key="view@fr").set_value("data").run()
    assert_clean(app)
    units = set(app.table[0].value["Unité"])
    assert "% des actifs occupés" in units and "% of employed" not in units


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_assignments_csv_opens_as_columns_in_a_french_excel(
        app: AppTest, downloads: Downloads, lang: Lang) -> None:
    switch(app, lang)
    data = downloads["baseline-assignments.csv"]()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    frame = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig",
                        dtype={word("col_region_code", lang): str})
    plan = shown_plan(app)
    assert list(frame.columns) == [word(k, lang) for k in (
        "col_region_code", "col_region", "col_theme_id", "col_theme", "col_strength",
        "col_locked")]
    assert len(frame) == len(plan.assignments)
    strength = frame[word("col_strength", lang)]
    assert strength.dtype == float  # a number, not text: the decimal comma was read
    assert (strength - plan.assignments["strength"].round(3)).abs().max() < 1e-9
    themes = set(frame[word("col_theme", lang)])
    assert theme_label("energy", plan.dataset.themes, lang) in themes
    assert set(frame[word("col_locked", lang)]) <= {word("yes", lang), word("no", lang)}
    if lang == "ar":
        assert "الداخلة-وادي الذهب" in set(frame[word("col_region", lang)])


def test_the_english_csv_stays_the_cli_file(app: AppTest, downloads: Downloads) -> None:
    app.run()  # the downloads are recorded from this run on
    data = downloads["baseline-assignments.csv"]()
    assert data.decode("utf-8").splitlines()[0] == (
        "region_code,region_name,theme_id,theme_label,strength,locked")


def _slides_text(data: bytes) -> list[str]:
    deck = Presentation(io.BytesIO(data))
    return ["\n".join(p.text for shape in slide.shapes if shape.has_text_frame
                      for p in shape.text_frame.paragraphs)
            + "\n".join(cell.text for shape in slide.shapes if shape.has_table
                        for row in shape.table.rows for cell in row.cells)
            for slide in deck.slides]


def test_the_french_deck_is_french_to_its_settings_slide(app: AppTest,
                                                         downloads: Downloads) -> None:
    switch(app, "fr")
    slides = _slides_text(downloads["baseline.pptx"]())
    settings = slides[-1]
    assert "Poids de la force" in settings and "économique 1,00" in settings
    assert "weights" not in settings and "economic" not in settings
    assert "Rabat-Salé-Kénitra → Administration publique et IA souveraine" in settings
    assert "optimal" in settings and "Solveur" in settings
    assert "Les cinq instituts annoncés" in slides[0]  # the scenario's French description


def test_the_arabic_deck_reads_right_to_left_in_the_arabic_font(app: AppTest,
                                                                downloads: Downloads) -> None:
    switch(app, "ar")
    data = downloads["baseline.pptx"]()
    deck = Presentation(io.BytesIO(data))
    paragraphs = [p for slide in deck.slides for shape in slide.shapes
                  for p in shape._element.iter(f"{A}p")]
    assert paragraphs and all(p.find(f"{A}pPr").get("rtl") == "1" for p in paragraphs)
    fonts = {f.get("typeface") for slide in deck.slides for shape in slide.shapes
             for f in shape._element.iter(f"{A}cs")}
    assert fonts == {"Noto Sans Arabic"}
    slides = _slides_text(data)
    assert "أوزان القوة" in slides[-1] and "الداخلة-وادي الذهب" in "\n".join(slides)
    assert "المعاهد الخمسة المعلنة" in slides[0]


def test_an_arabic_diagnosis_names_arabic_regions(app: AppTest) -> None:
    switch(app, "ar")
    app.multiselect(key="lock_in@ar").select("12|mining").select("12|finance").run()
    assert_clean(app)
    shown = "\n".join([texts(app.markdown), texts(app.error), texts(app.warning)])
    assert word("infeasible", "ar") in shown
    assert "الداخلة-وادي الذهب" in shown and word("diag_otherwise", "ar") in shown


def test_a_balance_change_is_in_points_not_per_cent(app: AppTest) -> None:
    app.slider(key="balance").set_value(1.0).run()
    assert_clean(app)
    deltas = [m.delta for m in app.metric if m.label == word("metric_mean_balance_score_label",
                                                             "en")]
    assert deltas and deltas[0].endswith("pts"), deltas
