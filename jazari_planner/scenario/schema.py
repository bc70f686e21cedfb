"""A scenario: the planner's weights and rules (docs/model.md §5), validated by pydantic.

Every field but ``name`` has a default, documented on the field. Region and theme names are
checked against a dataset later, by :func:`jazari_planner.solve`, since a scenario may be
written before its data is chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    field_serializer,
    field_validator,
    model_validator,
)

from ..optimization.solvers import MAX_TIME_LIMIT as MAX_TIME_LIMIT
from ..optimization.solvers import SolverOptions

__all__ = [
    "Bounds",
    "DataPaths",
    "Lock",
    "Opening",
    "Phasing",
    "RegionOpening",
    "Scenario",
    "SolverOptions",
    "Stakeholder",
    "ThemeOverride",
]


#: The strength groups a scenario weighs (``need`` never enters a strength).
Group = Literal["economic", "academic", "infrastructure"]

# Upper bounds of a scenario's values (listed in docs/model.md); every number must also be
# finite. Far above any real plan, they keep a typo (``cost: 1e15``) from reaching the solver,
# where it overflows or stalls, and names short enough for a slide, a file or a terminal.
#: Most specializations per region, or regions per theme, a ``min`` or ``max`` may give.
MAX_COUNT = 1_000
#: Largest group weight ``w_g`` and need weight ``|u_k|`` (only their ratios matter).
MAX_WEIGHT = 1e6
#: Largest equity bonus ``β``.
MAX_EQUITY = 1_000.0
#: Largest theme cost, MAD million per specialization.
MAX_COST = 1e6
#: Largest budget ``B``, MAD million.
MAX_BUDGET = 1e9
#: Longest scenario name, in characters.
MAX_NAME = 200
#: Longest region, theme or indicator reference, in characters.
MAX_REFERENCE = 100
#: Longest description, in characters.
MAX_DESCRIPTION = 5_000
#: Longest data path, in characters.
MAX_PATH = 4_096
#: How many stakeholders a ``stakeholders:`` list holds (docs/model.md §11), when it has any.
MIN_STAKEHOLDERS, MAX_STAKEHOLDERS = 2, 12
#: The years a roadmap (``phasing.years``) may span, and its longest span in years.
MIN_YEAR, MAX_YEAR, MAX_YEARS = 2000, 2100, 30

Count = Annotated[int, Field(ge=0, le=MAX_COUNT)]
Reference = Annotated[str, StringConstraints(max_length=MAX_REFERENCE)]
DataPath = Annotated[str, StringConstraints(max_length=MAX_PATH)]
GroupWeight = Annotated[float, Field(ge=0, le=MAX_WEIGHT)]
NeedWeight = Annotated[float, Field(ge=-MAX_WEIGHT, le=MAX_WEIGHT)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Bounds(_Strict):
    """How many specializations a region may carry: ``min <= Σ_t x[r,t] <= max``."""

    min: Count = Field(1, description="kmin_r; default 1")
    max: Count = Field(2, description="kmax_r; default 2")

    @model_validator(mode="after")
    def _ordered(self) -> Bounds:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
        return self


class ThemeOverride(_Strict):
    """A scenario's override of a theme's coverage bounds or cost; unset keeps the data's."""

    min: Count | None = Field(None, description="cmin_t")
    max: Count | None = Field(None, description="cmax_t")
    cost: float | None = Field(None, ge=0, le=MAX_COST,
                               description="c_t, MAD million per specialization")

    @model_validator(mode="after")
    def _ordered(self) -> ThemeOverride:
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"min ({self.min}) is larger than max ({self.max})")
        return self


class Lock(_Strict):
    """A (region, theme) pair forced in or out; the region by code or French name."""

    region: Reference
    theme: Reference


class DataPaths(_Strict):
    """The data files of a scenario, relative to the scenario file; unset means embedded."""

    indicators: DataPath | None = None
    catalogue: DataPath | None = None
    themes: DataPath | None = None
    regions: DataPath | None = None


Year = Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]


class Opening(_Strict):
    """A specialization already opened or announced, with its year: a lock-in with a year."""

    region: Reference
    theme: Reference
    year: Year


class RegionOpening(_Strict):
    """An institute opened in ``region`` in ``year``, its theme left to the optimizer."""

    region: Reference
    year: Year


class Phasing(_Strict):
    """The roadmap block of docs/model.md §10: when each specialization opens.

    ``years`` is ``[Y0, Y1]``, both included; ``budget_per_year`` one figure for every year
    or one per year (MAD million; ``None`` for no yearly budget). That the years, keys and
    deadlines fall inside ``years`` is checked with the line of each key
    (:mod:`~jazari_planner.scenario.phasing_checks`).
    """

    years: Annotated[list[Year], Field(min_length=2, max_length=2)]
    budget_per_year: float | dict[int, float] | None = Field(
        None, description="MAD million a year, one figure or {year: figure}; None for none")
    max_openings_per_year: Count | None = Field(None, description="N; None for no cap")
    first_institute_by: Year | None = Field(
        None, description="every region that must carry a specialization has one by then")
    opened: list[Opening] = Field(default_factory=list)
    opened_regions: list[RegionOpening] = Field(default_factory=list)
    as_of: Year | None = Field(
        None, description="the years up to it are history: only the opened and "
        "opened_regions entries open in them, their budgets and caps not enforced")

    @field_validator("budget_per_year", mode="plain")
    @classmethod
    def _budget_shape(cls, value: Any) -> float | dict[int, float] | None:
        """One number, or a mapping of years to numbers (YAML reads year keys as text)."""
        if value is None or _is_number(value):
            return None if value is None else float(value)
        if isinstance(value, dict) and value:
            budgets: dict[int, float] = {}
            for key, figure in value.items():
                year = _year_key(key)
                if year is None or not _is_number(figure):
                    break
                budgets[year] = float(figure)
            else:
                return budgets
        raise ValueError(f"expected a number, or a number per year; got {value!r:.60}")

    @field_serializer("budget_per_year")
    def _budget_out(self, value: float | dict[int, float] | None
                    ) -> float | dict[int, float] | None:
        """As given: one figure, or a mapping of years (written back as ``2025: 300.0``)."""
        return dict(value) if isinstance(value, dict) else value

    @property
    def first_year(self) -> int:
        """``Y0``."""
        return self.years[0]

    @property
    def last_year(self) -> int:
        """``Y1``."""
        return self.years[-1]

    @property
    def year_range(self) -> range:
        """``Y0 … Y1``."""
        return range(self.first_year, self.last_year + 1)

    def is_history(self, year: int) -> bool:
        """Whether ``year`` is history (``year ≤ as_of``): what opened then is what opened."""
        return self.as_of is not None and year <= self.as_of

    def budget_of(self, year: int) -> float | None:
        """``B_y``: the budget of ``year`` (``None`` where there is no yearly budget)."""
        if isinstance(self.budget_per_year, dict):
            return self.budget_per_year.get(year)
        return self.budget_per_year


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _year_key(key: Any) -> int | None:
    """A year written as a mapping key: ``2025`` or ``"2025"``."""
    if isinstance(key, int) and not isinstance(key, bool):
        return key
    if isinstance(key, str) and key.strip().isdigit():
        return int(key)
    return None


class Stakeholder(_Strict):
    """A party to the plan (docs/model.md §11): its own group weights and, optionally, its own
    ``balance`` (λ), ``balance_focus`` (q) and ``equity`` (β); unset, it takes the scenario's.
    Everything else (data, rules, locks, budget) is the scenario's. ``rationale`` says whom it
    stands for and why its weights are what they are."""

    name: str = Field(min_length=1, max_length=MAX_NAME)
    weights: dict[Group, GroupWeight] = Field(
        description="w_g >= 0 per strength group; a group not listed weighs 0")
    balance: float | None = Field(None, ge=0, le=1, description="λ; unset: the scenario's")
    balance_focus: int | None = Field(None, ge=1, le=MAX_COUNT,
                                      description="q; unset: the scenario's")
    equity: float | None = Field(None, ge=0, le=MAX_EQUITY, description="β; unset: the scenario's")
    rationale: str = Field("", max_length=MAX_DESCRIPTION)


def _default_weights() -> dict[Group, float]:
    return {"economic": 1.0, "academic": 1.0, "infrastructure": 1.0}


def _default_regions() -> dict[str, Bounds]:
    return {"default": Bounds()}


class Scenario(_Strict):
    """The weights and rules of one planning run (docs/model.md §5).

    Defaults: equal group weights, no need index, ``minmax`` normalization, ``gated``
    aggregation (docs/model.md §2 revision 3), ``balance``
    0.3, ``balance_focus`` 1, ``equity`` 0, no budget, ``min_strength`` 0, every region 1–2
    specializations, the themes' own bounds and costs, no locks, HiGHS with a 60 s limit and
    gap 0.
    """

    name: str = Field(min_length=1, max_length=MAX_NAME)
    description: str = Field("", max_length=MAX_DESCRIPTION)
    description_fr: str = Field("", max_length=MAX_DESCRIPTION,
                                description="the description in French; optional")
    description_ar: str = Field("", max_length=MAX_DESCRIPTION,
                                description="the description in Arabic; optional")
    data: DataPaths = Field(default_factory=DataPaths)
    weights: dict[Group, GroupWeight] = Field(
        default_factory=_default_weights,
        description="w_g >= 0 per strength group; a group not listed weighs 0",
    )
    need: dict[Reference, NeedWeight] = Field(
        default_factory=dict,
        description="signed u_k: positive, a higher value is needier; negative, a lower one",
    )
    normalization: Literal["minmax", "rank"] = Field(
        "minmax", description="how each indicator is scaled to [0, 1]: min–max, or by rank")
    aggregation: Literal["gated", "additive"] = Field(
        "gated",
        description="how a theme's sector and capability indicators combine: 'gated', a "
                    "weighted geometric mean (a region with none of the sector scores 0), or "
                    "'additive', revision 2's weighted mean",
    )
    balance: float = Field(0.3, ge=0, le=1, description="λ: 0 the best average use of "
                           "strengths, 1 the best deal for the worst-served regions")
    balance_focus: int = Field(
        1, ge=1, le=MAX_COUNT,
        description="q: the balance term is the mean fit of the q worst-served regions "
                    "(1 is the floor); at most the number of regions with min >= 1",
    )
    equity: float = Field(0.0, ge=0, le=MAX_EQUITY, description="β: bonus for needier regions")
    budget: float | None = Field(None, ge=0, le=MAX_BUDGET,
                                 description="B, MAD million; None for none")
    min_strength: float = Field(0.0, ge=0, le=1, description="θ: no specialization where the "
                                "strength is below it, unless locked in")
    regions: dict[Reference, Bounds] = Field(default_factory=_default_regions)
    themes: dict[Reference, ThemeOverride] = Field(default_factory=dict)
    lock_in: list[Lock] = Field(default_factory=list)
    lock_out: list[Lock] = Field(default_factory=list)
    solver: SolverOptions = Field(default_factory=SolverOptions)
    phasing: Phasing | None = Field(None, description="the roadmap (docs/model.md §10)")
    stakeholders: list[Stakeholder] = Field(
        default_factory=list,
        description=f"the parties of docs/model.md §11: none, or {MIN_STAKEHOLDERS} to "
                    f"{MAX_STAKEHOLDERS} with distinct names")

    _path: Path | None = PrivateAttr(default=None)
    _lines: dict[tuple[str | int, ...], int] = PrivateAttr(default_factory=dict)

    def description_in(self, lang: str) -> str:
        """The description in ``lang`` (``en``, ``fr``, ``ar``): its translation where the
        file gives one (``description_fr``, ``description_ar``), else ``description``."""
        own = getattr(self, f"description_{lang}", "") if lang != "en" else ""
        return str(own).strip() or self.description

    @classmethod
    def from_yaml(cls, path: str | Path) -> Scenario:
        """Read and validate a scenario file (see :func:`.scenario_reader.from_yaml`)."""
        from .reader import from_yaml

        return from_yaml(path)

    @classmethod
    def from_dict(cls, data: Any, source: str | None = None) -> Scenario:
        """Validate a scenario mapping, errors naming ``source`` (see ``scenario_validation``)."""
        from .validation import from_dict

        return from_dict(data, source=source)

    def to_yaml(self, path: str | Path | None = None) -> str:
        """The scenario as YAML that :meth:`from_yaml` reads back equal; written to ``path``."""
        from .writer import to_yaml

        return to_yaml(self, path)

    @property
    def path(self) -> Path | None:
        """The file this scenario was read from, if any; data paths resolve against its folder."""
        return self._path

    @property
    def key_lines(self) -> dict[tuple[str | int, ...], int]:
        """The line of each key path in the file it was read from (empty if not from a file)."""
        return self._lines

    def as_stakeholder(self, stakeholder: Stakeholder) -> Scenario:
        """This scenario seen by ``stakeholder``: its weights, and its ``balance``,
        ``balance_focus`` and ``equity`` where it sets them; every rule and the data are kept
        (docs/model.md §11). The copy keeps the file's path, so data paths still resolve."""
        update: dict[str, Any] = {"weights": dict(stakeholder.weights),
                                  "name": f"{self.name} — {stakeholder.name}"[:MAX_NAME]}
        for key in ("balance", "balance_focus", "equity"):
            value = getattr(stakeholder, key)
            if value is not None:
                update[key] = value
        return self.model_copy(update=update)

    @property
    def default_bounds(self) -> Bounds:
        """The bounds of every region not named in ``regions``."""
        return self.regions.get("default", Bounds())
