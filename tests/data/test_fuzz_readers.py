"""Every reader of outside input, fuzzed: any document is read or refused with an InputError.

Hypothesis writes documents of three kinds for each reader: raw bytes and text, documents with
the right shape and wrong contents (the keys, columns and codes the reader knows, holding
values of every type), and spreadsheet variants (separators, decimal commas, encodings, byte-
order marks). Whatever a document holds, the reader returns or raises
:class:`~jazari_planner.common.errors.InputError` (never another exception: that would be a
traceback for the planner), within Hypothesis's deadline and a bounded Python memory peak
(``tracemalloc``). The readers are the real ones, on real files: the scenario reader with its
checks against the embedded data, ``load_dataset`` for each data file, and the app's uploads.
"""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jazari_planner as jp
from jazari_planner.app import DataSource, read_indicators_upload, read_scenario_upload
from jazari_planner.common.errors import InputError
from jazari_planner.scenario.checks import check_against

DATA = Path(__file__).resolve().parents[2] / "data"

#: Small enough for a loaded 2-core machine (a few seconds per reader; a data file is read
#: with the embedded others, ~0.3 s each); derandomized, so a run is the same in CI. Raise
#: ``max_examples`` locally to search further.
FUZZ = settings(max_examples=30, deadline=timedelta(seconds=10), derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
DATA_FUZZ = settings(FUZZ, max_examples=12)
#: The most Python memory one document may cost a reader (the documents are a few KB).
PEAK_BYTES = 64 << 20


def read_or_refuse(read: Callable[[], Any]) -> None:
    """``read()`` returns or raises InputError, within :data:`PEAK_BYTES` of Python memory."""
    tracemalloc.start()
    try:
        read()
    except InputError as error:
        assert error.problem
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < PEAK_BYTES, f"one document cost {peak >> 20} MiB of Python memory"


# --------------------------------------------------------------------------- values

NUMBERS = st.one_of(st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from([0, 1, -1, 0.5, 1e308, 1e-9, 2025, 2100, 10**20]))
WORDS = st.one_of(st.text(max_size=12), st.sampled_from([
    "", "01", "4", "12", "13", "Dakhla", "Souss-Massa", "energy", "tourism", "gdp_share",
    "\x1b[31m", "<script>", "=1+1", "yes", "null", "~", "nan", ".inf", "1,5", "1.234,5"]))
SCALARS = st.one_of(NUMBERS, WORDS, st.booleans(), st.none())
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(WORDS, inner, max_size=4)), max_leaves=16)


def keyed(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Mappings of some of ``keys`` (and a stray one) to values of any type."""
    return st.dictionaries(st.one_of(st.sampled_from(keys), WORDS), VALUES, max_size=6)


def as_yaml(document: Any) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def raw() -> st.SearchStrategy[bytes]:
    """Bytes as they come: binary, text in any encoding, and YAML or JSON syntax slips."""
    return st.one_of(
        st.binary(max_size=600),
        st.builds(lambda text, encoding: text.encode(encoding, errors="replace"),
                  st.text(max_size=300), st.sampled_from(["utf-8", "utf-16", "cp1252"])),
        st.sampled_from([b"", b"\xef\xbb\xbf", b"{", b"[[[", b"- - -", b"a: b: c", b"? ?",
                         b"&a [*a]", b"!!python/object:os.system ls", b"\x00\x00\x00",
                         b"<<: {a: 1}", b"%YAML 1.1\n---\n...\n"]))


# --------------------------------------------------------------------------- scenarios

SCENARIO_KEYS = ["name", "description", "weights", "balance", "balance_focus", "equity",
                 "min_strength", "budget", "need", "regions", "themes", "lock_in", "lock_out",
                 "solver", "phasing"]
LOCKS = st.lists(st.fixed_dictionaries({"region": VALUES, "theme": VALUES},
                                       optional={"year": VALUES}), max_size=3)
SCENARIOS = st.one_of(
    raw(),
    st.builds(lambda d: as_yaml(d).encode(), keyed(SCENARIO_KEYS)),
    st.builds(lambda d: as_yaml(d).encode(), st.fixed_dictionaries(
        {"name": WORDS},
        optional={"balance": NUMBERS, "budget": NUMBERS, "weights": keyed(
            ["economic", "academic", "infrastructure"]), "lock_in": LOCKS, "lock_out": LOCKS,
            "regions": keyed(["default", "01", "Dakhla-Oued Ed-Dahab"]),
            "themes": keyed(["energy", "tourism"]), "solver": keyed(
                ["name", "time_limit", "mip_gap", "threads"]),
            "phasing": keyed(["years", "budget_per_year", "opened", "first_institute_by",
                              "openings_per_year", "opened_regions"])})),
)


@pytest.fixture(scope="module")
def dataset() -> jp.Dataset:
    return jp.load_dataset()


@FUZZ
@given(document=SCENARIOS)
def test_any_scenario_file_is_read_or_refused(tmp_path_factory: pytest.TempPathFactory,
                                              dataset: jp.Dataset, document: bytes) -> None:
    path = tmp_path_factory.mktemp("scenario") / "fuzzed.yaml"
    path.write_bytes(document)

    def read() -> None:
        scenario = jp.Scenario.from_yaml(path)
        check_against(scenario, dataset)

    read_or_refuse(read)


@FUZZ
@given(document=SCENARIOS)
def test_any_scenario_upload_is_read_or_refused(document: bytes) -> None:
    read_or_refuse(lambda: read_scenario_upload("fuzzed.yaml", document))


# --------------------------------------------------------------------------- data files

INDICATOR_COLUMNS = ["region_code", "indicator", "value", "year", "source", "confidence"]
CELLS = st.one_of(WORDS, NUMBERS.map(str), st.sampled_from(
    ["1 234,5", "1,234.5", "1.234", "-0,5", "1e5", "12,5%", "exact", "gap", "lacune", '"a;b"']))


def spreadsheet(rows: list[list[str]], separator: str, encoding: str) -> bytes:
    header = [INDICATOR_COLUMNS[: 3 + len(rows[0]) % 4]] if rows else []
    text = "\r\n".join(separator.join(row) for row in [*header[0:1], *rows])
    return text.encode(encoding, errors="replace")


CSVS = st.one_of(
    raw(),
    st.builds(spreadsheet, st.lists(st.lists(CELLS, min_size=1, max_size=6), max_size=8),
              st.sampled_from([",", ";", "\t"]),
              st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252"])),
)


@DATA_FUZZ
@given(document=CSVS)
def test_any_indicators_file_is_read_or_refused(tmp_path_factory: pytest.TempPathFactory,
                                                document: bytes) -> None:
    path = tmp_path_factory.mktemp("data") / "indicators.csv"
    path.write_bytes(document)
    read_or_refuse(lambda: jp.load_dataset(indicators=path))


@DATA_FUZZ
@given(document=CSVS)
def test_any_indicators_upload_is_read_or_refused(document: bytes) -> None:
    read_or_refuse(lambda: read_indicators_upload(DataSource(), "fuzzed.csv", document))


CATALOGUE_KEYS = ["id", "label", "group", "unit", "direction", "source", "year", "estimate",
                  "method", "description", "measures"]
THEME_KEYS = ["id", "label", "label_fr", "cost", "min", "max", "profile", "rationale", "sector"]


def listed(keys: list[str], top: str) -> st.SearchStrategy[bytes]:
    entries = st.lists(keyed(keys), max_size=4)
    return st.one_of(raw(), st.builds(lambda e: as_yaml({top: e}).encode(), entries),
                     st.builds(lambda e: as_yaml(e).encode(), entries))


@DATA_FUZZ
@given(document=listed(CATALOGUE_KEYS, "indicators"))
def test_any_catalogue_file_is_read_or_refused(tmp_path_factory: pytest.TempPathFactory,
                                               document: bytes) -> None:
    path = tmp_path_factory.mktemp("data") / "indicators.yaml"
    path.write_bytes(document)
    read_or_refuse(lambda: jp.load_dataset(catalogue=path))


@DATA_FUZZ
@given(document=listed(THEME_KEYS, "themes"))
def test_any_themes_file_is_read_or_refused(tmp_path_factory: pytest.TempPathFactory,
                                            document: bytes) -> None:
    path = tmp_path_factory.mktemp("data") / "themes.yaml"
    path.write_bytes(document)
    read_or_refuse(lambda: jp.load_dataset(themes=path))


COORDINATES = st.lists(st.tuples(st.floats(-200, 200), st.floats(-100, 100)), max_size=6)
GEOMETRIES = st.one_of(
    st.none(), VALUES,
    st.builds(lambda ring: {"type": "Polygon", "coordinates": [[list(p) for p in ring]]},
              COORDINATES),
    st.builds(lambda p: {"type": "Point", "coordinates": list(p)},
              st.tuples(st.floats(allow_nan=False), st.floats(allow_nan=False))),
)
FEATURES = st.lists(st.fixed_dictionaries({
    "type": st.sampled_from(["Feature", "feature", "Thing"]),
    "properties": keyed(["region_code", "region_name", "region_name_ar", "population"]),
    "geometry": GEOMETRIES}), max_size=4)
GEOJSONS = st.one_of(
    raw(),
    st.builds(lambda f: json.dumps({"type": "FeatureCollection", "features": f}).encode(),
              FEATURES),
    st.builds(lambda v: json.dumps(v, allow_nan=True).encode(), VALUES),
)


@pytest.mark.filterwarnings("ignore::RuntimeWarning:pyogrio.raw")  # OGR on odd shapes
@DATA_FUZZ
@given(document=GEOJSONS)
def test_any_regions_file_is_read_or_refused(tmp_path_factory: pytest.TempPathFactory,
                                             document: bytes) -> None:
    path = tmp_path_factory.mktemp("data") / "regions.geojson"
    path.write_bytes(document)
    read_or_refuse(lambda: jp.load_dataset(regions=path))
