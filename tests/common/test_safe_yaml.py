"""YAML read within limits: bombs, deep nesting, tags and merge keys refused; numbers read.

The same text goes through both of PyYAML's parsers (libyaml's C one and the pure-Python
one); they must agree on the data and on every key's line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from factories import billion_laughs

from jazari_planner.common import safe_yaml
from jazari_planner.common.errors import InputError
from jazari_planner.common.safe_yaml import MAX_DEPTH, MAX_NODES, load

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def refusal(text: str) -> InputError:
    with pytest.raises(InputError) as caught:
        load(text, source="attack.yaml")
    return caught.value


@pytest.fixture(params=["c", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with libyaml's parser, then with the pure-Python one."""
    if request.param == "c":
        if not yaml.__with_libyaml__:
            pytest.skip("PyYAML was built without libyaml")
        assert issubclass(safe_yaml.LOADER, yaml.CSafeLoader)
    else:
        monkeypatch.setattr(safe_yaml, "LOADER", python_loader())
    return str(request.param)


def python_loader() -> type[yaml.SafeLoader]:
    """The pure-Python parser with the same resolvers as the planner's loader."""

    class PythonLoader(yaml.SafeLoader):
        yaml_implicit_resolvers = safe_yaml.LOADER.yaml_implicit_resolvers

    return PythonLoader


@pytest.mark.parametrize(("text", "line", "words"), [
    (billion_laughs(), 3, ["anchors and aliases", "write the value out in full"]),
    ("name: R\ndescription: &a [*a]\n", 2, ["anchors and aliases"]),
    ("name: A\nbase: &b {min: 1}\n", 2, ["anchors and aliases"]),
    ("name: M\nsolver:\n  <<: {name: cbc}\n", 3, ["merge keys (<<)", "in full"]),
    ("name: !!binary aGk=\n", 1, ["tag 'tag:yaml.org,2002:binary'", "plain text"]),
    ("name: !!python/object:os.system x\n", 1, ["python/object", "without a tag"]),
    ("name: D\ndescription: " + "[" * 900 + "]" * 900 + "\n", 2,
     [f"nested more than {MAX_DEPTH} levels", "unclosed"]),
    ("name: N\nlock_in: [" + "1," * (MAX_NODES + 1) + "]\n", 2,
     [f"more than {MAX_NODES:,} values"]),
    ("name: 2024-13-45\n", 1, ["cannot read the value '2024-13-45'", "quote it"]),
    ("name: T\nbudget: 1" + "0" * 5000 + "\n", 2, ["cannot read the value", "plain number"]),
    ("name: T\n? [a]\n: 1\n", 2, ["a key is a list", "plain word"]),
])
def test_hostile_documents_are_refused_with_the_line(parser: str, text: str, line: int,
                                                     words: list[str]) -> None:
    error = refusal(text)
    assert error.source == "attack.yaml" and error.line == line
    for word in words:
        assert word in error.message, error.message


def test_a_quoted_merge_key_is_an_ordinary_key(parser: str) -> None:
    assert load("'<<': 1\n", source="s").data == {"<<": 1}


@pytest.mark.parametrize(("text", "value"), [
    ("1e-9", 1e-9), ("1.0e308", 1e308), ("1e309", float("inf")), ("-2E3", -2000.0),
    ("1.5e+3", 1500.0), ("0.5", 0.5), ("12", 12), ("'1e-9'", "1e-9"), ("1e", "1e"),
])
def test_numbers_a_person_means_are_read_as_numbers(parser: str, text: str,
                                                    value: object) -> None:
    read = load(f"x: {text}\n", source="s").data["x"]
    assert read == value and type(read) is type(value)


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.name)
def test_both_parsers_give_the_same_data_and_lines(path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml")
    text = path.read_text(encoding="utf-8")
    fast = load(text, source=str(path))
    monkeypatch.setattr(safe_yaml, "LOADER", python_loader())
    slow = load(text, source=str(path))
    assert fast == slow
    assert fast.data == yaml.safe_load(text)
    assert set(fast.lines) >= {(), *((key,) for key in fast.data)}


def test_duplicate_keys_are_judged_as_the_caller_spells_them(parser: str) -> None:
    def padded(under: tuple[str | int, ...], key: object) -> str:
        return f"{key:02d}" if isinstance(key, int) else str(key)

    with pytest.raises(InputError, match=r"`04` appears twice \(first on line 1\)"):
        load("4: a\n'04': b\n", source="s", key_name=padded)
