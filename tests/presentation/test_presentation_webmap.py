"""The interactive map's HTML: self-contained, escaped, with every layer (no browser needed)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import jazari_planner as jp
from jazari_planner.common.errors import InputError
from jazari_planner.presentation import plan_map, save_figure, save_map
from jazari_planner.presentation.style import theme_style
from jazari_planner.presentation.webmap import linked_resources
from jazari_planner.testing.synthetic import synthetic_dataset

HOSTILE = "<img src=x onerror=window.__pwned=1>"


@pytest.fixture(scope="module")
def plan(dataset: jp.Dataset) -> jp.Plan:
    return jp.solve(jp.Scenario(name="Baseline"), dataset)


@pytest.fixture(scope="module")
def hostile_plan(dataset: jp.Dataset) -> jp.Plan:
    """A plan whose scenario name and one assigned theme's labels are HTML from a user file."""
    themes = dataset.themes.copy()
    themes.loc["tourism", ["label", "label_fr"]] = HOSTILE
    hostile = dataclasses.replace(dataset, themes=themes)
    scenario = jp.Scenario(name="</script><script>window.__pwned=2</script>",
                           lock_in=[{"region": "04", "theme": "tourism"}])
    return jp.solve(scenario, hostile)


def test_saved_map_links_no_external_resource(plan: jp.Plan, tmp_path: Path) -> None:
    page = save_map(plan, tmp_path / "map.html").read_text(encoding="utf-8")
    assert linked_resources(page) == []
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "bootstrapcdn", "fontawesome"):
        assert cdn not in page
    assert "Leaflet 1.9.4" in page  # inlined from django-js-lib-leaflet
    assert "sourceMappingURL" not in page
    assert "data:image/png;base64," in page  # the layer-switch icon, inlined


def test_map_shows_every_region_in_french_and_arabic(plan: jp.Plan, tmp_path: Path) -> None:
    page = save_map(plan, tmp_path / "map.html").read_text(encoding="utf-8")
    for _, region in plan.regions.iterrows():
        assert region["region_name"] in page
        assert region["region_name_ar"] in page
    assert "JAZARI ROOT" in page


def test_layers_switch_between_fit_balance_need_and_a_theme(plan: jp.Plan) -> None:
    page = plan_map(plan, theme="water").get_root().render()
    for layer in ("Fit", "Balance score", "Need index", "Theme strength", "Specializations",
                  "JAZARI ROOT", "Region names"):
        assert f'"{layer}"' in page
    assert "Strength: Water and climate resilience" in page  # the strength layer's legend
    assert "L.control.layers" in page and "collapsed: true" in page


def test_badges_use_the_shared_theme_style(plan: jp.Plan) -> None:
    page = plan_map(plan).get_root().render()
    for theme_id in plan.assignments["theme_id"].unique():
        style = theme_style(theme_id)
        assert f"background:{style.color};\ncolor:{style.text_color}" in page or \
            f"background:{style.color};color:{style.text_color}" in page
        assert f"\\u003e{style.badge}\\u003c/span\\u003e" in page


def test_french_fixed_texts(plan: jp.Plan) -> None:
    page = plan_map(plan, lang="fr").get_root().render()
    for fixed in ("Indice de besoin", "Spécialisations", "du meilleur ajustement possible"):
        assert fixed in page
    assert "Need index" not in page


def test_hostile_labels_are_escaped_in_the_page(hostile_plan: jp.Plan, tmp_path: Path) -> None:
    page = save_map(hostile_plan, tmp_path / "map.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page
    assert "<script>window.__pwned" not in page
    assert "\\u0026lt;img src=x onerror=window.__pwned=1\\u0026gt;" in page


def test_jinja_tags_in_user_text_stay_text(dataset: jp.Dataset) -> None:
    """folium compiles each rendered script as a Jinja template again: a label such as
    ``{{ 7*7 }}`` must reach the page as those characters, never evaluated to 49."""
    themes = dataset.themes.copy()
    themes.loc["tourism", ["label", "label_fr"]] = "{{ 7*7 }} {% if x %} {# c #}"
    scenario = jp.Scenario(name="S {{ 6*7 }}", lock_in=[{"region": "04", "theme": "tourism"}])
    plan = jp.solve(scenario, dataclasses.replace(dataset, themes=themes))
    page = plan_map(plan, theme="tourism").get_root().render()
    assert "S 42" not in page and "Strength: 49" not in page
    # the strength legend's title, HTML-escaped, then written as escaped JSON
    assert "Strength: \\u0026#123;\\u0026#123; 7*7 \\u0026#125;\\u0026#125;" in page
    assert "S \\u0026#123;\\u0026#123; 6*7" in page  # the title, as escaped JSON


def test_outlines_are_sent_once(plan: jp.Plan) -> None:
    """One GeoJSON layer for all views: the switch restyles it, it is not drawn three times."""
    page = plan_map(plan, theme="water").get_root().render()
    assert page.count('{"type":"FeatureCollection"') == 1
    assert page.count('"coordinates"') == len(plan.regions)
    assert page.count("L.geoJSON(") == 1
    assert len(page.encode()) < 300_000  # Leaflet's 166 kB included


def test_unknown_strength_theme_is_an_input_error(plan: jp.Plan) -> None:
    with pytest.raises(InputError, match="did you mean 'water'"):
        plan_map(plan, theme="watr")


def test_tiles_are_optional_and_off_by_default(plan: jp.Plan) -> None:
    assert "tile.openstreetmap.org" not in plan_map(plan).get_root().render()
    assert "tile.openstreetmap.org" in plan_map(plan, tiles="OpenStreetMap").get_root().render()


def test_infeasible_plan_has_nothing_to_draw(dataset: jp.Dataset, tmp_path: Path) -> None:
    scenario = jp.Scenario(name="Impossible", regions={"default": {"min": 3, "max": 3}},
                           budget=0)
    infeasible = jp.solve(scenario, dataset)
    assert infeasible.status == "infeasible"
    with pytest.raises(InputError, match="infeasible"):
        save_map(infeasible, tmp_path / "map.html")
    assert not (tmp_path / "map.html").exists()


def test_a_users_own_regions_and_themes(tmp_path: Path) -> None:
    """Synthetic square regions far from Rabat: no JAZARI ROOT, badges from the theme ids."""
    dataset = synthetic_dataset(n_regions=6, n_themes=5, seed=1)
    plan = jp.solve(jp.Scenario(name="Own data"), dataset)
    page = save_map(plan, tmp_path / "map.html").read_text(encoding="utf-8")
    assert "JAZARI ROOT" not in page
    for theme_id in plan.assignments["theme_id"].unique():
        badge = f"T{int(theme_id.rsplit('_', 1)[1])}"
        assert f"\\u003e{badge}\\u003c/span\\u003e" in page  # >T1</span>, as escaped JSON
    assert save_figure(plan, tmp_path / "plan.png").stat().st_size > 50_000


def test_save_map_creates_folders_and_leaves_no_temporary(plan: jp.Plan, tmp_path: Path) -> None:
    target = save_map(plan, tmp_path / "out" / "map.html")
    assert target == tmp_path / "out" / "map.html"
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["map.html"]
    assert target.stat().st_size < 1_000_000
