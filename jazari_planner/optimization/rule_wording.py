"""The rules of a plan in plain words, English and French: the one place they are worded.

A rule is known by its family (``region_min``, ``budget``, ``year_budget``…) and its figures
(``Rule.params``: region code, theme id, bound, year, cost…). The model's own descriptions,
the infeasibility diagnosis the CLI prints and the app's messages are all written here from
those, with the regions' names and the themes' labels (never their codes or ids), counts
that agree with their nouns ("1 specialization", "2 specializations"), and rules of one kind
told in one sentence ("every region must carry at least 1 specialization", not twelve
lines). A smallest fix the solver found (:class:`Fix`) is worded here too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

__all__ = [
    "Fix",
    "Lang",
    "Names",
    "collision_head",
    "collision_lines",
    "collision_text",
    "fix_text",
    "listed",
    "rule_text",
]

Lang = Literal["en", "fr"]

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
    """How the words name regions (their names) and themes (their label in each language)."""

    regions: Mapping[str, str] = field(default_factory=dict)
    themes: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, regions: Mapping[str, str], themes: Mapping[str, str],
           themes_fr: Mapping[str, str] | None = None) -> Names:
        """Names from region code → name and theme id → English (and French) label."""
        french = themes_fr or {}
        return cls(dict(regions), {t: {"en": label, "fr": french.get(t) or label}
                                   for t, label in themes.items()})

    def region(self, code: Any) -> str:
        """The region's name, or what was given when it is not a known code."""
        return self.regions.get(str(code), str(code))

    def theme(self, theme_id: Any, lang: Lang) -> str:
        """The theme's label in ``lang`` (English where French is missing), or its id."""
        labels = self.themes.get(str(theme_id), {})
        return labels.get(lang) or labels.get("en") or str(theme_id)


# --------------------------------------------------------------------------- small words


def figure(value: float, lang: Lang) -> str:
    """A number as a reader writes it: ``1,190`` / ``1 190``, one decimal only when needed."""
    decimals = 0 if float(value).is_integer() else 1
    written = f"{float(value):,.{decimals}f}"
    if lang == "fr":
        written = written.replace(",", "\u202f").replace(".", ",")
    return written


def _count(n: int, noun: str, lang: Lang) -> str:
    """``1 specialization``, ``2 specializations``; French keeps 0 and 1 singular."""
    singular = n <= 1 if lang == "fr" else n == 1
    return f"{n} {_NOUNS[noun][lang][0 if singular else 1]}"


_NOUNS: dict[str, dict[Lang, tuple[str, str]]] = {
    "specialization": {"en": ("specialization", "specializations"),
                       "fr": ("spécialisation", "spécialisations")},
    "region": {"en": ("region", "regions"), "fr": ("région", "régions")},
    "opening": {"en": ("opening", "openings"), "fr": ("ouverture", "ouvertures")},
    "institute": {"en": ("institute", "institutes"), "fr": ("institut", "instituts")},
}


def listed(items: Sequence[str], lang: Lang, *, limit: int = _LISTED) -> str:
    """``A, B and C`` (``A, B et C``); beyond ``limit``, ``A, B, C and 9 more``."""
    items = list(items)
    word = {"en": "and", "fr": "et"}[lang]
    # labels that hold commas themselves ("Industry X.0, automotive and aerospace") are
    # kept apart by semicolons
    comma = {"en": "; ", "fr": " ; "}[lang] if any(", " in i for i in items) else ", "
    if len(items) > limit:
        more = {"en": "more", "fr": "autres"}[lang]
        return f"{comma.join(items[:limit - 1])} {word} {len(items) - limit + 1} {more}"
    if len(items) <= 1:
        return "".join(items)
    return f"{comma.join(items[:-1])} {word} {items[-1]}"


def _money(value: float, lang: Lang) -> str:
    return f"{figure(value, lang)} " + {"en": "MAD million", "fr": "millions de MAD"}[lang]


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
        return [self.names.region(r.params.get("region")) for r in rules]

    def themes(self, rules: Sequence[Worded]) -> list[str]:
        return [self.names.theme(r.params.get("theme"), self.lang) for r in rules]

    def every(self, rules: Sequence[Worded]) -> bool:
        return len(rules) > 1 and len(rules) == self.total_regions


def _param(rules: Sequence[Worded], key: str) -> Any:
    return rules[0].params.get(key)


def _region_bound(rules: Sequence[Worded], c: _Context, *, least: bool) -> str:
    n = _count(int(_param(rules, "bound")), "specialization", c.lang)
    if c.lang == "fr":
        verb = "porter au moins" if least else "porter au plus"
        if c.every(rules):
            return f"chaque région doit {verb} {n}" if least else f"chaque région peut {verb} {n}"
        if len(rules) == 1:
            return (f"{c.regions(rules)[0]} doit {verb} {n}" if least
                    else f"{c.regions(rules)[0]} peut {verb} {n}")
        many = listed(c.regions(rules), c.lang)
        return (f"{many} doivent chacune {verb} {n}" if least
                else f"{many} peuvent chacune {verb} {n}")
    verb = "carry at least" if least else "carry at most"
    modal = "must" if least else "may"
    if c.every(rules):
        return f"every region {modal} {verb} {n}"
    if len(rules) == 1:
        return f"{c.regions(rules)[0]} {modal} {verb} {n}"
    return f"{listed(c.regions(rules), c.lang)} {modal} each {verb} {n}"


def _theme_bound(rules: Sequence[Worded], c: _Context, *, least: bool) -> str:
    n = _count(int(_param(rules, "bound")), "region", c.lang)
    themes = listed(c.themes(rules), c.lang)
    if c.lang == "fr":
        if len(rules) == 1:
            return (f"{themes} demande au moins {n}" if least
                    else f"{themes} peut aller à {n} au plus")
        return (f"{themes} demandent chacun au moins {n}" if least
                else f"{themes} peuvent chacun aller à {n} au plus")
    if len(rules) == 1:
        return f"{themes} needs at least {n}" if least else f"{themes} may go to at most {n}"
    return (f"{themes} each need at least {n}" if least
            else f"{themes} may each go to at most {n}")


def _budget(rules: Sequence[Worded], c: _Context) -> str:
    money = _money(float(_param(rules, "bound")), c.lang)
    return f"le budget est de {money}" if c.lang == "fr" else f"the budget is {money}"


def _pairs(rules: Sequence[Worded], c: _Context, *, cost: bool = False) -> list[str]:
    """``Theme label (Region)``, or ``Theme label (Region, 180)`` with its cost."""
    shown = []
    for rule, region, theme in zip(rules, c.regions(rules), c.themes(rules), strict=True):
        figures = region
        if cost and rule.params.get("cost") is not None:
            figures += f", {figure(float(rule.params['cost']), c.lang)}"
        shown.append(f"{theme} ({figures})")
    return shown


def _lock_in(rules: Sequence[Worded], c: _Context) -> str:
    clauses = []
    for region, themes in _by_region(rules, c).items():
        shown = listed(themes, c.lang, limit=6)
        imposed = "imposé" if len(themes) == 1 else "imposés"
        clauses.append(f"{region} doit porter {shown} ({imposed})" if c.lang == "fr"
                       else f"{region} must carry {shown} (locked in)")
    return _clauses(clauses, c.lang)


def _by_region(rules: Sequence[Worded], c: _Context) -> dict[str, list[str]]:
    """Each region's themes among ``rules``, regions in the order first met."""
    by_region: dict[str, list[str]] = {}
    for region, theme in zip(c.regions(rules), c.themes(rules), strict=True):
        by_region.setdefault(region, []).append(theme)
    return by_region


def _clauses(clauses: Sequence[str], lang: Lang) -> str:
    return {"en": "; ", "fr": " ; "}[lang].join(clauses)


def _lock_out(rules: Sequence[Worded], c: _Context) -> str:
    clauses = []
    for region, themes in _by_region(rules, c).items():
        shown = listed(themes, c.lang, limit=6)
        clauses.append(f"{region} ne peut pas porter {shown} (exclu)" if c.lang == "fr"
                       else f"{region} may not carry {shown} (locked out)")
    return _clauses(clauses, c.lang)


def _closure(rules: Sequence[Worded], c: _Context) -> str:
    theta = f"{float(_param(rules, 'bound')):g}"
    theta = theta.replace(".", ",") if c.lang == "fr" else theta
    cells = []
    for rule, region, theme in zip(rules, c.regions(rules), c.themes(rules), strict=True):
        strength = _decimal(float(rule.params.get("strength", 0.0)), c.lang)
        cells.append(f"{theme} en {region} (force {strength})" if c.lang == "fr"
                     else f"{theme} in {region} (strength {strength})")
    shown = listed(cells, c.lang)
    return (f"la force minimale {theta} exclut {shown}" if c.lang == "fr"
            else f"the minimum strength {theta} rules out {shown}")


def _decimal(value: float, lang: Lang) -> str:
    written = f"{value:.2f}"
    return written.replace(".", ",") if lang == "fr" else written


def _years(rules: Sequence[Worded], c: _Context) -> str:
    return listed([str(r.params.get("year")) for r in rules], c.lang, limit=6)


def _year_budget(rules: Sequence[Worded], c: _Context) -> str:
    money = _money(float(_param(rules, "bound")), c.lang)
    if len(rules) == 1:
        year = _param(rules, "year")
        return (f"le budget {year} est de {money}" if c.lang == "fr"
                else f"the {year} budget is {money}")
    return (f"le budget annuel est de {money} en {_years(rules, c)}" if c.lang == "fr"
            else f"the yearly budget is {money} in {_years(rules, c)}")


def _year_openings(rules: Sequence[Worded], c: _Context) -> str:
    n = _count(int(_param(rules, "bound")), "opening", c.lang)
    if len(rules) == 1:
        year = _param(rules, "year")
        return f"au plus {n} en {year}" if c.lang == "fr" else f"at most {n} in {year}"
    return (f"au plus {n} par an en {_years(rules, c)}" if c.lang == "fr"
            else f"at most {n} a year in {_years(rules, c)}")


def _first_institute(rules: Sequence[Worded], c: _Context) -> str:
    year = _param(rules, "year")
    if c.lang == "fr":
        if c.every(rules):
            return f"chaque région doit avoir un institut ouvert d'ici {year}"
        if len(rules) == 1:
            return f"{c.regions(rules)[0]} doit avoir un institut ouvert d'ici {year}"
        return f"{listed(c.regions(rules), c.lang)} doivent chacune avoir un institut ouvert " \
               f"d'ici {year}"
    if c.every(rules):
        return f"every region must have an institute open by {year}"
    if len(rules) == 1:
        return f"{c.regions(rules)[0]} must have an institute open by {year}"
    return f"{listed(c.regions(rules), c.lang)} must each have an institute open by {year}"


def _opened(rules: Sequence[Worded], c: _Context) -> str:
    year = _param(rules, "year")
    if len(rules) == 1:
        region, theme = c.regions(rules)[0], c.themes(rules)[0]
        return (f"{region} ouvre {theme} en {year} (annoncé)" if c.lang == "fr"
                else f"{region} opens {theme} in {year} (announced)")
    pairs = listed(_pairs(rules, c), c.lang, limit=6)
    return (f"annoncés pour {year} : {pairs}" if c.lang == "fr"
            else f"announced for {year}: {pairs}")


def _opened_region(rules: Sequence[Worded], c: _Context) -> str:
    year = _param(rules, "year")
    if len(rules) == 1 and rules[0].params.get("exact"):  # a history year (as_of)
        region = c.regions(rules)[0]
        return (f"{region} a ouvert un institut d'un seul thème en {year} (historique)"
                if c.lang == "fr" else f"{region} opened one institute of one theme in {year} "
                "(history)")
    if len(rules) == 1:
        region = c.regions(rules)[0]
        return (f"{region} ouvre un institut en {year}" if c.lang == "fr"
                else f"{region} opens an institute in {year}")
    regions = listed(c.regions(rules), c.lang)
    return (f"{regions} ouvrent chacune un institut en {year}" if c.lang == "fr"
            else f"{regions} each open an institute in {year}")


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
    money = _money(float(budgets[0].params["bound"]), lang)
    total = _money(sum(float(r.params.get("cost", 0.0)) for r in opened), lang)
    pairs = listed(_pairs(opened, c, cost=True), lang, limit=6)
    if lang == "fr":
        what = ("l'institut annoncé" if len(opened) == 1
                else f"les {_count(len(opened), 'institute', lang)} annoncés")
        return (f"Le budget {year} ({money}) ne suffit pas à ouvrir {what} pour cette année, "
                f"qui coûtent {total} : {pairs}.")
    what = ("the institute announced" if len(opened) == 1
            else f"the {_count(len(opened), 'institute', lang)} announced")
    return (f"The {year} budget ({money}) cannot open {what} for that year, which cost "
            f"{total}: {pairs}.")


def fix_text(fix: Fix, names: Names, lang: Lang = "en") -> str:
    """A smallest fix as an instruction: ``raise the 2026 budget to 330 MAD million``."""
    p = fix.params
    bound: Any = p.get("bound", 0)
    fr = lang == "fr"
    if fix.family == "budget":
        money = _money(float(bound), lang)
        return f"porter le budget à {money}" if fr else f"raise the budget to {money}"
    if fix.family == "year_budget":
        money = _money(float(bound), lang)
        year = p.get("year")
        if year is None:  # the same figure every year
            return (f"porter le budget annuel à {money}" if fr
                    else f"raise the yearly budget to {money}")
        return f"porter le budget {year} à {money}" if fr else \
            f"raise the {year} budget to {money}"
    if fix.family == "year_openings":
        n = _count(int(bound), "opening", lang)
        return f"autoriser {n} par an" if fr else f"allow {n} a year"
    if fix.family == "first_institute":
        year = p.get("year")
        return (f"repousser à {year} l'échéance du premier institut de chaque région" if fr
                else f"give every region until {year} for its first institute")
    if fix.family == "theme_max":
        theme = names.theme(p.get("theme"), lang)
        n = _count(int(bound), "region", lang)
        return f"permettre {theme} dans {n}" if fr else f"let {theme} go to {n}"
    if fix.family == "region_max":
        region = names.region(p.get("region"))
        n = _count(int(bound), "specialization", lang)
        return f"permettre {n} à {region}" if fr else f"let {region} carry {n}"
    raise ValueError(f"no wording for a fix of the family {fix.family!r}")


def collision_text(rules: Sequence[Worded], names: Names, lang: Lang = "en", *,
                   fixes: Sequence[Fix] = (), total_regions: int | None = None) -> str:
    """A diagnosis as a paragraph: what collides, the smallest fixes found, what else to do."""
    fr = lang == "fr"
    if not rules:
        return ("Les règles peuvent tenir ensemble." if fr
                else "The rules can all hold together.")
    head = collision_head(rules, names, lang)
    if head is None:
        clauses = collision_lines(rules, names, lang, total_regions=total_regions)
        if len(clauses) == 1:
            head = (f"Cette règle ne peut pas être respectée : {clauses[0]}." if fr
                    else f"This rule cannot be met: {clauses[0]}.")
        else:
            head = (f"Aucun plan ne respecte tout cela à la fois : {_clauses(clauses, lang)}."
                    if fr else f"No plan meets all of these at once: {_clauses(clauses, lang)}.")
    parts = [head]
    if fixes:
        worded = [fix_text(fix, names, lang) for fix in fixes]
        if len(worded) == 1:
            parts.append(f"Plus petite correction trouvée par le solveur : {worded[0]}." if fr
                         else f"Smallest fix the solver finds: {worded[0]}.")
        else:
            joined = (" ; ou ".join(worded)) if fr else ("; or ".join(worded))
            parts.append(
                f"Plus petites corrections trouvées par le solveur, chacune suffit : {joined}."
                if fr else f"Smallest fixes the solver finds, each enough on its own: {joined}.")
    parts.append("Sinon, assouplissez l'une de ces règles (un verrou, une borne, un budget "
                 "ou la force minimale)." if fr else
                 "Otherwise relax any one of these rules (a lock, a bound, a budget or the "
                 "minimum strength).")
    return " ".join(parts)
