"""User text escaped for each program that reads it: spreadsheet, Markdown, terminal, slide.

The Markdown cases are rendered by a real CommonMark renderer (markdown-it-py, with GitHub's
tables), and the slide case writes a real deck.
"""

from __future__ import annotations

import dataclasses
import io
import warnings
from pathlib import Path

import pandas as pd
import pytest
from markdown_it import MarkdownIt
from pptx import Presentation

import jazari_planner as jp
from jazari_planner.common.escaping import (
    csv_safe,
    markdown_text,
    printable,
    shortened,
    spreadsheet_cell,
    terminal_text,
)

RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])

ATTACKS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](http://evil.example/x.png)",
    "**bold** _it_ `code` ~~gone~~",
    "a | b",
    "# heading",
    "1. item",
    "- item",
    "&lt;b&gt; &amp;",
    ":red[x] $x$",
]


@pytest.mark.parametrize("text", ATTACKS)
def test_markdown_shows_the_text_literally(text: str) -> None:
    html = RENDERER.render(f"| name |\n|---|\n| {markdown_text(text)} |\n")
    cell = html.split("<td>", 1)[1].split("</td>", 1)[0]
    assert "<" not in cell.replace("&lt;", "")
    assert cell.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&") \
        .replace("&quot;", '"') == text


@pytest.mark.parametrize(("cell", "safe"), [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("+1+2", "'+1+2"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("-12.5", "-12.5"), ("+3e-4", "+3e-4"), ("Fès-Meknès", "Fès-Meknès"),
    (-3.5, -3.5), (None, None),
])
def test_a_cell_a_spreadsheet_would_run_is_quoted(cell: object, safe: object) -> None:
    assert spreadsheet_cell(cell) == safe


def test_csv_safe_keeps_numbers_numeric_and_neutralizes_headers() -> None:
    frame = pd.DataFrame({"region_name": ["=cmd|' /C calc'!A0", "Oriental"],
                          "strength": [-0.5, 0.25], "=evil": ["-1", "@x"]})
    safe = csv_safe(frame)
    assert list(safe.columns) == ["region_name", "strength", "'=evil"]
    assert safe["strength"].tolist() == [-0.5, 0.25]
    assert safe["region_name"].tolist() == ["'=cmd|' /C calc'!A0", "Oriental"]
    assert safe["'=evil"].tolist() == ["-1", "'@x"]
    assert frame.columns[2] == "=evil"  # the input is not changed


def test_terminal_text_shows_escapes_instead_of_running_them() -> None:
    text = terminal_text("Plan \x1b[2J\x1b[31mred\x1b]0;title\x07 \u202egnp.exe\r\nnext\tline")
    assert "\x1b" not in text and "\u202e" not in text and "\r" not in text
    assert "\\x1b[31mred" in text and "\\u202e" in text and "\nnext\tline" in text


def test_shortened() -> None:
    assert shortened("abc", 3) == "abc"
    assert shortened("abcdef", 4) == "abc…"


def test_a_deck_with_a_very_long_name_is_written(tmp_path: Path) -> None:
    plan = jp.solve(jp.Scenario.from_yaml(Path(__file__).resolve().parents[2] / "scenarios"
                                          / "excellence.yaml"))
    long_name = "N" * 300
    named = dataclasses.replace(plan, scenario=jp.Scenario.model_construct(
        **{**plan.scenario.__dict__, "name": long_name}))
    deck = Presentation(io.BytesIO(named.to_pptx(tmp_path / "deck.pptx").read_bytes()))
    assert len(deck.core_properties.title) == 255
    assert deck.core_properties.title.endswith("…")


def test_a_name_with_control_characters_reaches_no_drawing_library_raw(tmp_path: Path) -> None:
    from jazari_planner.presentation.deck import save_comparison_deck, save_deck
    from jazari_planner.presentation.figures import save_comparison, save_figure

    assert printable("Red \x1b[31mone\ttwo\nthree") == "Red \\x1b[31mone\\ttwo\nthree"
    data = Path(__file__).resolve().parents[2] / "data"
    themes = (data / "themes.yaml").read_text(encoding="utf-8").replace(
        "label: Energy transition and green hydrogen", 'label: "Energy \\a\\e[2J"')
    (tmp_path / "themes.yaml").write_text(themes, encoding="utf-8")
    hostile = jp.load_dataset(themes=tmp_path / "themes.yaml")
    assert "\x1b" in str(hostile.themes.loc["energy", "label"])
    plan = jp.solve(jp.Scenario(name="Red \x1b[31mplan\tone"), hostile)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib's "Glyph 27 (\x1b) missing" fails the test
        save_figure(plan, tmp_path / "plan.png")
        save_comparison([plan, plan], tmp_path / "both.png")
        save_deck(plan, tmp_path / "plan.pptx")
        save_comparison_deck([plan, plan], tmp_path / "both.pptx")
