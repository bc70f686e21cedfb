"""A scenario's MILP loaded in HiGHS once, to be changed in place by the analyses that
re-solve it many times (the robustness sweep, the stability intervals).

Built with every closure dropped (an analysis closes pairs through the columns' bounds), it
keeps the handles those analyses change: the ``x[r,t]`` columns in region × theme order,
each region's balance row, and a roadmap's ``o[r,t,y]`` columns with where each sits in
region × theme × year. :meth:`InPlaceModel.set_strength` writes the terms that follow the
strengths, so a changed strength reaches every coefficient it appears in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..optimization import objective as obj
from ..optimization._highs_fast import BatchHiGHS
from ..optimization.builder import ScenarioModel, build_model, every_closure
from ..optimization.model import ModelInputs, balance_row_name
from ..optimization.phasing import PhasingInputs
from ..optimization.solvers import HIGHS_THREADS, SolverOptions

__all__ = ["InPlaceModel", "in_place_model"]


@dataclass(frozen=True, eq=False)
class InPlaceModel:
    """The loaded model (``highs``), the PuLP model it came from (``built``) and its handles."""

    built: ScenarioModel
    highs: Any
    #: the x[r,t] columns, region × theme order ...
    columns: NDArray[np.int32]
    #: ... of this many regions and themes
    shape: tuple[int, int]
    #: (region's position, its balance row), for the regions that have one
    balance_rows: list[tuple[int, int]]
    #: a roadmap's o[r,t,y] columns (none without one) ...
    opens: NDArray[np.int32]
    #: ... and the position of each in region × theme × year (a history year, before a
    #: roadmap's as_of, has columns only for what its record may open)
    open_at: NDArray[np.int64]

    def set_strength(self, strength: NDArray[np.float64], phasing: PhasingInputs | None
                     ) -> None:
        """Write ``strength`` where the model has it besides the x columns' costs: a
        roadmap's early-opening costs of the o columns, and each balance row's coefficients."""
        highs = self.highs
        if phasing is not None:
            early = obj.opening_weights(strength, first_year=phasing.first_year,
                                        last_year=phasing.last_year)
            highs.changeColsCost(len(self.opens), self.opens, -early.ravel()[self.open_at])
        themes = strength.shape[1]
        for i, row in self.balance_rows:
            for j in range(themes):
                highs.changeCoeff(row, int(self.columns[i * themes + j]), float(strength[i, j]))

    def opening_years(self, solution: NDArray[np.float64], phasing: PhasingInputs
                      ) -> NDArray[np.int64]:
        """The schedule in ``solution`` (HiGHS's column values): each cell's opening year,
        region × theme, 0 where it does not open."""
        flat = np.zeros(len(self.columns) * len(phasing.years), dtype=bool)
        flat[self.open_at] = solution[self.opens] > 0.5
        opened = flat.reshape(*self.shape, len(phasing.years))
        return np.where(opened.any(axis=2), phasing.first_year + opened.argmax(axis=2),
                        0).astype(np.int64)

    def start_values(self, year: NDArray[np.int64], phasing: PhasingInputs | None
                     ) -> list[tuple[int, float]]:
        """The columns' values of the schedule ``year`` (region × theme opening years, 0: not
        chosen), as a MIP start: each ``x[r,t]``, and a roadmap's ``o[r,t,y]``."""
        flat = year.ravel()
        values = [(int(c), float(flat[k] > 0)) for k, c in enumerate(self.columns)]
        if phasing is not None:
            wanted = (flat[:, None] == np.array(list(phasing.years))[None, :]).ravel()
            values += [(int(c), float(wanted[k])) for k, c in zip(
                self.open_at.tolist(), self.opens.tolist(), strict=True)]
        return values


def in_place_model(inputs: ModelInputs, phasing: PhasingInputs | None,
                   options: SolverOptions) -> InPlaceModel:
    """``inputs``' model (a roadmap's with ``phasing``), every closure dropped, in HiGHS."""
    built = build_model(inputs, phasing, drop=every_closure(inputs))
    model = built.model
    # restarts kept: samples of one model changed in place are faster with them
    # (optimization/_highs_fast.py says by how much)
    solver = BatchHiGHS(msg=False, timeLimit=options.time_limit, gapRel=options.mip_gap,
                        threads=HIGHS_THREADS, restart=True)
    solver.createAndConfigureSolver(model.problem)
    solver.buildSolverModel(model.problem)
    columns = np.array([model.x[r, t].index for r in inputs.regions for t in inputs.themes],
                       dtype=np.int32)
    rows = ((i, model.problem.get_constraint_by_name(balance_row_name(r)))
            for i, r in enumerate(inputs.regions))
    opens = np.zeros(0, dtype=np.int32)
    open_at = np.zeros(0, dtype=np.int64)
    if phasing is not None and built.phased is not None:
        present = [(k, built.phased.opens[cell].index) for k, cell in enumerate(
            (r, t, y) for r in inputs.regions for t in inputs.themes for y in phasing.years)
            if cell in built.phased.opens]
        open_at = np.array([k for k, _ in present], dtype=np.int64)
        opens = np.array([c for _, c in present], dtype=np.int32)
    return InPlaceModel(built=built, highs=model.problem.solverModel, columns=columns,
                        shape=(len(inputs.regions), len(inputs.themes)),
                        balance_rows=[(i, row.index) for i, row in rows if row is not None],
                        opens=opens, open_at=open_at)
