"""A scenario file solved without the planner's data layer: the from-files benchmark's floor.

``solve_files(path)`` reads the scenario YAML and the data files it names (else the embedded
ones), as any script would (PyYAML's C loader, pandas for the CSV, ``json`` for the regions'
codes and names), computes the strengths of docs/model.md §2 (revision 3's sector gate by
default) with numpy, and hands the MILP of §3 to ``highspy`` through
:func:`highs_direct.build_direct`. No validation, no tables, no metrics: the least work that
turns the same files into the same plan. It shares no code with ``jazari_planner``'s loading or
scoring (only the ``ModelInputs`` container, to reuse the direct MILP builder), so the
benchmark's check that both reach the same optimum tests both.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml
from highs_direct import DirectResult, build_direct, read_solution

from jazari_planner.optimization.model import ModelInputs
from jazari_planner.scenario.schema import SolverOptions

__all__ = ["solve_files"]

EMBEDDED = Path(__file__).resolve().parent.parent / "data"
FILES = {"indicators": "indicators.csv", "catalogue": "indicators.yaml",
         "themes": "themes.yaml", "regions": "regions.geojson"}
STRENGTH = ("economic", "academic", "infrastructure")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)


def _fold(text: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))
    return "".join(c for c in bare.lower() if c.isalnum())


def _normalized(values: np.ndarray, method: str) -> np.ndarray:
    """Columns to [0, 1]: min–max (0 where constant) or average rank."""
    if method == "rank":
        if len(values) <= 1:
            return np.zeros_like(values)
        return (pd.DataFrame(values).rank(method="average").to_numpy() - 1) / (len(values) - 1)
    low, span = values.min(axis=0), np.ptp(values, axis=0)
    return np.where(span > 0, (values - low) / np.where(span > 0, span, 1), 0.0)


def solve_files(path: str | Path) -> DirectResult:
    """Read ``path`` and its data files, build the MILP with arrays, solve it with highspy."""
    scenario_file = Path(path)
    scenario = _yaml(scenario_file)
    given = scenario.get("data") or {}
    files = {role: (scenario_file.parent / given[role] if given.get(role) else EMBEDDED / name)
             for role, name in FILES.items()}

    features = json.loads(files["regions"].read_bytes())["features"]
    codes = [str(f["properties"]["region_code"]).zfill(2) for f in features]
    code_of = {_fold(str(f["properties"]["region_name"])): c
               for f, c in zip(features, codes, strict=True)}
    code_of.update({c: c for c in codes})
    catalogue = _yaml(files["catalogue"])["indicators"]
    ids = [entry["id"] for entry in catalogue]
    themes = _yaml(files["themes"])["themes"]
    theme_ids = [theme["id"] for theme in themes]

    long = pd.read_csv(files["indicators"], dtype={"region_code": str})
    wide = long.pivot(index="region_code", columns="indicator", values="value")
    values = wide.reindex(index=codes, columns=ids).to_numpy(dtype=float)

    method = scenario.get("normalization", "minmax")
    weights = scenario.get("weights", dict.fromkeys(STRENGTH, 1.0))
    lower = np.array([entry["direction"] == "lower" for entry in catalogue])
    z = _normalized(np.where(lower, -values, values), method)
    group_weight = np.array([float(weights.get(e["group"], 0.0)) if e["group"] in STRENGTH
                             else 0.0 for e in catalogue])
    profile = np.array([[float(t["profile"].get(k, 0.0)) for k in ids] for t in themes])
    w = profile * group_weight
    totals = w.sum(axis=1)
    if scenario.get("aggregation", "gated") == "gated":
        # revision 3's sector gate: s_sec^α · s_cap^(1−α), α the sector's share of the weight
        sector = np.array([[k in (t.get("sector") or []) for k in ids] for t in themes])
        parts = []
        for part in (w * sector, w * ~sector):
            sums = part.sum(axis=1)
            parts.append((np.where(sums > 0, z @ part.T / np.where(sums > 0, sums, 1), 1.0),
                          sums))
        (s_sec, in_sector), (s_cap, _) = parts
        alpha = np.where(totals > 0, in_sector / np.where(totals > 0, totals, 1), 0.0)
        gated = np.clip(s_sec, 0, 1) ** alpha * np.clip(s_cap, 0, 1) ** (1 - alpha)
        strength = np.clip(np.where(totals > 0, gated, 0.0), 0, 1)
    else:
        strength = np.clip(np.where(totals > 0, z @ w.T / np.where(totals > 0, totals, 1), 0),
                           0, 1)

    need = np.zeros(len(codes))
    signed = {k: float(u) for k, u in (scenario.get("need") or {}).items() if u}
    if signed:
        columns = [ids.index(k) for k in signed]
        zn = _normalized(values[:, columns], method)
        u = np.array(list(signed.values()))
        need = np.where(u > 0, zn, 1 - zn) @ np.abs(u) / np.abs(u).sum()

    def code(name: Any) -> str:
        text = str(name).strip()
        return text.zfill(2) if text.isdigit() else code_of.get(text, code_of[_fold(text)])

    bounds = scenario.get("regions") or {}
    default = {"min": 1, "max": 2, **bounds.get("default", {})}
    own = {code(name): {**default, **b} for name, b in bounds.items() if name != "default"}
    kmin = [own.get(c, default)["min"] for c in codes]
    kmax = [own.get(c, default)["max"] for c in codes]
    overrides = scenario.get("themes") or {}
    column = {key: [overrides.get(t["id"], {}).get(key, t[key]) for t in themes]
              for key in ("min", "max", "cost")}

    def locks(kind: str) -> list[tuple[str, str]]:
        return [(code(lock["region"]), str(lock["theme"])) for lock in scenario.get(kind) or []]

    inputs = ModelInputs.from_arrays(
        pd.DataFrame(strength, index=codes, columns=theme_ids), need=need, kmin=kmin,
        kmax=kmax, cmin=column["min"], cmax=column["max"], cost=column["cost"],
        budget=scenario.get("budget"), lock_in=locks("lock_in"), lock_out=locks("lock_out"),
        min_strength=float(scenario.get("min_strength", 0.0)),
        balance=float(scenario.get("balance", 0.3)), equity=float(scenario.get("equity", 0.0)),
        balance_focus=int(scenario.get("balance_focus", 1)))
    options = SolverOptions(**(scenario.get("solver") or {}))
    highs, col = build_direct(inputs, options)
    highs.run()
    return read_solution(highs, col, inputs)
