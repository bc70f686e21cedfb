"""The rules of a plan in plain words, in every language: the one place they are composed.

A rule is known by its family (``region_min``, ``budget``, ``year_budget``…) and its figures
(``Rule.params``: region code, theme id, bound, year, cost…). The model's own descriptions,
the infeasibility diagnosis the CLI prints and the app's messages are all written here from
those, with the regions' names and the themes' labels (never their codes or ids), counts
that agree with their nouns ("1 specialization", "2 specializations"), and rules of one kind
told in one sentence ("every region must carry at least 1 specialization", not twelve
lines). A smallest fix the solver found (:class:`Fix`) is worded here too. The words
themselves (``rule_*``, ``fix_*``, ``diag_*``, ``list_*``, ``noun_*``) live with every other
word in :mod:`jazari_planner.common.words`; this module chooses which sentence a group of
rules takes and fills it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..common.words import Lang, word
from ..common.words.numbers import count, figure, number

__all__ = [
    "Fix",
    "Lang",
    "Names",
    "collision_head",
    "collision_lines",
    "collision_text",
    "figure",
    "fix_text",
    "listed",
    "rule_text",
]

#: How many names a list shows before "and 3 more".
_LISTED = 4


class Worded(Protocol):
    """What the wording reads of a rule: its family, figures and fallback description."""

    @property
    def family(self) -> str: ...

    @property
    def params(self) -> Mapping[str, Any]: ...

    @property
    def description(self) -> str: ...


@dataclass(frozen=True)
class Fix:
    """The smallest change of one rule that makes the scenario feasible, as the solver found it.

    ``family`` is the rule's (``budget``, ``year_budget``, ``year_openings``,
    ``first_institute``, ``theme_max``, ``region_max``); ``params`` its new figures
    (``bound``, and ``year``, ``region`` or ``theme`` where the rule has one).
    """

    family: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Names:
    """How the words name regions (their name; Arabic's own where known) and themes (their
    label in each language)."""

    regions: Mapping[str, str] = field(default_factory=dict)
    themes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    regions_ar: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, regions: Mapping[str, str], themes: Mapping[str, str],
           themes_fr: Mapping[str, str] | None = None, *,
           themes_ar: Mapping[str, str] | None = None,
           regions_ar: Mapping[str, str] | None = None) -> Names:
        """Names from region code → name (and Arabic name) and theme id → English (and
        French, Arabic) label."""
        french, arabic = themes_fr or {}, themes_ar or {}
        return cls(dict(regions),
                   {t: {"en": label, "fr": french.get(t) or label, "ar": arabic.get(t) or label}
                    for t, label in themes.items()},
                   dict(regions_ar or {}))

    def region(self, code: Any, lang: Lang = "en") -> str:
        """The region's name (its Arabic name in Arabic), or what was given when it is not a
        known code."""
        if lang == "ar" and str(code) in self.regions_ar:
            return self.regions_ar[str(code)]
        return self.regions.get(str(code), str(code))

    def theme(self, theme_id: Any, lang: Lang) -> str:
        """The theme's label in ``lang`` (English where it is missing), or its id."""
        labels = self.themes.get(str(theme_id), {})
        return labels.get(lang) or labels.get("en") or str(theme_id)


# --------------------------------------------------------------------------- small words


def listed(items: Sequence[str], lang: Lang, *, limit: int = _LISTED) -> str:
    """``A, B and C`` (``A, B et C``); beyond ``limit``, ``A, B, C and 9 more``."""
    items = list(items)
    # labels that hold commas themselves ("Industry X.0, automotive and aerospace") are
    # kept apart by semicolons
    comma = word("list_semicolon" if any(", " in i for i in items) else "list_comma", lang)
    if len(items) > limit:
        return word("list_more", lang, items=comma.join(items[:limit - 1]),
                    count=len(items) - limit + 1)
    if len(items) <= 1:
        return "".join(items)
    return word("list_and", lang, items=comma.join(items[:-1]), last=items[-1])


def _money(value: float, lang: Lang) -> str:
    return word("money_mad_million", lang, amount=figure(value, lang))


def _short(value: float, lang: Lang) -> str:
    """A bound as given (``0.35``, ``0,35``): as many decimals as it has, up to four."""
    shown = f"{value:.4f}".rstrip("0").rstrip(".")
    return number(value, len(shown.partition(".")[2]), lang)


# --------------------------------------------------------------------------- one rule


def rule_text(rule: Worded, names: Names, lang: Lang = "en") -> str:
    """One rule as a clause: ``Oriental may carry at most 2 specializations``."""
    return _group_text([rule], names, lang, total_regions=0)


def _group_text(rules: Sequence[Worded], names: Names, lang: Lang, *,
                total_regions: int) -> str:
    """Rules of one family and the same figures as one clause (regions or themes listed)."""
    first = rules[0]
    words = _FAMILIES.get(first.family)
    if words is None:
        return "; ".join(rule.description for rule in rules)
    return words(rules, _Context(names, lang, total_regions))


@dataclass(frozen=True)
class _Context:
    names: Names
    lang: Lang
    total_regions: int

    def regions(self, rules: Sequence[Worded]) -> list[str]:
        return [self.names.region(r.params.get("region"), self.lang) for r in rules]

    def themes(self, rules: Sequence[Worded]) -> list[str]:
        return [self.names.theme(r.params.get("theme"), self.lang) for r in rules]

    def every(self, rules: Sequence[Worded]) -> bool:
        return len(rules) > 1 and len(rules) == self.total_regions

    def how_many(self, rules: Sequence[Worded]) -> str:
        """Which sentence a group of regions takes: ``every``, ``one`` or ``many``."""
        return "every" if self.every(rules) else ("one" if len(rules) == 1 else "many")

    def word(self, key: str, **values: Any) -> str:
        return word(key, self.lang, **values)


def _param(rules: Sequence[Worded], key: str) -> Any:
    return rules[0].params.get(key)


def _region_bound(rules: Sequence[Worded], c: _Context, *, least: bool) -> str:
    n = count(int(_param(rules, "bound")), "specialization", c.lang)
    family = "region_min" if least else "region_max"
    regions = c.regions(rules)
    return c.word(f"rule_{family}_{c.how_many(rules)}", n=n, region=regions[0],
                  regions=listed(regions, c.lang))


def _theme_bound(rules: Sequence[Worded], c: _Context, *, least: bool) -> str:
    n = count(int(_param(rules, "bound")), "region", c.lang)
    family = "theme_min" if least else "theme_max"
    return c.word(f"rule_{family}_{'one' if len(rules) == 1 else 'many'}", n=n,
                  themes=listed(c.themes(rules), c.lang))


def _budget(rules: Sequence[Worded], c: _Context) -> str:
    return c.word("rule_budget", money=_money(float(_param(rules, "bound")), c.lang))


def _pairs(rules: Sequence[Worded], c: _Context, *, cost: bool = False) -> list[str]:
    """``Theme label (Region)``, or ``Theme label (Region, 180)`` with its cost."""
    shown = []
    for rule, region, theme in zip(rules, c.regions(rules), c.themes(rules), strict=True):
        figures = region
        if cost and rule.params.get("cost") is not None:
            figures += c.word("list_comma") + figure(float(rule.params["cost"]), c.lang)
        shown.append(f"{theme} ({figures})")
    return shown


def _lock_in(rules: Sequence[Worded], c: _Context) -> str:
    clauses = [c.word("rule_lock_in_one" if len(themes) == 1 else "rule_lock_in_many",
                      region=region, themes=listed(themes, c.lang, limit=6))
               for region, themes in _by_region(rules, c).items()]
    return _clauses(clauses, c.lang)


def _by_region(rules: Sequence[Worded], c: _Context) -> dict[str, list[str]]:
    """Each region's themes among ``rules``, regions in the order first met."""
    by_region: dict[str, list[str]] = {}
    for region, theme in zip(c.regions(rules), c.themes(rules), strict=True):
        by_region.setdefault(region, []).append(theme)
    return by_region


def _clauses(clauses: Sequence[str], lang: Lang) -> str:
    return word("clause_separator", lang).join(clauses)


def _lock_out(rules: Sequence[Worded], c: _Context) -> str:
    clauses = [c.word("rule_lock_out", region=region, themes=listed(themes, c.lang, limit=6))
               for region, themes in _by_region(rules, c).items()]
    return _clauses(clauses, c.lang)


def _closure(rules: Sequence[Worded], c: _Context) -> str:
    cells = [c.word("rule_closure_cell", theme=theme, region=region,
                    strength=number(float(rule.params.get("strength", 0.0)), 2, c.lang))
             for rule, region, theme in zip(rules, c.regions(rules), c.themes(rules),
                                            strict=True)]
    return c.word("rule_closure", theta=_short(float(_param(rules, "bound")), c.lang),
                  cells=listed(cells, c.lang))


def _years(rules: Sequence[Worded], c: _Context) -> str:
    return listed([str(r.params.get("year")) for r in rules], c.lang, limit=6)


def _year_budget(rules: Sequence[Worded], c: _Context) -> str:
    money = _money(float(_param(rules, "bound")), c.lang)
    if len(rules) == 1:
        return c.word("rule_year_budget_one", year=_param(rules, "year"), money=money)
    return c.word("rule_year_budget_many", years=_years(rules, c), money=money)


def _year_openings(rules: Sequence[Worded], c: _Context) -> str:
    n = count(int(_param(rules, "bound")), "opening", c.lang)
    if len(rules) == 1:
        return c.word("rule_year_openings_one", n=n, year=_param(rules, "year"))
    return c.word("rule_year_openings_many", n=n, years=_years(rules, c))


def _first_institute(rules: Sequence[Worded], c: _Context) -> str:
    regions = c.regions(rules)
    return c.word(f"rule_first_institute_{c.how_many(rules)}", year=_param(rules, "year"),
                  region=regions[0], regions=listed(regions, c.lang))


def _opened(rules: Sequence[Worded], c: _Context) -> str:
    year = _param(rules, "year")
    if len(rules) == 1:
        return c.word("rule_opened_one", region=c.regions(rules)[0],
                      theme=c.themes(rules)[0], year=year)
    return c.word("rule_opened_many", year=year,
                  pairs=listed(_pairs(rules, c), c.lang, limit=6))


def _opened_region(rules: Sequence[Worded], c: _Context) -> str:
    year = _param(rules, "year")
    if len(rules) == 1 and rules[0].params.get("exact"):  # a history year (as_of)
        return c.word("rule_opened_region_history", region=c.regions(rules)[0], year=year)
    if len(rules) == 1:
        return c.word("rule_opened_region_one", region=c.regions(rules)[0], year=year)
    return c.word("rule_opened_region_many", regions=listed(c.regions(rules), c.lang),
                  year=year)


_FAMILIES: dict[str, Callable[[Sequence[Worded], _Context], str]] = {
    "region_min": lambda rules, c: _region_bound(rules, c, least=True),
    "region_max": lambda rules, c: _region_bound(rules, c, least=False),
    "theme_min": lambda rules, c: _theme_bound(rules, c, least=True),
    "theme_max": lambda rules, c: _theme_bound(rules, c, least=False),
    "budget": _budget,
    "lock_in": _lock_in,
    "lock_out": _lock_out,
    "closure": _closure,
    "year_budget": _year_budget,
    "year_openings": _year_openings,
    "first_institute": _first_institute,
    "opened": _opened,
    "opened_region": _opened_region,
}

#: The figures that tell apart two rules of one family that cannot share a sentence.
_SAME_WHEN: dict[str, tuple[str, ...]] = {
    "region_min": ("bound",), "region_max": ("bound",), "theme_min": ("bound",),
    "theme_max": ("bound",), "closure": ("bound",), "year_budget": ("bound",),
    "year_openings": ("bound",), "first_institute": ("year",), "opened": ("year",),
    "opened_region": ("year",),
}


# --------------------------------------------------------------------------- a collision


def _groups(rules: Iterable[Worded]) -> list[list[Worded]]:
    """Rules of one family and the same figures together, in the order first met."""
    groups: dict[tuple[Any, ...], list[Worded]] = {}
    for rule in rules:
        if rule.family in _FAMILIES:
            figures = tuple(rule.params.get(k) for k in _SAME_WHEN.get(rule.family, ()))
            key: tuple[Any, ...] = (rule.family, *figures)
        else:
            key = (rule.family, id(rule))
        groups.setdefault(key, []).append(rule)
    return list(groups.values())


def collision_lines(rules: Sequence[Worded], names: Names, lang: Lang = "en", *,
                    total_regions: int | None = None) -> list[str]:
    """The colliding rules as short clauses, one per kind of rule (for a bulleted list).

    ``total_regions`` (default: the regions ``names`` knows) lets a group covering every
    region read "every region …".
    """
    total = len(names.regions) if total_regions is None else total_regions
    return [_group_text(group, names, lang, total_regions=total) for group in _groups(rules)]


def collision_head(rules: Sequence[Worded], names: Names, lang: Lang = "en") -> str | None:
    """One sentence for a collision that has its own, or ``None``: ``The 2026 budget (300 MAD
    million) cannot open the 2 institutes announced for that year, which cost 330 MAD
    million: …`` for a yearly budget against the openings announced for its year."""
    budgets = [r for r in rules if r.family == "year_budget"]
    opened = [r for r in rules if r.family == "opened"]
    if len(budgets) != 1 or len(opened) + 1 != len(rules):
        return None
    year = budgets[0].params.get("year")
    if any(r.params.get("year") != year for r in opened):
        return None
    c = _Context(names, lang, 0)
    what = (c.word("diag_announced_one") if len(opened) == 1
            else c.word("diag_announced_many", n=count(len(opened), "institute", lang)))
    return c.word("diag_year_budget", year=year,
                  money=_money(float(budgets[0].params["bound"]), lang), what=what,
                  total=_money(sum(float(r.params.get("cost", 0.0)) for r in opened), lang),
                  pairs=listed(_pairs(opened, c, cost=True), lang, limit=6))


#: The families a smallest fix can change, and which of its figures each sentence reads.
_FIXES = ("budget", "year_budget", "year_openings", "first_institute", "theme_max",
          "region_max")


def fix_text(fix: Fix, names: Names, lang: Lang = "en") -> str:
    """A smallest fix as an instruction: ``raise the 2026 budget to 330 MAD million``."""
    if fix.family not in _FIXES:
        raise ValueError(f"no wording for a fix of the family {fix.family!r}")
    p = fix.params
    bound = p.get("bound", 0)
    nouns = {"year_openings": "opening", "theme_max": "region", "region_max": "specialization"}
    key = f"fix_{fix.family}"
    if fix.family == "year_budget" and p.get("year") is None:  # the same figure every year
        key = "fix_year_budget_yearly"
    return word(key, lang, year=p.get("year"),
                money=_money(float(bound), lang),
                n=count(int(bound), nouns.get(fix.family, "region"), lang),
                theme=names.theme(p.get("theme"), lang),
                region=names.region(p.get("region"), lang))


def collision_text(rules: Sequence[Worded], names: Names, lang: Lang = "en", *,
                   fixes: Sequence[Fix] = (), total_regions: int | None = None) -> str:
    """A diagnosis as a paragraph: what collides, the smallest fixes found, what else to do."""
    if not rules:
        return word("diag_none", lang)
    head = collision_head(rules, names, lang)
    if head is None:
        clauses = collision_lines(rules, names, lang, total_regions=total_regions)
        head = (word("diag_one", lang, clause=clauses[0]) if len(clauses) == 1
                else word("diag_many", lang, clauses=_clauses(clauses, lang)))
    parts = [head]
    if fixes:
        worded = [fix_text(fix, names, lang) for fix in fixes]
        parts.append(word("diag_fix_one", lang, fix=worded[0]) if len(worded) == 1
                     else word("diag_fix_many", lang,
                               fixes=word("diag_fix_or", lang).join(worded)))
    parts.append(word("diag_otherwise", lang))
    return word("sentence_separator", lang).join(parts)
