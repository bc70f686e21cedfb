"""Time to read the shipped scenario files: libyaml's C parser against the pure-Python one.

    python benchmarks/bench_scenario_read.py              # 300 rounds, a few seconds
    python benchmarks/bench_scenario_read.py --rounds 50 --json read.json

Both parsers go through the same guarded reader (:mod:`jazari_planner.common.safe_yaml`: the event
screen, then the node tree with every key's line), so the only difference is the parser.
``parse`` times :func:`jazari_planner.common.safe_yaml.load` on the text of all six files;
``from_yaml`` times :meth:`Scenario.from_yaml` (file checks, parse, validation) on them. The
two parsers alternate round by round so that machine noise hits them alike; figures are
medians, in milliseconds for all six files.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from jazari_planner.common import safe_yaml
from jazari_planner.scenario.schema import Scenario

SCENARIOS = sorted((Path(__file__).resolve().parents[1] / "scenarios").glob("*.yaml"))


class PythonLoader(yaml.SafeLoader):
    """The pure-Python parser with the planner's resolvers (``1e-9`` read as a number)."""

    yaml_implicit_resolvers = safe_yaml.LOADER.yaml_implicit_resolvers


def _timed(task: Callable[[], object], loader: type[yaml.SafeLoader], runs: list[float]
           ) -> None:
    """Run ``task`` once with ``loader`` as the planner's parser; append its milliseconds."""
    safe_yaml.LOADER = loader
    started = time.perf_counter()
    task()
    runs.append((time.perf_counter() - started) * 1e3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not yaml.__with_libyaml__:
        raise SystemExit("PyYAML was built without libyaml: nothing to compare")
    fast = safe_yaml.LOADER
    texts = [(str(path), path.read_text(encoding="utf-8")) for path in SCENARIOS]
    tasks: dict[str, Callable[[], object]] = {
        "parse": lambda: [safe_yaml.load(text, source=name) for name, text in texts],
        "from_yaml": lambda: [Scenario.from_yaml(path) for path in SCENARIOS],
    }
    results: dict[str, dict[str, float]] = {}
    for label, task in tasks.items():
        runs: dict[str, list[float]] = {"c": [], "python": []}
        for _ in range(args.rounds):
            _timed(task, fast, runs["c"])
            _timed(task, PythonLoader, runs["python"])
        safe_yaml.LOADER = fast
        c, python = statistics.median(runs["c"]), statistics.median(runs["python"])
        results[label] = {"c_ms": round(c, 3), "python_ms": round(python, 3),
                          "speedup": round(python / c, 2)}
        print(f"{label:>9}: C {c:6.2f} ms   pure Python {python:6.2f} ms   "
              f"{python / c:4.1f}× faster  ({len(SCENARIOS)} files, median of {args.rounds})")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
