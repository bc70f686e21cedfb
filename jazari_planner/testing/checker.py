"""An independent re-implementation of docs/model.md §2-4 and §10 that checks a plan against
every rule.

Written from the contract alone and sharing no code with the scoring, the model, the solver
or the metrics, so that a bug in one of them shows up as a disagreement here rather than
being repeated. :func:`check_selection` checks a set of (region, theme) pairs against the
rules of a scenario; :func:`check_schedule` checks a roadmap (each pair with its opening
year) against a scenario's ``phasing:`` rules; :func:`check_plan` does both for a solved plan
and also compares every number the plan reports (objective, per-region table, strengths,
metrics, the roadmap's year-by-year figures) to its own.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..common.errors import InputError
from ..data.dataset import STRENGTH_GROUPS, Dataset
from ..scenario.schema import Scenario

__all__ = [
    "CheckReport",
    "Pair",
    "Roadmap",
    "RuleSet",
    "check_plan",
    "check_schedule",
    "check_selection",
    "normalize",
    "resolve_roadmap",
    "resolve_rules",
]

#: The metric names of docs/model.md §4, in the order they are reported.
METRIC_NAMES: tuple[str, ...] = (
    "gini", "theil", "mad", "coverage", "floor", "worst_mean", "mean_fit",
    "mean_balance_score", "total_investment",
)
#: The weight of the objective's tie-break term (docs/model.md §3).
TIE_BREAK = 0.001
#: The weight of a roadmap's early-opening term (docs/model.md §10).
EARLY = 0.1
#: The per-region columns of a plan compared to the recomputation.
REGION_COLUMNS: tuple[str, ...] = (
    "fit", "best_fit", "balance_score", "investment", "investment_per_capita", "need",
)

Pair = tuple[str, str]


@dataclass
class CheckReport:
    """What the checker found: the broken rules in plain sentences, and its own numbers."""

    violations: list[str] = field(default_factory=list)
    objective: float = math.nan
    metrics: dict[str, float] = field(default_factory=dict)
    regions: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def ok(self) -> bool:
        """True when no rule is broken and every reported number matches."""
        return not self.violations

    def raise_if_failed(self) -> None:
        """Raise :class:`AssertionError` listing every violation, if any."""
        if self.violations:
            raise AssertionError(
                f"{len(self.violations)} violation(s):\n" + "\n".join(
                    f"- {v}" for v in self.violations)
            )


# --------------------------------------------------------------------------- scoring (§2)


def normalize(values: pd.Series, *, method: str, flip: bool = False) -> pd.Series:
    """Values mapped to [0, 1] across regions (docs/model.md §2): ``minmax`` or ``rank``.

    ``flip`` negates first (``direction: lower``). A constant column gives 0 everywhere
    under minmax; ties share their average rank under rank; a single region gives 0.
    """
    v = -values.astype(float) if flip else values.astype(float)
    n = len(v)
    if method == "minmax":
        low, high = float(v.min()), float(v.max())
        if high == low:
            return pd.Series(0.0, index=v.index)
        return (v - low) / (high - low)
    if method == "rank":
        if n <= 1:
            return pd.Series(0.0, index=v.index)
        return (v.rank(method="average") - 1.0) / (n - 1)
    raise ValueError(f"unknown normalization {method!r}")


def strength_table(dataset: Dataset, scenario: Scenario) -> pd.DataFrame:
    """``s[r, t]``: regions x themes (docs/model.md §2, revision 3).

    ``additive``: the weighted mean of the normalized strength indicators. ``gated``: the
    sector part (the theme's ``sector`` indicators) and the capability part (the rest), each
    a weighted mean, combined as ``s_sec^α · s_cap^(1−α)`` with ``α`` the sector's share of
    the weight and ``0⁰ = 1``.
    """
    catalogue = dataset.catalogue
    profiles = dataset.profiles.reindex(
        index=dataset.themes.index, columns=catalogue.index).fillna(0.0).astype(float)
    group_weight = pd.Series(
        [float(scenario.weights.get(g, 0.0)) if g in STRENGTH_GROUPS else 0.0
         for g in catalogue["group"]],
        index=catalogue.index,
    )
    weights = profiles * group_weight  # W[t, k]
    used = [k for k in catalogue.index if (weights[k] > 0).any()]
    values = dataset.values()
    z = pd.DataFrame(
        {k: normalize(values[k], method=scenario.normalization,
                      flip=str(catalogue.at[k, "direction"]) == "lower") for k in used},
        index=dataset.regions.index,
    )
    gated = getattr(scenario, "aggregation", "gated") == "gated"
    strength = pd.DataFrame(0.0, index=dataset.regions.index, columns=dataset.themes.index)
    for theme in dataset.themes.index:
        positive = [k for k in used if _cell(weights, theme, k) > 0]
        if not positive:
            continue
        named = set(_sector_of(dataset, theme)) if gated else set()
        sector = [k for k in positive if k in named]
        capability = [k for k in positive if k not in named]
        total = sum(_cell(weights, theme, k) for k in positive)
        alpha = sum(_cell(weights, theme, k) for k in sector) / total
        for region in dataset.regions.index:
            s_sec = _mean_of(weights, z, theme, region, sector)
            s_cap = _mean_of(weights, z, theme, region, capability)
            strength.at[region, theme] = _power(s_sec, alpha) * _power(s_cap, 1.0 - alpha)
    return strength


def _sector_of(dataset: Dataset, theme: Any) -> list[str]:
    """The theme's ``sector`` indicators as the dataset lists them (none without the column)."""
    if "sector" not in dataset.themes.columns:
        return []
    named = dataset.themes.at[theme, "sector"]
    return [str(k) for k in named] if isinstance(named, list | tuple) else []


def _mean_of(weights: pd.DataFrame, z: pd.DataFrame, theme: Any, region: Any,
             indicators: list[str]) -> float:
    """``Σ_k W z / Σ_k W`` over ``indicators`` (0 for none)."""
    total = sum(_cell(weights, theme, k) for k in indicators)
    if total <= 0:
        return 0.0
    return sum(_cell(weights, theme, k) * _cell(z, region, k) for k in indicators) / total


def _power(base: float, exponent: float) -> float:
    """``base ** exponent`` with ``0⁰ = 1`` (Python's own rule too, stated for the reader)."""
    if exponent == 0:
        return 1.0
    return float(max(base, 0.0) ** exponent)


def need_index(dataset: Dataset, scenario: Scenario) -> pd.Series:
    """``n[r]`` from the scenario's signed need weights (no direction flip; docs/model.md §2)."""
    need = pd.Series(0.0, index=dataset.regions.index)
    total = sum(abs(u) for u in scenario.need.values())
    if total == 0:
        return need
    values = dataset.values()
    for indicator, u in scenario.need.items():
        if indicator not in values.columns:
            raise InputError(f"unknown indicator {indicator!r}", key=f"need.{indicator}",
                             fix="name an indicator of the catalogue")
        z = normalize(values[indicator], method=scenario.normalization)
        need += abs(u) * (z if u > 0 else 1.0 - z)
    return need / total


# --------------------------------------------------------------------------- rules (§3)


@dataclass(frozen=True)
class RuleSet:
    """A scenario's rules resolved against a dataset: every number the MILP of §3 uses."""

    regions: list[str]
    themes: list[str]
    strength: pd.DataFrame
    need: pd.Series
    population: pd.Series
    kmin: pd.Series
    kmax: pd.Series
    cmin: pd.Series
    cmax: pd.Series
    cost: pd.Series
    budget: float | None
    lock_in: frozenset[Pair]
    lock_out: frozenset[Pair]
    theta: float
    balance: float
    equity: float
    focus: int
    region_names: dict[str, str]

    def is_open(self, region: str, theme: str, *, tol: float = 1e-9) -> bool:
        """Whether rules 4-5 leave ``theme`` open to ``region`` (not locked out, strong enough)."""
        if (region, theme) in self.lock_out:
            return False
        if (region, theme) in self.lock_in:
            return True
        return _cell(self.strength, region, theme) >= self.theta - tol

    def fits(self, selection: Iterable[Pair]) -> pd.Series:
        """``f[r] = Σ_t s[r,t] x[r,t]`` for every region."""
        fit = pd.Series(0.0, index=self.regions)
        for region, theme in selection:
            fit[region] += _cell(self.strength, region, theme)
        return fit

    def floor(self, fit: pd.Series) -> float:
        """``min f[r]`` over regions with ``kmin >= 1``, 0 where none."""
        bound = fit[self.kmin >= 1]
        return float(bound.min()) if len(bound) else 0.0

    def worst_mean(self, fit: pd.Series) -> float:
        """``b`` at its best: the mean of the ``focus`` smallest ``f[r]`` with ``kmin >= 1``."""
        bound = sorted(float(v) for v in fit[self.kmin >= 1])
        if not bound:
            return 0.0
        worst = bound[: self.focus]
        return sum(worst) / len(worst)

    def objective(self, selection: Iterable[Pair]) -> float:
        """The §3 objective of a selection, with the balance term at its largest value."""
        fit = self.fits(selection)
        n = len(self.regions)
        average = float(((1.0 + self.equity * self.need) * fit).sum()) / n
        return ((1.0 - self.balance) * average + self.balance * self.worst_mean(fit)
                + TIE_BREAK * float(fit.sum()) / n)

    def best_fit(self) -> pd.Series:
        """``best[r]``: the sum of the ``kmax[r]`` largest strengths among r's open themes."""
        best = pd.Series(0.0, index=self.regions)
        for region in self.regions:
            open_strengths = sorted(
                (_cell(self.strength, region, t) for t in self.themes
                 if self.is_open(region, t)),
                reverse=True,
            )
            best[region] = sum(open_strengths[: int(self.kmax[region])])
        return best

    def name(self, region: str) -> str:
        """``"03 (Region 03)"``: a region as violations name it."""
        return f"{region} ({self.region_names.get(region, '?')})"

    def violations(self, selection: Iterable[Pair], *, tol: float = 1e-6) -> list[str]:
        """Every rule of §3 (1-5, and the range of ``q``) the selection breaks, in words."""
        found: list[str] = []
        chosen: set[Pair] = set()
        for region, theme in selection:
            if region not in self.strength.index:
                found.append(f"selection: unknown region {region!r}")
            elif theme not in self.strength.columns:
                found.append(f"selection: unknown theme {theme!r} for region {self.name(region)}")
            elif (region, theme) in chosen:
                found.append(f"selection: region {self.name(region)} → {theme} appears twice")
            else:
                chosen.add((region, theme))
        per_region = pd.Series(0, index=self.regions)
        per_theme = pd.Series(0, index=self.themes)
        for region, theme in chosen:
            per_region[region] += 1
            per_theme[theme] += 1
        for r in self.regions:
            count, low, high = int(per_region[r]), int(self.kmin[r]), int(self.kmax[r])
            if count > high:
                found.append(f"rule 1: region {self.name(r)} carries {count} themes, "
                             f"above its maximum of {high}")
            if count < low:
                found.append(f"rule 1: region {self.name(r)} carries {count} themes, "
                             f"below its minimum of {low}")
        for t in self.themes:
            count, low, high = int(per_theme[t]), int(self.cmin[t]), int(self.cmax[t])
            if count > high:
                found.append(f"rule 2: theme {t} is carried by {count} regions, "
                             f"above its maximum of {high}")
            if count < low:
                found.append(f"rule 2: theme {t} is carried by {count} regions, "
                             f"below its minimum of {low}")
        served = int((self.kmin >= 1).sum())
        if not 1 <= self.focus <= max(1, served):
            found.append(f"rule 6: balance_focus {self.focus} is outside 1…{max(1, served)}, "
                         f"the regions that must carry a specialization")
        spent = sum(float(self.cost[t]) for _, t in chosen)
        if self.budget is not None and spent > self.budget + tol * max(1.0, self.budget):
            found.append(f"rule 3: the selection costs {spent:g} MAD million, "
                         f"above the budget of {self.budget:g}")
        for region, theme in sorted(self.lock_in - chosen):
            found.append(f"rule 4: lock_in {self.name(region)} → {theme} is not selected")
        for region, theme in sorted(self.lock_out & chosen):
            found.append(f"rule 4: lock_out {self.name(region)} → {theme} is selected")
        for region, theme in sorted(chosen - self.lock_in):
            s = _cell(self.strength, region, theme)
            if s < self.theta - tol:
                found.append(f"rule 5: region {self.name(region)} → {theme} has strength "
                             f"{s:.6g}, below min_strength {self.theta:g}, and is not locked in")
        return found


def resolve_rules(dataset: Dataset, scenario: Scenario) -> RuleSet:
    """The scenario's bounds, overrides and locks resolved against ``dataset`` (codes, ids)."""
    regions = dataset.region_codes
    themes = dataset.theme_ids
    default = scenario.default_bounds
    kmin = pd.Series(default.min, index=regions, dtype=int)
    kmax = pd.Series(default.max, index=regions, dtype=int)
    for reference, bounds in scenario.regions.items():
        if reference == "default":
            continue
        code = dataset.region_code(reference, key=f"regions.{reference}")
        kmin[code], kmax[code] = bounds.min, bounds.max
    cmin = dataset.themes["min"].astype(int).copy()
    cmax = dataset.themes["max"].astype(int).copy()
    cost = dataset.themes["cost"].astype(float).copy()
    for reference, override in scenario.themes.items():
        theme = dataset.theme_id(reference, key=f"themes.{reference}")
        if override.min is not None:
            cmin[theme] = override.min
        if override.max is not None:
            cmax[theme] = override.max
        if override.cost is not None:
            cost[theme] = override.cost

    def pairs(locks: Iterable[Any], key: str) -> frozenset[Pair]:
        return frozenset(
            (dataset.region_code(lock.region, key=f"{key}[{i}].region"),
             dataset.theme_id(lock.theme, key=f"{key}[{i}].theme"))
            for i, lock in enumerate(locks)
        )

    # a roadmap's announced openings are lock-ins with a year (docs/model.md §10)
    opened = scenario.phasing.opened if scenario.phasing is not None else []
    return RuleSet(
        regions=regions,
        themes=themes,
        strength=strength_table(dataset, scenario),
        need=need_index(dataset, scenario),
        population=dataset.regions["population"].astype(float),
        kmin=kmin,
        kmax=kmax,
        cmin=cmin,
        cmax=cmax,
        cost=cost,
        budget=scenario.budget,
        lock_in=pairs(scenario.lock_in, "lock_in") | pairs(opened, "phasing.opened"),
        lock_out=pairs(scenario.lock_out, "lock_out"),
        theta=float(scenario.min_strength),
        balance=float(scenario.balance),
        equity=float(scenario.equity),
        focus=int(scenario.balance_focus),
        region_names={str(c): str(n) for c, n in dataset.regions["region_name"].items()},
    )


# --------------------------------------------------------------------------- roadmap (§10)


@dataclass(frozen=True)
class Roadmap:
    """A scenario's ``phasing:`` rules resolved against a dataset (codes, ids, years)."""

    first: int
    last: int
    budgets: dict[int, float]
    max_openings: int | None
    first_by: int | None
    opened: dict[Pair, int]
    opened_regions: list[tuple[str, int]]
    as_of: int | None = None

    def history(self, year: int) -> bool:
        """A year up to ``as_of``: what opened then is the record, not a choice."""
        return self.as_of is not None and year <= self.as_of

    def early_opening(self, rules: RuleSet, schedule: Mapping[Pair, int]) -> float:
        """``δ (1/|R|) Σ s[r,t] (Y1 − y + 1) / (Y1 − Y0 + 1)`` over the scheduled pairs."""
        span = self.last - self.first + 1
        total = sum(float(rules.strength[t][r]) * (self.last - y + 1) / span
                    for (r, t), y in schedule.items())
        return EARLY * total / len(rules.regions)

    def violations(self, rules: RuleSet, schedule: Mapping[Pair, int], *,
                   tol: float = 1e-6) -> list[str]:
        """Every rule of §10 the schedule (pair → opening year) breaks, in words."""
        found: list[str] = []
        for (region, theme), year in sorted(schedule.items()):
            if not self.first <= year <= self.last:
                found.append(f"phasing: {rules.name(region)} → {theme} opens in {year}, "
                             f"outside {self.first}–{self.last}")
        for year in range(self.first, self.last + 1):
            now = [(r, t) for (r, t), y in schedule.items() if y == year]
            if self.history(year):  # no budget, no cap: only the record may open
                found += self._history_violations(rules, year, now)
                continue
            spent = sum(float(rules.cost[t]) for _, t in now)
            budget = self.budgets.get(year)
            if budget is not None and spent > budget + tol * max(1.0, budget):
                found.append(f"phasing: {year} spends {spent:g} MAD million, above its budget "
                             f"of {budget:g}")
            if self.max_openings is not None and len(now) > self.max_openings:
                found.append(f"phasing: {len(now)} openings in {year}, above the cap of "
                             f"{self.max_openings}")
        if self.first_by is not None:
            for region in rules.regions:
                if int(rules.kmin[region]) >= 1 and not any(
                        r == region and y <= self.first_by for (r, _), y in schedule.items()):
                    found.append(f"phasing: {rules.name(region)} has no institute open by "
                                 f"{self.first_by}")
        for (region, theme), year in sorted(self.opened.items()):
            if schedule.get((region, theme)) != year:
                found.append(f"phasing: {rules.name(region)} → {theme} is announced for {year}, "
                             f"the schedule says {schedule.get((region, theme))}")
        for region, year in self.opened_regions:
            if not any(r == region and y == year for (r, _), y in schedule.items()):
                found.append(f"phasing: {rules.name(region)} opens nothing in {year}, where an "
                             "institute is announced")
        return found

    def _history_violations(self, rules: RuleSet, year: int, now: list[Pair]) -> list[str]:
        """A history year holds its ``opened`` pairs and, per ``opened_regions`` entry of
        that region and year, exactly one more pair of that region; nothing else."""
        found: list[str] = []
        regions_of_year = {r for r, y in self.opened_regions if y == year}
        for region in sorted({r for r, _ in now} | regions_of_year):
            mine = [(r, t) for r, t in now if r == region]
            announced = [p for p in mine if self.opened.get(p) == year]
            others = len(mine) - len(announced)
            allowed = 1 if region in regions_of_year else 0
            if others != allowed:
                found.append(
                    f"phasing: {rules.name(region)} opens {others} unannounced theme(s) in "
                    f"{year}, a history year (as_of {self.as_of}) whose record says {allowed}")
        return found

    def by_year(self, rules: RuleSet, schedule: Mapping[Pair, int]) -> pd.DataFrame:
        """Per year: spending, openings, and by its end the regions served, mean fit and ``b``."""
        rows = []
        for year in range(self.first, self.last + 1):
            now = [(r, t) for (r, t), y in schedule.items() if y == year]
            so_far = [(r, t) for (r, t), y in schedule.items() if y <= year]
            fit = rules.fits(so_far)
            rows.append({"year": year, "spending": sum(float(rules.cost[t]) for _, t in now),
                         "openings": len(now), "regions_served": len({r for r, _ in so_far}),
                         "mean_fit": float(fit.mean()), "worst_mean": rules.worst_mean(fit)})
        return pd.DataFrame(rows).set_index("year")


def resolve_roadmap(dataset: Dataset, scenario: Scenario) -> Roadmap | None:
    """The scenario's ``phasing:`` block with codes and ids, or ``None`` without one."""
    phasing = scenario.phasing
    if phasing is None:
        return None
    first, last = int(phasing.years[0]), int(phasing.years[1])
    given = phasing.budget_per_year
    budgets: dict[int, float] = {}
    for year in range(first, last + 1):
        figure = given.get(year) if isinstance(given, dict) else given
        if figure is not None:
            budgets[year] = float(figure)
    return Roadmap(
        first=first, last=last, budgets=budgets, max_openings=phasing.max_openings_per_year,
        first_by=phasing.first_institute_by,
        opened={(dataset.region_code(o.region), dataset.theme_id(o.theme)): int(o.year)
                for o in phasing.opened},
        opened_regions=[(dataset.region_code(o.region), int(o.year))
                        for o in phasing.opened_regions],
        as_of=phasing.as_of,
    )


def check_schedule(schedule: Mapping[Pair, int], dataset: Dataset, scenario: Scenario, *,
                   tol: float = 1e-6) -> CheckReport:
    """Check a roadmap (``(region, theme) → year``) against every rule of the scenario.

    The scheduled pairs are checked as a selection (§3), then against §10; the objective is
    §3's plus the early-opening term.
    """
    roadmap = resolve_roadmap(dataset, scenario)
    report = check_selection(list(schedule), dataset, scenario, tol=tol)
    if roadmap is None:
        report.violations.append("phasing: the scenario has no phasing block")
        return report
    rules = resolve_rules(dataset, scenario)
    coded = {(dataset.region_code(str(r)), str(t)): int(y) for (r, t), y in schedule.items()}
    report.violations += roadmap.violations(rules, coded, tol=tol)
    report.objective += roadmap.early_opening(rules, coded)
    return report


# --------------------------------------------------------------------------- results (§4)


def gini(y: np.ndarray) -> float:
    """``Σ_i Σ_j |y_i - y_j| / (2 n² ȳ)``, 0 where ``ȳ = 0``."""
    mean = float(np.mean(y))
    if mean == 0:
        return 0.0
    return float(np.abs(y[:, None] - y[None, :]).sum() / (2 * len(y) ** 2 * mean))


def theil(y: np.ndarray) -> float:
    """``(1/n) Σ_i (y_i/ȳ) ln(y_i/ȳ)`` with ``0 · ln 0 = 0``, 0 where ``ȳ = 0``."""
    mean = float(np.mean(y))
    if mean == 0:
        return 0.0
    share = y / mean
    terms = [s * math.log(s) for s in share if s > 0]
    return float(sum(terms) / len(y))


def mean_absolute_deviation(y: np.ndarray) -> float:
    """``(1/n) Σ_i |y_i - ȳ|``."""
    return float(np.mean(np.abs(y - np.mean(y))))


def region_results(rules: RuleSet, selection: Iterable[Pair]) -> pd.DataFrame:
    """Per region: fit, best_fit, balance_score, investment, investment_per_capita, need."""
    pairs = list(selection)
    fit = rules.fits(pairs)
    best = rules.best_fit()
    investment = pd.Series(0.0, index=rules.regions)
    count = pd.Series(0, index=rules.regions)
    for region, theme in pairs:
        investment[region] += float(rules.cost[theme])
        count[region] += 1
    score = pd.Series(
        [100.0 * fit[r] / best[r] if best[r] > 0 else 0.0 for r in rules.regions],
        index=rules.regions,
    )
    return pd.DataFrame({
        "specializations": count,
        "fit": fit,
        "best_fit": best,
        "balance_score": score,
        "investment": investment,
        "investment_per_capita": 1e6 * investment / rules.population,
        "need": rules.need,
    })


def metrics_of(rules: RuleSet, table: pd.DataFrame) -> dict[str, float]:
    """The network metrics of docs/model.md §4 from a per-region table."""
    y = table["investment_per_capita"].to_numpy(dtype=float)
    covered = rules.population[table["specializations"] > 0].sum()
    return {
        "gini": gini(y),
        "theil": theil(y),
        "mad": mean_absolute_deviation(y),
        "coverage": float(covered / rules.population.sum()),
        "floor": rules.floor(table["fit"]),
        "worst_mean": rules.worst_mean(table["fit"]),
        "mean_fit": float(table["fit"].mean()),
        "mean_balance_score": float(table["balance_score"].mean()),
        "total_investment": float(table["investment"].sum()),
    }


# --------------------------------------------------------------------------- entry points


def check_selection(
    selection: Iterable[Pair], dataset: Dataset, scenario: Scenario, *, tol: float = 1e-6
) -> CheckReport:
    """Check the x=1 cells ``selection`` against every rule of ``scenario`` on ``dataset``.

    Regions may be given by code or name. The report carries the broken rules, the
    recomputed objective (with ``b`` at its best, rule 6), the per-region table and metrics.
    """
    rules = resolve_rules(dataset, scenario)
    pairs: list[Pair] = []
    problems: list[str] = []
    for region, theme in selection:
        try:
            pairs.append((dataset.region_code(str(region)), str(theme)))
        except InputError:
            problems.append(f"selection: unknown region {region!r}")
    problems += rules.violations(pairs, tol=tol)
    valid = list(dict.fromkeys(
        (r, t) for r, t in pairs if t in rules.strength.columns))
    table = region_results(rules, valid)
    return CheckReport(
        violations=problems,
        objective=rules.objective(valid),
        metrics=metrics_of(rules, table),
        regions=table,
    )


def check_plan(plan: Any, *, tol: float = 1e-6) -> CheckReport:
    """Check a solved plan's selection and compare every number it reports to a recomputation.

    An infeasible plan has nothing to check and fails with one violation saying so.
    """
    if plan.status == "infeasible":
        return CheckReport(violations=["status: the plan is infeasible; it has no selection "
                                       "to check"])
    assigned = plan.assignments[["region_code", "theme_id"]]
    selection = [(str(r), str(t)) for r, t in assigned.itertuples(index=False)]
    report = check_selection(selection, plan.dataset, plan.scenario, tol=tol)
    rules = resolve_rules(plan.dataset, plan.scenario)
    if plan.scenario.phasing is not None:
        report.violations += _check_roadmap(plan, rules, set(selection), report, tol)
    report.violations += _compare_number("objective", plan.objective, report.objective, tol)
    report.violations += _compare_regions(plan.regions, report.regions, rules, tol)
    report.violations += _compare_strength(plan.strength, rules.strength, tol)
    report.violations += _compare_assignments(plan.assignments, rules, tol)
    for name in METRIC_NAMES:
        report.violations += _compare_number(
            f"metric {name}", _metric(plan.metrics, name), report.metrics[name], tol)
    return report


def _cell(frame: pd.DataFrame, row: Any, column: Any) -> float:
    """One number of a table (pandas types ``.at`` as any scalar)."""
    value: Any = frame.at[row, column]
    return float(value)


def _close(reported: float, expected: float, tol: float) -> bool:
    return abs(reported - expected) <= tol * max(1.0, abs(expected))


def _compare_number(what: str, reported: Any, expected: float, tol: float) -> list[str]:
    if reported is None or not math.isfinite(float(reported)):
        return [f"{what}: the plan reports {reported!r}, the checker computes {expected:.9g}"]
    if _close(float(reported), expected, tol):
        return []
    return [f"{what}: the plan reports {float(reported):.9g}, the checker computes "
            f"{expected:.9g}"]


def _metric(metrics: Any, name: str) -> Any:
    if isinstance(metrics, Mapping):
        return metrics.get(name)
    try:
        return metrics[name]
    except (KeyError, TypeError):
        return getattr(metrics, name, None)


def _by_region(frame: pd.DataFrame) -> pd.DataFrame:
    if "region_code" in frame.columns:
        frame = frame.set_index("region_code")
    return frame.set_axis([str(c) for c in frame.index], axis=0)


def _compare_regions(
    reported: pd.DataFrame, expected: pd.DataFrame, rules: RuleSet, tol: float
) -> list[str]:
    table = _by_region(pd.DataFrame(reported))
    found: list[str] = []
    missing = set(rules.regions) - set(table.index)
    if missing:
        found.append(f"regions table: regions {sorted(missing)} are missing")
    for column in REGION_COLUMNS:
        if column not in table.columns:
            found.append(f"regions table: column {column!r} is missing")
            continue
        for region in rules.regions:
            if region in table.index:
                found += _compare_number(f"{column} of region {rules.name(region)}",
                                         table.at[region, column],
                                         _cell(expected, region, column), tol)
    if "specializations" in table.columns:
        for region in rules.regions:
            if region not in table.index:
                continue
            count = int(_cell(table, region, "specializations"))
            held = int(_cell(expected, region, "specializations"))
            if count != held:
                found.append(f"specializations of region {rules.name(region)}: the plan reports "
                             f"{count}, the assignments hold {held}")
    return found


def _compare_strength(reported: pd.DataFrame, expected: pd.DataFrame, tol: float) -> list[str]:
    table = _by_region(pd.DataFrame(reported))
    found: list[str] = []
    for theme in expected.columns:
        if theme not in table.columns:
            found.append(f"strength table: theme column {theme!r} is missing")
            continue
        for region in expected.index:
            if region not in table.index:
                found.append(f"strength table: region {region} is missing")
                break
            reported_value = _cell(table, region, theme)
            if not _close(reported_value, _cell(expected, region, theme), tol):
                found.append(f"strength of region {region} in {theme}: the plan reports "
                             f"{reported_value:.9g}, the checker computes "
                             f"{_cell(expected, region, theme):.9g}")
    return found


def _compare_assignments(assignments: pd.DataFrame, rules: RuleSet, tol: float) -> list[str]:
    found: list[str] = []
    for row in assignments.itertuples(index=False):
        region, theme = str(row.region_code), str(row.theme_id)
        if region not in rules.strength.index or theme not in rules.strength.columns:
            continue
        expected = _cell(rules.strength, region, theme)
        reported: Any = getattr(row, "strength", None)
        if reported is not None and not _close(float(reported), expected, tol):
            found.append(f"assignment {rules.name(region)} → {theme}: strength "
                         f"{float(reported):.9g}, the checker computes {expected:.9g}")
        if "locked" in assignments.columns:
            locked = (region, theme) in rules.lock_in
            if bool(row.locked) != locked:
                found.append(f"assignment {rules.name(region)} → {theme}: locked is "
                             f"{bool(row.locked)}, the scenario says {locked}")
    return found


def _check_roadmap(plan: Any, rules: RuleSet, selection: set[Pair], report: CheckReport,
                   tol: float) -> list[str]:
    """The plan's schedule against §10 and its assignments, and its year-by-year figures;
    adds the early-opening term to ``report.objective``."""
    roadmap = resolve_roadmap(plan.dataset, plan.scenario)
    assert roadmap is not None
    table = getattr(plan, "schedule", None)
    if table is None:
        return ["phasing: the scenario has a phasing block but the plan has no schedule"]
    schedule = {(str(row.region_code), str(row.theme_id)): int(row.year)
                for row in table.itertuples(index=False)}
    found: list[str] = []
    if len(schedule) != len(table):
        found.append("schedule: a specialization is scheduled more than once")
    if set(schedule) != selection:
        found.append(f"schedule: its pairs differ from the assignments "
                     f"(only scheduled: {sorted(set(schedule) - selection)}, only assigned: "
                     f"{sorted(selection - set(schedule))})")
    for row in table.itertuples(index=False):
        found += _compare_number(f"schedule cost of {rules.name(str(row.region_code))} → "
                                 f"{row.theme_id}", row.cost,
                                 float(rules.cost[str(row.theme_id)]), tol)
    found += roadmap.violations(rules, schedule, tol=tol)
    report.objective += roadmap.early_opening(rules, schedule)
    expected = roadmap.by_year(rules, schedule)
    reported = getattr(plan, "by_year", None)
    if reported is None or len(reported) != len(expected):
        return [*found, "by_year: the plan's table does not have one row per year"]
    expected_rows = expected.to_dict(orient="index")
    for row in pd.DataFrame(reported).to_dict(orient="records"):
        year = int(row["year"])
        for column, value in expected_rows.get(year, {}).items():
            found += _compare_number(f"by_year {column} of {year}", row.get(column),
                                     float(value), tol)
    return found
