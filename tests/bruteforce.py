"""Every feasible selection of a small instance, enumerated: the ground truth for the MILP.

For a roadmap (docs/model.md §10), every feasible selection is then given every way of
spreading its pairs over the years (:func:`best_schedule`), filtered on the yearly rules and
scored with the early-opening term on top (:func:`roadmap_values`, :func:`enumerate_roadmaps`).

Each region's options are the subsets of its open themes (rules 4-5: its lock_ins included,
no lock_out, no theme below min_strength unless locked in) with kmin … kmax elements; the
product of the regions' options is then filtered on the theme bounds and the budget (rules
2-3) and scored with the objective of docs/model.md §3 (revision 2), the balance term at its
best (rule 6). Vectorised with numpy: 4 regions x 5 themes with bounds 1-2 is 15⁴ ≈ 51 000
selections.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import combinations, product

import numpy as np

from jazari_planner.testing.checker import EARLY, TIE_BREAK, Pair, Roadmap, RuleSet

#: Refuse instances whose selections would not fit in memory comfortably.
MAX_SELECTIONS = 2_000_000


@dataclass(frozen=True)
class Enumeration:
    """All feasible selections of an instance with their objective and its terms.

    Selection ``n`` is region ``i`` taking ``options[i][choices[i, n]]``; ``balances`` is
    its balance term ``b``, ``floors`` its ``min f_r``, ``mean_fits`` its mean fit and
    ``efficiencies`` its need-weighted mean fit ``E``.
    """

    regions: list[str]
    options: list[list[tuple[str, ...]]]
    choices: np.ndarray
    objectives: np.ndarray
    floors: np.ndarray
    balances: np.ndarray
    mean_fits: np.ndarray
    efficiencies: np.ndarray

    def __len__(self) -> int:
        return len(self.objectives)

    @property
    def feasible(self) -> bool:
        return len(self) > 0

    def selection(self, n: int) -> list[Pair]:
        """The (region, theme) pairs of feasible selection ``n``."""
        return [(region, t) for i, region in enumerate(self.regions)
                for t in self.options[i][self.choices[i, n]]]

    @property
    def best_objective(self) -> float:
        return float(self.objectives.max())

    @property
    def best_floor(self) -> float:
        return float(self.floors.max())

    @property
    def best_balance(self) -> float:
        return float(self.balances.max())

    def best(self) -> list[Pair]:
        return self.selection(int(self.objectives.argmax()))


def region_options(rules: RuleSet, region: str) -> list[tuple[str, ...]]:
    """The theme sets ``region`` may carry on its own (rules 1, 4 and 5)."""
    forced = [t for t in rules.themes if (region, t) in rules.lock_in]
    free = [t for t in rules.themes
            if (region, t) not in rules.lock_in and rules.is_open(region, t)]
    if any((region, t) in rules.lock_out for t in forced):
        return []
    options = []
    for size in range(int(rules.kmin[region]), int(rules.kmax[region]) + 1):
        extra = size - len(forced)
        if extra < 0:
            continue
        options += [tuple(forced) + combo for combo in combinations(free, extra)]
    return options


def enumerate_selections(rules: RuleSet, *, tol: float = 1e-9,
                         epsilon: float = TIE_BREAK) -> Enumeration:
    """Every selection meeting rules 1-5, scored; raises if the instance is too large.

    ``epsilon`` is the tie-break's weight (``epsilon=0`` with ``rules.focus == 1`` scores
    with revision 1's objective).
    """
    per_region = [region_options(rules, r) for r in rules.regions]
    count = int(np.prod([len(o) for o in per_region], dtype=np.float64))
    if count > MAX_SELECTIONS:
        raise ValueError(f"{count} selections: too many to enumerate")
    if count == 0:
        return Enumeration(rules.regions, per_region, np.empty((len(per_region), 0), dtype=int),
                           np.empty(0), np.empty(0), np.empty(0), np.empty(0), np.empty(0))
    theme_index = {t: j for j, t in enumerate(rules.themes)}
    grid = np.indices([len(o) for o in per_region]).reshape(len(per_region), -1)
    fits = np.zeros((grid.shape[1], len(rules.regions)))
    counts = np.zeros((grid.shape[1], len(rules.themes)), dtype=int)
    costs = np.zeros(grid.shape[1])
    for i, (region, options) in enumerate(zip(rules.regions, per_region, strict=True)):
        option_fit = np.array([sum(float(rules.strength.at[region, t]) for t in o)
                               for o in options])
        option_cost = np.array([sum(float(rules.cost[t]) for t in o) for o in options])
        option_count = np.zeros((len(options), len(rules.themes)), dtype=int)
        for k, option in enumerate(options):
            for t in option:
                option_count[k, theme_index[t]] += 1
        fits[:, i] = option_fit[grid[i]]
        costs += option_cost[grid[i]]
        counts += option_count[grid[i]]
    ok = ((counts >= rules.cmin.to_numpy()) & (counts <= rules.cmax.to_numpy())).all(axis=1)
    if rules.budget is not None:
        ok &= costs <= rules.budget + tol * max(1.0, rules.budget)
    weights = 1.0 + rules.equity * rules.need.to_numpy()
    average = (fits * weights).sum(axis=1) / len(rules.regions)
    bound = (rules.kmin >= 1).to_numpy()
    worst_first = np.sort(fits[:, bound], axis=1)
    floors = worst_first[:, 0] if bound.any() else np.zeros(len(fits))
    balances = (worst_first[:, :rules.focus].mean(axis=1) if bound.any()
                else np.zeros(len(fits)))
    mean_fits = fits.mean(axis=1)
    objectives = ((1.0 - rules.balance) * average + rules.balance * balances
                  + epsilon * mean_fits)
    return Enumeration(rules.regions, per_region, grid[:, ok], objectives[ok], floors[ok],
                       balances[ok], mean_fits[ok], average[ok])


def pareto_points(enumeration: Enumeration, *, tol: float = 1e-9) -> list[tuple[float, float]]:
    """The distinct ``(E, b)`` that no feasible selection beats on both, most efficient first.

    Sorted by ``E`` then ``b`` (both falling), a point is kept when its ``b`` exceeds every
    ``b`` kept before it: what it gives up in ``E`` it gains in ``b``.
    """
    order = np.lexsort((-enumeration.balances, -enumeration.efficiencies))
    front: list[tuple[float, float]] = []
    for n in order:
        e, b = float(enumeration.efficiencies[n]), float(enumeration.balances[n])
        if not front or b > front[-1][1] + tol:
            front.append((e, b))
    return front


def epsilon_constraint(enumeration: Enumeration, points: int, *, epsilon: float = TIE_BREAK,
                       tol: float = 1e-9) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """docs/model.md §7 steps 1-2 on the enumeration: the levels and each level's ``(E, b)``.

    ``E*`` maximizes ``E + ε·b`` (balance ``b_lo``), ``b*`` maximizes ``b + ε·E``; level
    ``e_i`` (``points`` of them, ``b_lo`` to ``b*``) takes the selection maximizing
    ``E + ε·b`` among those with ``b ≥ e_i``.
    """
    e, b = enumeration.efficiencies, enumeration.balances
    b_lo = float(b[int(np.argmax(e + epsilon * b))])
    b_star = float(b[int(np.argmax(b + epsilon * e))])
    levels = np.linspace(b_lo, b_star, points)
    found = []
    for level in levels:
        score = np.where(b >= level - tol, e + epsilon * b, -np.inf)
        n = int(np.argmax(score))
        found.append((float(e[n]), float(b[n])))
    return levels, found


def better_neighbour(rules: RuleSet, selection: list[Pair], *, tol: float = 1e-7
                     ) -> tuple[list[Pair], float] | None:
    """A feasible selection one change away (add, drop or swap one cell) that scores higher.

    ``None`` is a solver-independent certificate that ``selection`` is locally optimal; used
    where the instance is too large to enumerate (the 12 real regions).
    """
    chosen = set(selection)
    base = rules.objective(chosen)
    cells = [(r, t) for r in rules.regions for t in rules.themes if rules.is_open(r, t)]
    neighbours: list[set[Pair]] = [chosen | {cell} for cell in cells if cell not in chosen]
    neighbours += [chosen - {cell} for cell in chosen]
    neighbours += [(chosen - {old}) | {(old[0], t)} for old in chosen for t in rules.themes
                   if (old[0], t) not in chosen and rules.is_open(old[0], t)]
    for candidate in neighbours:
        if _meets_rules(rules, candidate):
            score = rules.objective(candidate)
            if score > base + tol:
                return sorted(candidate), score
    return None


def _meets_rules(rules: RuleSet, chosen: set[Pair]) -> bool:
    """Rules 1-4 on a selection of open cells (rule 5 holds by construction)."""
    if not rules.lock_in <= chosen or rules.lock_out & chosen:
        return False
    per_region = dict.fromkeys(rules.regions, 0)
    per_theme = dict.fromkeys(rules.themes, 0)
    for region, theme in chosen:
        per_region[region] += 1
        per_theme[theme] += 1
    if any(not rules.kmin[r] <= n <= rules.kmax[r] for r, n in per_region.items()):
        return False
    if any(not rules.cmin[t] <= n <= rules.cmax[t] for t, n in per_theme.items()):
        return False
    spent = sum(float(rules.cost[t]) for _, t in chosen)
    return rules.budget is None or spent <= rules.budget + 1e-9 * max(1.0, rules.budget)


# --------------------------------------------------------------------------- roadmaps (§10)

#: Refuse selections whose year assignments would be too many to enumerate.
MAX_SCHEDULES = 200_000


@dataclass(frozen=True)
class BestRoadmap:
    """The best roadmap of an instance (``None`` when no selection can be scheduled)."""

    objective: float | None
    schedule: dict[Pair, int] | None

    @property
    def feasible(self) -> bool:
        return self.schedule is not None


def best_schedule(rules: RuleSet, roadmap: Roadmap, pairs: list[Pair], *, tol: float = 1e-9
                  ) -> tuple[float, dict[Pair, int]] | None:
    """The best way to spread ``pairs`` over the years (§10): its early-opening term and the
    year of each pair, or ``None`` when no spread keeps every yearly rule."""
    years = np.arange(roadmap.first, roadmap.last + 1)
    span = len(years)
    if span ** len(pairs) > MAX_SCHEDULES:
        raise ValueError(f"{span ** len(pairs)} schedules: too many to enumerate")
    grid = np.array(list(product(range(span), repeat=len(pairs))), dtype=int).reshape(
        -1, len(pairs))
    onehot = grid[:, :, None] == np.arange(span)[None, None, :]
    cost = np.array([float(rules.cost[t]) for _, t in pairs])
    ok = np.ones(len(grid), dtype=bool)
    spend = (onehot * cost[None, :, None]).sum(axis=1)
    history = np.array([roadmap.as_of is not None and int(y) <= roadmap.as_of for y in years])
    for k, year in enumerate(years):
        budget = roadmap.budgets.get(int(year))
        if budget is not None and not history[k]:  # history's budgets are not enforced
            ok &= spend[:, k] <= budget + tol * max(1.0, budget)
    if roadmap.max_openings is not None:
        ok &= (onehot.sum(axis=1)[:, ~history] <= roadmap.max_openings).all(axis=1)
    index = {pair: k for k, pair in enumerate(pairs)}
    if roadmap.first_by is not None:
        for region in rules.regions:
            if int(rules.kmin[region]) >= 1:
                mine = [k for k, (r, _) in enumerate(pairs) if r == region]
                ok &= (grid[:, mine] <= roadmap.first_by - roadmap.first).any(axis=1)
    for pair, year in roadmap.opened.items():
        if pair not in index:
            ok[:] = False
        else:
            ok &= grid[:, index[pair]] == year - roadmap.first
    for region, year in roadmap.opened_regions:
        mine = [k for k, (r, _) in enumerate(pairs) if r == region]
        ok &= onehot[:, mine, year - roadmap.first].any(axis=1)
    for k in np.flatnonzero(history):  # a history year holds its record only
        year = int(years[k])
        for region in {r for r, _ in pairs}:
            mine = [i for i, (r, t) in enumerate(pairs) if r == region
                    and roadmap.opened.get((r, t)) != year]
            record = int((region, year) in set(roadmap.opened_regions))
            ok &= onehot[:, mine, k].sum(axis=1) == record
    if not ok.any():
        return None
    strength = np.array([float(rules.strength.at[r, t]) for r, t in pairs])
    early = EARLY * (strength[None, :] * (span - grid) / span).sum(axis=1) / len(rules.regions)
    early = np.where(ok, early, -np.inf)
    k = int(early.argmax())
    return float(early[k]), {pair: int(years[grid[k, i]]) for i, pair in enumerate(pairs)}


def roadmap_values(rules: RuleSet, roadmap: Roadmap, truth: Enumeration, *,
                   tol: float = 1e-9) -> np.ndarray:
    """Each selection of ``truth`` scored as a roadmap: its objective ``z`` plus its best
    schedule's early-opening term; ``-inf`` where no schedule keeps the yearly rules."""
    values = np.full(len(truth), -np.inf)
    for n in range(len(truth)):
        best = best_schedule(rules, roadmap, truth.selection(n), tol=tol)
        if best is not None:
            values[n] = truth.objectives[n] + best[0]
    return values


def enumerate_roadmaps(rules: RuleSet, roadmap: Roadmap, *, tol: float = 1e-9) -> BestRoadmap:
    """The best of every feasible selection scheduled every feasible way (§3 and §10)."""
    truth = enumerate_selections(rules, tol=tol)
    values = roadmap_values(rules, roadmap, truth, tol=tol)
    if not np.isfinite(values).any():
        return BestRoadmap(None, None)
    n = int(values.argmax())
    found = best_schedule(rules, roadmap, truth.selection(n), tol=tol)
    assert found is not None
    return BestRoadmap(float(values[n]), found[1])


def better_phased_neighbour(rules: RuleSet, roadmap: Roadmap, schedule: Mapping[Pair, int], *,
                            tol: float = 1e-7) -> tuple[dict[Pair, int], float] | None:
    """A feasible roadmap one change away that scores higher: a pair added (in any year),
    dropped, moved to another year, or swapped for another theme of its region (any year).

    ``None`` certifies that ``schedule`` is locally optimal, independently of any solver.
    """
    current = dict(schedule)

    def score(candidate: dict[Pair, int]) -> float:
        return rules.objective(candidate) + roadmap.early_opening(rules, candidate)

    base = score(current)
    years = range(roadmap.first, roadmap.last + 1)
    cells = [(r, t) for r in rules.regions for t in rules.themes if rules.is_open(r, t)]
    neighbours: list[dict[Pair, int]] = []
    for cell in cells:
        if cell not in current:
            neighbours += [{**current, cell: y} for y in years]
    for cell in current:
        rest = {c: y for c, y in current.items() if c != cell}
        neighbours.append(rest)
        neighbours += [{**rest, cell: y} for y in years if y != current[cell]]
        for theme in rules.themes:
            other = (cell[0], theme)
            if other not in current and rules.is_open(*other):
                neighbours += [{**rest, other: y} for y in years]
    for candidate in neighbours:
        if _meets_rules(rules, set(candidate)) and not roadmap.violations(rules, candidate):
            value = score(candidate)
            if value > base + tol:
                return candidate, value
    return None
