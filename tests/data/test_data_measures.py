"""Each theme is measured by its own sector: the catalogue's ``measures`` key on real data.

The embedded catalogue marks the indicators that count a theme's own sector (megawatts,
tonnes landed, nights, beds…); these tests read the embedded catalogue and themes through
``load_dataset`` and hold the profiles to the rule of ``data/themes.yaml``: at least a third of
each theme's weight on direct measures.
"""

from __future__ import annotations

from jazari_planner.data.dataset import Dataset
from jazari_planner.data.measures import direct_share

#: Regions without a coastline (Fès-Meknès, Béni Mellal-Khénifra, Drâa-Tafilalet).
LANDLOCKED = ("03", "05", "08")


def _profiles(dataset: Dataset) -> dict[str, dict[str, float]]:
    return {
        theme: {k: float(w) for k, w in dataset.profiles.loc[theme].items() if w > 0}
        for theme in dataset.theme_ids
    }


def test_every_theme_rests_a_third_of_its_weight_on_its_own_sector(dataset: Dataset) -> None:
    shares = direct_share(_profiles(dataset), dataset.catalogue["measures"].to_dict())
    assert set(shares) == set(dataset.theme_ids)
    thin = {theme: round(share, 3) for theme, share in shares.items() if share < 1 / 3}
    assert thin == {}, f"themes with less than a third of their weight on direct measures: {thin}"


def test_every_theme_is_measured_by_an_indicator_it_weighs(dataset: Dataset) -> None:
    measures = dataset.catalogue["measures"]
    for theme, profile in _profiles(dataset).items():
        direct = [k for k in profile if theme in measures[k]]
        assert direct, f"{theme} weighs no indicator that measures it"
        assert all(dataset.catalogue.at[k, "group"] != "need" for k in direct)


def test_direct_share_counts_only_the_measured_theme() -> None:
    profiles = {"a": {"x": 1.0, "y": 3.0}, "b": {"x": 2.0}, "c": {}}
    measures = {"x": ("a",), "y": ("b",)}
    assert direct_share(profiles, measures) == {"a": 0.25, "b": 0.0, "c": 0.0}


def test_landlocked_regions_land_no_fish_and_coastal_ones_do(dataset: Dataset) -> None:
    landings = dataset.values()["fish_landings"]
    assert (landings[list(LANDLOCKED)] == 0).all()
    coastal = landings.drop(list(LANDLOCKED))
    assert (coastal > 0).all(), "every coastal region has a port with published landings"


def test_strength_follows_the_sector_where_it_is(dataset: Dataset) -> None:
    """The audit's complaints, as facts on the new data (not a tuning target)."""
    values = dataset.values()
    assert values["renewable_capacity"].idxmax() == "11"  # Tarfaya, Boujdour, Foum El Oued
    assert values.at["08", "renewable_capacity"] > 500  # Noor Ouarzazate
    assert values["tourist_nights"].idxmax() == "07"  # Marrakech
    assert values["phosphate_capacity"].idxmax() == "05"  # Khouribga
    assert values.at["05", "phosphate_capacity"] == 10 * values.at["11", "phosphate_capacity"]
