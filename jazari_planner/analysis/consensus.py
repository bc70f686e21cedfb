"""Many voices, one plan: the stakeholders' consensus of docs/model.md §11.

Each stakeholder ``j`` weighs the groups its own way (and may set its own ``balance``,
``balance_focus``, ``equity``); everything else is the scenario's, including which cells
rule 5 closes (the scenario's own strengths against ``min_strength``), so every party
chooses among the same plans. Its own optimum ``z_j*`` is a solve of the scenario's model
on its strengths; its regret of a plan ``x`` is ``ρ_j = (z_j* − O_j(x)) / |z_j*|``.

The consensus is one MILP: the scenario's own model
(:func:`~jazari_planner.optimization.builder.build_model`,
with the roadmap of §10 when there is one) plus, per stakeholder, its own balance variables
``τ_j, u_{r,j}`` and rows ``f^j_r + u_{r,j} − τ_j ≥ 0``, its objective ``O_j`` as a linear
expression, a regret variable ``ρ_j ≥ (z_j* − O_j)/|z_j*|`` and ``ρ ≥ ρ_j``. It is solved
twice, lexicographically: the least ``ρ`` (minimax relative regret, Kouvelis & Yu 1997),
then, with ``ρ`` held at that optimum (plus the solver's feasibility tolerance), the least
mean regret. The regrets reported are recomputed from the chosen cells, not read from the
solver's variables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pulp

from ..common.errors import InfeasibleError, InputError
from ..data.dataset import STRENGTH_GROUPS, Dataset
from ..inputs.resolve import build_inputs, dataset_for, phasing_inputs
from ..optimization import objective as obj
from ..optimization.builder import ScenarioModel, build_model
from ..optimization.model import Cell, ModelInputs
from ..optimization.phasing import PhasingInputs, opening_years, plan_value
from ..optimization.solvers import solve_model
from ..results.plan import Plan, plan_from_result, solve
from ..scenario.checks import check_against
from ..scenario.schema import Scenario, Stakeholder
from ..scenario.validation import ensure_valid
from ..scoring import strengths as scoring

if TYPE_CHECKING:
    import folium
    from matplotlib.figure import Figure

__all__ = ["REGRET_COLUMNS", "Consensus", "consensus", "regret_of"]

#: The columns of :attr:`Consensus.regret` (and of ``consensus.csv``), in order.
REGRET_COLUMNS = ["stakeholder", "economic", "academic", "infrastructure", "balance",
                  "balance_focus", "equity", "own_optimum", "consensus_objective", "regret",
                  "own_pairs", "status"]

#: ``ρ`` may exceed its first-stage optimum by this much in the second stage: HiGHS's own
#: primal feasibility tolerance, so the first stage's plan stays feasible despite rounding.
_SLACK = 1e-7

#: ``progress(done, total)`` after each solve.
Progress = Callable[[int, int], None]


@dataclass(frozen=True, eq=False)
class Party:
    """One stakeholder as the model sees it: its scenario, inputs and own optimum."""

    stakeholder: Stakeholder
    scenario: Scenario
    inputs: ModelInputs
    plan: Plan

    @property
    def optimum(self) -> float:
        """``z_j*``: its own plan's objective."""
        return float(self.plan.objective or 0.0)

    @property
    def scale(self) -> float:
        """What a regret is divided by: ``|z_j*|``, or 1 where ``z_j* = 0``."""
        return abs(self.optimum) or 1.0


@dataclass(frozen=True, eq=False)
class Consensus:
    """The consensus plan of a scenario's stakeholders and what each of them gives up.

    ``plan`` is a plan of the scenario (maps, exports and analyses work on it);
    ``max_regret`` is ``ρ``, the largest relative regret (a fraction), ``mean_regret`` the
    mean; ``regret`` has a row per stakeholder (:data:`REGRET_COLUMNS`): its weights and
    parameters, its own optimum ``z_j*``, its objective under the consensus ``O_j``, its
    regret ``ρ_j``, its own plan's pairs; ``plans`` each stakeholder's own plan by name;
    ``agreed`` the pairs in every stakeholder's plan, ``contested`` those in some but not all.
    """

    scenario: Scenario
    plan: Plan
    plans: dict[str, Plan]
    regret: pd.DataFrame
    max_regret: float
    mean_regret: float
    agreed: list[Cell]
    contested: list[Cell]

    def plot(self, **options: Any) -> Figure:
        """Each stakeholder's regret as a bar, the worst marked (matplotlib)."""
        from ..presentation.consensus_figure import plot_regret

        return plot_regret(self, **options)

    def to_map(self, **options: Any) -> folium.Map:
        """The consensus on the interactive map, its pairs marked agreed or contested."""
        from ..presentation.consensus_figure import consensus_map

        return consensus_map(self, **options)

    def __repr__(self) -> str:
        return (f"Consensus({self.scenario.name!r}: {len(self.plans)} stakeholders, "
                f"max regret {self.max_regret:.2%}, mean {self.mean_regret:.2%}, "
                f"{len(self.plan.cells)} pairs, {self.plan.status})")


def consensus(scenario: Scenario, data: Dataset | None = None, *,
              progress: Progress | None = None) -> Consensus:
    """The plan of least worst relative regret among the scenario's ``stakeholders``, then
    of least mean regret (docs/model.md §11), with each stakeholder's own plan.

    One solve per stakeholder (its own optimum), then two of the consensus MILP;
    ``progress(done, total)`` after each. Raises :class:`InputError` when the scenario lists
    no stakeholders, :class:`InfeasibleError` (with the colliding rules) when it has no plan.

    Parameters
    ----------
    scenario : Scenario
        Weights, rules and its ``stakeholders:`` list (2 to 12 parties).
    data : Dataset, optional
        Default: the scenario's data files, else the embedded data.
    progress : callable, optional
        ``progress(done, total)``, after each solve.

    Returns
    -------
    Consensus
        ``.plan`` (a full :class:`Plan`), ``.max_regret`` (``ρ``), ``.mean_regret``,
        ``.regret`` (a row per stakeholder), ``.plans`` (each party's own), ``.agreed``,
        ``.contested``, ``.plot()``, ``.to_map()``.

    Raises
    ------
    InputError
        When the scenario lists no stakeholders, or for bad input.
    InfeasibleError
        With the colliding rules, when the scenario has no plan.
    """
    ensure_valid(scenario)
    if not scenario.stakeholders:
        raise InputError("the scenario lists no stakeholders", key="stakeholders",
                         source=str(scenario.path) if scenario.path else "scenario",
                         fix="add a `stakeholders:` list of 2 to 12 parties, each "
                             "`- {name: …, weights: {economic: …, academic: …, "
                             "infrastructure: …}}`")
    dataset = dataset_for(scenario, data)
    check_against(scenario, dataset)
    base = build_inputs(dataset, scenario)
    phasing = phasing_inputs(dataset, scenario)
    need = scoring.need_index(dataset, scenario)
    total = len(scenario.stakeholders) + 2
    parties: list[Party] = []
    for index, stakeholder in enumerate(scenario.stakeholders):
        parties.append(_party(scenario, dataset, base, phasing, stakeholder, need,
                              known=[party.plan for party in parties]))
        _report(progress, index + 1, total)
    if not parties[0].plan.feasible:
        plan = solve(scenario, dataset)
        raise InfeasibleError(f"scenario {scenario.name!r} is infeasible: there is no plan "
                              "for its stakeholders to agree on", rules=plan.diagnosis)
    built = build_model(base, phasing, name=f"{scenario.name} consensus")
    worst, regrets = _regret_terms(built, parties, phasing)
    model = built.model
    model.set_objective(-1.0 * worst)
    # a roadmap's consensus starts from the party's own plan that leaves the least worst regret
    start = None if phasing is None else min(
        (party.plan for party in parties if party.plan.feasible),
        key=lambda plan: max((p.optimum - _objective(p.inputs, plan.cells, plan.opening,
                                                     phasing)) / p.scale for p in parties))
    first = solve_model(model, scenario.solver, start_is_plan=start is not None,
                        start=None if start is None else built.start(start.cells, start.opening))
    _report(progress, total - 1, total)
    if first.status == "infeasible":  # cannot happen: every party's own plan is feasible
        raise RuntimeError("the consensus model lost the scenario's plans")
    cap = max(pulp.value(worst), max(regret_of(parties, first.selection, built, phasing)))
    model.problem.addConstraint(worst <= cap + _SLACK * max(1.0, abs(cap)),
                                name="consensus_worst_regret")
    model.set_objective(-1.0 / len(regrets) * pulp.lpSum(regrets))
    # ... and its second solve from the first's plan, which meets the cap
    second = solve_model(model, scenario.solver, start_is_plan=phasing is not None,
                         start=None if phasing is None else built.start(first.selection,
                                                                        built.opening()))
    _report(progress, total, total)
    result = second if second.status != "infeasible" else first
    proven = first.status == result.status == "optimal"
    result = replace(result, status="optimal" if proven else "feasible",
                     gap=result.gap if proven else (first.gap or result.gap),
                     seconds=first.seconds + result.seconds)
    strength = pd.DataFrame(base.strength, index=dataset.regions.index,
                            columns=dataset.themes.index)
    plan = plan_from_result(scenario, dataset, base, result, strength=strength, need=need,
                            model=built)
    return _consensus(scenario, plan, parties, built, phasing)


def _party(scenario: Scenario, dataset: Dataset, base: ModelInputs,
           phasing: PhasingInputs | None, stakeholder: Stakeholder, need: pd.Series, *,
           known: list[Plan]) -> Party:
    """A stakeholder's scenario, inputs and own plan: its strengths and parameters, the
    scenario's rules and closures (a cell rule 5 closes for the scenario is locked out).

    Every party has the same rules, so the ``known`` plans (the parties' before it) are plans
    of its model: a roadmap's solve starts from the best of them on the party's numbers."""
    seen = scenario.as_stakeholder(stakeholder)
    strength = scoring.strength(dataset, seen)
    closed = {(r, t) for i, r in enumerate(base.regions) for j, t in enumerate(base.themes)
              if not base.is_open(i, j)}
    inputs = replace(
        base,
        strength=strength.reindex(index=dataset.regions.index,
                                  columns=dataset.themes.index).to_numpy(dtype=float),
        balance=seen.balance, equity=seen.equity, balance_focus=seen.balance_focus,
        min_strength=0.0, lock_out=base.lock_out | frozenset(closed))
    built = build_model(inputs, phasing, name=seen.name)
    plans = [plan for plan in known if plan.feasible]
    start = None if phasing is None or not plans else max(
        plans, key=lambda plan: _objective(inputs, plan.cells, plan.opening, phasing))
    result = solve_model(built.model, scenario.solver, start_is_plan=start is not None,
                         start=None if start is None else built.start(start.cells, start.opening))
    plan = plan_from_result(seen, dataset, inputs, result, strength=strength, need=need,
                            model=built)
    return Party(stakeholder, seen, inputs, plan)


def _objective(inputs: ModelInputs, selection: Iterable[Cell], opening: Mapping[Cell, int],
               phasing: PhasingInputs | None) -> float:
    """A plan's objective with a party's ``inputs``: §3's of the ``selection``, plus with a
    roadmap the early-opening term of its schedule ``opening``."""
    return plan_value(inputs, inputs.chosen(selection), opening_years(inputs, opening), phasing)


def _regret_terms(built: ScenarioModel, parties: list[Party], phasing: PhasingInputs | None
                  ) -> tuple[pulp.LpVariable, list[pulp.LpVariable]]:
    """Add each party's balance variables, objective and regret to the scenario's model;
    return ``ρ`` and the ``ρ_j``."""
    model = built.model
    problem = model.problem
    worst = problem.add_variable("consensus_rho")
    regrets: list[pulp.LpVariable] = []
    for j, party in enumerate(parties):
        inputs = party.inputs
        s = inputs.strength
        weights = obj.fit_weights(inputs.need, balance=inputs.balance,
                                  equity=inputs.equity)[:, None] * s
        terms = [(model.x[r, t], float(weights[a, b])) for a, r in enumerate(inputs.regions)
                 for b, t in enumerate(inputs.themes) if weights[a, b] != 0]
        served = [(a, r) for a, r in enumerate(inputs.regions) if inputs.served[a]]
        if served and inputs.balance != 0:
            reach = float(max(inputs.kmax[a] for a, _ in served))
            tau = problem.add_variable(f"consensus_tau_{j}", lowBound=0, upBound=reach)
            share = 1.0 / inputs.balance_focus
            terms.append((tau, inputs.balance))
            for a, region in served:
                row = pulp.LpAffineExpression(
                    [(model.x[region, t], float(s[a, b])) for b, t in enumerate(inputs.themes)
                     if s[a, b] != 0])
                if inputs.balance_focus > 1:
                    u = problem.add_variable(f"consensus_u_{j}_{a}", lowBound=0)
                    row.addterm(u, 1.0)
                    terms.append((u, -inputs.balance * share))
                row.addterm(tau, -1.0)
                problem.addConstraint(row >= 0, name=f"consensus_balance_{j}_{a}")
        if phasing is not None and built.phased is not None:
            early = obj.opening_weights(s, first_year=phasing.first_year,
                                        last_year=phasing.last_year)
            index = {r: a for a, r in enumerate(inputs.regions)}
            themes = {t: b for b, t in enumerate(inputs.themes)}
            terms += [(var, float(early[index[r], themes[t], y - phasing.first_year]))
                      for (r, t, y), var in built.phased.opens.items()]
        value = pulp.LpAffineExpression(terms)
        regret = problem.add_variable(f"consensus_regret_{j}")
        # ρ_j ≥ (z_j* − O_j)/|z_j*|, written |z_j*| ρ_j + O_j ≥ z_j*
        problem.addConstraint(party.scale * regret + value >= party.optimum,
                              name=f"consensus_regret_{j}")
        problem.addConstraint(worst - regret >= 0, name=f"consensus_worst_{j}")
        regrets.append(regret)
    return worst, regrets


def _value(party: Party, selection: frozenset[Cell] | set[Cell], built: ScenarioModel,
           phasing: PhasingInputs | None) -> float:
    """``O_j`` of the chosen cells (with a roadmap, of the model's schedule too)."""
    return _objective(party.inputs, selection, built.opening(), phasing)


def regret_of(parties: list[Party], selection: frozenset[Cell] | set[Cell],
              built: ScenarioModel, phasing: PhasingInputs | None = None) -> list[float]:
    """Each party's relative regret ``(z_j* − O_j)/|z_j*|`` of a solved plan of ``built``."""
    return [(p.optimum - _value(p, selection, built, phasing)) / p.scale for p in parties]


def _consensus(scenario: Scenario, plan: Plan, parties: list[Party], built: ScenarioModel,
               phasing: PhasingInputs | None) -> Consensus:
    chosen = frozenset(plan.cells)
    regrets = regret_of(parties, chosen, built, phasing)
    own = [set(p.plan.cells) for p in parties]
    everyone = set.intersection(*own)
    anyone = set.union(*own)
    order = {cell: k for k, cell in enumerate(
        (r, t) for r in plan.inputs.regions for t in plan.inputs.themes)}
    rows = []
    for party, regret in zip(parties, regrets, strict=True):
        seen = party.scenario
        rows.append({
            "stakeholder": party.stakeholder.name,
            **{g: float(seen.weights.get(g, 0.0)) for g in STRENGTH_GROUPS},  # type: ignore[call-overload]
            "balance": seen.balance, "balance_focus": seen.balance_focus,
            "equity": seen.equity, "own_optimum": party.optimum,
            "consensus_objective": party.optimum - regret * party.scale, "regret": regret,
            "own_pairs": "; ".join(f"{plan.dataset.region_name(r)} → {t}" for r, t in
                                   sorted(party.plan.cells, key=order.__getitem__)),
            "status": party.plan.status,
        })
    table = pd.DataFrame(rows, columns=REGRET_COLUMNS)
    return Consensus(
        scenario=scenario, plan=plan, plans={p.stakeholder.name: p.plan for p in parties},
        regret=table, max_regret=float(np.max(regrets)), mean_regret=float(np.mean(regrets)),
        agreed=sorted(everyone, key=order.__getitem__),
        contested=sorted(anyone - everyone, key=order.__getitem__))


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)
