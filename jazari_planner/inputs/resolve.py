"""One home for turning a scenario and a dataset into what the model solves.

Names resolved against the data (a region by code or French name, a theme by id), the
scenario's overrides applied to the data's bounds and costs, the locks and the roadmap's
announcements gathered, the strengths and the need index scored: the result is the plain
:class:`~jazari_planner.optimization.model.ModelInputs` (and
:class:`~jazari_planner.optimization.phasing.PhasingInputs`) that the optimization layer reads,
so that layer never sees a scenario or a dataset. :func:`resolve` does it all once, with the
scenario validated once, for :func:`~jazari_planner.solve` and the analyses.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..common.errors import InputError
from ..data.dataset import Dataset
from ..data.loading import load_dataset
from ..optimization.model import Cell, ModelInputs
from ..optimization.phasing import PhasingInputs
from ..scenario.checks import check_against, data_paths
from ..scenario.schema import Scenario
from ..scenario.validation import ensure_valid
from ..scoring import strengths as scoring

__all__ = ["Resolved", "build_inputs", "dataset_for", "opened_cells", "phasing_inputs",
           "resolve"]


@dataclass(frozen=True, eq=False)
class Resolved:
    """A scenario ready to solve: its dataset, scores, and the model's inputs."""

    dataset: Dataset
    strength: pd.DataFrame
    need: pd.Series
    inputs: ModelInputs
    phasing: PhasingInputs | None


def resolve(scenario: Scenario, dataset: Dataset | None = None) -> Resolved:
    """Validate ``scenario`` once, find its data, check it against them, score and resolve.

    Raises :class:`~jazari_planner.common.errors.InputError` naming the file and key of any
    value the data does not know.
    """
    ensure_valid(scenario)
    dataset = dataset_for(scenario, dataset)
    dataset.check_numbers()
    check_against(scenario, dataset)
    strength = scoring.strength(dataset, scenario)
    need = scoring.need_index(dataset, scenario)
    inputs = _model_inputs(dataset, scenario, strength=strength, need=need)
    return Resolved(dataset=dataset, strength=strength, need=need, inputs=inputs,
                    phasing=phasing_inputs(dataset, scenario))


def dataset_for(scenario: Scenario, dataset: Dataset | None) -> Dataset:
    """``dataset``, or the data the scenario names (its `data:` files, else the embedded)."""
    if dataset is not None:
        return dataset
    paths = data_paths(scenario)
    return load_dataset(indicators=paths.get("indicators"), catalogue=paths.get("catalogue"),
                        themes=paths.get("themes"), regions=paths.get("regions"))


def _bounds_by_region(dataset: Dataset, scenario: Scenario, source: str | None
                      ) -> tuple[np.ndarray, np.ndarray]:
    default = scenario.default_bounds
    kmin = np.full(len(dataset.regions), default.min, dtype=np.int64)
    kmax = np.full(len(dataset.regions), default.max, dtype=np.int64)
    position = {code: i for i, code in enumerate(dataset.region_codes)}
    for key, bounds in scenario.regions.items():
        if key == "default":
            continue
        code = dataset.region_code(key, source=source, key=f"regions.{key}")
        kmin[position[code]], kmax[position[code]] = bounds.min, bounds.max
    return kmin, kmax


def _theme_columns(dataset: Dataset, scenario: Scenario, source: str | None
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    themes = dataset.themes
    cmin = themes["min"].to_numpy(dtype=np.int64).copy()
    cmax = themes["max"].to_numpy(dtype=np.int64).copy()
    cost = themes["cost"].to_numpy(dtype=float).copy()
    position = {t: j for j, t in enumerate(dataset.theme_ids)}
    for key, override in scenario.themes.items():
        j = position[dataset.theme_id(key, source=source, key=f"themes.{key}")]
        if override.min is not None:
            cmin[j] = override.min
        if override.max is not None:
            cmax[j] = override.max
        if override.cost is not None:
            cost[j] = override.cost
        if cmin[j] > cmax[j]:
            raise InputError(f"theme {key!r} would need min {cmin[j]} > max {cmax[j]}",
                             source=source, key=f"themes.{key}",
                             fix="make min at most max (the data's bounds apply where unset)")
    return cmin, cmax, cost


def _locks(dataset: Dataset, scenario: Scenario, which: str, source: str | None
           ) -> frozenset[tuple[str, str]]:
    cells = []
    for i, lock in enumerate(getattr(scenario, which)):
        region = dataset.region_code(lock.region, source=source, key=f"{which}[{i}].region")
        theme = dataset.theme_id(lock.theme, source=source, key=f"{which}[{i}].theme")
        cells.append((region, theme))
    return frozenset(cells)


def build_inputs(dataset: Dataset, scenario: Scenario, *, strength: pd.DataFrame | None = None,
                 need: pd.Series | None = None) -> ModelInputs:
    """The model's inputs for ``scenario`` on ``dataset``: names resolved, overrides applied.

    For a researcher who builds the MILP step by step (``create_model`` → add a rule →
    ``solve_model``); :func:`~jazari_planner.solve` does all of it in one call. The roadmap's
    announced openings (``phasing.opened``) count as lock-ins.

    Parameters
    ----------
    dataset : Dataset
        The validated data.
    scenario : Scenario
        Weights and rules; validated again here.
    strength, need : DataFrame, Series, optional
        Scores already computed for this scenario (default: scored here).

    Returns
    -------
    ModelInputs
        Plain arrays and name tuples: what :func:`~jazari_planner.create_model` reads.

    Raises
    ------
    InputError
        Naming the key if a value changed after loading is out of range, or a name is unknown.
    ValueError
        When ``balance_focus`` exceeds the regions that must carry a specialization
        (:func:`~jazari_planner.solve` reports it first as an input error).
    """
    ensure_valid(scenario)
    return _model_inputs(dataset, scenario, strength=strength, need=need)


def _model_inputs(dataset: Dataset, scenario: Scenario, *, strength: pd.DataFrame | None = None,
                  need: pd.Series | None = None) -> ModelInputs:
    source = str(scenario.path) if scenario.path else None
    strength = scoring.strength(dataset, scenario) if strength is None else strength
    need = scoring.need_index(dataset, scenario) if need is None else need
    kmin, kmax = _bounds_by_region(dataset, scenario, source)
    cmin, cmax, cost = _theme_columns(dataset, scenario, source)
    return ModelInputs(
        regions=tuple(dataset.region_codes),
        themes=tuple(dataset.theme_ids),
        strength=strength.reindex(index=dataset.regions.index,
                                  columns=dataset.themes.index).to_numpy(dtype=float),
        need=need.reindex(dataset.regions.index).to_numpy(dtype=float),
        kmin=kmin, kmax=kmax, cmin=cmin, cmax=cmax, cost=cost,
        budget=scenario.budget,
        lock_in=_locks(dataset, scenario, "lock_in", source) | opened_cells(dataset, scenario),
        lock_out=_locks(dataset, scenario, "lock_out", source),
        min_strength=scenario.min_strength,
        balance=scenario.balance,
        equity=scenario.equity,
        balance_focus=scenario.balance_focus,
        region_labels={c: dataset.region_name(c) for c in dataset.region_codes},
        theme_labels={t: str(dataset.themes.at[t, "label"]) for t in dataset.theme_ids},
    )


def opened_cells(dataset: Dataset, scenario: Scenario) -> frozenset[Cell]:
    """The ``(region, theme)`` cells the roadmap announces: lock-ins with a year.

    :func:`build_inputs` adds them to the plan's lock-ins, so rule 5
    never closes an announced specialization and the plan marks them ``locked``.
    """
    if scenario.phasing is None:
        return frozenset()
    return frozenset(_opened(dataset, scenario))


def _opened(dataset: Dataset, scenario: Scenario) -> dict[Cell, int]:
    assert scenario.phasing is not None
    source = str(scenario.path) if scenario.path else None
    cells: dict[Cell, int] = {}
    for i, entry in enumerate(scenario.phasing.opened):
        key = f"phasing.opened[{i}]"
        region = dataset.region_code(entry.region, source=source, key=f"{key}.region")
        theme = dataset.theme_id(entry.theme, source=source, key=f"{key}.theme")
        cells[region, theme] = entry.year
    return cells


def phasing_inputs(dataset: Dataset, scenario: Scenario) -> PhasingInputs | None:
    """The scenario's ``phasing:`` block resolved against ``dataset`` (``None`` without one)."""
    phasing = scenario.phasing
    if phasing is None:
        return None
    source = str(scenario.path) if scenario.path else None
    budget = {y: b for y in phasing.year_range if (b := phasing.budget_of(y)) is not None}
    regions = tuple(
        (dataset.region_code(entry.region, source=source,
                             key=f"phasing.opened_regions[{i}].region"), entry.year)
        for i, entry in enumerate(phasing.opened_regions))
    return PhasingInputs(
        first_year=phasing.first_year, last_year=phasing.last_year, budget=budget,
        max_openings=phasing.max_openings_per_year,
        first_institute_by=phasing.first_institute_by, opened=_opened(dataset, scenario),
        opened_regions=regions, as_of=phasing.as_of)
