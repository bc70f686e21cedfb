"""Every label of the Streamlit app, in English and French: one table, one lookup.

The fixed texts shared with the maps and figures (metric names, units) come from
:mod:`jazari_planner.presentation.style`, the words of a plan's rules (an infeasibility
diagnosis) from :mod:`jazari_planner.optimization.rule_wording`; this table holds the app's own
words.
"""

from __future__ import annotations

from typing import Any

from ..presentation.style import TEXTS, Lang

__all__ = ["LABELS", "LANGUAGES", "Lang", "label"]

#: The language switch's options, as shown.
LANGUAGES: dict[Lang, str] = {"en": "English", "fr": "Français"}

#: The app's texts: key → language → text; ``{placeholders}`` are filled by :func:`label`.
LABELS: dict[str, dict[Lang, str]] = {
    "title": {"en": "Jazari Planner", "fr": "Jazari Planner"},
    "tagline": {
        "en": "Which AI specializations each region's Jazari institute should carry",
        "fr": "Quelles spécialisations en IA pour l'institut Jazari de chaque région",
    },
    "language": {"en": "Language", "fr": "Langue"},
    "view": {"en": "View", "fr": "Vue"},
    "view_plan": {"en": "Plan", "fr": "Plan"},
    "view_compare": {"en": "Compare", "fr": "Comparer"},
    "view_tradeoffs": {"en": "Trade-offs", "fr": "Arbitrages"},
    "view_data": {"en": "Data", "fr": "Données"},
    # loading a scenario
    "scenario": {"en": "Scenario", "fr": "Scénario"},
    "scenario_file": {"en": "Scenario file", "fr": "Fichier de scénario"},
    "load": {"en": "Load", "fr": "Charger"},
    "upload_scenario": {"en": "…or upload a scenario (YAML)",
                        "fr": "…ou importer un scénario (YAML)"},
    "upload_rejected": {
        "en": "This file was not loaded; nothing changed.",
        "fr": "Ce fichier n'a pas été chargé ; rien n'a changé.",
    },
    "name": {"en": "Scenario name", "fr": "Nom du scénario"},
    # settings
    "weights": {"en": "Strength weights", "fr": "Poids de la force"},
    "weight_economic": {"en": "Economic", "fr": "Économique"},
    "weight_academic": {"en": "Academic", "fr": "Académique"},
    "weight_infrastructure": {"en": "Infrastructure", "fr": "Infrastructures"},
    "normalization": {"en": "Normalization", "fr": "Normalisation"},
    "norm_minmax": {"en": "min–max", "fr": "min–max"},
    "norm_rank": {"en": "rank", "fr": "rang"},
    "aggregation": {"en": "Sector and capability", "fr": "Secteur et capacités"},
    "aggregation_gated": {"en": "gated", "fr": "conditionné"},
    "aggregation_additive": {"en": "additive", "fr": "additif"},
    "aggregation_gated_help": {
        "en": "A region with none of a theme's sector scores 0 in it, whatever its capability "
              "(weighted geometric mean).",
        "fr": "Une région sans le secteur d'un thème y obtient 0, quelles que soient ses "
              "capacités (moyenne géométrique pondérée).",
    },
    "aggregation_additive_help": {
        "en": "Capability can make up for an absent sector (weighted mean, revision 2).",
        "fr": "Les capacités peuvent compenser un secteur absent (moyenne pondérée, "
              "révision 2).",
    },
    "choose_indicators": {"en": "Choose indicators", "fr": "Choisir des indicateurs"},
    "choose_locks": {"en": "Choose region → theme pairs",
                     "fr": "Choisir des paires région → thème"},
    "choose_scenarios": {"en": "Choose scenarios", "fr": "Choisir des scénarios"},
    "group_economic": {"en": "economic", "fr": "économique"},
    "group_academic": {"en": "academic", "fr": "académique"},
    "group_infrastructure": {"en": "infrastructure", "fr": "infrastructures"},
    "group_need": {"en": "need", "fr": "besoin"},
    "rules": {"en": "Balance and rules", "fr": "Équilibre et règles"},
    "balance": {"en": "Balance λ (0 best average, 1 best for the worst-served)",
                "fr": "Équilibre λ (0 meilleure moyenne, 1 meilleur pour la moins servie)"},
    "balance_focus": {"en": "Balance focus q (worst-served regions averaged)",
                      "fr": "Focus de l'équilibre q (régions les moins servies moyennées)"},
    "balance_focus_help": {
        "en": "The balance term is the mean fit of the q worst-served regions: 1 looks after "
              "the single worst-served region, the number of regions after all of them alike.",
        "fr": "Le terme d'équilibre est l'ajustement moyen des q régions les moins servies : "
              "1 s'occupe de la seule région la moins servie, le nombre de régions de toutes "
              "également.",
    },
    "equity": {"en": "Equity β (bonus for needier regions)",
               "fr": "Équité β (bonus aux régions en besoin)"},
    "min_strength": {"en": "Minimum strength θ", "fr": "Force minimale θ"},
    "use_budget": {"en": "Budget cap", "fr": "Plafond budgétaire"},
    "budget": {"en": "Budget (MAD million)", "fr": "Budget (millions de MAD)"},
    "description": {"en": "Description", "fr": "Description"},
    "need_indicators": {"en": "Need index: indicators", "fr": "Indice de besoin : indicateurs"},
    "need_weight": {"en": "{indicator}: weight (+ higher is needier, − lower is)",
                    "fr": "{indicator} : poids (+ plus élevé = plus en besoin, − plus bas)"},
    "no_need": {"en": "No need index: equity has no effect.",
                "fr": "Pas d'indice de besoin : l'équité est sans effet."},
    "region_bounds": {"en": "Specializations per region", "fr": "Spécialisations par région"},
    "all_regions": {"en": "All regions (moves those at the previous default)",
                    "fr": "Toutes les régions (déplace celles à l'ancienne valeur)"},
    "theme_rules": {"en": "Themes: regions and cost", "fr": "Thèmes : régions et coût"},
    "theme_regions": {"en": "{theme}: regions", "fr": "{theme} : régions"},
    "theme_cost": {"en": "cost (MAD million)", "fr": "coût (millions de MAD)"},
    "locks": {"en": "Locks", "fr": "Verrous"},
    "lock_in": {"en": "Locked in (region → theme)", "fr": "Imposés (région → thème)"},
    "lock_out": {"en": "Locked out (region → theme)", "fr": "Exclus (région → thème)"},
    "solver": {"en": "Solver", "fr": "Solveur"},
    "solver_name": {"en": "Solver", "fr": "Solveur"},
    "time_limit": {"en": "Time limit (s)", "fr": "Limite de temps (s)"},
    "mip_gap": {"en": "Relative gap", "fr": "Écart relatif"},
    "reset": {"en": "Reset to the loaded scenario", "fr": "Revenir au scénario chargé"},
    # the plan
    "status_optimal": {"en": "Optimal plan ({seconds} s)", "fr": "Plan optimal ({seconds} s)"},
    "status_feasible": {"en": "Plan found, not proven optimal (gap {gap} %)",
                        "fr": "Plan trouvé, optimalité non prouvée (écart {gap} %)"},
    "stale_badge": {"en": "Out of date", "fr": "Périmé"},
    "infeasible": {"en": "No plan satisfies these settings.",
                   "fr": "Aucun plan ne respecte ces réglages."},
    "stale": {"en": "Shown below, out of date: the plan of the settings as they were before "
                    "the change that made them impossible.",
              "fr": "Ci-dessous, périmé : le plan des réglages tels qu'ils étaient avant le "
                    "changement qui les a rendus impossibles."},
    "no_plan_yet": {"en": "No plan to show yet.", "fr": "Aucun plan à afficher pour l'instant."},
    "invalid_settings": {"en": "These settings are not valid:",
                         "fr": "Ces réglages ne sont pas valides :"},
    "solver_limit": {"en": "The solver stopped before finding a plan:",
                     "fr": "Le solveur s'est arrêté avant de trouver un plan :"},
    "delta_note": {"en": "Changes are against the loaded scenario “{name}”.",
                   "fr": "Les variations sont mesurées par rapport au scénario chargé « {name} »."},
    "delta_previous_data": {
        "en": "Changes are against the same settings on the previous data ({data}).",
        "fr": "Les variations sont mesurées par rapport aux mêmes réglages sur les données "
              "précédentes ({data}).",
    },
    "regions_changed": {"en": "Themes changed in {count} region(s): {names}.",
                        "fr": "Thèmes modifiés dans {count} région(s) : {names}."},
    "regions_unchanged": {"en": "No region's themes changed.",
                          "fr": "Aucune région ne change de thèmes."},
    "map_unavailable": {"en": "The interactive map cannot be shown here: {reason}",
                        "fr": "La carte interactive ne peut pas s'afficher ici : {reason}"},
    "static_off": {
        "en": "Static file serving is off, so the map needs the network for Leaflet. Start the "
              "app from the repository root (streamlit run app.py), where .streamlit/config.toml "
              "turns it on.",
        "fr": "Le service des fichiers statiques est désactivé : la carte a besoin du réseau "
              "pour Leaflet. Lancez l'application depuis la racine du dépôt (streamlit run "
              "app.py), où .streamlit/config.toml l'active.",
    },
    "region_summary": {"en": "Regions", "fr": "Régions"},
    "why": {"en": "Why this theme here?", "fr": "Pourquoi ce thème ici ?"},
    "why_region": {"en": "Region", "fr": "Région"},
    "why_theme": {"en": "Theme", "fr": "Thème"},
    "why_caption": {
        "en": "Strength of {region} in {theme}: {strength}. In each part, an indicator adds its "
              "weight × its normalized value (0 = weakest region, 1 = strongest).",
        "fr": "Force de {region} en {theme} : {strength}. Dans chaque partie, un indicateur "
              "apporte son poids × sa valeur normalisée (0 = région la plus faible, 1 = la plus "
              "forte).",
    },
    "why_sector": {
        "en": "**Sector part: {score}** ({share} % of the weight): the sector itself",
        "fr": "**Partie secteur : {score}** ({share} % du poids) : le secteur lui-même",
    },
    "why_capability": {
        "en": "**Capability part: {score}** ({share} % of the weight): people and base",
        "fr": "**Partie capacités : {score}** ({share} % du poids) : compétences et socle",
    },
    "why_gated": {
        "en": "Gated: strength = sector^share × capability^share, so no sector means 0.",
        "fr": "Conditionné : force = secteur^part × capacités^part ; sans secteur, 0.",
    },
    "why_additive": {
        "en": "Additive: strength = share × sector + share × capability.",
        "fr": "Additif : force = part × secteur + part × capacités.",
    },
    "why_no_sector": {
        "en": "This theme names no sector measure: its strength is the capability part.",
        "fr": "Ce thème ne nomme aucune mesure du secteur : sa force est la partie capacités.",
    },
    "assigned": {"en": "assigned", "fr": "affecté"},
    "not_assigned": {"en": "not assigned", "fr": "non affecté"},
    "heat_key": {"en": "strength, 0 = weakest region, 1 = strongest; outlined: assigned",
                 "fr": "force, 0 = région la plus faible, 1 = la plus forte ; encadrée : "
                       "affectée"},
    "strength_matrix": {
        "en": "Strength of each region in each theme (assigned cells outlined)",
        "fr": "Force de chaque région dans chaque thème (cases affectées encadrées)",
    },
    "downloads": {"en": "Downloads", "fr": "Téléchargements"},
    "download_yaml": {"en": "Scenario (YAML)", "fr": "Scénario (YAML)"},
    "download_csv": {"en": "Assignments (CSV)", "fr": "Affectations (CSV)"},
    "download_html": {"en": "Map (HTML)", "fr": "Carte (HTML)"},
    "download_png": {"en": "Map (PNG)", "fr": "Carte (PNG)"},
    "download_pptx": {"en": "Slides (PPTX)", "fr": "Diapositives (PPTX)"},
    "yaml_preview": {"en": "The scenario on screen, as YAML",
                     "fr": "Le scénario à l'écran, en YAML"},
    # columns
    "col_region": {"en": "Region", "fr": "Région"},
    "col_confidence": {"en": "Confidence", "fr": "Fiabilité"},
    "col_sector": {"en": "Sector measures", "fr": "Mesures du secteur"},
    "confidence_exact": {"en": "exact", "fr": "exacte"},
    "confidence_secondary": {"en": "secondary", "fr": "secondaire"},
    "confidence_derived": {"en": "derived", "fr": "dérivée"},
    "confidence_gap": {"en": "gap", "fr": "lacune"},
    "confidence_key": {
        "en": "Cell colour, the value's confidence: none exact (the source's own figure), "
              "blue secondary (relayed by another source), orange derived (computed or split "
              "from other figures), red gap (estimated where nothing is published).",
        "fr": "Couleur de la cellule, la fiabilité de la valeur : aucune exacte (chiffre de la "
              "source), bleu secondaire (relayée par une autre source), orange dérivée "
              "(calculée ou répartie à partir d'autres chiffres), rouge lacune (estimée faute "
              "de publication).",
    },
    "stakes_title": {"en": "Figures to measure first", "fr": "Chiffres à mesurer d'abord"},
    "stakes_intro": {
        "en": "Each value that is not exact is moved alone to each end of its interval "
              "(secondary ±10 %, derived ±25 %, gap ±50 %) and the plan solved again. Its "
              "stake is the share of the objective today's plan would lose there: the values "
              "with a stake could change the plan, and are worth measuring before deciding.",
        "fr": "Chaque valeur non exacte est portée seule à chaque bout de son intervalle "
              "(secondaire ±10 %, dérivée ±25 %, lacune ±50 %) et le plan recalculé. Son enjeu "
              "est la part de l'objectif que le plan actuel y perdrait : les valeurs à enjeu "
              "peuvent changer le plan, et méritent d'être mesurées avant de décider.",
    },
    "stakes_run": {"en": "Measure the stakes", "fr": "Mesurer les enjeux"},
    "stakes_starting": {"en": "Solving the plan…", "fr": "Résolution du plan…"},
    "stakes_progress": {
        "en": "{done} of {total} values · {rate} per s · about {left} s left",
        "fr": "{done} valeurs sur {total} · {rate} par s · encore {left} s environ",
    },
    "stakes_infeasible": {"en": "The scenario has no plan: there is no stake to measure.",
                          "fr": "Le scénario n'a pas de plan : aucun enjeu à mesurer."},
    "stakes_not_run": {"en": "Run the measure to see which figures could change the plan.",
                       "fr": "Lancez la mesure pour voir quels chiffres peuvent changer le "
                             "plan."},
    "stakes_outdated": {"en": "The settings or the data changed since the last measure: run "
                              "it again.",
                        "fr": "Les réglages ou les données ont changé depuis la dernière "
                              "mesure : relancez-la."},
    "stakes_found": {
        "en": "{worth} of {values} uncertain values could change the plan ({solves} "
              "re-solves, {seconds} s).",
        "fr": "{worth} des {values} valeurs incertaines peuvent changer le plan ({solves} "
              "résolutions, {seconds} s).",
    },
    "stakes_none": {"en": "No uncertain value can change the plan within its interval.",
                    "fr": "Aucune valeur incertaine ne peut changer le plan dans son "
                          "intervalle."},
    "stakes_interval": {"en": "Interval", "fr": "Intervalle"},
    "stakes_stake": {"en": "Stake", "fr": "Enjeu"},
    "stakes_gained": {"en": "Pairs gained", "fr": "Couples gagnés"},
    "stakes_lost": {"en": "Pairs lost", "fr": "Couples perdus"},
    "col_region_ar": {"en": "Region (Arabic)", "fr": "Région (arabe)"},
    "col_theme": {"en": "Theme", "fr": "Thème"},
    "col_strength": {"en": "Strength", "fr": "Force"},
    "col_locked": {"en": "Locked in", "fr": "Imposé"},
    "col_themes": {"en": "Themes", "fr": "Thèmes"},
    "col_fit": {"en": "Fit", "fr": "Ajustement"},
    "col_balance": {"en": "Balance score (%)", "fr": "Score d'équilibre (%)"},
    "col_investment": {"en": "Investment (MAD M)", "fr": "Investissement (M MAD)"},
    "col_per_capita": {"en": "Per inhabitant (MAD)", "fr": "Par habitant (MAD)"},
    "col_need": {"en": "Need", "fr": "Besoin"},
    "col_indicator": {"en": "Indicator", "fr": "Indicateur"},
    "col_group": {"en": "Group", "fr": "Groupe"},
    "col_value": {"en": "Value", "fr": "Valeur"},
    "col_normalized": {"en": "Normalized", "fr": "Normalisée"},
    "col_weight": {"en": "Weight", "fr": "Poids"},
    "col_contribution": {"en": "Contribution", "fr": "Contribution"},
    "col_unit": {"en": "Unit", "fr": "Unité"},
    "col_direction": {"en": "Stronger when", "fr": "Plus fort si"},
    "col_source": {"en": "Source", "fr": "Source"},
    "col_year": {"en": "Year", "fr": "Année"},
    "col_cost": {"en": "Cost (MAD M)", "fr": "Coût (M MAD)"},
    "col_min": {"en": "Min regions", "fr": "Régions min"},
    "col_max": {"en": "Max regions", "fr": "Régions max"},
    # compare
    "compare_intro": {
        "en": "Pick two or more scenarios: the settings on screen, files from scenarios/, or "
              "ones saved from the sidebar (kept in {folder}).",
        "fr": "Choisissez au moins deux scénarios : les réglages à l'écran, des fichiers de "
              "scenarios/ ou ceux enregistrés depuis le panneau latéral (dans {folder}).",
    },
    "save_for_compare": {"en": "Save the current settings",
                         "fr": "Enregistrer les réglages"},
    "saved_as": {"en": "Saved as {name}.", "fr": "Enregistré sous {name}."},
    "compare_choices": {"en": "Scenarios to compare", "fr": "Scénarios à comparer"},
    "compare_reference": {"en": "Reference (the others are read against it)",
                          "fr": "Référence (les autres sont lus par rapport à elle)"},
    "compare_need_two": {"en": "Choose at least two scenarios.",
                         "fr": "Choisissez au moins deux scénarios."},
    "compare_metrics": {"en": "Measures (best of each row highlighted)",
                        "fr": "Mesures (la meilleure valeur de chaque ligne en évidence)"},
    "compare_assignments": {"en": "Themes per region (changes against the reference marked)",
                            "fr": "Thèmes par région (changements par rapport à la référence "
                                  "en évidence)"},
    "compare_differ": {"en": "{name}: {count} of {total} regions differ from {reference}",
                       "fr": "{name} : {count} régions sur {total} diffèrent de {reference}"},
    "compare_error": {"en": "{name}: {message}", "fr": "{name} : {message}"},
    "compare_infeasible": {"en": "{name} has no plan. {why}",
                           "fr": "{name} n'a pas de plan. {why}"},
    "compare_maps": {"en": "Maps", "fr": "Cartes"},
    "colour_by": {"en": "Colour the regions by", "fr": "Colorer les régions selon"},
    "compare_change": {"en": "What changed", "fr": "Ce qui change"},
    "compare_change_of": {"en": "Against the reference, show", "fr": "Par rapport à la "
                                                                  "référence, montrer"},
    "compare_export": {"en": "Take the comparison away", "fr": "Emporter la comparaison"},
    "download_compare_pptx": {"en": "Comparison (PPTX)", "fr": "Comparaison (PPTX)"},
    "download_compare_png": {"en": "Maps side by side (PNG)", "fr": "Cartes côte à côte (PNG)"},
    "reference": {"en": "reference", "fr": "référence"},
    "no_plan": {"en": "no plan", "fr": "aucun plan"},
    "none_assigned": {"en": "none", "fr": "aucun"},
    "saved_prefix": {"en": "saved: {name}", "fr": "enregistré : {name}"},
    "current": {"en": "current settings", "fr": "réglages actuels"},
    # trade-offs
    "tradeoffs_intro": {
        "en": "What each step towards balance costs in efficiency: the plans no other plan beats "
              "on both, from the most efficient (1) to the most balanced. Every rule on screen "
              "holds at every point; the balance λ only marks the plan of the settings.",
        "fr": "Ce que coûte en efficacité chaque pas vers l'équilibre : les plans qu'aucun autre "
              "ne bat sur les deux, du plus efficace (1) au plus équilibré. Chaque règle affichée "
              "tient en chaque point ; l'équilibre λ ne fait que marquer le plan des réglages.",
    },
    "tradeoffs_points": {"en": "Balance levels to try", "fr": "Niveaux d'équilibre essayés"},
    "tradeoffs_points_help": {
        "en": "One solve per level, between the most efficient plan's balance and the best "
              "balance; more levels may find more points.",
        "fr": "Une résolution par niveau, entre l'équilibre du plan le plus efficace et le "
              "meilleur équilibre ; plus de niveaux peuvent trouver plus de points.",
    },
    "tradeoffs_progress": {
        "en": "Tracing the frontier: {done}/{total} solves · {rate} per s · about {left} s left",
        "fr": "Tracé de la frontière : {done}/{total} résolutions · {rate} par s · "
              "environ {left} s restantes",
    },
    "tradeoffs_found": {
        "en": "{count} plans on the frontier; the knee is point {knee}.",
        "fr": "{count} plans sur la frontière ; le coude est le point {knee}.",
    },
    "tradeoffs_found_no_knee": {
        "en": "{count} plans on the frontier; no knee.",
        "fr": "{count} plans sur la frontière ; pas de coude.",
    },
    "tradeoffs_no_knee": {
        "en": "No point lies above the straight line between the most efficient and the most "
              "balanced plans: every step towards balance costs at least as much as it gives.",
        "fr": "Aucun point ne se trouve au-dessus de la droite qui joint le plan le plus "
              "efficace au plus équilibré : chaque pas vers l'équilibre coûte au moins autant "
              "qu'il rapporte.",
    },
    "tradeoffs_click": {
        "en": "Click a point to open its plan in the Plan view.",
        "fr": "Cliquez sur un point pour ouvrir son plan dans la vue Plan.",
    },
    "tradeoffs_limited": {
        "en": "Point {rank}: the solver stopped at its time limit (gap {gap}); it may not be "
              "the best plan at its level.",
        "fr": "Point {rank} : le solveur s'est arrêté à sa limite de temps (écart {gap}) ; ce "
              "n'est peut-être pas le meilleur plan à son niveau.",
    },
    "tradeoffs_point": {"en": "Point", "fr": "Point"},
    "tradeoffs_point_text": {
        "en": "{rank} · efficiency {efficiency} · balance {balance}{mark}",
        "fr": "{rank} · efficacité {efficiency} · équilibre {balance}{mark}",
    },
    "tradeoffs_knee_mark": {"en": " · knee", "fr": " · coude"},
    "tradeoffs_scenario_mark": {"en": " · the settings' plan", "fr": " · plan des réglages"},
    "tradeoffs_changes": {"en": "What changes from point {previous}",
                          "fr": "Ce qui change depuis le point {previous}"},
    "tradeoffs_open": {"en": "Show this plan in the Plan view",
                       "fr": "Afficher ce plan dans la vue Plan"},
    "col_rank": {"en": "Point", "fr": "Point"},
    "col_efficiency": {"en": "Efficiency", "fr": "Efficacité"},
    "col_balance_term": {"en": "Balance", "fr": "Équilibre"},
    "col_changes": {"en": "Regions changed from the previous point",
                    "fr": "Régions changées depuis le point précédent"},
    "col_knee": {"en": "Knee", "fr": "Coude"},
    "pinned": {
        "en": "Showing point {rank} of the trade-off frontier, not the plan of the settings on "
              "screen (its balance λ would choose another).",
        "fr": "Affichage du point {rank} de la frontière des arbitrages, pas du plan des "
              "réglages affichés (son équilibre λ en choisirait un autre).",
    },
    "pinned_back": {"en": "Back to the settings", "fr": "Retour aux réglages"},
    # data
    "data_intro": {
        "en": "Every indicator, with its source and year; {count} indicators, "
              "{regions} regions.",
        "fr": "Chaque indicateur, avec sa source et son année ; {count} indicateurs, "
              "{regions} régions.",
    },
    "data_source": {"en": "Data in use: {source}", "fr": "Données utilisées : {source}"},
    "embedded": {"en": "embedded dataset", "fr": "jeu de données intégré"},
    "catalogue": {"en": "Indicators", "fr": "Indicateurs"},
    "values": {"en": "Values by region", "fr": "Valeurs par région"},
    "themes_table": {"en": "Themes", "fr": "Thèmes"},
    "upload_indicators": {
        "en": "Use your own indicator values (CSV: region_code, indicator, value)",
        "fr": "Utiliser vos propres valeurs (CSV : region_code, indicator, value)",
    },
    "upload_indicators_help": {
        "en": "A CSV with one row per region and indicator, at most 16 MiB: all of them, or "
              "only the values to correct (the others are kept). A French spreadsheet's CSV "
              "(';' between fields, decimal commas) is read too.",
        "fr": "Un CSV avec une ligne par région et indicateur, 16 Mio au plus : toutes, ou "
              "seulement les valeurs à corriger (les autres sont gardées). Le CSV d'un tableur "
              "en français (« ; » entre les champs, virgule décimale) est lu aussi.",
    },
    "indicators_loaded": {"en": "Now planning on {name}.", "fr": "Planification sur {name}."},
    "use_embedded": {"en": "Back to the embedded data", "fr": "Revenir aux données intégrées"},
    "higher": {"en": "higher", "fr": "plus élevé"},
    "lower": {"en": "lower", "fr": "plus bas"},
    # the Roadmap view (docs/model.md §10)
    "view_roadmap": {"en": "Roadmap", "fr": "Feuille de route"},
    "rm_intro": {
        "en": "When each specialization opens, year by year, within the yearly budget and "
              "the roadmap's rules; the announced institutes keep their year.",
        "fr": "Quand chaque spécialisation ouvre, année par année, dans le budget annuel et "
              "les règles de la feuille de route ; les instituts annoncés gardent leur année.",
    },
    "rm_none": {
        "en": "This scenario has no roadmap. Start one here (2025–2030), or load "
              "roadmap-2030.yaml, which holds the announced institutes with their years.",
        "fr": "Ce scénario n'a pas de feuille de route. Commencez-en une ici (2025–2030), ou "
              "chargez roadmap-2030.yaml, qui contient les instituts annoncés et leur année.",
    },
    "rm_start": {"en": "Start a roadmap", "fr": "Commencer une feuille de route"},
    "rm_remove": {"en": "Remove the roadmap", "fr": "Retirer la feuille de route"},
    "rm_settings": {"en": "Roadmap rules", "fr": "Règles de la feuille de route"},
    "rm_years": {"en": "Years", "fr": "Années"},
    "rm_budget_mode": {"en": "Yearly budget", "fr": "Budget annuel"},
    "rm_budget_none": {"en": "none", "fr": "aucun"},
    "rm_budget_one": {"en": "the same every year", "fr": "le même chaque année"},
    "rm_budget_per_year": {"en": "year by year", "fr": "année par année"},
    "rm_budget": {"en": "Budget a year (MAD million)", "fr": "Budget par an (millions de MAD)"},
    "rm_budget_of": {"en": "{year} (MAD million)", "fr": "{year} (millions de MAD)"},
    "rm_cap_on": {"en": "Cap the openings a year", "fr": "Plafonner les ouvertures par an"},
    "rm_cap": {"en": "Openings a year, at most", "fr": "Ouvertures par an, au plus"},
    "rm_deadline_on": {"en": "First-institute deadline", "fr": "Échéance du premier institut"},
    "rm_deadline": {"en": "Every region served by", "fr": "Chaque région servie d'ici"},
    "rm_announced": {"en": "Announced in the scenario file (kept as they are)",
                     "fr": "Annoncés dans le fichier de scénario (gardés tels quels)"},
    "rm_any_theme": {"en": "an institute, its theme left open",
                     "fr": "un institut, son thème laissé ouvert"},
    "rm_year": {"en": "Year", "fr": "Année"},
    "rm_year_head_history": {"en": "{year}: history", "fr": "{year} : historique"},
    "rm_history_year": {
        "en": "What opened this year, from the record: not a choice of the plan; its budget "
              "and cap are not rules here.",
        "fr": "Ce qui a ouvert cette année, d'après les faits : pas un choix du plan ; son "
              "budget et son plafond ne sont pas des règles ici.",
    },
    "rm_as_of": {
        "en": "Revised as of {as_of}: {first}–{as_of} are history (only what opened, hatched "
              "on the timeline); the plan decides {next}–{last}.",
        "fr": "Révisée à fin {as_of} : {first}–{as_of} est l'historique (seulement ce qui a "
              "ouvert, hachuré sur la frise) ; le plan décide {next}–{last}.",
    },
    "col_status": {"en": "Status", "fr": "Statut"},
    "rm_status_history": {"en": "opened (history)", "fr": "ouvert (historique)"},
    "rm_status_plan": {"en": "planned", "fr": "prévu"},
    "rm_year_head": {"en": "At the end of {year}", "fr": "À la fin de {year}"},
    "rm_served": {"en": "Regions served", "fr": "Régions servies"},
    "rm_figure": {"en": "At the end of the year", "fr": "À la fin de l'année"},
    "rm_of_budget": {"en": "{spent} of {budget}", "fr": "{spent} sur {budget}"},
    "rm_of_total": {"en": "{served} of {total}", "fr": "{served} sur {total}"},
    "rm_opened_in": {"en": "Opened in {year}", "fr": "Ouvertes en {year}"},
    "rm_nothing": {"en": "Nothing opens that year.", "fr": "Rien n'ouvre cette année-là."},
    "rm_opening": {"en": "{region}: {theme} ({cost} MAD M)",
                   "fr": "{region} : {theme} ({cost} M MAD)"},
    "rm_timeline": {"en": "Timeline", "fr": "Chronologie"},
    "rm_schedule": {"en": "Schedule", "fr": "Calendrier"},
    "rm_by_year": {"en": "Year by year", "fr": "Année par année"},
    "download_schedule": {"en": "Schedule (CSV)", "fr": "Calendrier (CSV)"},
    "download_by_year": {"en": "Year by year (CSV)", "fr": "Année par année (CSV)"},
    "download_timeline": {"en": "Timeline (PNG)", "fr": "Chronologie (PNG)"},
    "download_roadmap": {"en": "Maps by year (PNG)", "fr": "Cartes par année (PNG)"},
    "col_opens": {"en": "Opens", "fr": "Ouvre"},
    "col_budget": {"en": "Budget (MAD M)", "fr": "Budget (M MAD)"},
    "col_spending": {"en": "Spent (MAD M)", "fr": "Dépensé (M MAD)"},
    "col_openings": {"en": "Openings", "fr": "Ouvertures"},
    "col_served": {"en": "Regions served", "fr": "Régions servies"},
    # The Robustness view and the alternatives (robustness_view.py).
    "view_robustness": {"en": "Robustness", "fr": "Robustesse"},
    "rob_title": {"en": "How sure is each assignment?", "fr": "Quelle confiance dans chaque "
                  "affectation ?"},
    "rob_intro": {
        "en": "Solves the settings on screen again on many perturbed copies of the weights "
              "(×exp(σξ)) and the indicator values (×(1+νξ), 2× noisier for derived values, "
              "4× for gaps). A pair chosen in at least 90 % of them is stable; between 10 % "
              "and 90 %, contested.",
        "fr": "Résout à nouveau les réglages affichés sur de nombreuses copies perturbées des "
              "poids (×exp(σξ)) et des valeurs des indicateurs (×(1+νξ), 2× plus pour les "
              "valeurs dérivées, 4× pour les lacunes). Un couple retenu dans au moins 90 % des "
              "tirages est stable ; entre 10 % et 90 %, disputé.",
    },
    "rob_samples": {"en": "Samples", "fr": "Tirages"},
    "rob_spread": {"en": "Weight spread σ", "fr": "Dispersion des poids σ"},
    "rob_noise": {"en": "Value noise ν", "fr": "Bruit sur les valeurs ν"},
    "rob_seed": {"en": "Seed", "fr": "Graine"},
    "rob_run": {"en": "Run the robustness check", "fr": "Lancer le test de robustesse"},
    "rob_pace": {
        "en": "{done} of {total} samples · {rate} a second · about {left} s left",
        "fr": "{done} sur {total} tirages · {rate} par seconde · encore {left} s environ",
    },
    "rob_first": {
        "en": "{done} of {total} samples · {seconds} s · estimating the time left…",
        "fr": "{done} sur {total} tirages · {seconds} s · estimation du temps restant…",
    },
    "rob_starting": {
        "en": "Solving the plan and starting the workers (each loads the solver): {seconds} s",
        "fr": "Résolution du plan et démarrage des calculs (chacun charge le solveur) : "
              "{seconds} s",
    },
    "rob_not_run": {"en": "Choose the number of samples and run the check.",
                    "fr": "Choisissez le nombre de tirages et lancez le test."},
    "rob_outdated": {"en": "The settings changed since the last check: run it again.",
                     "fr": "Les réglages ont changé depuis le dernier test : relancez-le."},
    "rob_infeasible": {"en": "These settings have no plan: nothing to test (see the Plan view).",
                       "fr": "Ces réglages n'ont pas de plan : rien à tester (voir la vue "
                             "Plan)."},
    "rob_with_plan": {"en": "Solved", "fr": "Résolus"},
    "rob_with_plan_help": {"en": "Samples with a plan; {infeasible} infeasible, {limit} stopped "
                                 "by the time limit before any plan; none is dropped.",
                           "fr": "Tirages avec un plan ; {infeasible} infaisables, {limit} "
                                 "arrêtés par la limite de temps sans plan ; aucun n'est "
                                 "écarté."},
    "rob_stable": {"en": "Stable", "fr": "Stables"},
    "rob_stable_help": {"en": "Pairs of the plan chosen in at least 90 % of the samples, out "
                              "of those no lock fixes ({locked} locked: chosen by "
                              "construction, not evidence).",
                        "fr": "Couples du plan retenus dans au moins 90 % des tirages, parmi "
                              "ceux qu'aucun verrou ne fixe ({locked} verrouillés : retenus "
                              "par construction, pas une preuve)."},
    "rob_locked_col": {"en": "Lock", "fr": "Verrou"},
    "rob_locked": {"en": "locked", "fr": "verrouillé"},
    "rob_contested": {"en": "Contested", "fr": "Disputés"},
    "rob_contested_help": {"en": "Pairs (in the plan or not, no lock fixing them) chosen in "
                                 "10–90 % of the samples.",
                           "fr": "Couples (du plan ou non, sans verrou) retenus dans 10 à 90 % des "
                                 "tirages."},
    "rob_similarity": {"en": "Similarity", "fr": "Similarité"},
    "rob_similarity_help": {"en": "Mean Jaccard similarity of the samples' plans to the plan.",
                            "fr": "Similarité de Jaccard moyenne des plans tirés au plan."},
    "rob_seconds": {"en": "Time", "fr": "Durée"},
    "rob_seconds_help": {"en": "Wall time of the sweep, on {workers} worker(s).",
                         "fr": "Durée du calcul, sur {workers} processus."},
    "rob_least_sure": {"en": "The plan's pairs, least sure first",
                       "fr": "Les couples du plan, les moins sûrs d'abord"},
    "alt_title": {"en": "Plans nearly as good", "fr": "Des plans presque aussi bons"},
    "alt_intro": {
        "en": "The best plans within a share of the optimum that differ from it, and from "
              "each other, in at least a number of pairs.",
        "fr": "Les meilleurs plans à moins d'une part de l'optimum qui en diffèrent, et "
              "diffèrent entre eux, d'au moins un nombre de couples.",
    },
    "alt_n": {"en": "At most", "fr": "Au plus"},
    "alt_within": {"en": "Within (% of the objective)", "fr": "À moins de (% de l'objectif)"},
    "alt_changes": {"en": "Differing pairs, at least", "fr": "Couples différents, au moins"},
    "alt_run": {"en": "Find alternatives", "fr": "Chercher des alternatives"},
    "alt_running": {"en": "Searching…", "fr": "Recherche…"},
    "alt_none": {"en": "No other plan is that close: the plan stands alone.",
                 "fr": "Aucun autre plan n'est aussi proche : le plan est sans rival."},
    "alt_line": {"en": "**Alternative {index}**: {shortfall} % below the optimum, {changes} "
                       "pairs changed",
                 "fr": "**Alternative {index}** : {shortfall} % sous l'optimum, {changes} "
                       "couples changés"},
    "alt_show": {"en": "Show in Plan", "fr": "Voir dans Plan"},
    "alt_pinned": {"en": "Showing alternative {index} of these settings ({shortfall} % below "
                         "the optimum), not the optimum.",
                   "fr": "Affichage de l'alternative {index} de ces réglages ({shortfall} % "
                         "sous l'optimum), et non de l'optimum."},
    "alt_unpin": {"en": "Back to the optimum", "fr": "Revenir à l'optimum"},
    "why_acceptability": {"en": "chosen in {share} % of {samples} perturbed samples",
                          "fr": "retenu dans {share} % de {samples} tirages perturbés"},
    "why_cost": {"en": "dropping it costs {cost} % of the objective",
                 "fr": "s'en passer coûte {cost} % de l'objectif"},
    "why_locked_cost": {"en": "locked: this announcement costs {cost} % of the fit",
                        "fr": "verrouillé : cette annonce coûte {cost} % de l'ajustement"},
    "why_locked": {"en": "locked by the scenario", "fr": "verrouillé par le scénario"},
    "why_irreplaceable": {"en": "irreplaceable: no plan without it",
                          "fr": "irremplaçable : aucun plan sans lui"},
    "why_no_sweep": {"en": "run the Robustness view for its confidence",
                     "fr": "lancez la vue Robustesse pour sa confiance"},
    # the scenario list: saved and uploaded scenarios
    "uploaded_prefix": {"en": "uploaded: {name}", "fr": "importé : {name}"},
    "cancel": {"en": "Cancel", "fr": "Annuler"},
    "saved_manage": {"en": "Rename or delete this saved scenario",
                     "fr": "Renommer ou supprimer ce scénario enregistré"},
    "saved_new_name": {"en": "New name", "fr": "Nouveau nom"},
    "saved_rename": {"en": "Rename", "fr": "Renommer"},
    "saved_delete": {"en": "Delete…", "fr": "Supprimer…"},
    "saved_delete_ask": {"en": "Delete the saved scenario {name}? This cannot be undone.",
                         "fr": "Supprimer le scénario enregistré {name} ? C'est définitif."},
    "saved_delete_yes": {"en": "Delete", "fr": "Supprimer"},
    "saved_overwrite_ask": {
        "en": "A saved scenario is already called {name}. Write over it, or change the "
              "scenario's name to keep both.",
        "fr": "Un scénario enregistré s'appelle déjà {name}. L'écraser, ou changer le nom du "
              "scénario pour garder les deux.",
    },
    "saved_overwrite_yes": {"en": "Write over it", "fr": "L'écraser"},
    # busy signs
    "rm_solving": {"en": "Planning the roadmap…", "fr": "Calcul de la feuille de route…"},
    "plan_solving": {"en": "Planning…", "fr": "Calcul du plan…"},
    # the data view: a partial upload, the data as a spreadsheet's CSV
    "indicators_partial": {
        "en": "Now planning on {under} with {count} value(s) from {name} in place of its own:",
        "fr": "Planification sur {under}, avec {count} valeur(s) de {name} à la place des "
              "siennes :",
    },
    "col_before": {"en": "Before", "fr": "Avant"},
    "col_now": {"en": "Now", "fr": "Maintenant"},
    "download_data_csv": {"en": "Current data (CSV for Excel)",
                          "fr": "Données actuelles (CSV pour Excel)"},
    "download_data_csv_help": {
        "en": "Every value with its year and source, as French Excel opens it (';' between "
              "fields, decimal commas). Edit a figure and upload the file, or only its row.",
        "fr": "Chaque valeur avec son année et sa source, tel qu'Excel en français l'ouvre "
              "(';' entre les champs, virgules décimales). Corrigez un chiffre et importez le "
              "fichier, ou sa seule ligne.",
    },
    "apply_fix": {"en": "Apply the smallest fix: {fix}", "fr": "Appliquer la plus petite "
                                                            "correction : {fix}"},
    "solving_detail": {
        "en": "One solve finds the plan. When there is none, the solver then finds which "
              "rules collide and the smallest change that makes a plan possible: up to a "
              "minute on a busy machine.",
        "fr": "Une résolution trouve le plan. S'il n'y en a pas, le solveur cherche ensuite "
              "quelles règles se contredisent et le plus petit changement qui rend un plan "
              "possible : jusqu'à une minute sur une machine chargée.",
    },
    # the Stakeholders view (docs/model.md §11)
    "view_stakeholders": {"en": "Stakeholders", "fr": "Parties prenantes"},
    "sh_title": {"en": "Many voices, one plan", "fr": "Plusieurs voix, un seul plan"},
    "sh_intro": {
        "en": "Each party weighs the groups its own way; every other setting is the one on "
              "screen. The consensus is the plan whose largest regret (a party's shortfall "
              "from its own best plan, as a share of it) is the smallest, then the least mean "
              "regret. Give a party's weights by typing them, by ranking the groups "
              "(rank-order centroid, Barron & Barrett 1996) or by SWING points (how much "
              "moving a group from its worst to its best matters, the most important 100).",
        "fr": "Chaque partie pondère les groupes à sa façon ; tous les autres réglages sont "
              "ceux à l'écran. Le consensus est le plan dont le plus grand regret (l'écart "
              "d'une partie à son meilleur plan propre, en part de celui-ci) est le plus "
              "petit, puis le regret moyen le plus faible. Donnez les poids d'une partie en "
              "les saisissant, en classant les groupes (centroïde des rangs, Barron & Barrett "
              "1996) ou par points SWING (l'importance de faire passer un groupe de sa pire "
              "à sa meilleure valeur, la plus importante à 100).",
    },
    "sh_count": {"en": "Parties", "fr": "Parties"},
    "sh_name": {"en": "Name", "fr": "Nom"},
    "sh_method": {"en": "Weights given by", "fr": "Poids donnés par"},
    "sh_method_typed": {"en": "typing", "fr": "saisie"},
    "sh_method_ranked": {"en": "ranking", "fr": "classement"},
    "sh_method_swing": {"en": "SWING", "fr": "SWING"},
    "sh_rank_of": {"en": "{group}: rank", "fr": "{group} : rang"},
    "sh_swing_of": {"en": "{group}: points for its swing",
                    "fr": "{group} : points pour son écart"},
    "sh_derived": {"en": "Weights: {weights}", "fr": "Poids : {weights}"},
    "sh_own_balance": {"en": "Its own balance (λ)", "fr": "Son propre équilibre (λ)"},
    "sh_run": {"en": "Find the consensus", "fr": "Trouver le consensus"},
    "sh_save": {"en": "Save the parties into the scenario",
                "fr": "Enregistrer les parties dans le scénario"},
    "sh_saved": {"en": "{count} parties saved into the scenario: they are in its YAML "
                       "(Plan view, downloads).",
                 "fr": "{count} parties enregistrées dans le scénario : elles figurent dans "
                       "son YAML (vue Plan, téléchargements)."},
    "sh_starting": {"en": "Solving each party's own plan…",
                    "fr": "Résolution du plan propre de chaque partie…"},
    "sh_not_run": {"en": "Press “Find the consensus” to solve each party's plan and the "
                         "consensus (a few seconds).",
                   "fr": "Appuyez sur « Trouver le consensus » pour résoudre le plan de "
                         "chaque partie et le consensus (quelques secondes)."},
    "sh_outdated": {"en": "The parties or the settings changed since the last consensus: "
                          "press “Find the consensus” again.",
                    "fr": "Les parties ou les réglages ont changé depuis le dernier "
                          "consensus : appuyez de nouveau sur « Trouver le consensus »."},
    "sh_max_regret": {"en": "Largest regret ρ", "fr": "Plus grand regret ρ"},
    "sh_max_regret_help": {
        "en": "The largest shortfall of any party from its own best plan, as a share of it: "
              "no other plan makes it smaller.",
        "fr": "Le plus grand écart d'une partie à son meilleur plan propre, en part de "
              "celui-ci : aucun autre plan ne le réduit."},
    "sh_mean_regret": {"en": "Mean regret", "fr": "Regret moyen"},
    "sh_agreed": {"en": "Pairs agreed", "fr": "Couples consensuels"},
    "sh_agreed_help": {"en": "In every party's own plan.",
                       "fr": "Dans le plan propre de chaque partie."},
    "sh_contested": {"en": "Pairs contested", "fr": "Couples disputés"},
    "sh_contested_help": {"en": "In some parties' own plans, not all.",
                          "fr": "Dans le plan propre de certaines parties, pas de toutes."},
    "sh_consensus": {"en": "Consensus", "fr": "Consensus"},
    "sh_map_of": {"en": "Map of", "fr": "Carte de"},
    "sh_plans": {"en": "Each plan, region by region", "fr": "Chaque plan, région par région"},
    "sh_deck": {"en": "Download the consensus slides (PPTX)",
                "fr": "Télécharger les diapositives du consensus (PPTX)"},
    # stable bands (docs/model.md §12)
    "stab_title": {"en": "How far can each setting move?",
                   "fr": "Jusqu'où chaque réglage peut-il bouger ?"},
    "stab_intro": {
        "en": "For each setting alone, the band in which this plan stays the best one, found "
              "by solving again (each end to 1 % of the setting's range). The sliders then "
              "show their band.",
        "fr": "Pour chaque réglage pris seul, la bande où ce plan reste le meilleur, trouvée "
              "en résolvant de nouveau (chaque borne à 1 % du domaine du réglage). Les "
              "curseurs affichent alors leur bande."},
    "stab_run": {"en": "Find the stable bands", "fr": "Trouver les bandes stables"},
    "stab_holds": {"en": "the plan holds from {lo} to {hi}",
                   "fr": "le plan tient de {lo} à {hi}"},
    "stab_col_setting": {"en": "Setting", "fr": "Réglage"},
    "stab_col_value": {"en": "Value", "fr": "Valeur"},
    "stab_col_lo": {"en": "Holds from", "fr": "Tient de"},
    "stab_col_hi": {"en": "to", "fr": "à"},
    "stab_col_lost": {"en": "First change beyond (pairs lost)",
                      "fr": "Premier changement au-delà (couples perdus)"},
}


def label(key: str, lang: Lang = "en", **values: Any) -> str:
    """The app text ``key`` in ``lang`` (English where a French text is missing), filled.

    Words the app shares with the maps and figures come from their table, ``style.TEXTS``.
    """
    entry = LABELS[key] if key in LABELS else TEXTS[key]
    template = entry.get(lang) or entry["en"]
    return template.format(**values) if values else template

