"""Curated regional figures from the shared facts sheet (``regional-facts.md``).

Each figure keeps its source.

Only figures read on a cited page are here, with the page's URL and the figure's year;
what the facts sheet marks as a GAP is absent (never filled in). Where an indicator needs a
missing figure, ``build_indicators.py`` derives it by a stated method and flags it as an
estimate. Region keys are HCP codes: 01 TTA, 02 ORI, 03 FM, 04 RSK, 05 BMK, 06 CS, 07 MS,
08 DT, 09 SM, 10 GON, 11 LSH, 12 DOD.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One published figure: its value, the page it was read on and the year it describes."""

    value: float
    url: str
    year: int


ATLASINFO_2023 = (
    "https://atlasinfo.fr/maroc-3-regions-generent-585-du-pib-national-en-2023-hcp.html"
)
MAROC24_2023 = (
    "https://www.maroc24.com/fr/109341-comptes-regionaux-de-2023-principaux-points-de-la-note-"
    "dinformation-du-hcp/amp"
)
ARTICLE19_2023 = "https://article19.ma/accueil/archives/186000"
OBSERVATEUR_2023 = "https://www.maghress.com/fr/lobservateur/215546"
POVERTY_2014 = (
    "https://maroc-diplomatique.net/baisse-taux-de-pauvrete-multidimensionnelle-differentes-"
    "regions-royaume-entre-2004-2014"
)
HOSPITALS_2021 = (
    "https://aujourdhui.ma/societe/sante-les-ecarts-continuent-de-se-creuser-entre-les-regions"
)
UNIVERSITIES_2025 = (
    "https://www.etudiant.ma/articles/enseignement-suprieur-au-maroc-les-chiffres-cls-2024-2025"
)
UIZ_SITES = (
    "https://www.infomediaire.net/universite-ibn-zohr-doyens-et-directeurs-detablissements-"
    "fraichement-nommes-prennent-leurs-fonctions/"
)
OCP_SITES_2018 = (
    "https://www.lepetitjournalmarocain.com/2018/12/24/le-maroc-dispose-de-75-des-reserves-"
    "mondiales-de-phosphates/"
)
PHOSBOUCRAA = (
    "https://www.infomediaire.net/phosphates-le-sahara-ne-represente-que-16-des-reserves-totales-"
    "du-maroc/"
)
TANGER_MED_2024 = (
    "https://www.yabiladi.com/articles/details/158915/maroc-avance-objectifs-port-tanger.html"
)

#: National GDP per capita, 2023 (DH per inhabitant).
NATIONAL_GDP_PER_CAPITA_2023 = Figure(40_508, ARTICLE19_2023, 2023)

#: Share of national GDP (current prices), 2023, % — HCP regional accounts via MAP relays.
GDP_SHARE_2023: dict[str, Figure] = {
    "06": Figure(32.2, ATLASINFO_2023, 2023),
    "04": Figure(15.7, ATLASINFO_2023, 2023),
    "01": Figure(10.6, ATLASINFO_2023, 2023),
    "07": Figure(8.5, MAROC24_2023, 2023),
    "03": Figure(8.4, MAROC24_2023, 2023),
    "09": Figure(6.6, MAROC24_2023, 2023),
    "05": Figure(5.4, MAROC24_2023, 2023),
    "02": Figure(5.0, MAROC24_2023, 2023),
    "08": Figure(2.8, MAROC24_2023, 2023),
}
#: The three southern regions (10, 11, 12) together: HCP relays give only the combined share.
SOUTH_GDP_SHARE_2023 = Figure(4.8, MAROC24_2023, 2023)
SOUTH_REGIONS: tuple[str, ...] = ("10", "11", "12")

#: GDP per capita 2023 (DH per inhabitant), where a relay published it.
GDP_PER_CAPITA_2023: dict[str, Figure] = {
    "12": Figure(89_533, ARTICLE19_2023, 2023),
    "11": Figure(69_069, OBSERVATEUR_2023, 2023),
    "06": Figure(62_777, OBSERVATEUR_2023, 2023),
    "10": Figure(47_121, OBSERVATEUR_2023, 2023),
    "04": Figure(45_849, OBSERVATEUR_2023, 2023),
    "08": Figure(25_324, ARTICLE19_2023, 2023),
}

#: Multidimensional poverty rate (%), RGPH 2014: the only complete 12-region vector found.
POVERTY_RATE_2014: dict[str, Figure] = {
    code: Figure(value, POVERTY_2014, 2014)
    for code, value in {
        "05": 13.4,
        "07": 11.3,
        "08": 10.0,
        "03": 9.6,
        "02": 9.5,
        "01": 9.5,
        "09": 7.2,
        "10": 6.2,
        "04": 6.1,
        "06": 4.1,
        "12": 3.8,
        "11": 1.7,
    }.items()
}

#: Public hospitals, 2021 (HCP Annuaire statistique 2022, relayed): all 12 regions, total 165.
PUBLIC_HOSPITALS_2021: dict[str, Figure] = {
    code: Figure(value, HOSPITALS_2021, 2021)
    for code, value in {
        "06": 27,
        "03": 21,
        "01": 20,
        "04": 20,
        "07": 18,
        "02": 16,
        "05": 12,
        "08": 11,
        "09": 9,
        "10": 5,
        "11": 5,
        "12": 1,
    }.items()
}

#: Public universities by seat, 2024-25: UAE (01), UMP (02), USMBA and UMI (03), UM5 and Ibn
#: Tofail (04), USMS (05), Hassan II, Hassan 1er and Chouaib Doukkali (06), Cadi Ayyad (07),
#: Ibn Zohr (09). The four regions at 0 have no university seated there: the sources name the
#: Ibn Zohr / Moulay Ismaïl sites that serve them.
PUBLIC_UNIVERSITIES_2025: dict[str, Figure] = {
    "01": Figure(1, UNIVERSITIES_2025, 2025),
    "02": Figure(1, UNIVERSITIES_2025, 2025),
    "03": Figure(2, UNIVERSITIES_2025, 2025),
    "04": Figure(2, UNIVERSITIES_2025, 2025),
    "05": Figure(1, UNIVERSITIES_2025, 2025),
    "06": Figure(3, UNIVERSITIES_2025, 2025),
    "07": Figure(1, UNIVERSITIES_2025, 2025),
    "08": Figure(0, UIZ_SITES, 2025),
    "09": Figure(1, UNIVERSITIES_2025, 2025),
    "10": Figure(0, UIZ_SITES, 2025),
    "11": Figure(0, UIZ_SITES, 2025),
    "12": Figure(0, UIZ_SITES, 2025),
}

#: OCP phosphate mining or chemical sites: Khouribga (05); Gantour and the Safi chemical
#: complex (07); Jorf Lasfar (06); Phosboucraâ (11). Other regions host none.
OCP_SITES_2018: dict[str, Figure] = {
    "05": Figure(1, OCP_SITES_2018, 2018),
    "06": Figure(1, OCP_SITES_2018, 2018),
    "07": Figure(2, OCP_SITES_2018, 2018),
    "11": Figure(1, PHOSBOUCRAA, 2018),
}

#: Tanger Med container traffic, 2024, million TEU (the only transhipment hub of this size).
TANGER_MED_TEU_2024: dict[str, Figure] = {"01": Figure(10.241392, TANGER_MED_2024, 2024)}

#: Vehicle assembly plants exporting through Tanger Med in 2024: Renault Melloussa (01),
#: Stellantis Kénitra (04), SOMACA Casablanca (06).
VEHICLE_PLANTS_2024: dict[str, Figure] = {
    "01": Figure(1, TANGER_MED_2024, 2024),
    "04": Figure(1, TANGER_MED_2024, 2024),
    "06": Figure(1, TANGER_MED_2024, 2024),
}
