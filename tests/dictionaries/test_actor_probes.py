"""Probes of the actor dictionary: every UN member and observer state by its common name,
official name, demonym and capital; the dissolved states; the traps; offices and dates; the
leaders of every state.

The states' names come from ``probe_states.tsv``, written by hand from the UN's list of
member states and the CIA World Factbook, not from the dictionary or its sources. The
leaders come from ``probe_leaders.tsv``, written by hand from who held which office when
and how the press writes their names, not from the dictionary or REIGN: a name and an office
for every state, surnames two leaders share, sentences about an earlier year, "former",
"late" and "then", names inside the names of agreements.
"""

import unicodedata
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from analysis.dictionaries.actors import document_day, find_mentions, load_actors
from analysis.features.mentions import mention_rows
from analysis.ingest.parse import Sentence

PROBES = Path(__file__).with_name("probe_states.tsv")
TODAY = date(2024, 6, 1)  # a dated document of now: names shared over time are today's


def states():
    rows = []
    for line in PROBES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


#: Probes decided otherwise on purpose, with the reason (see states.yml and actors.yml).
DELIBERATE = {
    # "Congolese" names the people of either Congo since 1997, when Zaire became the DRC.
    ("COG", "demonym"): None,
    ("COD", "demonym"): None,
    # "Dominican" is the Dominican Republic's: Dominica's people are rarely so named.
    ("DMA", "demonym"): "DOM",
    # "Central African" is the region's as often as the state's.
    ("CAF", "demonym"): None,
    # Capitals whose name is first a common one: a name and an Australian state; the
    # university in Washington.
    ("SYC", "capital"): None,
    ("GUY", "capital"): None,
}

SENTENCES = {
    "common": "The delegation of {} spoke first.",
    "official": "A letter from the {} was read.",
    "demonym": "The {} delegation spoke first.",
    "capital": "Officials in {} replied on Monday.",
}


@pytest.fixture(scope="module")
def actors():
    return load_actors()


def who(text, actors, day=TODAY):
    return [(surface, actor) for _, _, actor, surface, _ in find_mentions(text, actors, day=day)]


def test_the_probes_are_the_193_members_and_2_observers():
    codes = [row[0] for row in states()]
    assert len(codes) == len(set(codes)) == 195
    assert {"VAT", "PSE"} <= set(codes)


@pytest.mark.parametrize("field", list(SENTENCES))
def test_every_member_state_by_each_of_its_names(field, actors):
    wrong = []
    for code, common, official, demonym, capital in states():
        name = {"common": common, "official": official, "demonym": demonym, "capital": capital}
        text = SENTENCES[field].format(name[field])
        expected = DELIBERATE.get((code, field), code)
        found = [actor for _, actor in who(text, actors)]
        if found != ([expected] if expected else []):
            wrong.append((code, name[field], found))
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        # Dissolved states and former names, each with its own code.
        ("the Soviet Union and the USSR", date(1962, 7, 1), ["SUN", "SUN"]),
        ("the former Soviet Union", date(2014, 7, 1), ["SUN"]),
        ("Moscow and the Russians", date(1962, 7, 1), ["SUN", "SUN"]),
        ("Moscow and the Russians", date(2014, 7, 1), ["RUS", "RUS"]),
        ("Moscow", None, ["RUS"]),  # undated: as of today
        ("Tashkent", date(1966, 1, 10), ["SUN"]),  # the Tashkent Declaration
        ("Tashkent", date(2005, 1, 1), ["UZB"]),
        ("Yugoslavia and Belgrade", date(1980, 1, 1), ["YUG", "YUG"]),
        ("Belgrade", date(2004, 1, 1), ["SCG"]),
        ("Belgrade", date(2010, 1, 1), ["SRB"]),
        ("Czechoslovakia and Prague", date(1968, 8, 21), ["CSK", "CSK"]),
        ("Prague", date(2000, 1, 1), ["CZE"]),
        (
            "East Germany, the German Democratic Republic and East Berlin",
            date(1975, 1, 1),
            ["DDR"] * 3,
        ),
        ("West Germany, the Federal Republic of Germany and Bonn", date(1975, 1, 1), ["DEU"] * 3),
        ("Germany and the Germans", date(1975, 1, 1), ["GERMANY", "GERMANY"]),  # either state
        ("Germany and Berlin", date(1995, 1, 1), ["DEU", "DEU"]),
        ("Germany", date(1939, 9, 1), ["DEU"]),
        ("North Viet-Nam and Hanoi", date(1967, 1, 1), ["VDR", "VDR"]),
        ("South Viet-Nam and Saigon", date(1967, 1, 1), ["RVN", "RVN"]),
        ("the war in Viet-Nam", date(1967, 1, 1), ["VIETNAM"]),  # the country, divided
        ("Viet Nam and Hanoi", date(1990, 1, 1), ["VNM", "VNM"]),
        ("Zaire and Kinshasa", date(1985, 1, 1), ["COD", "COD"]),
        ("the Congo and Leopoldville", date(1961, 1, 1), ["COD", "COD"]),
        ("the Congo and Brazzaville", date(1985, 1, 1), ["COG", "COG"]),
        ("the Congo", date(2010, 1, 1), []),  # either Congo
        (
            "the Democratic Republic of the Congo and the Republic of the Congo",
            None,
            ["COD", "COG"],
        ),
        ("Rhodesia and Salisbury", date(1970, 1, 1), ["RHO", "RHO"]),
        ("Zimbabwe and Harare", date(1990, 1, 1), ["ZWE", "ZWE"]),
        ("Dahomey", date(1965, 1, 1), ["BEN"]),
        ("Upper Volta", date(1970, 1, 1), ["BFA"]),
        ("Siam", date(1946, 1, 1), ["THA"]),
        ("Tanganyika", date(1962, 1, 1), ["TZA"]),
        ("the United Arab Republic", date(1965, 1, 1), ["EGY"]),
        ("the Khmer Republic and Democratic Kampuchea", date(1975, 1, 1), ["KHM", "KHM"]),
        ("South Yemen, Democratic Yemen and Aden", date(1980, 1, 1), ["YMD"] * 3),
        ("Aden", date(2015, 1, 1), ["YEM"]),
        ("Swaziland", date(2000, 1, 1), ["SWZ"]),
        ("Burma and Myanmar, Rangoon and Yangon", None, ["MMR"] * 4),
        ("East Pakistan and Dacca", date(1970, 1, 1), ["EAST_PAKISTAN"] * 2),
        ("Dacca", date(1975, 1, 1), ["BGD"]),
        ("Peking and Peiping", date(1960, 1, 1), ["CHN", "CHN"]),
        ("Ceylon", date(1960, 1, 1), ["LKA"]),
        ("Korea and the Koreans", None, ["KOREA", "KOREA"]),  # the peninsula: both states
        ("Hyderabad", date(1948, 9, 1), ["HYDERABAD"]),
        ("Hyderabad", date(2010, 1, 1), []),  # a city then
        ("Jerusalem", None, ["JERUSALEM"]),
    ],
)
def test_dissolved_states_former_names_and_dates(text, day, expected, actors):
    assert [actor for _, actor in who(text, actors, day)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Georgia the US state, and the country.
        ("The company moved to Atlanta, Georgia in May.", []),
        ("Tbilisi says Georgia will not yield.", [("Tbilisi", "GEO"), ("Georgia", "GEO")]),
        # Jordan and Chad as people's names, and as states.
        ("Hamilton Jordan and Chad Wolf spoke.", []),
        ("Jordan and Chad voted yes.", [("Jordan", "JOR"), ("Chad", "TCD")]),
        # turkey the bird; lower-case trump.
        ("a turkey for dinner", []),
        ("Turkey and T\u00fcrkiye", [("Turkey", "TUR"), ("T\u00fcrkiye", "TUR")]),
        ("his trump card; a trumped-up charge", []),
        ("Trump and TRUMP", [("Trump", "TRUMP"), ("TRUMP", "TRUMP")]),
        # The Guineas.
        (
            "Guinea, Guinea-Bissau, Equatorial Guinea and Papua New Guinea",
            [
                ("Guinea", "GIN"),
                ("Guinea-Bissau", "GNB"),
                ("Equatorial Guinea", "GNQ"),
                ("Papua New Guinea", "PNG"),
            ],
        ),
        ("a guinea pig; the Gulf of Guinea; New Guinea", []),
        # Niger, Nigeria and the river.
        ("Niger, Nigeria and the Niger River", [("Niger", "NER"), ("Nigeria", "NGA")]),
        ("the Niger Delta", []),
        # The two Congos' capitals.
        ("Kinshasa and Brazzaville", [("Kinshasa", "COD"), ("Brazzaville", "COG")]),
        # Dominica and the Dominican Republic.
        (
            "Dominica and the Dominican Republic",
            [("Dominica", "DMA"), ("Dominican Republic", "DOM")],
        ),
        # Sudan and South Sudan, and their people.
        ("Sudanese and South Sudanese", [("Sudanese", "SDN"), ("South Sudanese", "SSD")]),
        ("South Sudan is not Sudan", [("South Sudan", "SSD"), ("Sudan", "SDN")]),
        # New Mexico, Indo-China, the Americas, the Paris Agreement.
        ("the governor of New Mexico", []),
        ("Indo-China and the Indo-Chinese peoples", []),
        ("Latin American and Central American states", []),
        ("South American and North American markets", []),
        ("the Paris Agreement on climate", []),
        ("Paris and the French", [("Paris", "FRA"), ("French", "FRA")]),
        # Chinese Taipei is Taiwan alone.
        ("Chinese Taipei", [("Chinese Taipei", "TWN")]),
        # American Samoa is a territory, not the United States.
        ("American Samoa", [("American Samoa", "ASM")]),
        # The Gulf and the oceans.
        ("the Gulf, the Persian Gulf and the Gulf of Oman", []),
        ("the Indian Ocean", []),
        ("the Gulf Cooperation Council", [("Gulf Cooperation Council", "GCC")]),
        # The people as a noun where it is not the adjective; compounds of two states.
        (
            "Danes, Swedes, Finns, Poles and a Spaniard",
            [
                ("Danes", "DNK"),
                ("Swedes", "SWE"),
                ("Finns", "FIN"),
                ("Poles", "POL"),
                ("Spaniard", "ESP"),
            ],
        ),
        (
            "Sino-Indian and Indo-Pakistani talks",
            [("Sino", "CHN"), ("Indian", "IND"), ("Indo", "IND"), ("Pakistani", "PAK")],
        ),
        ("the Indo-Pacific, the North Pole and Anglo-Saxon law", []),
        ("Teheran and Ulan Bator", [("Teheran", "IRN"), ("Ulan Bator", "MNG")]),
    ],
)
def test_traps(text, expected, actors):
    assert who(text, actors, None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The Charter is a document, not the organisation (issue 27).
        ("the Charter", []),
        ("this Assembly", [("this Assembly", "UNO")]),
        ("our Organization", [("our Organization", "UNO")]),
        ("the Security Council", [("Security Council", "UNO")]),
        (
            "ECOSOC and the Economic and Social Council",
            [("ECOSOC", "UNO"), ("Economic and Social Council", "UNO")],
        ),
        ("the League of Nations", [("League of Nations", "LON")]),
        ("the Charter of the United Nations", []),
        ("the UN Charter and the UN", [("UN", "UNO")]),
        ("the Organization of African Unity", [("the Organization of African Unity", "OAU")]),
        ("the National Assembly of Pakistan", [("Pakistan", "PAK")]),
        ("the Charter of Democracy", []),
        ("a charter flight to the assembly", []),
    ],
)
def test_the_un_as_speeches_name_it(text, expected, actors):
    assert who(text, actors, None) == expected


@pytest.mark.parametrize(
    ("text", "day", "expected"),
    [
        ("President Bush", date(1990, 8, 2), [("Bush", "BUSH_GHW", "name")]),
        ("President Bush", date(2005, 7, 1), [("Bush", "BUSH_GW", "name")]),
        (
            "the Prime Minister of Pakistan",
            date(1972, 7, 2),  # Simla: Bhutto was president then; Nurul Amin's term ended 1971
            [("Pakistan", "PAK", "name")],
        ),
        (
            "the Prime Minister of Pakistan",
            date(1974, 2, 22),
            [("Prime Minister of Pakistan", "BHUTTO_ZA", "office"), ("Pakistan", "PAK", "name")],
        ),
        (
            "the Prime Minister of Pakistan",
            date(1999, 2, 20),  # the Lahore Declaration
            [("Prime Minister of Pakistan", "SHARIF_N", "office"), ("Pakistan", "PAK", "name")],
        ),
        (
            "Pakistan's prime minister",
            date(2019, 2, 26),
            [("Pakistan's prime minister", "KHAN_IMRAN", "office"), ("Pakistan", "PAK", "name")],
        ),
        (
            "the Pakistani Prime Minister",
            date(2023, 1, 1),
            [("Pakistani Prime Minister", "SHARIF_S", "office"), ("Pakistani", "PAK", "name")],
        ),
        # Undated, an office is its state.
        ("the Prime Minister of Pakistan", None, [("Pakistan", "PAK", "name")]),
        ("the Secretary-General", None, [("the Secretary-General", "UNO", "office")]),
        (
            "the Secretary-General",
            date(1965, 10, 1),
            [("the Secretary-General", "U_THANT", "office")],
        ),
        (
            "the Secretary-General",
            date(1998, 10, 1),
            [("the Secretary-General", "ANNAN", "office")],
        ),
        ("Prime Minister Sharif", date(1998, 5, 28), [("Sharif", "SHARIF_N", "name")]),
        ("Prime Minister Sharif", date(2023, 1, 1), [("Sharif", "SHARIF_S", "name")]),
        ("Mrs. Gandhi", date(1971, 12, 1), [("Mrs. Gandhi", "GANDHI_I", "name")]),
        (
            "Mahatma Gandhi and Rajiv Gandhi",
            date(1987, 1, 1),
            [("Mahatma Gandhi", "GANDHI_MK", "name"), ("Rajiv Gandhi", "GANDHI_R", "name")],
        ),
        ("General Musharraf", date(2001, 1, 1), [("Musharraf", "MUSHARRAF", "name")]),
        ("Chairman Mao", date(1965, 1, 1), [("Chairman Mao", "MAO", "name")]),
        ("Premier Khrushchev", date(1960, 1, 1), [("Premier Khrushchev", "KHRUSHCHEV", "name")]),
        (
            "the Soviet Premier",
            date(1966, 1, 10),  # Tashkent
            [("Soviet Premier", "KOSYGIN", "office"), ("Soviet", "SUN", "name")],
        ),
        (
            "the American President",
            date(1962, 10, 22),
            [("American President", "KENNEDY_JF", "office"), ("American", "USA", "name")],
        ),
        (
            "the Indian Prime Minister",
            date(1965, 9, 1),
            [("Indian Prime Minister", "SHASTRI", "office"), ("Indian", "IND", "name")],
        ),
        (
            "the President of Afghanistan",
            date(1975, 1, 1),
            [("President of Afghanistan", "DAOUD", "office"), ("Afghanistan", "AFG", "name")],
        ),
        (
            "the Prime Minister of Bangladesh",
            date(2015, 1, 1),
            [("Prime Minister of Bangladesh", "HASINA", "office"), ("Bangladesh", "BGD", "name")],
        ),
        (
            "the British Prime Minister",
            date(1982, 4, 2),
            [("British Prime Minister", "THATCHER", "office"), ("British", "GBR", "name")],
        ),
        (
            "the Russian President",
            date(2014, 3, 18),
            [("Russian President", "PUTIN", "office"), ("Russian", "RUS", "name")],
        ),
        (
            "the Chinese Premier",
            date(1972, 2, 21),
            [("Chinese Premier", "ZHOU", "office"), ("Chinese", "CHN", "name")],
        ),
        # An office that a name follows, or whose holder the sentence names, is the name's.
        (
            "Pakistan's prime minister, Nawaz Sharif",
            date(2024, 1, 1),
            [("Pakistan", "PAK", "name"), ("Nawaz Sharif", "SHARIF_N", "name")],
        ),
        (
            "Pakistani Prime Minister Imran Khan",
            date(2019, 1, 1),
            [("Pakistani", "PAK", "name"), ("Imran Khan", "KHAN_IMRAN", "name")],
        ),
        ("Biden", date(2013, 1, 1), [("Biden", "BIDEN", "name")]),
        ("Biden", date(2022, 1, 1), [("Biden", "BIDEN", "name")]),
    ],
)
def test_offices_and_names_on_the_documents_date(text, day, expected, actors):
    found = [(s, a, how) for _, _, a, s, how in find_mentions(text, actors, day=day)]
    assert found == expected


def test_each_office_has_one_holder_a_day(actors):
    # No two people hold one office over the same days, but for the day power passes.
    overlaps = []
    for (of, role), holders in actors.holders.items():
        spans = sorted((p.start or date.min, p.end or date.max, person) for person, p in holders)
        for (_, end, a), (start, _, b) in pairwise(spans):
            if start < end:
                overlaps.append((of, role, a, b))
    assert overlaps == []


def test_office_holders_cover_the_years_asked_for(actors):
    # Heads of state and government since 1947 of the states the issue names (a day in
    # each year, where the office existed).
    missing = []
    for (of, role), first, last in [
        (("USA", "president"), 1945, 2024),
        (("GBR", "prime minister"), 1945, 2024),
        (("PAK", "president"), 1957, 2024),
        (("IND", "prime minister"), 1948, 2024),
        (("IND", "president"), 1951, 2024),
        (("CHN", "premier"), 1950, 2024),
        (("SUN", "party leader"), 1946, 1990),
        (("SUN", "premier"), 1946, 1990),
        (("RUS", "president"), 1992, 2024),
        (("AFG", "head of state"), 1946, 2024),
        (("BGD", "president"), 1972, 2024),
        (("UNO", "secretary-general"), 1947, 2024),
    ]:
        for year in range(first, last + 1):
            day = date(year, 12, 1)
            if not [p for p, period in actors.holders[(of, role)] if period.holds(day)]:
                missing.append((of, role, year))
    assert missing == []


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("1965-03-15", date(1965, 3, 15)),
        ("1965-03", date(1965, 3, 15)),
        ("1965", date(1965, 7, 1)),
        (None, None),
        ("", None),
    ],
)
def test_a_document_is_read_as_of_its_date(published, expected):
    assert document_day(published) == expected


# ---- Leaders and offices of every state (probe_leaders.tsv) ----

LEADER_PROBES = Path(__file__).with_name("probe_leaders.tsv")


def leader_probes() -> list[tuple[str, str, str, str, str]]:
    """The probes: kind, state, published, sentence, expected."""
    rows = []
    for line in LEADER_PROBES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, state, published, text, expected = line.split("\t")
            rows.append((kind, state, published, text, expected))
    return rows


def folded(name: str) -> str:
    """A name without accents, case, dots, hyphens or spaces: "P. W. Botha" is "pwbotha"."""
    plain = unicodedata.normalize("NFKD", name.replace("\u0111", "d").replace("\u0110", "D"))
    return "".join(c for c in plain if c.isalnum()).casefold()


def probe_mentions(text: str, published: str, actors) -> list[dict]:
    """The mentions of one sentence of a document published on ``published``, as the
    feature pass finds them (the dates it cites read too)."""
    sentence = Sentence(0, 0, None, text, 0, len(text))
    return mention_rows("probe", [sentence], actors, published=published)


def probe_miss(probe, actors) -> str | None:
    """What a probe did not find, or found that it must not; ``None`` if it passed."""
    _, _, published, text, expected = probe
    rows = probe_mentions(text, published, actors)
    ids = {row["actor_id"] for row in rows}
    persons = {row["actor_id"] for row in rows if row["actor_kind"] == "person"}
    known_as = {
        person: {folded(actors.actors[person].label)}
        | {folded(n.text) for n in actors.actors[person].names}
        for person in persons
    }
    wrong = []
    for item in (part.strip() for part in expected.split(";")):
        negative = item.startswith("!")
        item = item.removeprefix("!")
        if item == "person":
            found = bool(persons)
        elif item.startswith("@"):
            found = item[1:] in ids
        else:
            found = any(folded(item) in names for names in known_as.values())
        if found == negative:
            wrong.append(("found " if negative else "missing ") + item)
    if not wrong:
        return None
    return f"{'; '.join(wrong)} (found {sorted(ids)})"


#: Probes the dictionary answers otherwise on purpose, with the reason.
LEADER_PROBES_DELIBERATE: dict[str, str] = {}


def test_leader_probes_cover_every_state():
    # A name probe and an office probe for each member and observer state (San Marino's
    # two Captains Regent are one office of two: probed as no one), and the dissolved ones.
    probes = leader_probes()
    codes = {row[0] for row in states()} | {"TWN", "XKX", "SUN", "DDR", "YUG", "CSK", "RVN"}
    for kind in ("name", "office"):
        covered = {state for k, state, *_ in probes if k == kind}
        assert codes - covered == ({"SMR"} if kind == "name" else set()), kind


def test_leader_probes(actors):
    probes = leader_probes()
    misses = {}
    for probe in probes:
        if (miss := probe_miss(probe, actors)) is not None:
            misses[probe[3]] = miss
    print(f"leader probes found: {len(probes) - len(misses)} / {len(probes)}")
    assert {k: v for k, v in misses.items() if k not in LEADER_PROBES_DELIBERATE} == {}


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # A document of 1961 may be from after 18 September: "the late Secretary-General"
        # may be Lie or Hammarskjold, so it is the UN's. (Without the days they died, "late"
        # is read as "former".) In June 1964 the one former Indian prime minister was Nehru.
        ("The late Secretary-General had great faith in us.", "1961", [("UNO", "office")]),
        (
            "The late Prime Minister of India had said so.",
            "1964-06-15",
            [("NEHRU", "office"), ("IND", "name")],
        ),
        # An envoy's name after "of the Secretary-General" is the envoy's.
        (
            "We thank the envoy of the Secretary-General, Mr. Kai Eide.",
            "2008",
            [("BAN", "office")],
        ),
        # Not the office: below it, another body's, not yet held.
        ("Under-Secretary-General Farah spoke.", "1989", []),
        ("He wrote to the Secretary-General of the League of Nations.", "1961", [("LON", "name")]),
        ("Lebanese President-elect Bashir Gemayel spoke.", "1982", [("LBN", "name")]),
        # Said of no one in particular, or of what someone becomes; an adjective after
        # "of" is no state's name; a deputy is not the office.
        ("One American leader said this.", "1993", [("USA", "name")]),
        ("Frei was elected President of Chile.", "1964-09-15", [("FREI", "name"), ("CHL", "name")]),
        ("He served as Prime Minister of India.", "1990", [("IND", "name")]),
        # A bare "as" is the speaker holding the office of the day.
        (
            "As President of the United States, I put America first.",
            "2017",
            [("TRUMP", "office"), ("USA", "name"), ("USA", "name")],
        ),
        ("The leader of the French delegation spoke.", "1952", [("FRA", "name")]),
        ("The Deputy Prime Minister of India spoke.", "1990", [("IND", "name")]),
        # A year in brackets is a document's, not the date the sentence speaks of.
        (
            "We support resolution 435 (1978) and the Secretary-General.",
            "1989",
            [("PEREZ_DE_CUELLAR", "office")],
        ),
    ],
)
def test_offices_read_with_care(text, published, expected, actors):
    found = [(r["actor_id"], r["resolved_by"]) for r in probe_mentions(text, published, actors)]
    assert found == expected
