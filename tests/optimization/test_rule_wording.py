"""Rules in plain words: labels not ids, counts that agree, one sentence per kind, two languages.

The wording is written once (:mod:`jazari_planner.optimization.rule_wording`) from each rule's
family and
figures; the model's descriptions, the diagnosis the CLI prints and the app's messages all
come from it.
"""

from __future__ import annotations

import re

import pytest

import jazari_planner as jp
from jazari_planner.optimization.model import Rule
from jazari_planner.optimization.rule_wording import (
    Fix,
    Names,
    collision_head,
    collision_lines,
    collision_text,
    fix_text,
    listed,
    rule_text,
)

NAMES = Names.of(
    {"01": "Tanger-Tétouan-Al Hoceima", "02": "Oriental", "03": "Fès-Meknès",
     "04": "Rabat-Salé-Kénitra"},
    {"energy": "Energy transition", "industry": "Industry X.0, automotive and aerospace",
     "sovereign_ai": "Sovereign AI"},
    {"energy": "Transition énergétique", "industry": "Industrie X.0, automobile et aéronautique",
     "sovereign_ai": "IA souveraine"})


def rule(family: str, **params: object) -> Rule:
    return Rule(f"{family}_{len(params)}", family, "", params)


def test_counts_agree_with_their_nouns_in_both_languages() -> None:
    one, two, none = (rule("region_max", region="02", bound=n) for n in (1, 2, 0))
    assert rule_text(one, NAMES) == "Oriental may carry at most 1 specialization"
    assert rule_text(two, NAMES) == "Oriental may carry at most 2 specializations"
    assert rule_text(none, NAMES) == "Oriental may carry at most 0 specializations"
    assert rule_text(one, NAMES, "fr") == "Oriental peut porter au plus 1 spécialisation"
    assert rule_text(none, NAMES, "fr") == "Oriental peut porter au plus 0 spécialisation"
    assert rule_text(rule("theme_min", theme="energy", bound=1), NAMES) == (
        "Energy transition needs at least 1 region")


def test_rules_of_one_kind_are_one_sentence_and_every_region_is_said_so() -> None:
    every = [rule("region_min", region=code, bound=1) for code in ("01", "02", "03", "04")]
    assert collision_lines(every, NAMES) == ["every region must carry at least 1 specialization"]
    assert collision_lines(every, NAMES, "fr") == [
        "chaque région doit porter au moins 1 spécialisation"]
    some = every[:2]
    assert collision_lines(some, NAMES) == [
        "Tanger-Tétouan-Al Hoceima and Oriental must each carry at least 1 specialization"]
    twelve = [rule("region_min", region=f"{i:02d}", bound=1) for i in range(1, 13)]
    line, = collision_lines(twelve[:11], NAMES, total_regions=12)
    assert line.endswith("and 8 more must each carry at least 1 specialization")


def test_labels_replace_ids_and_labels_with_commas_stay_apart() -> None:
    locks = [rule("lock_out", region="02", theme=t) for t in ("energy", "industry",
                                                               "sovereign_ai")]
    line, = collision_lines(locks, NAMES)
    assert line == ("Oriental may not carry Energy transition; Industry X.0, automotive and "
                    "aerospace and Sovereign AI (locked out)")
    assert "sovereign_ai" not in line and "lock_out" not in line
    assert listed(["a", "b", "c", "d", "e"], "en") == "a, b, c and 2 more"
    assert listed(["a", "b"], "fr") == "a et b"


def test_a_yearly_budget_against_its_announcements_is_one_sentence() -> None:
    rules = [rule("year_budget", year=2026, bound=300),
             rule("opened", region="04", theme="sovereign_ai", year=2026, cost=180),
             rule("opened", region="03", theme="industry", year=2026, cost=150)]
    head = collision_head(rules, NAMES)
    assert head == ("The 2026 budget (300 MAD million) cannot open the 2 institutes announced "
                    "for that year, which cost 330 MAD million: Sovereign AI "
                    "(Rabat-Salé-Kénitra, 180) and Industry X.0, automotive and aerospace "
                    "(Fès-Meknès, 150).")
    french = collision_text(rules, NAMES, "fr", fixes=[Fix("year_budget",
                                                            {"year": 2026, "bound": 330})])
    assert french.startswith("Le budget 2026 (300 millions de MAD) ne suffit pas à ouvrir les 2 "
                             "instituts annoncés")
    assert "porter le budget 2026 à 330 millions de MAD" in french
    # another rule in the collision: no special sentence, the clauses listed
    assert collision_head([*rules, rule("region_max", region="04", bound=1)], NAMES) is None


@pytest.mark.parametrize(("fix", "english", "french"), [
    (Fix("budget", {"bound": 1190}), "raise the budget to 1,190 MAD million",
     "porter le budget à 1\u202f190 millions de MAD"),
    (Fix("year_openings", {"bound": 1}), "allow 1 opening a year", "autoriser 1 ouverture par an"),
    (Fix("first_institute", {"year": 2029}), "give every region until 2029 for its first "
     "institute", "repousser à 2029 l'échéance du premier institut de chaque région"),
    (Fix("theme_max", {"theme": "energy", "bound": 4}), "let Energy transition go to 4 regions",
     "permettre Transition énergétique dans 4 régions"),
    (Fix("region_max", {"region": "02", "bound": 3}), "let Oriental carry 3 specializations",
     "permettre 3 spécialisations à Oriental"),
])
def test_each_fix_is_an_instruction(fix: Fix, english: str, french: str) -> None:
    assert fix_text(fix, NAMES) == english
    assert fix_text(fix, NAMES, "fr") == french


def test_a_family_of_another_module_keeps_its_own_words() -> None:
    custom = Rule("frontier_level", "frontier_level", "balance term at least 0.4", {})
    assert rule_text(custom, NAMES) == "balance term at least 0.4"


def test_the_model_describes_its_rules_with_this_wording() -> None:
    data = jp.load_dataset()
    model = jp.create_model(jp.build_inputs(data, jp.Scenario(
        name="x", budget=1500, lock_in=[{"region": "Oriental", "theme": "energy"}])))
    described = {name: r.description for name, r in model.rules.items()}
    assert described["budget"] == "the budget is 1,500 MAD million"
    assert described["lock_in_02_energy"] == (
        "Oriental must carry Energy transition and green hydrogen (locked in)")
    assert described["theme_max_energy"] == ("Energy transition and green hydrogen may go to at "
                                             "most 3 regions")
    for text in described.values():  # no id, no code, no "1 regions"
        assert not re.search(r"\b1 (regions|specializations|openings)\b", text), text
        assert "_" not in text, text
