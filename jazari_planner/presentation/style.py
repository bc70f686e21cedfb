"""The one place for colours, symbols and fixed texts that every output reads.

The web map, the static figures and the slide deck all take a theme's colour and badge,
a value's class colour and the legend wording from here, so a theme looks the same in every
output and a planner learns the code once. Palettes are colour-blind safe (ColorBrewer
sequential schemes, Paul Tol's qualitative colours); a theme is never told by colour alone:
each carries a two-letter badge.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from ..common.escaping import printable
from ..results.metrics import METRIC_INFO

__all__ = [
    "DASH",
    "FONT_STACK",
    "ROOT",
    "TEXTS",
    "ClassScale",
    "Lang",
    "Root",
    "ThemeStyle",
    "metric_text",
    "number",
    "text",
    "theme_label",
    "theme_style",
    "theme_styles",
]

Lang = Literal["en", "fr"]

#: The en dash of ranges ("70\u201380") and of missing values.
DASH = "\u2013"
#: Fonts for every text; DejaVu Sans ships with matplotlib, browsers fall back to their own.
FONT_STACK = "'DejaVu Sans', 'Segoe UI', 'Noto Sans', Arial, sans-serif"
#: Region outlines, the map's sea and land-free background, and ink for text.
OUTLINE = "#ffffff"
BACKGROUND = "#eef2f6"
INK = "#1f2933"
MUTED_INK = "#52606d"


@dataclass(frozen=True)
class ThemeStyle:
    """How a theme is drawn: fill ``color``, ``text_color`` on it and a two-letter ``badge``."""

    color: str
    text_color: str
    badge: str


def _text_on(color: str) -> str:
    """Black or white, whichever contrasts more with ``color`` (WCAG relative luminance)."""
    channels = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return "#111111" if luminance > 0.179 else "#ffffff"


# Paul Tol's muted, vibrant and high-contrast colours (https://personal.sron.nl/~pault/),
# chosen so that neighbours in meaning differ in lightness as well as hue.
_THEMES: dict[str, tuple[str, str]] = {
    "energy": ("#DDCC77", "EN"),
    "agrifood": ("#117733", "AG"),
    "fisheries": ("#88CCEE", "FI"),
    "mining": ("#882255", "MI"),
    "industry": ("#332288", "IN"),
    "logistics": ("#EE7733", "LO"),
    "finance": ("#AA4499", "FN"),
    "health": ("#CC3311", "HE"),
    "tourism": ("#EE3377", "TO"),
    "sovereign_ai": ("#0077BB", "AI"),
    "language_education": ("#999933", "LE"),
    "water": ("#44AA99", "WA"),
    "smart_cities": ("#555555", "SC"),
}
# Paul Tol's light colours: for themes from a user's own file, in the order they come.
_FALLBACK_COLORS: tuple[str, ...] = (
    "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF",
    "#44BB99", "#BBCC33", "#AAAA00", "#DDDDDD",
)


def theme_style(theme_id: str) -> ThemeStyle:
    """The colour and badge of one theme, as :func:`theme_styles` gives it on its own."""
    return theme_styles([theme_id])[theme_id]


def theme_styles(theme_ids: Iterable[str]) -> dict[str, ThemeStyle]:
    """The colour and badge of each theme of a set (a dataset's themes, in its order).

    The 13 embedded themes always get their own colour and badge. Others (a user's own
    themes file) get Tol's light colours in turn and a badge from their id (``"T1"`` for
    ``theme_01``, else the initials: ``"CS"`` for ``cyber_security``), made unique within the
    set; the same set in the same order always gets the same styles.
    """
    ids = list(dict.fromkeys(str(t) for t in theme_ids))
    return dict(_styles(tuple(ids)))


@lru_cache(maxsize=64)
def _styles(theme_ids: tuple[str, ...]) -> tuple[tuple[str, ThemeStyle], ...]:
    taken = {badge for _, badge in _THEMES.values()}
    styles: list[tuple[str, ThemeStyle]] = []
    unknown = 0
    for theme_id in theme_ids:
        if theme_id in _THEMES:
            color, badge = _THEMES[theme_id]
        else:
            color = _FALLBACK_COLORS[unknown % len(_FALLBACK_COLORS)]
            unknown += 1
            badge = next(b for b in _badge_candidates(theme_id) if b not in taken)
            taken.add(badge)
        styles.append((theme_id, ThemeStyle(color=color, text_color=_text_on(color),
                                            badge=badge)))
    return tuple(styles)


def _badge_candidates(theme_id: str) -> Iterator[str]:
    """Badges for an unknown theme id, best first: never exhausted."""
    words = [w for w in re.split(r"[^0-9A-Za-z]+", theme_id) if w] or ["X"]
    head = words[0][0].upper()
    number = re.search(r"(\d+)$", theme_id)
    if number:
        yield f"{head}{int(number.group(1))}"
    if len(words) >= 2:
        yield (words[0][0] + words[1][0]).upper()
    letters = "".join(words).upper()
    for letter in letters[1:]:
        yield head + letter
    for counter in itertools.count(1):
        yield f"{head}{counter}"


@dataclass(frozen=True)
class ClassScale:
    """A classed (binned) colour scale: class ``i`` holds the values up to ``uppers[i]``.

    ``ranges`` are the smallest and largest value put in each class (what its legend
    label shows); a value above the last bound takes the last colour. Made by
    :func:`~jazari_planner.presentation.layers.class_scale` from the values drawn.
    """

    uppers: tuple[float, ...]
    ranges: tuple[tuple[float, float], ...]
    colors: tuple[str, ...]
    decimals: int = 2
    missing: str = "#d9d9d9"

    def color(self, value: float | None) -> str:
        """The fill colour of ``value``; grey where it is missing or not a number."""
        if value is None or not math.isfinite(value) or not self.colors:
            return self.missing
        for upper, color in zip(self.uppers, self.colors, strict=True):
            if value <= upper + 1e-12:
                return color
        return self.colors[-1]

    def labels(self, lang: Lang = "en", suffix: str = "") -> list[str]:
        """One legend label per class: ``"0.75–0.77"``, or one value (``"0.42"``)."""
        labels = []
        for low, high in self.ranges:
            low_text, high_text = (number(low, self.decimals, lang),
                                   number(high, self.decimals, lang))
            shown = low_text if low_text == high_text else f"{low_text}{DASH}{high_text}"
            labels.append(f"{shown}{suffix}")
        return labels


@dataclass(frozen=True)
class Root:
    """JAZARI ROOT, the network's head institute: where it is and how it is drawn."""

    region_code: str
    city: str
    lat: float
    lon: float
    color: str
    label: str


#: JAZARI ROOT sits in Rabat (region "04", Rabat-Salé-Kénitra); Rabat city centre.
ROOT = Root(region_code="04", city="Rabat", lat=34.0209, lon=-6.8416,
            color="#111111", label="JAZARI ROOT")

#: Fixed texts of every output, in English and French.
TEXTS: dict[str, dict[Lang, str]] = {
    "balance_score": {"en": "Balance score", "fr": "Score d'équilibre"},
    "layer_fit": {"en": "Fit", "fr": "Ajustement"},
    "layer_balance": {"en": "Balance score", "fr": "Score d'équilibre"},
    "layer_need": {"en": "Need index", "fr": "Indice de besoin"},
    "layer_strength": {"en": "Theme strength", "fr": "Force d'un thème"},
    "fit_unit": {
        "en": "sum of the strengths of the region's themes",
        "fr": "somme des forces des thèmes de la région",
    },
    "locked_key": {
        "en": "dark outline: announced (locked in)",
        "fr": "contour foncé : annoncé (imposé)",
    },
    "gained_key": {"en": "ringed: gained", "fr": "cerclé : gagné"},
    "lost_key": {"en": "struck through: lost", "fr": "barré : perdu"},
    "fit_all": {"en": "Show the whole country", "fr": "Afficher tout le pays"},
    "change_title": {"en": "What changed", "fr": "Ce qui change"},
    "change_unit": {"en": "themes against “{name}”", "fr": "thèmes par rapport à « {name} »"},
    "changed": {"en": "themes changed", "fr": "thèmes modifiés"},
    "unchanged": {"en": "same themes", "fr": "mêmes thèmes"},
    "balance_unit": {
        "en": "% of the region's own best fit",
        "fr": "% du meilleur ajustement possible de la région",
    },
    "balance_column": {"en": "Balance", "fr": "Équilibre"},
    "need_index": {"en": "Need index", "fr": "Indice de besoin"},
    "need_unit": {
        "en": "0 = least needy, 1 = neediest",
        "fr": "0 = moins en besoin, 1 = plus en besoin",
    },
    "strength_of": {"en": "Strength: {theme}", "fr": "Force : {theme}"},
    "strength_unit": {
        "en": "0 = weakest region, 1 = strongest",
        "fr": "0 = région la plus faible, 1 = la plus forte",
    },
    "specializations": {"en": "Specializations", "fr": "Spécialisations"},
    "themes": {"en": "Themes", "fr": "Thèmes"},
    "theme": {"en": "Theme", "fr": "Thème"},
    "strength": {"en": "Strength", "fr": "Force"},
    "fit": {"en": "Fit", "fr": "Ajustement"},
    "best_fit": {"en": "Best fit", "fr": "Meilleur ajustement"},
    "investment_pc": {"en": "Investment per inhabitant", "fr": "Investissement par habitant"},
    "investment": {"en": "Investment", "fr": "Investissement"},
    "need": {"en": "Need", "fr": "Besoin"},
    "population": {"en": "Population (2024)", "fr": "Population (2024)"},
    "region": {"en": "Region", "fr": "Région"},
    "none": {"en": "no specialization", "fr": "aucune spécialisation"},
    "locked": {"en": "locked in", "fr": "imposé"},
    "root": {
        "en": "JAZARI ROOT: head institute, {city}",
        "fr": "JAZARI ROOT : institut de tête, {city}",
    },
    "plan": {"en": "Plan", "fr": "Plan"},
    "status": {"en": "Status", "fr": "Statut"},
    # each metric's standalone title (metric_<name>) comes from metrics.METRIC_INFO
    **{f"metric_{name}": {"en": info.title("en"), "fr": info.title("fr")}
       for name, info in METRIC_INFO.items()},
    "mad_million": {"en": "MAD million", "fr": "millions de MAD"},
    "mad": {"en": "MAD", "fr": "MAD"},
    "region_names": {"en": "Region names", "fr": "Noms des régions"},
    "source": {
        "en": "Source: Jazari Planner; data: {data}. Scenario “{scenario}”, solver {solver}, "
              "status {status}.",
        "fr": "Source : Jazari Planner ; données : {data}. Scénario « {scenario} », "
              "solveur {solver}, statut {status}.",
    },
    "other_sources": {
        "en": "{named} and {count} other sources",
        "fr": "{named} et {count} autres sources",
    },
    "sources_only": {"en": "{count} sources", "fr": "{count} sources"},
    "source_list": {
        "en": "each indicator's source: {file}",
        "fr": "source de chaque indicateur : {file}",
    },
    "data_default": {
        "en": "regional data as listed in the dataset's provenance",
        "fr": "données régionales selon la provenance du jeu de données",
    },
    "plan_title": {"en": "Jazari Institutes: {scenario}", "fr": "Instituts Jazari : {scenario}"},
    "comparison_title": {"en": "Plans compared", "fr": "Comparaison de plans"},
    "measure": {"en": "Measure", "fr": "Mesure"},
    "reference": {"en": "the reference, against which changes are marked",
                  "fr": "la référence, par rapport à laquelle les changements sont marqués"},
    "infeasible": {"en": "(no plan)", "fr": "(aucun plan)"},
    "frontier_title": {
        "en": "Efficiency against balance: {scenario}",
        "fr": "Efficacité contre équilibre : {scenario}",
    },
    "frontier_subtitle": {
        "en": "Each point is a plan no other plan beats on both; numbered from the most efficient",
        "fr": "Chaque point est un plan qu'aucun autre ne bat sur les deux ; numérotés du plus "
              "efficace",
    },
    "frontier_x": {
        "en": "Balance: mean fit of the {q} worst-served regions",
        "fr": "Équilibre : ajustement moyen des {q} régions les moins bien servies",
    },
    "frontier_x_floor": {
        "en": "Balance: fit of the worst-served region",
        "fr": "Équilibre : ajustement de la région la moins bien servie",
    },
    "frontier_y": {
        "en": "Efficiency: mean fit of the regions",
        "fr": "Efficacité : ajustement moyen des régions",
    },
    "frontier_y_equity": {
        "en": "Efficiency: mean fit, needier regions weighted up",
        "fr": "Efficacité : ajustement moyen, régions en besoin surpondérées",
    },
    "frontier_knee": {"en": "knee: the best compromise", "fr": "coude : le meilleur compromis"},
    "frontier_no_knee": {
        "en": "No knee: every step towards balance costs at least as much as it gives",
        "fr": "Pas de coude : chaque pas vers l'équilibre coûte au moins autant qu'il rapporte",
    },
    "frontier_scenario": {
        "en": "this scenario's plan (λ = {balance})",
        "fr": "plan de ce scénario (λ = {balance})",
    },
    "frontier_changes": {"en": "What changes at each step", "fr": "Ce qui change à chaque étape"},
    "frontier_first": {"en": "the most efficient plan", "fr": "le plan le plus efficace"},
    "frontier_more": {"en": "… and {count} more", "fr": "… et {count} de plus"},
    "frontier_none": {"en": "No plan: the scenario is infeasible",
                      "fr": "Aucun plan : le scénario est infaisable"},
    "frontier_scale": {
        "en": "Axes start near the points, not at zero: efficiency runs from {low} to {high} "
              "({span} % of its highest value), balance from {b_low} to {b_high}.",
        "fr": "Les axes commencent près des points, pas à zéro : l'efficacité va de {low} à "
              "{high} ({span} % de sa plus haute valeur), l'équilibre de {b_low} à {b_high}.",
    },
    "subtitle": {
        "en": "Thematic specializations per region, coloured by {layer}",
        "fr": "Spécialisations thématiques par région, colorées selon : {layer}",
    },
    "assignments": {"en": "Assignments", "fr": "Affectations"},
    "settings": {"en": "Scenario settings", "fr": "Paramètres du scénario"},
    "key_figures": {"en": "Key figures", "fr": "Chiffres clés"},
    "setting": {"en": "Setting", "fr": "Paramètre"},
    "value": {"en": "Value", "fr": "Valeur"},
    "balance_by_region": {"en": "Balance score by region", "fr": "Score d'équilibre par région"},
    # the roadmap (docs/model.md §10): timeline and maps by year
    "roadmap_title": {"en": "Roadmap: {scenario}", "fr": "Feuille de route : {scenario}"},
    "timeline_subtitle": {
        "en": "When each specialization opens: a bar runs from its opening year to {last}",
        "fr": "Quand chaque spécialisation ouvre : une barre va de son année d'ouverture à {last}",
    },
    "roadmap_maps_title": {"en": "Roadmap by year: {scenario}",
                           "fr": "Feuille de route année par année : {scenario}"},
    "roadmap_maps_subtitle": {
        "en": "What is open at the end of each year; the year's openings ringed",
        "fr": "Ce qui est ouvert à la fin de chaque année ; les ouvertures de l'année cerclées",
    },
    "timeline_history": {
        "en": "A bar runs from its opening year to {last}; hatched: history to {as_of} (what "
              "opened, not a choice), then the plan",
        "fr": "Une barre va de l'ouverture à {last} ; hachuré : l'historique jusqu'à {as_of} "
              "(ce qui a ouvert, pas un choix), puis le plan",
    },
    "history_label": {"en": "history", "fr": "historique"},
    "plan_label": {"en": "plan", "fr": "plan"},
    "year_money": {"en": "spent / budget (MAD M)", "fr": "dépensé / budget (M MAD)"},
    "year_money_spent": {"en": "spent (MAD M)", "fr": "dépensé (M MAD)"},
    "year_openings": {"en": "openings", "fr": "ouvertures"},
    "regions_served": {"en": "{served} of {total} regions served",
                       "fr": "{served} régions servies sur {total}"},
    "served": {"en": "served", "fr": "servie"},
    "not_served": {"en": "not yet served", "fr": "pas encore servie"},
    "opened_that_year": {"en": "opened that year", "fr": "ouverte cette année-là"},
    "confidence": {"en": "Confidence", "fr": "Confiance"},
    "confidence_legend": {
        "en": "Under each badge: the share of perturbed samples that keep it (dashed: < 90 %;"
              " locked: fixed by the scenario, no evidence)",
        "fr": "Sous chaque pastille : la part des tirages perturbés qui la gardent "
              "(pointillés : < 90 % ; verrou : fixée par le scénario, pas une preuve)",
    },
    "confidence_locked": {"en": "locked", "fr": "verrou"},
    "confidence_locked_words": {
        "en": "locked: fixed by the scenario, not evidence",
        "fr": "verrouillé : fixé par le scénario, pas une preuve",
    },
    "acceptability_title": {
        "en": "How sure is each assignment? {scenario}",
        "fr": "Quelle confiance dans chaque affectation ? {scenario}",
    },
    "acceptability_subtitle": {
        "en": "Share of {samples} perturbed samples that choose each pair "
              "(weights ×exp(σξ), σ = {sigma}; values ×(1+νξ), ν = {nu}); "
              "outlined: the plan's pairs; hatched: locked by the scenario, not evidence",
        "fr": "Part des {samples} tirages perturbés qui retiennent chaque couple "
              "(poids ×exp(σξ), σ = {sigma} ; valeurs ×(1+νξ), ν = {nu}) ; "
              "encadrés : les couples du plan ; hachurés : verrouillés par le scénario",
    },
    "acceptability": {"en": "Acceptability", "fr": "Acceptabilité"},
    # values' confidence (docs/model.md §2)
    "not_exact": {"en": "values not exact:", "fr": "valeurs non exactes :"},
    "confidence_secondary": {"en": "secondary", "fr": "secondaire"},
    "confidence_derived": {"en": "derived", "fr": "dérivée"},
    "confidence_gap": {"en": "gap", "fr": "lacune"},
    # the data stakes (docs/model.md §13)
    "stakes_title": {
        "en": "Which figures to measure first? {scenario}",
        "fr": "Quels chiffres mesurer d'abord ? {scenario}",
    },
    "stakes_subtitle": {
        "en": "{worth} of {values} uncertain values could change the plan within their "
              "interval (secondary ±10 %, derived ±25 %, gap ±50 %)",
        "fr": "{worth} des {values} valeurs incertaines peuvent changer le plan dans leur "
              "intervalle (secondaire ±10 %, dérivée ±25 %, lacune ±50 %)",
    },
    "stakes_axis": {
        "en": "Stake: share of the objective today's plan would lose (%)",
        "fr": "Enjeu : part de l'objectif que perdrait le plan actuel (%)",
    },
    "stakes_none": {
        "en": "No uncertain value can change the plan within its interval",
        "fr": "Aucune valeur incertaine ne peut changer le plan dans son intervalle",
    },
    "agreement": {"en": "Agreement", "fr": "Accord"},
    "agreement_legend": {
        "en": "Under each badge of the consensus: the share of stakeholders whose own plan "
              "has it (dashed: contested, not in every party's plan)",
        "fr": "Sous chaque pastille du consensus : la part des parties dont le plan propre la "
              "retient (pointillés : contestée, absente du plan d'une partie au moins)",
    },
    "regret_title": {"en": "What each party gives up: {scenario}",
                     "fr": "Ce que chaque partie concède : {scenario}"},
    "regret_subtitle": {
        "en": "Regret of the consensus for each stakeholder: how far below its own best plan, "
              "as a share of it; the consensus makes the largest as small as it can be",
        "fr": "Regret du consensus pour chaque partie : l'écart à son meilleur plan propre, en "
              "part de celui-ci ; le consensus rend le plus grand aussi petit que possible",
    },
    "regret_axis": {"en": "Regret (% of its own optimum)",
                    "fr": "Regret (% de son optimum propre)"},
    "regret_worst": {"en": "largest regret ρ = {value} %", "fr": "plus grand regret ρ = {value} %"},
    "tornado_title": {"en": "How far can each setting move? {scenario}",
                      "fr": "Jusqu'où chaque réglage peut-il bouger ? {scenario}"},
    "tornado_subtitle": {
        "en": "The band where the plan stays optimal when one setting alone moves (dot: its "
              "value; grey: its range; ends within {tol} % of the range)",
        "fr": "La bande où le plan reste optimal quand un seul réglage bouge (point : sa "
              "valeur ; gris : son domaine ; bornes à {tol} % du domaine près)",
    },
    "tornado_axis": {"en": "Setting, relative to its range",
                     "fr": "Réglage, rapporté à son domaine"},
    "stakeholder": {"en": "Stakeholder", "fr": "Partie prenante"},
    "weights_short": {"en": "Weights (econ. / acad. / infra.)",
                      "fr": "Poids (éco. / acad. / infra.)"},
    "own_optimum": {"en": "Own optimum", "fr": "Optimum propre"},
    "under_consensus": {"en": "Under the consensus", "fr": "Avec le consensus"},
    "regret": {"en": "Regret", "fr": "Regret"},
    "consensus_title": {"en": "The stakeholders' consensus: {scenario}",
                        "fr": "Le consensus des parties prenantes : {scenario}"},
    "param_economic": {"en": "Economic weight", "fr": "Poids économique"},
    "param_academic": {"en": "Academic weight", "fr": "Poids académique"},
    "param_infrastructure": {"en": "Infrastructure weight", "fr": "Poids infrastructures"},
    "param_balance": {"en": "Balance λ", "fr": "Équilibre λ"},
    "param_equity": {"en": "Equity β", "fr": "Équité β"},
}


def text(key: str, lang: Lang = "en", **values: Any) -> str:
    """The fixed text ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``
    (text made :func:`~jazari_planner.escaping.printable`: a scenario name may hold ESC)."""
    if lang not in ("en", "fr"):
        raise ValueError(f"lang must be 'en' or 'fr', not {lang!r}")
    template = TEXTS[key][lang]
    if not values:
        return template
    return template.format(**{name: printable(value) if isinstance(value, str) else value
                              for name, value in values.items()})


def theme_label(theme_id: str, labels: Any, lang: Lang = "en") -> str:
    """A theme's label from the dataset's ``themes`` table (``label`` or ``label_fr``).

    ``labels`` is that table (indexed by theme id); a missing French label falls back to
    the English one, and a theme missing from the table to its id.
    """
    columns: Sequence[str] = ("label_fr", "label") if lang == "fr" else ("label",)
    for column in columns:
        if labels is not None and column in labels.columns and theme_id in labels.index:
            value = labels.at[theme_id, column]
            if isinstance(value, str) and value.strip():
                return printable(value.strip())
    return printable(theme_id)


def metric_text(name: str, value: float, lang: Lang = "en", *,
                decimals: int | None = None) -> str:
    """A plan metric as shown: scaled, rounded and followed by its unit (``METRIC_INFO``)."""
    info = METRIC_INFO[name]
    shown = number(info.scale * float(value), info.decimals if decimals is None else decimals,
                   lang)
    unit = info.unit[lang]
    return f"{shown} {unit}" if unit else shown


def number(value: float, decimals: int = 0, lang: Lang = "en") -> str:
    """``value`` written for a reader: thousands grouped, a dash where it is missing.

    English writes ``1,234.5``; French ``1 234,5`` (narrow no-break space, decimal comma).
    """
    if value is None or not math.isfinite(value):
        return DASH
    written = f"{value:,.{decimals}f}"
    if lang == "fr":
        written = written.replace(",", "\u202f").replace(".", ",")
    return written
