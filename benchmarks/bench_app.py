"""The app's speed as a planner feels it, measured in headless Chromium with the network off.

    python benchmarks/bench_app.py                     # ~1 min: 7 first renders, 12 slider steps
    python benchmarks/bench_app.py --sessions 15 --steps 30 --json app.json
    python benchmarks/bench_app.py --url http://127.0.0.1:8501   # an app already running
    python benchmarks/bench_app.py --against /tmp/jazari-main      # paired with another checkout
    python benchmarks/bench_app.py --floor      # paired with the floor: one slider and the map

Two figures, against the targets of issue 24 (issue 13.10's were 2 s and 400 ms):

- **first full render** (target ≤ 1.5 s): a new browser session opens the app; the clock runs
  from the navigation until the script has finished its run and the map shows the plan
  (its regions coloured and the themes' badges placed). Measured twice: in a fresh browser
  (empty cache: Streamlit's own 7 MB of scripts are fetched and compiled) and in a new tab
  of a browser that has opened the app before (its cache warm, as for a planner's second
  visit). The first session after the server starts (imports, data, first solve) is
  reported apart; the medians are over the others.
- **slider step to new map** (target ≤ 150 ms): the *Economic* weight slider is moved one
  step with the keyboard (each step a new setting, so a new solve); two clocks run from the
  key press: until the map shows the new plan (its plan layer replaced and a frame painted:
  what the hand sees, the map drawn while the rest of the view below it may still be on
  its way), and until, as well, the whole view is updated: the script idle again and the
  view below the map showing the step (the app draws that view in a run of its own once the
  map reports the plan drawn; before, one run drew both).

``--against DIR`` also starts the app of another checkout (``git archive main | tar -x -C
DIR``: today's figures) and measures both in alternating rounds (``--rounds``), so a load
that comes and goes on a shared machine falls on both alike; the table then has a column for
each and their ratio. The load average (``os.getloadavg``) is read before and after each
round; the run ends with a ready Markdown row of the figures and that load, for
docs/app.md.

``--floor`` measures, in the same alternating rounds, a page with nothing but the Economic
slider and the Plan view's map (``benchmarks/floor_app.py``): each step solves and redraws
the map as the app does. Its figures are the floor of this machine for the solve, the map
and Streamlit; the app's figures above them are the price of the rest of its page.

The server is ``streamlit run app.py`` on a free port unless ``--url`` is given; requests
to any other host fail (a proxy that does not exist) and are recorded: any one stops the
benchmark (``tests/browser.py``). The page is 1366 × 768 by default. ``--intercept`` aborts
them through Playwright's routing instead, as the browser tests do: that turns off the
browser's cache and makes each request wait for this process, ~0.9 s on a first render
that a planner's browser never pays (figures measured that way before 2026-11-30).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import app_page, streamlit_server  # noqa: E402

FIRST_RENDER_TARGET = 1.5
STEP_TARGET = 0.15
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

#: Whether a map frame shows a plan: its regions drawn and the themes' badges placed (by
#: the map's own markers, or by the badge class of the app before the frame/plan split).
MAP_SHOWN = """(frame) => {
    const doc = frame && frame.contentDocument;
    return !!(doc && doc.querySelector('.leaflet-overlay-pane path')
              && doc.querySelector('.jz-symbols, .jz-badge'));
}"""

#: Resolves (ms since navigation start) once the script is idle and the map shows a plan.
RENDERED = f"""() => new Promise((resolve) => {{
    const shown = {MAP_SHOWN};
    const done = () => {{
        const app = document.querySelector('[data-testid="stApp"]');
        const frame = document.querySelector('{MAP_FRAME}');
        return app && app.getAttribute('data-test-script-state') === 'notRunning'
            && shown(frame);
    }};
    const poll = () => done() ? requestAnimationFrame(() => resolve(performance.now()))
                              : requestAnimationFrame(poll);
    poll();
}})"""

#: Arms the step clocks (``window.jzStep``): the next key press starts them; it resolves
#: ``[map, done]`` (ms): when the map shows the new plan (a new plan layer in the same frame,
#: or a new frame, as before the split) and a frame is painted; and when, besides, the
#: script is idle again and the view below the map shows the step too (its scenario YAML
#: changed: the app draws that view in a run of its own once the map has drawn the plan).
STEP = f"""() => {{ window.jzStep = new Promise((resolve) => {{
    const shown = {MAP_SHOWN};
    const first = document.querySelector('{MAP_FRAME}');
    const yaml = () => {{ const e = document.querySelector('pre.jz-yaml');
                          return e ? e.textContent : null; }};
    const before = {{window: first.contentWindow,
                     data: first.contentWindow.jz ? first.contentWindow.jz.data : null,
                     yaml: yaml()}};
    let start = null, ran = false, drawn = false, map = null;
    document.addEventListener('keydown', () => {{ start = performance.now(); }},
                              {{once: true, capture: true}});
    const poll = () => {{
        const app = document.querySelector('[data-testid="stApp"]');
        const state = app.getAttribute('data-test-script-state');
        if (state === 'running') {{ ran = true; }}
        const frame = document.querySelector('{MAP_FRAME}');
        const jz = frame && frame.contentWindow && frame.contentWindow.jz;
        const replaced = frame && frame.contentWindow !== before.window && shown(frame);
        const redrawn = jz && jz.data && jz.data !== before.data;
        if (start !== null && !drawn && (replaced || redrawn)) {{
            drawn = true;
            requestAnimationFrame(() => {{ map = performance.now() - start; }});
        }}
        const below = before.yaml === null || yaml() !== before.yaml;
        if (start !== null && ran && state === 'notRunning' && map !== null && below) {{
            requestAnimationFrame(() => resolve([map, performance.now() - start]));
        }} else {{
            requestAnimationFrame(poll);
        }}
    }};
    poll();
}}); }}"""


@contextmanager
def app_url(url: str | None, root: Path = ROOT) -> Iterator[str]:
    """The app to measure: ``url``, or a fresh server of the checkout at ``root``."""
    if url is not None:
        yield url
        return
    with tempfile.TemporaryDirectory(prefix="jazari-bench-app-") as folder, streamlit_server(
            root, Path(folder) / "streamlit.log",
            env={"JAZARI_PLANNER_HOME": str(Path(folder) / "home"),
                 "PYTHONPATH": str(root)}) as started:
        yield started


@contextmanager
def floor_url(root: Path = ROOT) -> Iterator[str]:
    """A fresh server of the floor page (``floor_app.py``), run from a folder of its own with
    the app's Streamlit settings, on the checkout at ``root``."""
    with tempfile.TemporaryDirectory(prefix="jazari-bench-floor-") as folder:
        page = Path(folder)
        shutil.copy(Path(__file__).with_name("floor_app.py"), page / "app.py")
        shutil.copytree(root / ".streamlit", page / ".streamlit")
        with streamlit_server(page, page / "streamlit.log",
                              env={"JAZARI_PLANNER_HOME": str(page / "home"),
                                   "JAZARI_FLOOR_ROOT": str(root),
                                   "PYTHONPATH": str(root)}) as started:
            yield started


def first_render(url: str, *, width: int, height: int, intercept: bool) -> float:
    """Seconds from navigation to the first full render, in a fresh browser."""
    with app_page(url, width=width, height=height, intercept=intercept) as seen:
        milliseconds = seen.page.evaluate(RENDERED)
        if seen.requests or seen.errors:
            raise RuntimeError(f"requests {seen.requests[:3]}, errors {seen.errors[:3]}")
    return float(milliseconds) / 1000


def warm_renders(url: str, *, sessions: int, width: int, height: int,
                 intercept: bool) -> list[float]:
    """Seconds to the first full render of each new tab of one browser (its cache warm)."""
    times = []
    with app_page(url, width=width, height=height, intercept=intercept) as seen:
        seen.page.evaluate(RENDERED)
        for _ in range(sessions):
            tab = seen.page.context.new_page()
            tab.goto(url, wait_until="domcontentloaded")
            times.append(float(tab.evaluate(RENDERED)) / 1000)
            tab.close()
        if seen.requests or seen.errors:
            raise RuntimeError(f"requests {seen.requests[:3]}, errors {seen.errors[:3]}")
    return times


def slider_steps(url: str, *, steps: int, width: int, height: int,
                 intercept: bool) -> tuple[list[float], list[float]]:
    """Seconds from each key press on the Economic slider to the new map on screen, and to
    the end of the run as well."""
    maps, times = [], []
    with app_page(url, width=width, height=height, intercept=intercept) as seen:
        page: Any = seen.page
        page.evaluate(RENDERED)
        slider = page.locator('input[type=range][aria-label^="Economic"]')
        slider.focus()
        for _ in range(steps):
            page.evaluate(STEP)
            page.keyboard.press("ArrowRight")
            drawn, done = page.evaluate("() => window.jzStep")
            maps.append(float(drawn) / 1000)
            times.append(float(done) / 1000)
            page.wait_for_timeout(400)
        if seen.requests or seen.errors:
            raise RuntimeError(f"requests {seen.requests[:3]}, errors {seen.errors[:3]}")
    return maps, times


Figures = dict[str, list[float]]


def measure(url: str, *, sessions: int, steps: int, width: int, height: int,
            intercept: bool) -> Figures:
    """One round on the app at ``url``: first renders (the first one after the server
    started apart), warm-cache renders, slider steps; seconds."""
    browser = {"width": width, "height": height, "intercept": intercept}
    renders = [first_render(url, **browser) for _ in range(sessions + 1)]
    maps, steps_done = slider_steps(url, steps=steps, **browser)
    return {"cold": renders[:1], "fresh": renders[1:],
            "cached": warm_renders(url, sessions=sessions, **browser),
            "map": maps, "steps": steps_done}


ROWS = [("first full render, new session, browser cache warm", "cached", FIRST_RENDER_TARGET),
        ("first full render, new session, fresh browser", "fresh", FIRST_RENDER_TARGET),
        ("first full render, first session after the server starts", "cold", None),
        ("slider step to redrawn map", "map", STEP_TARGET),
        ("slider step to redrawn map and the view below it", "steps", None)]


def load() -> float:
    """The machine's load average over the last minute."""
    return os.getloadavg()[0]


def markdown_row(mine: Figures, theirs: Figures | None, loads: list[float]) -> str:
    """One row for docs/app.md: the date, the load seen, and each figure's median (this
    checkout's, and its ratio to the other's when paired)."""
    cells = [time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
             f"{min(loads):.1f} to {max(loads):.1f}"]
    for _, kind, _ in ROWS:
        a = statistics.median(mine[kind]) * 1000
        if theirs is None:
            cells.append(f"{a:.0f} ms")
        else:
            b = statistics.median(theirs[kind]) * 1000
            cells.append(f"{a:.0f} / {b:.0f} ms ({a / b:.2f}×)")
    return ("| date | load average | " + " | ".join(name for name, _, _ in ROWS) + " |\n|"
            + "---|" * (len(ROWS) + 2) + "\n| " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="measure an app already running there")
    parser.add_argument("--against", type=Path,
                        help="also measure the app of the checkout in this folder, in "
                             "alternating rounds (paired figures)")
    parser.add_argument("--floor", action="store_true",
                        help="also measure the floor page (the slider and the map alone, "
                             "benchmarks/floor_app.py), in alternating rounds")
    parser.add_argument("--rounds", type=int, default=2,
                        help="alternating rounds with --against or --floor")
    parser.add_argument("--sessions", type=int, default=7, help="first renders to time")
    parser.add_argument("--steps", type=int, default=12, help="slider steps to time")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=768)
    parser.add_argument("--json", type=Path, help="also write the figures there")
    parser.add_argument("--intercept", action="store_true",
                        help="block the network by intercepting every request (as the "
                             "browser tests do; adds the harness's own cost)")
    args = parser.parse_args(argv)
    if args.floor and args.against is not None:
        parser.error("--floor and --against each name the app to pair with: give one")
    size = {"width": args.width, "height": args.height}
    options = {**size, "intercept": args.intercept}
    blocking = "every request intercepted" if args.intercept else "dead proxy"
    print(f"Chromium {args.width}×{args.height}, network off ({blocking}); {platform.machine()}, "
          f"Python {platform.python_version()}, Streamlit {version('streamlit')}, "
          f"streamlit-folium {version('streamlit-folium')}\n")

    loads = [load()]
    other_name = "floor page" if args.floor else (args.against.name if args.against else None)
    if other_name is None:
        with app_url(args.url) as url:
            figures = measure(url, sessions=args.sessions, steps=args.steps, **options)
        loads.append(load())
        print("| what | median | max | runs | target |\n|---|--:|--:|--:|--:|")
        for name, kind, target in ROWS:
            values = figures[kind]
            goal = f"≤ {target * 1000:.0f} ms" if target else ""
            print(f"| {name} | {statistics.median(values) * 1000:.0f} ms | "
                  f"{max(values) * 1000:.0f} ms | {len(values)} | {goal} |")
        result: dict[str, Any] = {"this": figures}
        row = markdown_row(figures, None, loads)
    else:
        mine: Figures = {kind: [] for _, kind, _ in ROWS}
        theirs: Figures = {kind: [] for _, kind, _ in ROWS}
        other_app = floor_url() if args.floor else app_url(None, args.against.resolve())
        with app_url(args.url) as url, other_app as other:
            for _ in range(args.rounds):
                for app, into in ((other, theirs), (url, mine)):
                    for kind, values in measure(app, sessions=args.sessions, steps=args.steps,
                                                **options).items():
                        into[kind].extend(values)
                    loads.append(load())
        print(f"| what | this checkout | {other_name} | ratio | runs | target |\n"
              "|---|--:|--:|--:|--:|--:|")
        for name, kind, target in ROWS:
            a, b = statistics.median(mine[kind]), statistics.median(theirs[kind])
            goal = f"≤ {target * 1000:.0f} ms" if target else ""
            print(f"| {name} | {a * 1000:.0f} ms | {b * 1000:.0f} ms | {a / b:.2f}× | "
                  f"{len(mine[kind])} | {goal} |")
        result = {"this": mine, "against": theirs,
                  "against_folder": "floor page" if args.floor else str(args.against)}
        row = markdown_row(mine, theirs, loads)
    print(f"\nload average (1 min) from {min(loads):.1f} to {max(loads):.1f}; as a row "
          f"(this checkout{' / ' + other_name if other_name else ''}):\n\n{row}")
    if args.json is not None:
        args.json.write_text(json.dumps({**result, "viewport": size, "loads": loads,
                                         "intercepted": args.intercept}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
