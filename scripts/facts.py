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


@dataclass(frozen=True)
class Site:
    """A figure read for one place (plant, port, mine, city): the committed site → province step.

    ``province`` is the HCP province or prefecture code (``"08.401"`` Ouarzazate) as in
    ``data/provinces.geojson``, whose ``region_code`` gives the region: the build aggregates
    sites to regions through that file and nothing else. ``note`` says what the value covers
    when it is not a plain full-year figure (a period, a conversion).
    """

    name: str
    province: str
    value: float
    url: str
    year: int
    note: str = ""


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

#: Multidimensional poverty rate (%), RGPH 2014: the only complete 12-region vector found. It
#: is HCP's 2014 method (national 8.2 %); HCP's 2024 method gives 11.9 % for 2014 and 6.8 % for
#: 2024, so these values are comparable with each other, not with 2024 figures.
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

#: Tanger Med container traffic, 2024, million TEU (the only transhipment hub of this size).
TANGER_MED_TEU_2024: dict[str, Figure] = {"01": Figure(10.241392, TANGER_MED_2024, 2024)}

#: Vehicle assembly plants exporting through Tanger Med in 2024: Renault Melloussa (01),
#: Stellantis Kénitra (04), SOMACA Casablanca (06).
VEHICLE_PLANTS_2024: dict[str, Figure] = {
    "01": Figure(1, TANGER_MED_2024, 2024),
    "04": Figure(1, TANGER_MED_2024, 2024),
    "06": Figure(1, TANGER_MED_2024, 2024),
}


# ---------------------------------------------------------------------------- sector figures
# Facts sheet §3 and §7, and pages found with the search tool (docs/data.md lists what was
# searched and not found). Each site names its province: the build maps it to its region
# through data/provinces.geojson.

LE360_RENEWABLES_2023 = (
    "https://fr.le360.ma/economie/les-energies-renouvelables-representeront-56-du-mix-electrique-"
    "marocain-a-lhorizon-2027_EBOQUHLQWRBKDHLU7C2G7HOKLY/"
)
SAHARAWIND = "https://saharawind.com/index.php/fr/parcs-eoliens-sahara"
NOOR_ATLAS_2026 = (
    "https://fr.le360.ma/economie/lancement-du-programme-solaire-noor-atlas-six-centrales-"
    "photovoltaiques-pour-une-capacite-totale-de_GLLDVQGZZNFKNNEHXNAEUTCRH4/"
)
NOOR_TAFILALT_NOTE = "one of the three 40 MW plants of Noor Tafilalt, in service per the 2026 page"
NOOR_SOUTH_PV = (
    "https://barlamane.fr/lancement-en-2016-des-pre-qualifications-pour-les-centrales-solaires-"
    "de-laayoune-et-de-boujdour"
)
SOUTH_RENEWABLES_2025 = "https://www.maghress.com/fr/yabiladi/181409"
JBEL_LAHDID_2024 = (
    "https://www.yabiladi.com/articles/details/155072/essaouira-l-onee-service-parc-eolien.html"
)

#: Wind and solar plants in service (MW). Hydro (≈ 1 770 MW, old ONEE dams) is left out: it
#: is not the energy-transition build-out the theme is about, and no plant list was found.
#: Not counted: Noor Midelt I (800 MW, delayed, not in service in the sources), Noor Atlas
#: (305 MW from July 2027), Tiskrad (100 MW, status not read).
RENEWABLE_PLANTS_MW: tuple[Site, ...] = (
    Site(
        "Tanger I wind farm (Dhar Saadane, Beni Mejmel)",
        "01.227",
        140,
        "https://maghress.com/fr/aujourdhui/17472",
        2010,
    ),
    Site(
        "Jbel Khalladi wind farm",
        "01.227",
        120,
        "https://www.webmanagercenter.com/2018/10/20/425576/",
        2018,
    ),
    Site(
        "Nassim Koudia Al Baida wind farm (repowered)",
        "01.227",
        100,
        "https://fr.le360.ma/economie/energies-renouvelables-les-parcs-eoliens-nassim-koudia-al-"
        "baida-et-nassim-jbel-lahdid-operationnels_J3YN6WL2KRBRBAXMOJE2FTIFDY/",
        2024,
    ),
    Site(
        "Aïn Beni Mathar solar field (of the 472 MW combined cycle)",
        "02.275",
        20,
        "https://www.bladi.net/central-solaire-ain-beni-mathar.html",
        2010,
        "only the 20 MW solar part counts; the rest is gas",
    ),
    Site("Taza wind farm", "03.561", 87, "https://www.actu-maroc.com/?p=9263", 2022),
    Site("Noor Tafilalt, Missour PV", "03.131", 40, NOOR_ATLAS_2026, 2026, NOOR_TAFILALT_NOTE),
    Site(
        "Noor Ouarzazate I-IV",
        "08.401",
        582,
        "https://lemagazinedumanager.com/17019-maroc-le-roi-mohammed-vi-lance-la-derniere-phase-"
        "du-complexe-solaire-noor.html",
        2018,
    ),
    Site(
        "Midelt wind farm", "08.363", 210, "https://www.vivafrik.com/tag/abderrahim-el-hafidi", 2021
    ),
    Site("Noor Tafilalt, Erfoud PV", "08.201", 40, NOOR_ATLAS_2026, 2026, NOOR_TAFILALT_NOTE),
    Site("Noor Tafilalt, Zagora PV", "08.587", 40, NOOR_ATLAS_2026, 2026, NOOR_TAFILALT_NOTE),
    Site(
        "Amogdoul wind farm (Cap Sim)",
        "07.211",
        60,
        "https://saharawind.com/fr/premiers-parcs-eoliens",
        2007,
    ),
    Site("Jbel Lahdid wind farm", "07.211", 270, JBEL_LAHDID_2024, 2024),
    Site("Tarfaya wind farm", "11.537", 301.3, "https://maghress.com/fr/lesechos/158724", 2014),
    Site("Akhfennir I and II wind farms", "11.537", 200, SAHARAWIND, 2017),
    Site("Foum El Oued wind farm", "11.321", 50.6, SAHARAWIND, 2013),
    Site(
        "Aftissat wind farm",
        "11.121",
        200,
        "https://www.infomediaire.net/energies-renouvelables-le-maroc-va-atteindre-son-objectif-"
        "2020/",
        2019,
    ),
    Site("Aftissat 2 wind farm", "11.121", 200, LE360_RENEWABLES_2023, 2023),
    Site("Nassim Boujdour wind farm", "11.121", 300, LE360_RENEWABLES_2023, 2023),
    Site(
        "Noor Laâyoune PV",
        "11.321",
        80,
        NOOR_SOUTH_PV,
        2016,
        "capacity as tendered; in service per the 101 MW southern solar total of 2025",
    ),
    Site(
        "Noor Boujdour PV",
        "11.121",
        20,
        NOOR_SOUTH_PV,
        2016,
        "capacity as tendered; in service per the 101 MW southern solar total of 2025",
    ),
    Site(
        "Dakhla wind farm (feeds the desalination plant)",
        "12.391",
        60,
        "https://greentimes.ma/dakhla-le-parc-eolien-de-60-mw-desormais-operationnel",
        2025,
    ),
)
#: The ministry's total for the three southern regions (10, 11, 12): 1 442 MW (101 MW solar +
#: 1 341 MW wind), Nov 2025 — the check on the plants listed there.
SOUTH_RENEWABLES_MW_2025 = Figure(1442, SOUTH_RENEWABLES_2025, 2025)
#: National wind capacity after Jbel Lahdid, October 2024 (of 5 440 MW renewables).
NATIONAL_WIND_MW_2024 = Figure(2400, JBEL_LAHDID_2024, 2024)

#: Regions with no coastline: no fishing port, so no landings (a fact, not an estimate).
LANDLOCKED_REGIONS: tuple[str, ...] = ("03", "05", "08")

#: Coastal and artisanal fish landings by port (tonnes), ONP statistics via MAP relays: the
#: latest 2024 period found for each port (``note``), a full year where one was published.
FISH_PORTS_T: tuple[Site, ...] = (
    Site(
        "Tanger",
        "01.511",
        2635,
        "https://lodj.ma/Peche-en-berne-a-Tanger-Un-recul-inquietant-de-29_a107286.amp.html",
        2024,
        "January-July",
    ),
    Site(
        "M'diq",
        "01.573",
        1776,
        "https://mre.news/blog/port-de-mdiq-baisse-des-debarquements-de-peche-a-fin-novembre",
        2024,
        "January-November",
    ),
    Site(
        "Al Hoceïma",
        "01.051",
        2265,
        "https://leseco.ma/maroc/port-dal-hoceima-les-debarquements-de-peche-en-legere-hausse-"
        "en-novembre.html",
        2024,
        "January-November",
    ),
    Site(
        "Larache",
        "01.331",
        11849,
        "https://fr.walaw.press/article/GMXMFSXWXWRR",
        2024,
        "January-October",
    ),
    Site(
        "Nador",
        "02.381",
        3043,
        "https://maroc24.com/fr/97247-port-de-nador-baisse-de-10-des-debarquements-de-peche-a-"
        "fin-septembre-onp",
        2024,
        "January-September",
    ),
    Site(
        "Mehdia",
        "04.281",
        13145,
        "https://m.libe.ma/Port-de-Mehdia-Les-debarquements-de-peche-en-baisse-de-19-a-fin-"
        "novembre-2024_a149565.html",
        2024,
        "January-November",
    ),
    Site(
        "El Jadida",
        "06.181",
        6500,
        "https://lavieeco.com/affaires/secteurs/port-del-jadida-les-debarquements-de-peche-"
        "grimpent-de-22",
        2024,
        "January-June ('plus de 6 500 tonnes')",
    ),
    Site(
        "Safi",
        "07.431",
        51113,
        "https://www.libe.ma/Port-de-Safi-Baisse-de-14-des-debarquements-de-peche-en-2024_"
        "a150470.html",
        2024,
    ),
    Site(
        "Essaouira",
        "07.211",
        22091,
        "https://journauxafrique.com/port-dessaouira-hausse-des-debarquements-de-peche-a-fin-"
        "novembre",
        2024,
        "January-November",
    ),
    Site(
        "Agadir zone (Imessouane to Sidi R'bat)",
        "09.001",
        77751,
        "https://fr.le360.ma/economie/un-chiffre-daffaires-de-32-milliards-de-dirhams-pour-la-"
        "peche-maritime-et-laquaculture-dagadir-254032",
        2021,
        "fishing and aquaculture of the zone, reported January 2022; Agadir's 2024 landings "
        "were not found",
    ),
    Site(
        "Tan-Tan",
        "10.521",
        56355,
        "https://www.libe.ma/Port-de-Tan-Tan-Chute-de-45-des-debarquements-de-la-peche-cotiere-"
        "et-artisanale-en-2024_a150549.html",
        2024,
    ),
    Site(
        "Sidi Ifni",
        "10.473",
        63361,
        "https://www.libe.ma/Port-de-Sidi-Ifni-Les-debarquements-de-la-peche-cotiere-et-"
        "artisanale-augmentent-de-3-en-2024_a150529.html",
        2024,
        "the source writes '63.361 mille tonnes', read as 63 361 t",
    ),
    Site(
        "Laâyoune",
        "11.321",
        176620,
        "https://fr.allafrica.com/stories/202601090268.html",
        2024,
        "January-November",
    ),
    Site(
        "Boujdour",
        "11.121",
        69788,
        "https://industries.ma/en/?p=46197",
        2023,
        "full year 2023 (2024 only to June was found)",
    ),
    Site(
        "Dakhla",
        "12.391",
        164500,
        "https://industries.ma/hausse-de-7-des-debarquements-de-peche-au-port-de-dakhla",
        2024,
    ),
    Site(
        "Lamhiriz",
        "12.066",
        3175,
        "https://fr.walaw.press/articles/hausse_de_12__des_d%C3%A9barquements_au_port_de_"
        "lamhiriz/GMFMWQGLGMFG",
        2024,
        "January-November",
    ),
)
#: National coastal and artisanal landings, 2024 (tonnes).
NATIONAL_LANDINGS_T_2024 = Figure(
    1_336_058,
    "https://www.libe.ma/Port-de-Safi-Baisse-de-14-des-debarquements-de-peche-en-2024_a150470.html",
    2024,
)

#: Phosphate rock mining capacity by OCP mining zone (Mt per year). Jorf Lasfar and Safi are
#: chemical platforms, not mines.
KHOURIBGA_MT = Site(
    "Khouribga (Daoui, Merah Lahrach, Sidi Chennane, Beni Amir)",
    "05.311",
    26,
    "https://123dok.net/article/dcp-mcp-ctivite-roupe-ocp-ocp-note-information.qmj72jr7",
    2017,
    "OCP note d'information; an older photo-report gives 19 Mt",
)
PHOSBOUCRAA_MT = Site("Phosboucraâ (Bou Craa)", "11.321", 2.6, PHOSBOUCRAA, 2019)
#: OCP's phosphate output, 2018 (Mt): the basis of the Gantour derivation.
OCP_OUTPUT_MT_2018 = Figure(
    44,
    "https://fr.le360.ma/economie/ocp-le-maroc-a-produit-44-millions-de-tonnes-de-phosphates-"
    "avec-des-perspectives-prometteuses-204872",
    2018,
)
#: Gantour (Benguerir, Youssoufia): no tonnage published; the province that carries it.
GANTOUR_PROVINCE = "07.427"

#: Nights in classified tourist establishments, January-October 2024, by destination
#: (prefecture), millions: the national top five (national total 24.1 M).
LESITEINFO_NIGHTS_2024 = "https://lesiteinfo.com/?p=634040"
LIBE_TANGER_NIGHTS_2024 = (
    "https://m.libe.ma/Prefecture-de-Tanger-Assilah-Les-EHTC-enregistrent-plus-de-15-million-de-"
    "nuitees_a149715.html"
)
TOURIST_NIGHTS_M_2024: tuple[Site, ...] = (
    Site("Marrakech", "07.351", 8.43, LESITEINFO_NIGHTS_2024, 2024, "January-October"),
    Site("Agadir", "09.001", 5.49, LESITEINFO_NIGHTS_2024, 2024, "January-October"),
    Site("Casablanca", "06.141", 1.81, LESITEINFO_NIGHTS_2024, 2024, "January-October"),
    Site(
        "Tanger-Assilah",
        "01.511",
        1.509994,
        LIBE_TANGER_NIGHTS_2024,
        2024,
        "January-October; 4th destination",
    ),
    Site("Fès", "03.231", 0.793, LIBE_TANGER_NIGHTS_2024, 2024, "January-October; 5th destination"),
)
NATIONAL_NIGHTS_M_2024 = Figure(24.1, LESITEINFO_NIGHTS_2024, 2024)

#: Beds in public hospitals, 2021 (HCP Annuaire statistique 2022): the regions the relays
#: name; national total 26 711.
SOUSS_MASSA_HEALTH_2021 = (
    "https://fr.agadir24.info/2023/souss-massa-hcp-loffre-de-soins-les-donnees-2022/"
)
PUBLIC_HOSPITAL_BEDS_2021: dict[str, Figure] = {
    **{
        code: Figure(value, HOSPITALS_2021, 2021)
        for code, value in {
            "06": 4949,
            "04": 4404,
            "07": 3740,
            "03": 3346,
            "02": 2516,
            "01": 2154,
        }.items()
    },
    "09": Figure(1568, SOUSS_MASSA_HEALTH_2021, 2021),
}
NATIONAL_PUBLIC_BEDS_2021 = Figure(26_711, HOSPITALS_2021, 2021)

#: Desalination capacity in service at the end of 2024 (million m³ per year). Not counted:
#: Dakhla (37 Mm³/yr, due end 2025), monobloc units under 1 Mm³/yr (Tarfaya, Akhfennir,
#: Boujdour), Casablanca (under construction).
OCP_GREEN_WATER_2024 = (
    "https://telquel.ma/instant-t/2025/02/27/ocp-green-water-plus-dun-quart-de-leau-potable-de-"
    "casablanca-issue-deau-dessalee_1919875"
)
SAFI_DESALINATION_MM3 = 40.0
DESALINATION_MM3: tuple[Site, ...] = (
    Site(
        "Al Hoceïma (ONEE)",
        "01.051",
        200 * 86_400 * 365 / 1e9,
        "https://mre.news/blog/al-hoceima-beneficie-de-grands-projets-hydrauliques-dun-cout-de-"
        "1-671-millions-de-dirhams",
        2020,
        "200 L/s x 365 days",
    ),
    Site(
        "Jorf Lasfar (OCP Green Water)",
        "06.181",
        185 - SAFI_DESALINATION_MM3,
        OCP_GREEN_WATER_2024,
        2024,
        "185 Mm³ for Jorf Lasfar and Safi together, less Safi's 40 Mm³ (derived)",
    ),
    Site(
        "Safi (OCP Green Water)",
        "07.431",
        SAFI_DESALINATION_MM3,
        "https://lnt.ma/station-de-dessalement-de-safi-100-des-besoins-en-eau-potable-couverts/",
        2024,
    ),
    Site(
        "Chtouka, Agadir (ONEE and agriculture)",
        "09.163",
        275_000 * 365 / 1e6,
        "https://fr.le360.ma/economie/gestion-de-leau-comment-agadir-a-reussi-le-pari-du-"
        "dessalement-273322",
        2022,
        "275 000 m³/day x 365 days",
    ),
    Site(
        "Laâyoune (ONEE, two stations)",
        "11.321",
        52_000 * 365 / 1e6,
        "https://afrik21.africa/maroc-la-station-de-dessalement-de-laayoune-fournit-ses-"
        "premiers-m3-deau/amp",
        2022,
        "52 000 m³/day x 365 days",
    ),
    Site("Phosboucraâ (OCP)", "11.321", 7.5, OCP_OUTPUT_MT_2018.url, 2019),
)

#: Share of national bank credit by Bank Al-Maghrib place (city), 30 June 2025 (%): the places
#: the relay names; the rest (10.7 % in all, Fès among them) is not broken down.
BANK_CREDIT_2025 = (
    "https://librentreprise.ma/2025/09/16/casablanca-et-rabat-absorbent-783-des-credits-"
    "bancaires-au-maroc"
)
BANK_CREDIT_SHARE_2025: tuple[Site, ...] = (
    Site("Casablanca", "06.141", 63.6, BANK_CREDIT_2025, 2025),
    Site("Rabat", "04.421", 14.7, BANK_CREDIT_2025, 2025),
    Site("Agadir", "09.001", 3.7, BANK_CREDIT_2025, 2025),
    Site("Marrakech", "07.351", 3.0, BANK_CREDIT_2025, 2025),
    Site("Meknès", "03.061", 2.2, BANK_CREDIT_2025, 2025),
    Site("Tanger", "01.511", 2.1, BANK_CREDIT_2025, 2025),
)


# ---------------------------------------------------------------------------- issue 21
# Figures for the gaps that were zeros and for the measures each theme's name calls for
# (facts sheet §1a, §1d, §2a, §3a, §3d, §7, and pages found with the search tool).

#: Share of the 10.7 % of national credit that Bank Al-Maghrib's relay leaves unbroken (%),
#: the complement of the six places named in ``BANK_CREDIT_SHARE_2025``.
BANK_CREDIT_OTHER_PLACES_2025 = Figure(10.7, BANK_CREDIT_2025, 2025)

#: Tourist nights of destinations outside the national top five, January-October 2024
#: equivalent (millions). Rabat: January-April 2024 as published (scaled to ten months by
#: the build); Ouarzazate: January-October 2018, the latest ten-month figure found; Dakhla:
#: the 2019 year (scaled to ten months by the build).
RABAT_NIGHTS_JAN_APR_2024 = Site(
    "Rabat",
    "04.421",
    0.257472,
    "https://m.libe.ma/Rabat-Plus-de-257-000-nuitees-dans-les-etablissements-classes-a-fin-"
    "avril_a145339.html",
    2024,
    "January-April",
)
OUARZAZATE_NIGHTS_2018 = Site(
    "Ouarzazate",
    "08.401",
    0.343216,
    "https://www.perspectivesmed.ma/ouarzazate-une-destination-qui-decolle-lembellie-est-au-"
    "rendez-vous/",
    2018,
    "January-October 2018",
)
DAKHLA_NIGHTS_2019 = Site(
    "Dakhla",
    "12.391",
    0.162,
    "https://m.le360.ma/economie/video-tourisme-dakhla-nouvel-eldorado-des-investisseurs-243415",
    2019,
    "full year 2019",
)

#: National GDP at current prices, 2022 (billion MAD), and the regions' 2022 shares (%), the
#: base of the primary-sector value added.
NATIONAL_GDP_2022_BN = Figure(1330.5, "https://mapamazighe.ma/es/print/121457", 2022)
QUID_2022 = "https://quid.ma/economie/trois-regions-pour-579--de-la-richesse-nationale-en-2022"
LECONOMISTE_2022 = (
    "https://leconomiste.com/flash-infos/creation-de-la-richesse-nationale-les-disparites-entre-"
    "regions-s-accentuent?page=2"
)
GDP_SHARE_2022: dict[str, Figure] = {
    "06": Figure(31.4, QUID_2022, 2022),
    "04": Figure(16.1, QUID_2022, 2022),
    "01": Figure(10.4, QUID_2022, 2022),
    "07": Figure(8.3, QUID_2022, 2022),
    "03": Figure(7.9, QUID_2022, 2022),
    "09": Figure(6.6, QUID_2022, 2022),
    "05": Figure(6.1, QUID_2022, 2022),
    "02": Figure(5.1, QUID_2022, 2022),
    "08": Figure(3.0, LECONOMISTE_2022, 2022),
}
SOUTH_GDP_SHARE_2022 = Figure(4.9, LECONOMISTE_2022, 2022)
#: GDP per capita 2022 (MAD) of the three southern regions: splits their combined share.
TELQUEL_2022 = (
    "https://telquel.ma/instant-t/2024/09/03/5-regions-du-maroc-presentent-un-pib-habitant-"
    "superieur-a-la-moyenne-nationale_1891526"
)
SOUTH_GDP_PER_CAPITA_2022: dict[str, Figure] = {
    "10": Figure(44_432, TELQUEL_2022, 2022),
    "11": Figure(71_246, TELQUEL_2022, 2022),
    "12": Figure(80_996, TELQUEL_2022, 2022),
}

#: Primary sector (agriculture and fishing) as a share of each region's GDP, 2022 (%), HCP
#: regional accounts via MAP relays: the regions the relays name.
PRIMARY_2022 = (
    "https://mre.news/es/2024/09/03/sector-primario-7-regiones-de-marruecos-crearan-el-824-del-"
    "valor-anadido-en-2022"
)
PRIMARY_SHARE_2022: dict[str, Figure] = {
    "03": Figure(21.3, PRIMARY_2022, 2022),
    "08": Figure(19.3, PRIMARY_2022, 2022),
    "09": Figure(17.4, PRIMARY_2022, 2022),
    "02": Figure(15.8, PRIMARY_2022, 2022),
    "12": Figure(14.2, PRIMARY_2022, 2022),
    "05": Figure(14.1, PRIMARY_2022, 2022),
    "07": Figure(10.1, PRIMARY_2022, 2022),
    "01": Figure(9.0, "https://maghress.com/fr/lavieeco/370156", 2022),
    "06": Figure(3.2, PRIMARY_2022, 2022),
}
#: The primary sector's share of national GDP, 2022 (%), and the share of national primary
#: value added created by FM, RSK, CS, MS, TTA, SM and BMK together (%).
NATIONAL_PRIMARY_SHARE_2022 = Figure(9.8, PRIMARY_2022, 2022)
SEVEN_REGIONS_PRIMARY_2022 = Figure(82.4, PRIMARY_2022, 2022)
SEVEN_PRIMARY_REGIONS: tuple[str, ...] = ("03", "04", "06", "07", "01", "09", "05")

#: Wind and solar capacity awarded or under construction for 2025-2030 (MW), by site.
NOOR_ATLAS_MW = 305.0
NOOR_ATLAS_SITES: tuple[tuple[str, str], ...] = (
    ("Noor Atlas, Aïn Béni Mathar PV", "02.275"),
    ("Noor Atlas, Bouanane PV", "02.251"),
    ("Noor Atlas, Enjil PV", "03.131"),
    ("Noor Atlas, Boudnib PV", "08.201"),
    ("Noor Atlas, Tata PV", "09.551"),
    ("Noor Atlas, Tan-Tan PV", "10.521"),
)
NOOR_MIDELT_I = Site(
    "Noor Midelt I (CSP and PV)",
    "08.363",
    800,
    "https://www.mapexpress.ma/actualite/economie-et-finance/consortium-mene-edf-renouvelables-"
    "adjudicataire-du-projet-solaire-noor-midelt-i/",
    2019,
    "awarded May 2019 (PPA signed end 2022, works not started by August 2023)",
)
#: More than 1 400 MW planned in the three southern regions for 2025-2030 (ministerial
#: statement, November 2025), with no breakdown by region.
SOUTH_PIPELINE_MW_2025 = Figure(1400, SOUTH_RENEWABLES_2025, 2025)

#: Land secured for green-hydrogen and renewable mega-projects (hectares), by region: the
#: Offre Maroc's projects all lie in Guelmim-Oued Noun, Laâyoune-Sakia El Hamra and Dakhla-Oued
#: Ed-Dahab (selection of 7 March 2025).
OFFRE_MAROC_2025 = (
    "https://www.libe.ma/Hydrogene-vert-La-selection-d-investisseurs-augure-d-une-dynamique-"
    "prometteuse-conformement-a-la-vision-de-SM-le-Roi_a151852.html"
)
ARABNEWS_H2 = "https://arabnews.fr/node/437971/mosa%C3%AFque"
GREEN_HYDROGEN_LAND_HA: dict[str, Figure] = {
    "12": Figure(800_000, ARABNEWS_H2, 2025),
    "11": Figure(371_675, ARABNEWS_H2, 2025),
    "10": Figure(
        170_000,
        "https://www.ilboursa.com/marches/les-emirats-vont-investir-10-milliards-de-dollars-dans-"
        "un-projet-dhydrogene-vert-au-maroc_44211",
        2024,
    ),
}

#: Seawater desalination under construction (million m³ per year), with the year it is due.
DESALINATION_PIPELINE_MM3: tuple[Site, ...] = (
    Site(
        "Casablanca (Lamharza Essahel)",
        "06.181",
        300,
        "https://fr.sputniknews.africa/20240612/la-construction-de-la-plus-grande-station-de-"
        "dessalement-dafrique-demarre-au-maroc-1067010179.html",
        2024,
        "works started June 2024; 200 Mm³/yr due end 2026, 300 at the second phase",
    ),
    Site(
        "Dakhla (Bir Anzarane, wind-powered)",
        "12.391",
        37,
        "https://www.le365.info/2025/05/les-travaux-dequipement-et-damenagement.html",
        2025,
        "75 % built in May 2025, due end 2025 (30 Mm³ for irrigation, 7 for drinking water)",
    ),
)

#: New enrolments in public universities, 2024-25, by university seat region (the ministry's
#: figures via etudiant.ma); national total 299 263.
NEW_ENROLMENTS_2025: dict[str, Figure] = {
    "06": Figure(45_608, UNIVERSITIES_2025, 2025),
    "04": Figure(25_179 + 19_954, UNIVERSITIES_2025, 2025),
    "07": Figure(37_501, UNIVERSITIES_2025, 2025),
    "09": Figure(38_820, UNIVERSITIES_2025, 2025),
    "01": Figure(31_568, UNIVERSITIES_2025, 2025),
    "03": Figure(27_920 + 21_159, UNIVERSITIES_2025, 2025),
}
NATIONAL_NEW_ENROLMENTS_2025 = Figure(299_263, UNIVERSITIES_2025, 2025)
#: Université Mohammed Premier (Oujda), new enrolments 2023-24: its 2024-25 figure is not
#: published in the relay.
UMP_NEW_ENROLMENTS_2024 = Figure(
    24_073,
    "https://www.lavieeco.com/au-royaume/scans/luniversite-mohammed-premier-doujda-augmente-le-"
    "nombre-dinscrits-et-lance-de-nouvelles-filieres/",
    2024,
)
#: The universities whose 2024-25 enrolments are not published: USMS (05), Hassan 1er and
#: Chouaib Doukkali (06).
UNPUBLISHED_ENROLMENT_SEATS: tuple[str, ...] = ("05", "06", "06")

#: Cargo handled at Tanger Med in 2024 (million tonnes), and by the ports the Agence nationale
#: des ports (ANP) manages: their 2024 total and each port's share of it in January-July 2022,
#: the latest port-by-port breakdown found.
TANGER_MED_CARGO_MT_2024 = Site("Tanger Med", "01.227", 142, TANGER_MED_2024, 2024)
ANP_TOTAL_MT_2024 = Figure(
    99.9, "https://portsetcorridors.com/2025/ports-du-maroc-un-trafic-2024-en-hausse-de-13", 2024
)
ANP_SHARES_2022 = (
    "https://www.yabiladi.com/articles/details/131065/maroc-trafic-portuaire-recul-juillet.html"
)
ANP_PORT_SHARES_2022: tuple[Site, ...] = (
    Site("Jorf Lasfar", "06.181", 38.9, ANP_SHARES_2022, 2022, "share of ANP traffic, Jan-Jul"),
    Site("Casablanca", "06.141", 28.9, ANP_SHARES_2022, 2022, "share of ANP traffic, Jan-Jul"),
    Site(
        "Safi (old and new ports)",
        "07.431",
        11.2,
        ANP_SHARES_2022,
        2022,
        "share of ANP traffic, Jan-Jul",
    ),
    Site("Agadir", "09.001", 7.3, ANP_SHARES_2022, 2022, "share of ANP traffic, Jan-Jul"),
    Site("Mohammedia", "06.371", 6.4, ANP_SHARES_2022, 2022, "share of ANP traffic, Jan-Jul"),
    Site("Nador", "02.381", 4.2, ANP_SHARES_2022, 2022, "share of ANP traffic, Jan-Jul"),
    Site("Laâyoune", "11.321", 2.3, ANP_SHARES_2022, 2022, "share of ANP traffic, Jan-Jul"),
)
#: Coastal regions whose ANP ports (Tanger-ville, Larache, Al Hoceïma; Kénitra; Tan-Tan, Sidi
#: Ifni; Dakhla) the relay does not name: they share the rest of ANP traffic.
SMALL_PORT_REGIONS: tuple[str, ...] = ("01", "04", "10", "12")
