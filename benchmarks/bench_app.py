"""The app's speed as a planner feels it, measured in headless Chromium with the network off.

    python benchmarks/bench_app.py                     # ~1 min: 7 first renders, 12 slider steps
    python benchmarks/bench_app.py --sessions 15 --steps 30 --json app.json
    python benchmarks/bench_app.py --url http://127.0.0.1:8501   # an app already running

Two figures, against the targets of issue 13.10:

- **first full render** (target < 2 s): a new browser session opens the app; the clock runs
  from the navigation until the script has finished its run and the map shows the plan
  (its regions coloured and the themes' badges placed). Measured twice: in a fresh browser
  (empty cache: Streamlit's own 7 MB of scripts are fetched and compiled) and in a new tab
  of a browser that has opened the app before (its cache warm, as for a planner's second
  visit). The first session after the server starts (imports, data, first solve) is
  reported apart; the medians are over the others.
- **slider step to new map** (target < 400 ms): the *Economic* weight slider is moved one
  step with the keyboard (each step a new setting, so a new solve); the clock runs from the
  key press until the script has finished and the map shows the new plan (its plan layer
  replaced and a frame painted).

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
import platform
import statistics
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browser import app_page, streamlit_server  # noqa: E402

FIRST_RENDER_TARGET = 2.0
STEP_TARGET = 0.4
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

#: Arms the step clock (``window.jzStep``): the next key press starts it; it resolves (ms)
#: when the script is idle again and the map shows the new plan (a new plan layer in the
#: same frame, or a new frame, as before the split), after a painted frame.
STEP = f"""() => {{ window.jzStep = new Promise((resolve) => {{
    const shown = {MAP_SHOWN};
    const first = document.querySelector('{MAP_FRAME}');
    const before = {{window: first.contentWindow,
                     data: first.contentWindow.jz ? first.contentWindow.jz.data : null}};
    let start = null, ran = false;
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
        if (start !== null && ran && state === 'notRunning' && (replaced || redrawn)) {{
            requestAnimationFrame(() => resolve(performance.now() - start));
        }} else {{
            requestAnimationFrame(poll);
        }}
    }};
    poll();
}}); }}"""


@contextmanager
def app_url(url: str | None) -> Iterator[str]:
    """The app to measure: ``url``, or a fresh server of this checkout."""
    if url is not None:
        yield url
        return
    with tempfile.TemporaryDirectory(prefix="jazari-bench-app-") as folder, streamlit_server(
            ROOT, Path(folder) / "streamlit.log",
            env={"JAZARI_PLANNER_HOME": str(Path(folder) / "home")}) as started:
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
                 intercept: bool) -> list[float]:
    """Seconds from each key press on the Economic slider to the new map on screen."""
    times = []
    with app_page(url, width=width, height=height, intercept=intercept) as seen:
        page: Any = seen.page
        page.evaluate(RENDERED)
        slider = page.locator('input[type=range][aria-label^="Economic"]')
        slider.focus()
        for _ in range(steps):
            page.evaluate(STEP)
            page.keyboard.press("ArrowRight")
            times.append(float(page.evaluate("() => window.jzStep")) / 1000)
            page.wait_for_timeout(400)
        if seen.requests or seen.errors:
            raise RuntimeError(f"requests {seen.requests[:3]}, errors {seen.errors[:3]}")
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="measure an app already running there")
    parser.add_argument("--sessions", type=int, default=7, help="first renders to time")
    parser.add_argument("--steps", type=int, default=12, help="slider steps to time")
    parser.add_argument("--width", type=int, default=1366)
    parser.add_argument("--height", type=int, default=768)
    parser.add_argument("--json", type=Path, help="also write the figures there")
    parser.add_argument("--intercept", action="store_true",
                        help="block the network by intercepting every request (as the "
                             "browser tests do; adds the harness's own cost)")
    args = parser.parse_args(argv)

    with app_url(args.url) as url:
        size = {"width": args.width, "height": args.height}
        browser = {**size, "intercept": args.intercept}
        renders = [first_render(url, **browser) for _ in range(args.sessions + 1)]
        cached = warm_renders(url, sessions=args.sessions, **browser)
        steps = slider_steps(url, steps=args.steps, **browser)
    cold, fresh = renders[0], renders[1:]
    rows = [
        ("first full render, new session, browser cache warm", statistics.median(cached),
         max(cached), len(cached), FIRST_RENDER_TARGET),
        ("first full render, new session, fresh browser", statistics.median(fresh), max(fresh),
         len(fresh), FIRST_RENDER_TARGET),
        ("first full render, first session after the server starts", cold, cold, 1, None),
        ("slider step to new map", statistics.median(steps), max(steps), len(steps),
         STEP_TARGET),
    ]
    blocking = "every request intercepted" if args.intercept else "dead proxy"
    print(f"Chromium {args.width}×{args.height}, network off ({blocking}); {platform.machine()}, "
          f"Python {platform.python_version()}, Streamlit {version('streamlit')}, "
          f"streamlit-folium {version('streamlit-folium')}\n")
    print("| what | median | max | runs | target |\n|---|--:|--:|--:|--:|")
    for name, median, worst, runs, target in rows:
        goal = f"< {target * 1000:.0f} ms" if target else ""
        print(f"| {name} | {median * 1000:.0f} ms | {worst * 1000:.0f} ms | {runs} | {goal} |")
    if args.json is not None:
        args.json.write_text(json.dumps({
            "first_render_warm_cache_s": cached, "first_render_fresh_browser_s": fresh,
            "first_render_after_start_s": cold, "slider_step_s": steps, "viewport": size,
            "intercepted": args.intercept},
            indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
