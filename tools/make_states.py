"""Write ``analysis/data/states.yml``: every state and territory a text since 1945 may name.

Codes and names come from ``pycountry`` (ISO 3166-1 for today's states and territories,
ISO 3166-3 for the dissolved ones); capitals and demonyms from ``countryinfo`` (MIT). The
tables below are what those sources lack or get wrong, written by hand: UN membership,
short labels, former names and capitals, the dissolved states, the dates on which a shared
name passed from one state to another, and names left out on purpose (with the reason).

The output is committed: the package reads the YAML and needs neither source at run time.
Run from the project folder (both packages are in the ``tools`` extra)::

    .venv/bin/pip install -e '.[tools]' && .venv/bin/python tools/make_states.py
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import countryinfo
import pycountry

OUT = Path(__file__).resolve().parents[1] / "analysis" / "data" / "states.yml"

#: The 193 member states of the United Nations (2011 on: South Sudan the last admitted).
UN_MEMBERS = set(
    """AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH
    BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE
    PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC
    GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT
    KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG
    MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL
    PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
    ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR
    TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE""".split()
)
#: Non-member observer states of the General Assembly.
OBSERVERS = {"VAT", "PSE"}
#: States outside the UN, kept as states: Taiwan, and Kosovo (no ISO code; XKX by convention).
OTHER_STATES = {"TWN"}

#: Labels where ISO's name is the formal one, or where the project's label predates this file.
LABELS = {
    "BOL": "Bolivia",
    "BRN": "Brunei",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "CPV": "Cabo Verde",
    "FSM": "Micronesia",
    "GBR": "United Kingdom",
    "IRN": "Iran",
    "KOR": "South Korea",
    "LAO": "Laos",
    "MDA": "Moldova",
    "PRK": "North Korea",
    "PSE": "Palestine",
    "RUS": "Russia",
    "SYR": "Syria",
    "TUR": "Turkey",
    "TWN": "Taiwan",
    "TZA": "Tanzania",
    "VAT": "Holy See",
    "VEN": "Venezuela",
    "VNM": "Vietnam",
    "FLK": "Falkland Islands",
    "VGB": "British Virgin Islands",
    "VIR": "United States Virgin Islands",
    "MAF": "Saint Martin",
    "SXM": "Sint Maarten",
    "CCK": "Cocos Islands",
}

#: Names added to a state's own: former names, other spellings, acronyms (``exact``), and
#: capitals past and present. Dated names are {name, start, end}.
EXTRA: dict[str, dict[str, list]] = {
    "USA": {
        "aliases": ["United States", "United States of America", "America"],
        "demonyms": ["American", "Americans"],
        "capitals": ["Washington", "Washington, D.C."],
        "exact": ["US", "U.S.", "USA", "U.S.A.", "U.S.A"],
    },
    "PAK": {
        "aliases": ["Islamic Republic of Pakistan"],
        "capitals": ["Islamabad", "Karachi", "Rawalpindi"],  # Karachi until 1959
        "exact": ["Pak"],
    },
    "IND": {"aliases": ["Republic of India", "Bharat"], "capitals": ["New Delhi", "Delhi"]},
    "CHN": {
        "aliases": [
            "People's Republic of China",
            "People\u2019s Republic of China",
            "Communist China",
            "Red China",
            "mainland China",
        ],
        "capitals": ["Beijing", "Peking", "Peiping"],
        "exact": ["PRC"],
    },
    "TWN": {
        "aliases": ["Taiwan", "Republic of China", "Formosa", "Chinese Taipei"],
        "demonyms": ["Taiwanese"],
        "capitals": ["Taipei"],
        "exact": ["ROC"],
    },
    "AFG": {"demonyms": ["Afghan", "Afghans"], "aliases": ["Islamic Emirate of Afghanistan"]},
    "IRN": {"aliases": ["Persia"], "demonyms": ["Iranians"]},
    "SAU": {
        "aliases": ["Kingdom of Saudi Arabia"],
        "demonyms": ["Saudi", "Saudis"],
        "exact": ["KSA"],
    },
    "ARE": {"demonyms": ["Emiratis"], "exact": ["UAE", "U.A.E."]},
    "RUS": {
        "aliases": [{"name": "Russia", "start": "1991-12-26"}],
        "demonyms": [
            {"name": "Russian", "start": "1991-12-26"},
            {"name": "Russians", "start": "1991-12-26"},
        ],
        "capitals": [
            {"name": "Moscow", "start": "1991-12-26"},
            {"name": "Kremlin", "start": "1991-12-26"},
        ],
    },
    "GBR": {
        "aliases": ["Britain", "Great Britain"],
        "demonyms": ["British", "Briton", "Britons"],
        "exact": ["UK", "U.K."],
    },
    "FRA": {"demonyms": ["French"]},
    "DEU": {
        "aliases": [
            "Federal Republic of Germany",
            "West Germany",
            {"name": "Germany", "end": "1949-10-06"},
            {"name": "Germany", "start": "1990-10-03"},
        ],
        "demonyms": [
            "West German",
            "West Germans",
            {"name": "German", "end": "1949-10-06"},
            {"name": "German", "start": "1990-10-03"},
            {"name": "Germans", "end": "1949-10-06"},
            {"name": "Germans", "start": "1990-10-03"},
        ],
        "capitals": ["Bonn", {"name": "Berlin", "start": "1990-10-03"}],
        "exact": ["FRG"],
    },
    "KOR": {"aliases": ["Republic of Korea"], "demonyms": ["South Koreans"], "exact": ["ROK"]},
    "PRK": {"demonyms": ["North Koreans"], "exact": ["DPRK"]},
    "BGD": {
        "demonyms": ["Bangladeshis"],
        "capitals": [
            {"name": "Dhaka", "start": "1971-12-16"},
            {"name": "Dacca", "start": "1971-12-16"},
        ],
    },
    "LKA": {"aliases": ["Ceylon"]},
    "IRQ": {"demonyms": ["Iraqis"]},
    "ISR": {"demonyms": ["Israelis"], "capitals": ["Tel Aviv"]},
    "TUR": {"aliases": ["T\u00fcrkiye", "Turkiye"], "exact": ["Turkey", "TURKEY"]},
    "EGY": {"aliases": ["United Arab Republic"], "demonyms": ["Egyptians"]},
    "VNM": {
        "aliases": [
            "Socialist Republic of Viet Nam",
            {"name": "Viet Nam", "start": "1976-07-02"},
        ],
        "demonyms": [{"name": "Vietnamese", "start": "1976-07-02"}],
        "capitals": [{"name": "Hanoi", "start": "1976-07-02"}, "Ho Chi Minh City"],
    },
    "KWT": {"demonyms": ["Kuwaitis"]},
    "SYR": {"demonyms": ["Syrians"]},
    "CUB": {"demonyms": ["Cubans"]},
    "UKR": {
        "aliases": ["Ukrainian SSR", "Ukrainian Soviet Socialist Republic", "the Ukraine"],
        "demonyms": ["Ukrainians"],
        "capitals": ["Kiev"],
    },
    "BLR": {
        "aliases": [
            "Byelorussia",
            "Belorussia",
            "Byelorussian SSR",
            "Byelorussian Soviet Socialist Republic",
        ],
        "demonyms": ["Byelorussian", "Belorussian"],
    },
    "CAN": {"demonyms": ["Canadians"]},
    "MEX": {"demonyms": ["Mexicans"]},
    "SDN": {"demonyms": ["Sudanese"]},
    "SSD": {"demonyms": ["South Sudanese"]},
    "MMR": {
        "aliases": ["Burma", "Union of Burma"],
        "capitals": ["Rangoon", "Yangon", "Nay Pyi Taw"],
    },
    "KHM": {
        "aliases": [
            "Kampuchea",
            "Democratic Kampuchea",
            "People's Republic of Kampuchea",
            "Khmer Republic",
        ],
        "demonyms": ["Kampuchean", "Khmer"],
    },
    "COD": {
        "aliases": [
            "Zaire",
            "Republic of Zaire",
            "Democratic Republic of the Congo",
            "Democratic Republic of Congo",
            "DR Congo",
            "Congo-Kinshasa",
            "Congo (Leopoldville)",
            "Congo (L\u00e9opoldville)",
            "Congo (Kinshasa)",
            "Belgian Congo",
            {"name": "Congo", "end": "1971-10-26"},
        ],
        "demonyms": ["Zairian", "Zairean", {"name": "Congolese", "end": "1971-10-26"}],
        "capitals": ["Kinshasa", "Leopoldville", "L\u00e9opoldville"],
        "exact": ["DRC"],
    },
    "COG": {
        "aliases": [
            "Republic of the Congo",
            "Congo-Brazzaville",
            "Congo (Brazzaville)",
            {"name": "Congo", "start": "1971-10-27", "end": "1997-05-16"},
        ],
        "demonyms": [{"name": "Congolese", "start": "1971-10-27", "end": "1997-05-16"}],
    },
    "BEN": {"aliases": ["Dahomey"], "demonyms": ["Dahomeyan"]},
    "BFA": {"aliases": ["Upper Volta"], "demonyms": ["Burkinabe", "Burkinab\u00e9"]},
    "THA": {"aliases": ["Siam"], "demonyms": ["Thais", "Siamese"]},
    "TZA": {"aliases": ["Tanganyika", "Tanzania"], "capitals": ["Dar es Salaam"]},
    "SWZ": {"aliases": ["Swaziland", "Kingdom of Swaziland"], "capitals": ["Mbabane"]},
    "TLS": {"aliases": ["East Timor", "Timor Leste"], "demonyms": ["Timorese"]},
    "CIV": {"aliases": ["Ivory Coast", "Cote d'Ivoire"]},
    "CPV": {"aliases": ["Cape Verde"], "demonyms": ["Cape Verdean", "Cabo Verdean"]},
    "CZE": {
        "aliases": ["Czech Republic"],
        "demonyms": ["Czechs"],
        "capitals": [{"name": "Prague", "start": "1993-01-01"}],
    },
    "MKD": {
        "aliases": ["Macedonia", "Former Yugoslav Republic of Macedonia"],
        "exact": ["FYROM"],
    },
    "GHA": {"aliases": ["Gold Coast"]},
    "NAM": {"aliases": ["South West Africa", "South-West Africa"]},
    "ESH": {"aliases": ["Spanish Sahara"]},
    "MWI": {"aliases": ["Nyasaland"]},
    "ZMB": {"aliases": ["Northern Rhodesia"]},
    "BWA": {"aliases": ["Bechuanaland"], "demonyms": ["Botswanan", "Batswana"]},
    "LSO": {"aliases": ["Basutoland"], "demonyms": ["Basotho"]},
    "MYS": {"aliases": ["Malaya", "Federation of Malaya"]},
    "GUY": {"aliases": ["British Guiana"]},
    "KAZ": {
        "capitals": ["Astana", "Nur-Sultan", "Almaty", {"name": "Alma-Ata", "start": "1991-12-26"}],
        "demonyms": ["Kazakh", "Kazakhs"],
    },
    "KGZ": {"aliases": ["Kirghizia", "Kyrgyz Republic"], "demonyms": ["Kyrgyz"]},
    "TJK": {"demonyms": ["Tajik", "Tajiks"]},
    "UZB": {"demonyms": ["Uzbek", "Uzbeks"]},
    "TKM": {"capitals": ["Ashkhabad"]},
    "MDA": {"aliases": ["Moldavia"], "capitals": ["Chisinau", "Kishinev"]},
    "ARG": {"demonyms": ["Argentine", "Argentinian"]},
    "MDV": {"demonyms": ["Maldivian"], "capitals": ["Mal\u00e9"]},
    "NLD": {"aliases": ["Holland"], "capitals": ["The Hague"]},
    "ISL": {"demonyms": ["Icelandic"]},
    "SVN": {"demonyms": ["Slovenian"]},
    "PHL": {"demonyms": ["Filipinos", "Philippine"]},
    "YEM": {
        "aliases": ["Yemen Arab Republic", "North Yemen", "Republic of Yemen"],
        "capitals": ["Sanaa", "Sana'a", {"name": "Aden", "start": "1990-05-22"}],
    },
    "LBY": {"aliases": ["Libyan Arab Jamahiriya"]},
    "ECU": {"demonyms": ["Ecuadorian"]},
    "PSE": {
        "aliases": ["Palestine", "State of Palestine"],
        "demonyms": ["Palestinian", "Palestinians"],
        "capitals": ["Ramallah"],
    },
    "VAT": {"aliases": ["Vatican", "Vatican City", "Vatican City State"], "exact": ["Holy See"]},
    "SRB": {
        "capitals": [{"name": "Belgrade", "start": "2006-06-05"}],
        "demonyms": ["Serb", "Serbs"],
    },
    "ZAF": {"aliases": ["Union of South Africa"], "capitals": ["Cape Town"]},
    "NGA": {"capitals": ["Lagos"]},
    "CHE": {"capitals": ["Berne"]},
    "BOL": {"capitals": ["La Paz"]},
    "CMR": {"capitals": ["Yaounde"]},
    "BRA": {"capitals": ["Brasilia", "Rio de Janeiro"]},
    "COL": {"capitals": ["Bogota"]},
    "PRY": {"capitals": ["Asuncion"]},
    "STP": {
        "aliases": ["Sao Tome and Principe", "S\u00e3o Tom\u00e9 and Pr\u00edncipe"],
        "demonyms": ["Santomean"],
        "capitals": ["Sao Tome"],
    },
    "TGO": {"capitals": ["Lome"]},
    "TCD": {"exact": ["Chad", "CHAD"], "capitals": ["N'Djamena", "Ndjamena", "Fort-Lamy"]},
    "JOR": {"exact": ["Jordan", "JORDAN"]},
    "GIN": {"exact": ["Guinea", "GUINEA"]},
    "GNB": {"demonyms": ["Bissau-Guinean"]},
    "GNQ": {"demonyms": ["Equatoguinean"]},
    "CHL": {"exact": ["Chile", "CHILE"]},
    "FLK": {"aliases": ["Malvinas", "Falklands"]},
    "GEO": {"demonyms": ["Georgians"]},
    "ERI": {"capitals": ["Asmera"]},
    "KIR": {"capitals": ["Tarawa"]},
    "BDI": {"capitals": ["Gitega", "Bujumbura"]},
    "ATG": {"demonyms": ["Antiguan", "Antiguans"], "capitals": ["St. John's"]},
    "BIH": {"demonyms": ["Bosnian", "Bosnians"]},
    "DJI": {"demonyms": ["Djiboutian"]},
    "GRD": {"capitals": ["Saint George's"]},
    "LAO": {"demonyms": ["Lao"]},
    "LUX": {"demonyms": ["Luxembourgish"]},
    "NPL": {"demonyms": ["Nepali"]},
    "NER": {"aliases": ["Republic of the Niger"]},
    "KNA": {"demonyms": ["Kittitian", "Kittitians"]},
    "VCT": {"demonyms": ["Vincentian", "Vincentians"]},
    "SUR": {"demonyms": ["Surinamese"]},
    "CRI": {"capitals": ["San Jose"]},
}

#: Nouns and adjectives of the people the sources lack where they differ from the demonym
#: ("Danish": a Dane, Danes), older spellings, and capitals' other names (issue 27). "Sino",
#: "Indo" and "Anglo" are the first halves of compounds ("Sino-Indian", "Indo-Pakistani",
#: "Anglo-French"), matched as written; actors.yml ignores the regions and peoples they
#: also begin ("Indo-Pacific", "Anglo-Saxon").
FORMS: dict[str, dict[str, list]] = {
    "ARG": {"demonyms": ["Argentines", "Argentinians"]},
    "AZE": {"demonyms": ["Azeri", "Azeris"]},
    "BEN": {"capitals": ["Cotonou"]},
    "BLR": {"demonyms": ["Belarussian", "Belarussians"]},
    "CHN": {"exact": ["Sino"]},
    "CIV": {"capitals": ["Abidjan"]},
    "CYP": {"demonyms": ["Cypriots"]},
    "DNK": {"demonyms": ["Danes"], "exact": ["Dane"]},
    "ECU": {"demonyms": ["Ecuadorians"]},
    "ESP": {"demonyms": ["Spaniard", "Spaniards"]},
    "FIN": {"demonyms": ["Finns"], "exact": ["Finn"]},
    "FRA": {"demonyms": ["Frenchman", "Frenchmen", "Frenchwoman"]},
    "GBR": {"exact": ["Brits", "Anglo"]},
    "GRC": {"demonyms": ["Greeks", "Hellenic"]},
    "IND": {"exact": ["Indo"]},
    "IRN": {"capitals": ["Teheran"]},
    "ISL": {"demonyms": ["Icelanders"]},
    "LIE": {"demonyms": ["Liechtensteiners"]},
    "LKA": {"demonyms": ["Ceylonese"], "capitals": ["Sri Jayawardenepura Kotte"]},
    "LUX": {"demonyms": ["Luxembourgers"]},
    "MCO": {"demonyms": ["Monégasque", "Monegasques"]},
    "MDA": {"demonyms": ["Moldavian", "Moldavians"]},
    "MDV": {"demonyms": ["Maldivians"]},
    "MNE": {"demonyms": ["Montenegrins"]},
    "MNG": {"capitals": ["Ulan Bator"]},
    "NER": {"demonyms": ["Nigeriens"]},
    "NLD": {"demonyms": ["Dutchman", "Dutchmen"]},
    "NPL": {"demonyms": ["Nepalis"]},
    "NZL": {"demonyms": ["New Zealanders"]},
    "POL": {"exact": ["Pole", "Poles"]},
    "ROU": {"aliases": ["Rumania", "Roumania"], "demonyms": ["Rumanian", "Roumanian"]},
    "SLB": {"demonyms": ["Solomon Islanders"]},
    "SVK": {"demonyms": ["Slovaks", "Slovakian"]},
    "SVN": {"demonyms": ["Slovenes", "Slovenians"]},
    "SWE": {"exact": ["Swede", "Swedes"]},
    "TKM": {"demonyms": ["Turkmens"]},
    "TUR": {"exact": ["Turk", "Turks"]},
}
for _code, _forms in FORMS.items():
    for _key, _names in _forms.items():
        EXTRA.setdefault(_code, {}).setdefault(_key, [])
        EXTRA[_code][_key] = [*EXTRA[_code][_key], *_names]

#: Names the sources give that are left out, and why.
DROP: dict[str, dict[str, set[str]]] = {
    # A common name first: "Victoria" (a name, a state of Australia), "Georgetown" (the
    # university in Washington). Territories' capitals ("Hamilton", "Douglas") are all left out.
    "MDV": {"demonyms": {"Maldivan"}},
    "SYC": {"capitals": {"Victoria"}},
    "GUY": {"capitals": {"Georgetown"}},
    # Sources out of date or wrong.
    "KAZ": {"capitals": {"Nur-Sultan"}, "demonyms": {"Kazakhstani"}},
    "ISR": {"capitals": {"Jerusalem"}},  # contested: the JERUSALEM territory
    "PSE": {"capitals": {"Jerusalem"}},
    "TJK": {"demonyms": {"Tadzhik"}},
    "KGZ": {"demonyms": {"Kirghiz"}},
    "UZB": {"demonyms": {"Uzbekistani"}},
    "ARG": {"demonyms": {"Argentinean"}},
    "ECU": {"demonyms": {"Ecuadorean"}},
    "CPV": {"demonyms": {"Cape Verdian"}},
    "SUR": {"demonyms": {"Surinamer"}},
    "ATG": {"demonyms": {"Antiguan,Barbudan"}},
    "BIH": {"demonyms": {"Bosnian,Herzegovinian"}},
    "KNA": {"demonyms": {"Kittian and Nevisian"}},
    "DJI": {"demonyms": {"Djibouti"}},
    "VAT": {"demonyms": {"Vaticanian"}, "capitals": {"Vatican City"}},
    "SAU": {"demonyms": {"Saudi Arabian"}},
    "SMR": {"capitals": {"City of San Marino"}},
    "MMR": {"capitals": {"Naypyidaw"}},
    "USA": {"capitals": {"Washington D.C."}},
    # Shared with a neighbour or dated above: "Dominican" is the Dominican Republic's
    # (Dominica's people are rarely named so in these texts); "Congolese" is dated.
    "DMA": {"demonyms": {"Dominican"}},
    "CAF": {"demonyms": {"Central African"}},  # the region's people as often as the state's
    "COD": {"demonyms": {"Congolese"}},
    "COG": {"demonyms": {"Congolese"}},
    "RUS": {"demonyms": {"Russian"}, "capitals": {"Moscow"}},
    "DEU": {"demonyms": {"German"}, "capitals": {"Berlin"}},
    "CZE": {"capitals": {"Prague"}},
    "VNM": {"demonyms": {"Vietnamese"}, "capitals": {"Hanoi"}},
    "BGD": {"capitals": {"Dhaka"}},
    "SRB": {"capitals": {"Belgrade"}},
    "YEM": {"capitals": {"Sana'a"}},
}

#: ISO names no text uses (inverted forms such as "Korea, Republic of" are skipped by rule).
ISO_NAMES_LEFT_OUT = {
    "Taiwan, Province of China",
    "the State of Palestine",
}

#: Dissolved states and the territories that stand for a divided country as a whole.
HISTORIC: list[dict] = [
    {
        "id": "SUN",
        "label": "Soviet Union",
        "kind": "state",
        "start": "1922-12-30",
        "end": "1991-12-25",
        "aliases": [
            "Soviet Union",
            "Union of Soviet Socialist Republics",
            {"name": "Russia", "end": "1991-12-25"},
        ],
        "demonyms": [
            "Soviet",
            "Soviets",
            {"name": "Russian", "end": "1991-12-25"},
            {"name": "Russians", "end": "1991-12-25"},
        ],
        "capitals": [
            {"name": "Moscow", "end": "1991-12-25"},
            {"name": "Kremlin", "end": "1991-12-25"},
            {"name": "Alma-Ata", "end": "1991-12-25"},
        ],
        "exact": ["USSR", "U.S.S.R."],
    },
    {
        "id": "YUG",
        "label": "Yugoslavia",
        "kind": "state",
        "start": "1918-12-01",
        "end": "2003-02-03",
        "aliases": [
            "Yugoslavia",
            "Socialist Federal Republic of Yugoslavia",
            "Federal Republic of Yugoslavia",
        ],
        "demonyms": ["Yugoslav", "Yugoslavs", "Yugoslavian"],
        "capitals": [{"name": "Belgrade", "end": "2003-02-03"}],
        "exact": ["SFRY", "FRY"],
    },
    {
        "id": "SCG",
        "label": "Serbia and Montenegro",
        "kind": "state",
        "start": "2003-02-04",
        "end": "2006-06-04",
        "aliases": ["Serbia and Montenegro", "State Union of Serbia and Montenegro"],
        "capitals": [{"name": "Belgrade", "start": "2003-02-04", "end": "2006-06-04"}],
    },
    {
        "id": "CSK",
        "label": "Czechoslovakia",
        "kind": "state",
        "start": "1918-10-28",
        "end": "1992-12-31",
        "aliases": [
            "Czechoslovakia",
            "Czechoslovak Socialist Republic",
            "Czech and Slovak Federal Republic",
        ],
        "demonyms": ["Czechoslovak", "Czechoslovakian", "Czechoslovaks"],
        "capitals": [{"name": "Prague", "end": "1992-12-31"}],
    },
    {
        "id": "DDR",
        "label": "East Germany",
        "kind": "state",
        "start": "1949-10-07",
        "end": "1990-10-02",
        "aliases": ["East Germany", "German Democratic Republic"],
        "demonyms": ["East German", "East Germans"],
        "capitals": ["East Berlin", "Pankow"],
        "exact": ["GDR"],
    },
    {
        # "Germany" while there were two German states: the country as a whole, neither
        # state ("the German question", "German reunification").
        "id": "GERMANY",
        "label": "Germany (divided, 1949-1990)",
        "kind": "territory",
        "start": "1949-10-07",
        "end": "1990-10-02",
        "aliases": [{"name": "Germany", "start": "1949-10-07", "end": "1990-10-02"}],
        "demonyms": [
            {"name": "German", "start": "1949-10-07", "end": "1990-10-02"},
            {"name": "Germans", "start": "1949-10-07", "end": "1990-10-02"},
        ],
        "capitals": [{"name": "Berlin", "start": "1949-10-07", "end": "1990-10-02"}],
    },
    {
        "id": "VDR",
        "label": "North Vietnam",
        "kind": "state",
        "start": "1945-09-02",
        "end": "1976-07-01",
        "aliases": [
            "North Vietnam",
            "North Viet Nam",
            "Democratic Republic of Vietnam",
            "Democratic Republic of Viet Nam",
        ],
        "demonyms": ["North Vietnamese"],
        "capitals": [{"name": "Hanoi", "end": "1976-07-01"}],
    },
    {
        # No ISO code was ever given to South Vietnam: RVN, as the Correlates of War code.
        "id": "RVN",
        "label": "South Vietnam",
        "kind": "state",
        "start": "1955-10-26",
        "end": "1975-04-30",
        "aliases": [
            "South Vietnam",
            "South Viet Nam",
            "Republic of Vietnam",
            "Republic of Viet Nam",
        ],
        "demonyms": ["South Vietnamese"],
        "capitals": ["Saigon"],
    },
    {
        # "Viet-Nam" before reunification: the country as a whole, neither state.
        "id": "VIETNAM",
        "label": "Vietnam (divided, 1945-1976)",
        "kind": "territory",
        "start": "1945-09-02",
        "end": "1976-07-01",
        "aliases": [{"name": "Viet Nam", "end": "1976-07-01"}],
        "demonyms": [{"name": "Vietnamese", "end": "1976-07-01"}],
    },
    {
        # "Korea" names the peninsula, whose two states both still exist.
        "id": "KOREA",
        "label": "Korea (the peninsula)",
        "kind": "territory",
        "aliases": ["Korea", "Korean Peninsula", "the Koreas"],
        "demonyms": ["Korean", "Koreans"],
    },
    {
        "id": "YMD",
        "label": "South Yemen",
        "kind": "state",
        "start": "1967-11-30",
        "end": "1990-05-21",
        "aliases": [
            "South Yemen",
            "Democratic Yemen",
            "People's Democratic Republic of Yemen",
            "Southern Yemen",
        ],
        "demonyms": ["South Yemeni", "South Yemenis"],
        "capitals": [{"name": "Aden", "end": "1990-05-21"}],
        "exact": ["PDRY"],
    },
    {
        "id": "RHO",
        "label": "Southern Rhodesia",
        "kind": "state",
        "end": "1980-04-17",
        "aliases": ["Southern Rhodesia", "Rhodesia", "Zimbabwe Rhodesia"],
        "demonyms": ["Rhodesian", "Rhodesians"],
        "capitals": ["Salisbury"],
    },
    {
        "id": "SKM",
        "label": "Sikkim",
        "kind": "state",
        "end": "1975-05-16",
        "aliases": ["Sikkim"],
        "capitals": ["Gangtok"],
    },
    {
        "id": "EAST_PAKISTAN",
        "label": "East Pakistan",
        "kind": "territory",
        "start": "1947-08-14",
        "end": "1971-12-15",
        "aliases": ["East Pakistan", "East Bengal"],
        "capitals": [
            {"name": "Dacca", "end": "1971-12-15"},
            {"name": "Dhaka", "end": "1971-12-15"},
        ],
    },
    {
        "id": "XKX",
        "label": "Kosovo",
        "kind": "state",
        "aliases": ["Kosovo", "Republic of Kosovo"],
        "demonyms": ["Kosovar", "Kosovars"],
        "capitals": ["Pristina"],
    },
    {
        "id": "JERUSALEM",
        "label": "Jerusalem",
        "kind": "territory",
        "aliases": ["Jerusalem", "East Jerusalem", "Al-Quds", "Al Quds"],
    },
    {
        # Hyderabad State, whose case was before the Security Council in 1948; later the
        # name is a city (in India, and in Sindh) and no actor.
        "id": "HYDERABAD",
        "label": "Hyderabad (princely state)",
        "kind": "territory",
        "end": "1956-10-31",
        "aliases": [{"name": "Hyderabad", "end": "1956-10-31"}, "Hyderabad State"],
    },
]

#: Soviet republics' capitals: the Soviet Union's until it ended (the Baltic states' until
#: the Soviet Union recognised them, 6 September 1991), then the new states'.
SOVIET_CAPITALS = {
    "EST": ("Tallinn", "1991-09-06"),
    "LVA": ("Riga", "1991-09-06"),
    "LTU": ("Vilnius", "1991-09-06"),
    "ARM": ("Yerevan", "1991-12-26"),
    "AZE": ("Baku", "1991-12-26"),
    "GEO": ("Tbilisi", "1991-12-26"),
    "MDA": ("Chisinau", "1991-12-26"),
    "KGZ": ("Bishkek", "1991-12-26"),
    "TJK": ("Dushanbe", "1991-12-26"),
    "TKM": ("Ashgabat", "1991-12-26"),
    "UZB": ("Tashkent", "1991-12-26"),
}

_PLURAL = re.compile(r"(an|i)$")


def day_before(iso: str) -> str:
    return date.fromordinal(date.fromisoformat(iso).toordinal() - 1).isoformat()


def iso_names(country) -> list[str]:
    """A country's ISO names as a text names it: inverted forms ("Korea, Republic of") and
    parenthesised parts left out."""
    names = []
    for attribute in ("common_name", "name", "official_name"):
        name = getattr(country, attribute, None)
        if not name or name in ISO_NAMES_LEFT_OUT:
            continue
        name = re.sub(r"\s*\([^)]*\)", "", name).strip()
        if ", " in name:
            after = name.split(", ", 1)[1]
            if after.endswith((" of", " of the")) or len(after.split()) <= 2:
                continue
        if name not in names:
            names.append(name)
    return names


def source_facts() -> dict[str, dict]:
    """countryinfo's capital and demonym by alpha-3 code."""
    folder = Path(countryinfo.__file__).parent / "data"
    facts = {}
    for path in sorted(folder.glob("*.json")):
        entry = json.loads(path.read_text(encoding="utf-8"))
        code = (entry.get("ISO") or {}).get("alpha3")
        if code and code not in facts:
            facts[code] = entry
    return facts


def text_of(name) -> str:
    return name if isinstance(name, str) else name["name"]


def key_of(name) -> str:
    """A name as the matcher looks it up: without spaces or hyphens, case folded."""
    return re.sub(r"[\s\-\u2010-\u2014]", "", text_of(name)).replace("\u2019", "'").casefold()


def add(names: list, name) -> None:
    """Add a name unless it is there already (a plain name under any spelling)."""
    if isinstance(name, dict):
        if name not in names:
            names.append(name)
    elif name and key_of(name) not in {key_of(n) for n in names if isinstance(n, str)}:
        names.append(name)


def state_entry(country, facts: dict) -> dict:
    code = country.alpha_3
    kind = "state" if code in UN_MEMBERS | OBSERVERS | OTHER_STATES else "territory"
    extra = EXTRA.get(code, {})
    drop = DROP.get(code, {})
    entry = {"id": code, "label": LABELS.get(code, getattr(country, "common_name", country.name))}
    entry["kind"] = kind
    exact = list(extra.get("exact", []))
    exact_texts = {e.casefold() for e in exact}
    lists = {"aliases": [], "demonyms": [], "capitals": []}
    # A name given dated replaces the plain one of the sources.
    dated = {key_of(n) for key in lists for n in extra.get(key, []) if not isinstance(n, str)}
    for name in [entry["label"], *iso_names(country), *extra.get("aliases", [])]:
        plain_or_dated = isinstance(name, dict) or key_of(name) not in dated
        if text_of(name).casefold() not in exact_texts and plain_or_dated:
            add(lists["aliases"], name)
    source = facts.get(code, {})
    if kind == "state":  # territories' capitals and demonyms are mostly their state's
        demonym = source.get("demonym")
        if demonym and demonym not in drop.get("demonyms", set()) and key_of(demonym) not in dated:
            add(lists["demonyms"], demonym)
            if _PLURAL.search(demonym):
                add(lists["demonyms"], demonym + "s")
        capital = source.get("capital")
        if (
            isinstance(capital, str)
            and capital
            and capital not in drop.get("capitals", set())
            and key_of(capital) not in dated
        ):
            add(lists["capitals"], capital)
    for key in ("demonyms", "capitals"):
        for name in extra.get(key, []):
            add(lists[key], name)
        lists[key] = [
            n for n in lists[key] if not (isinstance(n, str) and n in drop.get(key, set()))
        ]
    if code in SOVIET_CAPITALS:
        capital, start = SOVIET_CAPITALS[code]
        lists["capitals"] = [n for n in lists["capitals"] if text_of(n) != capital]
        lists["capitals"].append({"name": capital, "start": start})
    for key, names in lists.items():
        if names:
            entry[key] = names
    if exact:
        entry["exact"] = exact
    return entry


def historic_entries() -> list[dict]:
    entries = [dict(e) for e in HISTORIC]
    sun = next(e for e in entries if e["id"] == "SUN")
    for capital, start in SOVIET_CAPITALS.values():
        sun["capitals"] = [*sun["capitals"], {"name": capital, "end": day_before(start)}]
    codes = {c.alpha_3 for c in pycountry.historic_countries} | {"RVN", "XKX"}
    for entry in entries:
        if entry["kind"] == "state":
            assert entry["id"] in codes, entry["id"]
    return entries


def yaml_name(name) -> str:
    if isinstance(name, str):
        return quoted(name)
    parts = [f"name: {quoted(name['name'])}"]
    parts += [f"{key}: {name[key]}" for key in ("start", "end") if key in name]
    return "{" + ", ".join(parts) + "}"


def quoted(text: str) -> str:
    plain = re.fullmatch(r"[A-Za-z\u00c0-\u024f][\w\u00c0-\u024f .\u2019-]*", text)
    reserved = text.lower() in {"yes", "no", "on", "off", "true", "false", "null"}
    if plain and not text.endswith(" ") and not reserved:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(entries: list[dict]) -> str:
    lines = [
        "# States and territories: generated by tools/make_states.py from pycountry (ISO 3166-1",
        "# and 3166-3 codes and names) and countryinfo (capitals, demonyms), with the corrections",
        "# and the dated names written in that script. Do not edit by hand: change the script,",
        "# or add your own entries in a file of your own (see actors.yml for the format).",
        f"# {sum(e['id'] in UN_MEMBERS for e in entries)} UN member states, "
        f"{len(OBSERVERS)} observer states, "
        f"{sum(e['kind'] == 'state' and e['id'] not in UN_MEMBERS | OBSERVERS for e in entries)} "
        "other and dissolved states, "
        f"{sum(e['kind'] == 'territory' for e in entries)} territories.",
        "actors:",
    ]
    for entry in entries:
        lines.append(f"  - id: {entry['id']}")
        lines.append(f"    label: {quoted(entry['label'])}")
        lines.append(f"    kind: {entry['kind']}")
        for key in ("start", "end"):
            if key in entry:
                lines.append(f"    {key}: {entry[key]}")
        for key in ("aliases", "demonyms", "capitals", "exact"):
            if entry.get(key):
                lines.append(f"    {key}: [{', '.join(yaml_name(n) for n in entry[key])}]")
    return "\n".join(lines) + "\n"


def main() -> None:
    assert len(UN_MEMBERS) == 193, len(UN_MEMBERS)
    facts = source_facts()
    entries = [state_entry(c, facts) for c in sorted(pycountry.countries, key=lambda c: c.alpha_3)]
    known = {e["id"] for e in entries}
    assert known >= UN_MEMBERS | OBSERVERS
    entries += historic_entries()
    OUT.write_text(render(entries), encoding="utf-8")
    print(f"{OUT}: {len(entries)} entries")


if __name__ == "__main__":
    main()
