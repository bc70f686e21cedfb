"""The sidebar's widget values ↔ a :class:`Scenario`: the app's only translation layer.

The app shows each setting as a widget with a stable key (``balance``, ``bounds_04``,
``theme_range_energy``…). :func:`form_values` gives those widgets' values for a scenario on
a dataset (effective values: a theme's bounds are the data's unless overridden);
:func:`scenario_from_form` writes them back as a validated scenario, keeping only what
differs from the defaults so the YAML a planner downloads stays short and reloadable.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..data.dataset import Dataset
from ..scenario.fields import ScalarField, scalar_fields
from ..scenario.schema import Scenario
from .roadmap_form import PHASING, phasing_state
from .stakeholder_weights import STAKEHOLDERS, stakeholders_state

__all__ = [
    "DRAWN_BY_HAND",
    "FORM_SOURCE",
    "GROUP_KEYS",
    "bounds_key",
    "field_label",
    "field_widget",
    "form_keys",
    "form_values",
    "lock_option",
    "need_weight_key",
    "parse_lock_option",
    "scenario_from_form",
    "theme_cost_key",
    "theme_range_key",
]

#: How error messages name a scenario built from the sidebar.
FORM_SOURCE = "the sidebar"

#: Strength group → the key of its weight slider.
GROUP_KEYS: dict[str, str] = {
    "economic": "weight_economic",
    "academic": "weight_academic",
    "infrastructure": "weight_infrastructure",
}


#: How the app shows the scenario's scalar settings (:func:`~..scenario.fields.scalar_fields`),
#: where it differs from the default: setting → (widget key, words key of its label); both
#: default to the setting's own key. The sidebar draws the :data:`DRAWN_BY_HAND` ones with
#: its own widgets (ranges, steps, order); any other scalar setting gets a widget made from
#: the model's type and bounds, labelled by its key in the words files.
FIELD_WIDGETS: dict[str, tuple[str, str]] = {
    "description_fr": ("description_fr", "description"),
    "description_ar": ("description_ar", "description"),
    "solver.name": ("solver_name", "solver_name"),
    "solver.time_limit": ("time_limit", "time_limit"),
    "solver.mip_gap": ("mip_gap", "mip_gap"),
}
DRAWN_BY_HAND = frozenset({
    "name", "description", "description_fr", "description_ar", "normalization", "aggregation",
    "balance", "balance_focus", "equity", "budget", "min_strength", "solver.name",
    "solver.time_limit", "solver.mip_gap"})


def field_widget(field: ScalarField) -> str:
    """The widget key of a scalar setting."""
    return FIELD_WIDGETS.get(field.key, (field.key, field.key))[0]


def field_label(field: ScalarField) -> str:
    """The words key of a scalar setting's label."""
    return FIELD_WIDGETS.get(field.key, (field.key, field.key))[1]


def _widget_value(field: ScalarField, value: Any) -> Any:
    """A setting's value as its widget holds it (numbers as the widget's type)."""
    if value is None:
        return None
    return {"float": float, "int": int, "bool": bool}.get(field.kind, lambda v: v)(value)


def bounds_key(region_code: str) -> str:
    """The key of a region's (min, max) specializations slider."""
    return f"bounds_{region_code}"


def theme_range_key(theme_id: str) -> str:
    """The key of a theme's (min, max) regions slider."""
    return f"theme_range_{theme_id}"


def theme_cost_key(theme_id: str) -> str:
    """The key of a theme's cost input."""
    return f"theme_cost_{theme_id}"


def need_weight_key(indicator: str) -> str:
    """The key of an indicator's signed weight in the need index."""
    return f"need_weight_{indicator}"


def lock_option(region_code: str, theme_id: str) -> str:
    """A lock as a multiselect option: ``"04|energy"``."""
    return f"{region_code}|{theme_id}"


def parse_lock_option(option: str) -> tuple[str, str]:
    """``"04|energy"`` as ``("04", "energy")``."""
    region, _, theme = option.partition("|")
    return region, theme


def _lock_options(scenario: Scenario, dataset: Dataset, which: str) -> list[str]:
    return [lock_option(dataset.region_code(lock.region), dataset.theme_id(lock.theme))
            for lock in getattr(scenario, which)]


def form_values(scenario: Scenario, dataset: Dataset) -> dict[str, Any]:
    """The value of every sidebar widget for ``scenario`` on ``dataset``, by widget key.

    Region and theme names are resolved to codes and ids (an unknown one raises
    :class:`~jazari_planner.common.errors.InputError`, as solving would).
    """
    values: dict[str, Any] = {
        field_widget(field): _widget_value(field, field.value_of(scenario))
        for field in scalar_fields(type(scenario))}
    values.update({
        "need_indicators": list(scenario.need),
        "use_budget": scenario.budget is not None,
        "budget": float(scenario.budget) if scenario.budget is not None else _total_cost(dataset),
        "lock_in": _lock_options(scenario, dataset, "lock_in"),
        "lock_out": _lock_options(scenario, dataset, "lock_out"),
    })
    for group, key in GROUP_KEYS.items():
        values[key] = float(scenario.weights.get(group, 0.0))  # type: ignore[call-overload]
    for indicator, weight in scenario.need.items():
        values[need_weight_key(indicator)] = float(weight)
    default = scenario.default_bounds
    values["default_bounds"] = (default.min, default.max)
    for code in dataset.region_codes:
        values[bounds_key(code)] = (default.min, default.max)
    for key, bounds in scenario.regions.items():
        if key != "default":
            values[bounds_key(dataset.region_code(key))] = (bounds.min, bounds.max)
    for theme, (low, high, cost) in _theme_rules(dataset).items():
        values[theme_range_key(theme)] = (low, high)
        values[theme_cost_key(theme)] = cost
    for key, override in scenario.themes.items():
        theme = dataset.theme_id(key)
        low, high = values[theme_range_key(theme)]
        values[theme_range_key(theme)] = (
            override.min if override.min is not None else low,
            override.max if override.max is not None else high,
        )
        if override.cost is not None:
            values[theme_cost_key(theme)] = float(override.cost)
    values.update(phasing_state(scenario))  # the roadmap, edited in the Roadmap view
    values.update(stakeholders_state(scenario))  # the parties, edited in the Stakeholders view
    return values


def form_keys(dataset: Dataset, need_indicators: Iterable[str]) -> list[str]:
    """The key of every sidebar widget on ``dataset``, with the weights of the chosen
    ``need_indicators`` (and :data:`~.roadmap_form.PHASING` and
    :data:`~.stakeholder_weights.STAKEHOLDERS`, which no widget shows)."""
    keys = list(form_values(Scenario(name="keys"), dataset))
    return keys + [need_weight_key(indicator) for indicator in need_indicators]


def _theme_rules(dataset: Dataset) -> dict[str, tuple[int, int, float]]:
    """Each theme's coverage bounds and cost in the data: id → (min, max, cost)."""
    themes = dataset.themes
    return {str(theme): (int(low), int(high), float(cost)) for theme, low, high, cost in
            zip(themes.index, themes["min"], themes["max"], themes["cost"], strict=True)}


def _total_cost(dataset: Dataset) -> float:
    """A starting budget when none is set: every theme once."""
    return float(dataset.themes["cost"].sum())


def _locks(options: list[str], dataset: Dataset) -> list[dict[str, str]]:
    locks = []
    for option in options:
        code, theme = parse_lock_option(option)
        locks.append({"region": dataset.region_name(code), "theme": theme})
    return locks


def scenario_from_form(values: Mapping[str, Any], dataset: Dataset, *,
                       base: Scenario) -> Scenario:
    """The scenario the widgets ``values`` describe; what they do not show comes from ``base``.

    ``base`` (the loaded scenario) gives the data files. An indicator chosen for the need
    index without a weight yet weighs +1 (a higher value is needier); a weight of 0 drops it.
    Regions and themes are written only where they differ from the default bounds and the
    data's own values. Raises :class:`~jazari_planner.common.errors.InputError` (source: the
    sidebar) for a combination pydantic rejects.
    """
    default_min, default_max = (int(v) for v in values["default_bounds"])
    regions: dict[str, dict[str, int]] = {"default": {"min": default_min, "max": default_max}}
    for code in dataset.region_codes:
        low, high = (int(v) for v in values[bounds_key(code)])
        if (low, high) != (default_min, default_max):
            regions[dataset.region_name(code)] = {"min": low, "max": high}

    themes: dict[str, dict[str, Any]] = {}
    for theme, (data_low, data_high, data_cost) in _theme_rules(dataset).items():
        low, high = (int(v) for v in values[theme_range_key(theme)])
        cost = float(values[theme_cost_key(theme)])
        override: dict[str, Any] = {}
        if low != data_low:
            override["min"] = low
        if high != data_high:
            override["max"] = high
        if cost != data_cost:
            override["cost"] = cost
        if override:
            themes[theme] = override

    data: dict[str, Any] = base.model_dump(mode="json", exclude_defaults=True,
                                           include={"data"})
    for field in scalar_fields(type(base)):
        value = values.get(field_widget(field), field.default)
        *blocks, last = field.key.split(".")
        target = data
        for block in blocks:
            target = target.setdefault(block, {})
        target[last] = _widget_value(field, value)
    data.update({
        "name": str(values["name"]).strip() or base.name,
        "need": {indicator: float(values.get(need_weight_key(indicator), 1.0))
                 for indicator in values["need_indicators"]
                 if float(values.get(need_weight_key(indicator), 1.0)) != 0},
        "weights": {group: float(values[key]) for group, key in GROUP_KEYS.items()},
        "budget": float(values["budget"]) if values["use_budget"] else None,
        "regions": regions,
        "themes": themes,
        "lock_in": _locks(list(values["lock_in"]), dataset),
        "lock_out": _locks(list(values["lock_out"]), dataset),
    })
    if values.get(PHASING):
        data["phasing"] = values[PHASING]
    if values.get(STAKEHOLDERS):
        data["stakeholders"] = values[STAKEHOLDERS]
    scenario = Scenario.from_dict(data, source=FORM_SOURCE)
    scenario._path = base.path  # its data paths still resolve against the loaded file
    return scenario
