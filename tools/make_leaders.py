"""Write ``analysis/data/leaders.yml``: the heads of state and government of every state since
1945, foreign ministers of the permanent members of the Security Council and of South Asia,
the UN Secretaries-General, and the offices as texts name them.

Two sources, both facts:

- ``../shared/reference/leaders_reign.csv``, the leader list of REIGN (who held power in each
  state, with the day they took it, 1945 to March 2021; read from there, never copied). It
  gives each state's *effective* leader, the role ``leader`` here ("the Chinese leader",
  "the Libyan leader"), and the days on which the titled offices of those leaders began.
- ``tools/leaders_names.tsv``, this project's own table: for each person, the full name as
  the press writes it, its variants, and the offices held (by title, with days where they
  are not REIGN's), the persons REIGN lacks (the other head of state or government, those
  after March 2021, foreign ministers) and corrections to REIGN (a row it gives that this
  dictionary reads otherwise, said there).

What this script adds: the dates of each REIGN row (it ends the day the next begins), the
spellings a name is also written in (without accents, "P.W." as "PW", "el-Sadat" as
"al-Sadat" and "Sadat", Muhammad as Mohammed and Mohammad), and the dates of a surname two
leaders share (each holds it from the day its holder first took office to the day before
the next one did; a surname two leaders held at once, or one a state, a city or another
actor is named by, is left out). It checks that no office has two holders on one day.

The output is committed: the package reads the YAML, never this script or its sources.
Run from the project folder::

    .venv/bin/python tools/make_leaders.py
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
REIGN = PROJECT.parent / "shared" / "reference" / "leaders_reign.csv"
NAMES = Path(__file__).with_name("leaders_names.tsv")
OUT = PROJECT / "analysis" / "data" / "leaders.yml"
sys.path.insert(0, str(PROJECT))

import yaml  # noqa: E402

from analysis.config import DATA_DIR  # noqa: E402
from analysis.dictionaries.actors import NAME_FIELDS, ActorDictionary  # noqa: E402
from analysis.dictionaries.phrases import phrase_key  # noqa: E402

#: Correlates of War state abbreviations (REIGN's) and the dictionary's ids. A state that
#: changed is given as [(id, last day), ..., (id, None)].
COW = {
    "USA": "USA", "CAN": "CAN", "BHM": "BHS", "CUB": "CUB", "HAI": "HTI", "DOM": "DOM",
    "JAM": "JAM", "TRI": "TTO", "BAR": "BRB", "DMA": "DMA", "GRN": "GRD", "SLU": "LCA",
    "SVG": "VCT", "AAB": "ATG", "SKN": "KNA", "MEX": "MEX", "BLZ": "BLZ", "GUA": "GTM",
    "HON": "HND", "SAL": "SLV", "NIC": "NIC", "COS": "CRI", "PAN": "PAN", "COL": "COL",
    "VEN": "VEN", "GUY": "GUY", "SUR": "SUR", "ECU": "ECU", "PER": "PER", "BRA": "BRA",
    "BOL": "BOL", "PAR": "PRY", "CHL": "CHL", "ARG": "ARG", "URU": "URY", "UKG": "GBR",
    "IRE": "IRL", "NTH": "NLD", "BEL": "BEL", "LUX": "LUX", "FRN": "FRA", "MNC": "MCO",
    "LIE": "LIE", "SWZ": "CHE", "SPN": "ESP", "AND": "AND", "POR": "PRT", "GMY": "DEU",
    "GFR": "DEU", "GDR": "DDR", "POL": "POL", "AUS": "AUT", "HUN": "HUN", "CZE": "CSK",
    "CZR": "CZE", "SLO": "SVK", "ITA": "ITA", "SNM": "SMR", "MLT": "MLT", "ALB": "ALB",
    "MNG": "MNE", "MAC": "MKD", "CRO": "HRV", "BOS": "BIH", "KOS": "XKX", "SLV": "SVN",
    "GRC": "GRC", "CYP": "CYP", "BUL": "BGR", "MLD": "MDA", "ROM": "ROU", "EST": "EST",
    "LAT": "LVA", "LIT": "LTU", "UKR": "UKR", "BLR": "BLR", "ARM": "ARM", "GRG": "GEO",
    "AZE": "AZE", "FIN": "FIN", "SWD": "SWE", "NOR": "NOR", "DEN": "DNK", "ICE": "ISL",
    "CAP": "CPV", "STP": "STP", "GNB": "GNB", "EQG": "GNQ", "GAM": "GMB", "MLI": "MLI",
    "SEN": "SEN", "BEN": "BEN", "MAA": "MRT", "NIR": "NER", "CDI": "CIV", "GUI": "GIN",
    "BFO": "BFA", "LBR": "LBR", "SIE": "SLE", "GHA": "GHA", "TOG": "TGO", "CAO": "CMR",
    "NIG": "NGA", "GAB": "GAB", "CEN": "CAF", "CHA": "TCD", "CON": "COG", "DRC": "COD",
    "UGA": "UGA", "KEN": "KEN", "TAZ": "TZA", "BUI": "BDI", "RWA": "RWA", "SOM": "SOM",
    "DJI": "DJI", "ETH": "ETH", "ERI": "ERI", "ANG": "AGO", "MZM": "MOZ", "ZAM": "ZMB",
    "MAW": "MWI", "SAF": "ZAF", "NAM": "NAM", "LES": "LSO", "BOT": "BWA", "SWA": "SWZ",
    "MAG": "MDG", "COM": "COM", "MAS": "MUS", "SEY": "SYC", "MOR": "MAR", "ALG": "DZA",
    "TUN": "TUN", "LIB": "LBY", "SUD": "SDN", "SSD": "SSD", "IRN": "IRN", "TUR": "TUR",
    "IRQ": "IRQ", "EGY": "EGY", "SYR": "SYR", "LEB": "LBN", "JOR": "JOR", "ISR": "ISR",
    "SAU": "SAU", "YAR": "YEM", "YEM": "YEM", "YPR": "YMD", "KUW": "KWT", "BAH": "BHR",
    "QAT": "QAT", "UAE": "ARE", "OMA": "OMN", "AFG": "AFG", "TKM": "TKM", "TAJ": "TJK",
    "KYR": "KGZ", "UZB": "UZB", "KZK": "KAZ", "CHN": "CHN", "MON": "MNG", "PRK": "PRK",
    "ROK": "KOR", "JPN": "JPN", "IND": "IND", "BHU": "BTN", "PAK": "PAK", "BNG": "BGD",
    "MYA": "MMR", "SRI": "LKA", "MAD": "MDV", "NEP": "NPL", "THI": "THA", "CAM": "KHM",
    "LAO": "LAO", "RVN": "RVN", "MAL": "MYS", "SIN": "SGP", "BRU": "BRN", "PHI": "PHL",
    "INS": "IDN", "ETM": "TLS", "AUL": "AUS", "PNG": "PNG", "NEW": "NZL", "VAN": "VUT",
    "SOL": "SLB", "KIR": "KIR", "TUV": "TUV", "FIJ": "FJI", "TON": "TON", "NAU": "NRU",
    "MSI": "MHL", "PAL": "PLW", "FSM": "FSM", "WSM": "WSM",
    "RUS": [("SUN", "1991-12-25"), ("RUS", None)],
    "DRV": [("VDR", "1976-07-01"), ("VNM", None)],
    "YUG": [("YUG", "2003-02-03"), ("SCG", "2006-06-04"), ("SRB", None)],
    "ZIM": [("RHO", "1980-04-17"), ("ZWE", None)],
}  # fmt: skip

#: The titles by which texts name each office (a role of a state); an office a state has
#: titles of its own for is in STATE_TITLES. Every state has "leader": REIGN's leader.
TITLES = {
    "leader": ["leader"],
    "president": ["President"],
    "prime minister": ["Prime Minister", "Premier", "PM"],
    "chancellor": ["Chancellor"],
    "monarch": ["King", "Queen", "monarch"],
    "vice president": ["Vice President", "Vice-President"],
    "foreign minister": [
        "Foreign Minister",
        "Minister of Foreign Affairs",
        "Minister for Foreign Affairs",
        "Foreign Affairs Minister",
    ],
    "supreme leader": ["Supreme Leader"],
    "governor-general": ["Governor-General", "Governor General"],
    "chief executive": ["Chief Executive"],
    "chief adviser": ["Chief Adviser"],
    "head of state": ["head of state"],
    "party leader": ["Communist Party leader", "party chief"],
}
#: Titles of a state's offices where they differ from TITLES.
STATE_TITLES: dict[str, dict[str, list[str]]] = {
    "USA": {"foreign minister": ["Secretary of State"]},
    "GBR": {
        "monarch": ["Queen", "King", "monarch", "Sovereign"],
        "foreign minister": ["Foreign Secretary", "Foreign Minister"],
    },
    "IND": {
        "foreign minister": [
            "Foreign Minister",
            "External Affairs Minister",
            "Minister of External Affairs",
            "Minister for External Affairs",
        ]
    },
    "CHN": {
        "premier": ["Premier", "Prime Minister"],
        # The head of the Communist Party: its Chairman, then from 1982 its General Secretary.
        "party leader": ["Communist Party leader", "party chief", "General Secretary"],
    },
    "SUN": {
        # The head of the Communist Party: First Secretary 1953-1966, else General Secretary.
        "party leader": [
            "Communist Party leader",
            "party chief",
            "General Secretary",
            "First Secretary",
        ],
        "head of state": ["President", "head of state", "Chairman of the Presidium"],
        "premier": ["Premier", "Prime Minister", "Chairman of the Council of Ministers"],
    },
    "AFG": {"head of state": ["President", "King", "head of state", "Supreme Leader"]},
    "IRN": {"monarch": ["Shah", "King"]},
    "JPN": {"monarch": ["Emperor"]},
    "ETH": {"monarch": ["Emperor"]},
    "KWT": {"monarch": ["Emir", "Amir"]},
    "QAT": {"monarch": ["Emir", "Amir"]},
    "BHR": {"monarch": ["King", "Emir", "Amir"]},
    "OMN": {"monarch": ["Sultan"]},
    "BRN": {"monarch": ["Sultan"]},
    "MCO": {"monarch": ["Prince", "Sovereign Prince"]},
    "LIE": {"monarch": ["Prince", "Sovereign Prince"]},
    "LUX": {"monarch": ["Grand Duke", "Grand Duchess"]},
    "VAT": {"monarch": ["Pope"]},
    "IRL": {"prime minister": ["Prime Minister", "Premier", "PM", "Taoiseach"]},
    "AND": {"prime minister": ["Prime Minister", "head of government"]},
    "DEU": {"chancellor": ["Chancellor", "Federal Chancellor"]},
    "AUT": {"chancellor": ["Chancellor", "Federal Chancellor"]},
    "ZAF": {"president": ["President", "State President"]},
    "DDR": {
        "party leader": ["Communist Party leader", "party chief", "First Secretary"],
        "head of state": ["head of state", "Chairman of the State Council"],
    },
    "CSK": {"party leader": ["Communist Party leader", "party chief", "First Secretary"]},
    "UNO": {"secretary-general": ["Secretary-General", "Secretary General"]},
}
#: Offices texts name alone, as written.
PHRASES = {
    ("UNO", "secretary-general"): [
        "the Secretary-General",
        "The Secretary-General",
        "Secretary-General",
        "the Secretary General",
        "The Secretary General",
        "our Secretary-General",
        "Our Secretary-General",
    ],
    ("VAT", "monarch"): ["the Pope", "The Pope"],
}

#: Letters that do not lose their accent by Unicode decomposition, as the press writes them
#: without it ("Tuđman" is "Tudjman", "Wałęsa" "Walesa", "Støre" "Store").
_PLAIN = str.maketrans(
    {"đ": "dj", "Đ": "Dj", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae",
     "ß": "ss", "ı": "i", "ð": "d", "þ": "th", "ʻ": "", "ʼ": "'", "’": "'"}
)  # fmt: skip
#: German-speaking states, whose umlauts the press also writes with an e ("Schroeder").
_UMLAUT_STATES = {"DEU", "DDR", "AUT", "CHE", "LIE", "LUX"}
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
#: First names written several ways: each spelling of one is also the others.
_SPELLINGS = [
    {"Muhammad", "Mohammad", "Mohammed", "Mohamed", "Muhammed", "Mohamad"},
    {"Ahmad", "Ahmed"},
]
_PARTICLE = re.compile(r"\b(?:al|el|Al|El)-(?=[A-Z])")
_INITIALS = re.compile(r"^((?:[A-Z]\.\s?)+)(?=\s?[A-Z][a-z])")
_ROLE = re.compile(
    r"(?:(?P<of>[A-Z][A-Za-z0-9_]*):)?(?P<role>[^:;]+?)(?:\s+(?P<start>\d{4}(?:-\d\d){0,2}|-)"
    r"\s+(?P<end>\d{4}(?:-\d\d){0,2}|-))?"
)


@dataclass
class Person:
    id: str
    label: str
    of: str
    names: list[tuple[str, bool, tuple | None]]  # text, exact, (start, end) if dated
    roles: list[tuple[str, str, date | None, date | None]] = field(default_factory=list)
    reign: list[str] = field(default_factory=list)
    leader: bool = True  # REIGN's rows give the role "leader"
    line: int = 0


def day_of(text: str | None, *, end: bool = False) -> date | None:
    """A day from ``1991``, ``1991-12`` or ``1991-12-25``: a year or month as an end is
    its last day."""
    if text in (None, "", "-"):
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    year, month = parts[0], parts[1] if len(parts) == 2 else (12 if end else 1)
    if not end:
        return date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def reign_rows(path: Path) -> list[dict]:
    """REIGN's rows, each with its state's id and its days (from the day it began to the day
    the next row of its state began, or the last day of its end month; open if still in
    office in March 2021). The file is UTF-8 but for a few lines in Windows-1252."""
    rows = []
    for raw in path.read_bytes().splitlines()[1:]:
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("cp1252")
        if line.strip():
            rows.append(next(csv.reader([line])))
    by_state = defaultdict(list)
    for r in rows:
        start = date(int(r[6]), int(r[5]), int(r[4]))
        last = day_of(f"{r[8]}-{int(float(r[7])):02d}", end=True) if r[8] else None
        by_state[r[0]].append({"cow": r[0], "leader": r[3].strip(), "start": start, "last": last})
    found = []
    for cow, state_rows in by_state.items():
        state_rows.sort(key=lambda r: r["start"])
        for row, following in zip(state_rows, [*state_rows[1:], None], strict=True):
            end = row["last"]
            if following is not None and end is not None and following["start"] <= end:
                end = following["start"]  # the day power passed belongs to both
            row["end"] = end
            row["state"] = state_on(cow, row["start"])
            found.append(row)
    return found


def state_on(cow: str, day: date) -> str:
    """The dictionary's id of a REIGN state on ``day``."""
    ids = COW[cow]
    if isinstance(ids, str):
        return ids
    for state, last in ids:
        if last is None or day <= date.fromisoformat(last):
            return state
    raise AssertionError(cow)


def read_names(path: Path) -> list[Person]:
    """The names table: of, reign, id, label, names, roles (tab-separated; # comments)."""
    persons = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 6:
            raise SystemExit(f"{path}:{number}: expected 6 tab-separated cells, got {len(cells)}")
        of, reign, person_id, label, names, roles = (c.strip() for c in cells)
        person = Person(person_id, label, of, [], line=number)
        person.reign = [k.strip() for k in reign.split("|") if k.strip()]
        for item in [label, *(n.strip() for n in names.split(";"))]:
            if item:
                person.names.append(parse_name(item))
        for item in (r.strip() for r in roles.split(";")):
            if item == "-leader":
                person.leader = False
            elif item:
                match = _ROLE.fullmatch(item)
                if match is None:
                    raise SystemExit(f"{path}:{number}: role {item!r} not understood")
                of_role = match["of"] or of
                if match["start"] is None:  # the days of the REIGN rows
                    person.roles.append((of_role, match["role"], None, None))
                else:
                    person.roles.append(
                        (
                            of_role,
                            match["role"],
                            day_of(match["start"]),
                            day_of(match["end"], end=True) or _OPEN,
                        )
                    )
        persons.append(person)
    return persons


_OPEN = date.max  # an office still held (None is "the REIGN rows' days")


def parse_name(item: str) -> tuple[str, bool, tuple | None]:
    exact = item.startswith("=")
    item = item.removeprefix("=").strip()
    if " @" in item:
        text, dates = item.rsplit(" @", 1)
        start, end = dates.split("..")
        return text.strip(), exact, (start or None, end or None)
    return item, exact, None


def spellings_of(text: str, state: str) -> list[str]:
    """The other ways the press writes a name: without accents, "PW" for "P.W.", the
    Arabic article written "al-", "el-" or left out, Muhammad's spellings."""
    found = [text]

    def add(other: str) -> None:
        other = re.sub(r"\s+", " ", other).strip()
        if other and other not in found:
            found.append(other)

    if state in _UMLAUT_STATES:
        add(text.translate(_UMLAUTS))
    for name in list(found):
        plain = unicodedata.normalize("NFKD", name.translate(_PLAIN))
        add("".join(c for c in plain if not unicodedata.combining(c)))
    for name in list(found):
        if (initials := _INITIALS.match(name)) is not None:
            add(initials.group(1).replace(".", "").replace(" ", "") + " " + name[initials.end() :])
        if _PARTICLE.search(name):
            add(_PARTICLE.sub("al-", name))
            add(_PARTICLE.sub("el-", name))
            if len(_PARTICLE.sub("", name).split()) > 1:
                add(_PARTICLE.sub("", name))
    for name in list(found):
        words = name.split(" ")
        for i, word in enumerate(words):
            for spelled in _SPELLINGS:
                if word in spelled:
                    for other in sorted(spelled - {word}):
                        add(" ".join([*words[:i], other, *words[i + 1 :]]))
    return found


def build(reign_path: Path, names_path: Path) -> tuple[list[Person], list[str]]:
    """The persons with their roles and names, and what was left out and why."""
    notes = []
    persons = read_names(names_path)
    make_ids(persons)
    rows = reign_rows(reign_path)
    taken = set()
    for person in persons:
        person_rows = []
        for key in person.reign:
            cow, _, leader = key.partition(":")
            leader, _, year = leader.partition("@")
            matched = [
                r
                for r in rows
                if r["cow"] == cow
                and r["leader"] == leader
                and (not year or r["start"].year == int(year))
            ]
            if not matched:
                raise SystemExit(f"{names_path}:{person.line}: no REIGN row {key!r}")
            person_rows += matched
        taken.update(id(r) for r in person_rows)
        explicit = [r for r in person.roles if r[2] is not None]
        for of, role, _start, _ in [r for r in person.roles if r[2] is None]:
            explicit += [(of, role, r["start"], r["end"] or _OPEN) for r in person_rows]
        if person.leader:  # REIGN's rows, but where the table dates the leader otherwise
            given = [(start, end) for _, role, start, end in explicit if role == "leader"]
            explicit += [
                (r["state"], "leader", r["start"], r["end"] or _OPEN)
                for r in person_rows
                if not any(
                    start <= (r["end"] or _OPEN) and r["start"] <= end for start, end in given
                )
            ]
        person.roles = sorted(set(explicit), key=lambda r: (r[2], r[1]))
    left = [
        r for r in rows if id(r) not in taken and (r["end"] is None or r["end"] >= date(1945, 1, 1))
    ]
    by_state = defaultdict(int)
    for r in left:
        by_state[r["state"]] += 1
    notes.append(
        f"REIGN rows not taken: {len(left)} ({', '.join(f'{s} {n}' for s, n in sorted(by_state.items()))})"
    )
    close_offices(persons, notes)
    return persons, notes


def close_offices(persons: list[Person], notes: list[str]) -> None:
    """An office still held ends the day the next holder takes it; one that ends after the
    next holder took it ends that day."""
    offices = defaultdict(list)
    for person in persons:
        for index, (of, role, start, end) in enumerate(person.roles):
            offices[(of, role)].append((start, end, person, index))
    for (of, role), held in offices.items():
        held.sort(key=lambda h: (h[0], h[1]))
        for (start, end, person, index), following in itertools.pairwise(held):
            if end > following[0]:
                if end != _OPEN and (end - following[0]).days > 45:
                    notes.append(
                        f"{of} {role}: {person.id} to {end} cut at {following[0]} "
                        f"({following[2].id} took it)"
                    )
                person.roles[index] = (of, role, start, following[0])


def shared_names(persons: list[Person], others: dict[str, str], notes: list[str]) -> None:
    """Date a name two persons share by their first days in office; leave out one they
    held at once, or that another actor (a state, a city, a group) is named by."""
    claims = defaultdict(list)
    for person in persons:
        for name in list(person.names):
            text, _exact, _dated = name
            key = phrase_key(text)
            if key in others:
                person.names.remove(name)
                if text != person.label:
                    notes.append(f"{person.id}: {text!r} left out: the name of {others[key]}")
                continue
            claims[key].append((person, name))
    for holders in claims.values():
        people = {p.id for p, _ in holders}
        if len(people) < 2 or all(dated for _, (_, _, dated) in holders):
            continue
        # Each holds the name from the first day of an office (or of a foreign ministry, if
        # that is all they held); two who led their states at once (or, if one never led,
        # held office at once) share it, and neither keeps it.
        spans, led = {}, {}
        for person, _ in holders:
            held = [r for r in person.roles if r[1] != "foreign minister"] or person.roles
            spans[person.id] = (
                min((r[2] for r in held), default=None),
                max((r[3] for r in held), default=None),
            )
            leading = [r for r in person.roles if r[1] == "leader"]
            if leading:
                led[person.id] = (min(r[2] for r in leading), max(r[3] for r in leading))
        first = {p: span[0] for p, span in spans.items()}
        ordered = sorted(people, key=lambda p: first[p] or date.max)
        clash = None in first.values() or any(
            at_once(*((led[a], led[b]) if a in led and b in led else (spans[a], spans[b])))
            for a, b in itertools.pairwise(ordered)
        )
        if clash:
            for person, name in holders:
                if name in person.names and not name[2]:
                    person.names.remove(name)
            notes.append(f"{holders[0][1][0]!r} left out: shared by {', '.join(sorted(people))}")
            continue
        for i, pid in enumerate(ordered):
            start = None if i == 0 else first[pid]
            end = first[ordered[i + 1]] - timedelta(days=1) if i + 1 < len(ordered) else None
            for person, name in holders:
                if person.id == pid and name in person.names and not name[2]:
                    index = person.names.index(name)
                    dates = (start and start.isoformat(), end and end.isoformat())
                    person.names[index] = (name[0], name[1], dates)


def other_names() -> dict[str, str]:
    """The names no person may take, by key: those of the states, cities, organisations and
    groups (states.yml and actors.yml, read without leaders.yml), the ignored phrases and
    the events."""
    states = ActorDictionary.read(DATA_DIR / "states.yml")
    data = yaml.safe_load((DATA_DIR / "actors.yml").read_text(encoding="utf-8"))
    others = {phrase_key(n.text): a.id for a in states.actors.values() for n in a.names}
    for entry in data["actors"]:
        if entry["kind"] != "person":
            for key in NAME_FIELDS:
                for name in entry.get(key) or []:
                    text = name if isinstance(name, str) else name["name"]
                    others[phrase_key(text)] = entry["id"]
    others.update({phrase_key(p): "an ignored phrase" for p in data.get("ignore") or []})
    others.update({phrase_key(e["name"]): "an event" for e in data.get("events") or []})
    return others


def at_once(first: tuple, then: tuple) -> bool:
    """Whether a span still ran when the next began (a handover of weeks is not)."""
    return first[1] is None or first[1] > then[0] + timedelta(days=60)


def expand(persons: list[Person]) -> None:
    """Each name with its other spellings; a name of one word is matched as written
    ("Bush", not the bush)."""
    for person in persons:
        names = []
        for text, exact, dated in person.names:
            for spelled in spellings_of(text, person.of):
                one_word = len(spelled.split()) == 1 and spelled[:1].isupper()
                names.append((spelled, exact or one_word, dated))
        seen, person.names = set(), []
        for name in names:
            key = (phrase_key(name[0], name[1]), name[1])
            if key not in seen:
                seen.add(key)
                person.names.append(name)


def make_ids(persons: list[Person]) -> None:
    """An id for each person the table gives none: the surname in capitals (the one the
    table gives alone, if it is a word of the label: "Somoza" of "Anastasio Somoza García";
    else the label's last word; a hyphenated one whole, CALMY_REY), the whole name where
    the family name comes first (KIM_IL_SUNG), a monarch's name and number (ABDULLAH_II),
    and the initials of the other words when it is taken. No id of another actor is used
    (UNO is the United Nations)."""
    taken = {p.id for p in persons if p.id} | set(other_names().values())
    for person in persons:
        if person.id:
            continue
        label = _TITLED.sub("", re.sub(r"\s+of\s+.*$", "", person.label))
        words = [
            re.sub(r"[^A-Za-z_]", "", fold(w, case=False).replace("-", "_")).strip("_")
            for w in label.split()
        ]
        words = [w for w in words if w and w not in ("Jr", "Sr")]
        alone = {fold(text) for text, _, _ in person.names if len(text.split()) == 1}
        if person.of in _SURNAME_FIRST:
            base = "_".join(words).upper()
        elif len(words) > 1 and _NUMERAL.fullmatch(words[-1]):
            base = f"{words[-2]}_{words[-1]}".upper()
        elif (ending := _surname_of(person, label)) is not None:
            base = ending
        else:
            surname = (w for w in reversed(words) if w.replace("_", "-").casefold() in alone)
            base = next(surname, words[-1]).upper()
        if base in _COMMON_SURNAMES and len(words) > 1:  # Swaran Singh: SWARAN_SINGH
            base = f"{words[-2]}_{words[-1]}".upper()
        others = "".join(w[0] for w in words if w.upper() != base).upper()
        candidate = base if base not in taken else f"{base}_{others}"
        n = 2
        while candidate in taken:
            candidate, n = f"{base}_{n}", n + 1
        person.id = candidate
        taken.add(candidate)


def _surname_of(person: Person, label: str) -> str | None:
    """A surname of several words that the table gives alone and that ends the label
    ("Mendès France" of "Pierre Mendès France", "de Gaulle"), as an id: MENDES_FRANCE."""
    words = label.split()
    endings = [
        text
        for text, _, _ in person.names
        if 1 < len(text.split()) < len(words) and words[-len(text.split()) :] == text.split()
    ]
    if not endings:
        return None
    ending = max(endings, key=len)
    return re.sub(
        r"[^A-Za-z_]", "", fold(ending, case=False).replace(" ", "_").replace("-", "_")
    ).upper()


_TITLED = re.compile(
    r"^(?:(?:King|Queen|Queen Regent|Emperor|Sultan|Emir|Sheikh|Prince|Grand Duke|Grand Duchess|"
    r"Imam|Pope|Ratu|Sir|Dame|Archbishop)\s+)+"
)
_NUMERAL = re.compile(r"[IVX]+")
#: Family names so common that an id of one alone says nothing.
_COMMON_SURNAMES = {
    "KHAN", "SINGH", "ALI", "AHMED", "AHMAD", "RAHMAN", "HUSSAIN", "HUSSEIN", "KUMAR",
    "MOHAMED", "MUHAMMAD", "MOHAMMED", "HASSAN", "IBRAHIM", "SMITH", "JONES", "BROWN",
}  # fmt: skip
#: States whose names the press writes family name first, or that have no family names:
#: an id there is the whole name.
_SURNAME_FIRST = {"CHN", "TWN", "PRK", "KOR", "VDR", "VNM", "RVN", "KHM", "SGP", "MMR", "LAO"}


def fold(text: str, *, case: bool = True) -> str:
    """``text`` without accents (and without case, unless ``case`` is false)."""
    plain = unicodedata.normalize("NFKD", text.translate(_PLAIN))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return plain.casefold() if case else plain


def offices(persons: list[Person]) -> list[dict]:
    """Each (state, role) a person holds, with the titles texts give it."""
    held = {}
    for person in persons:
        for of, role, _, _ in person.roles:
            held.setdefault((of, role), None)
    found = []
    for of, role in sorted(held, key=lambda k: (k[0], k[1])):
        titles = STATE_TITLES.get(of, {}).get(role, TITLES.get(role))
        entry = {"role": role, "of": of}
        if titles:
            entry["titles"] = titles
        if (of, role) in PHRASES:
            entry["phrases"] = PHRASES[(of, role)]
        if len(entry) > 2:
            found.append(entry)
    return found


def person_line(person: Person) -> str:
    names = []
    for text, exact, dated in person.names:
        name = ("=" if exact else "") + text
        if dated:
            name += f" @{dated[0] or ''}..{dated[1] or ''}"
        names.append(name)
    roles = []
    for of, role, start, end in person.roles:
        prefix = f"{of}:" if of != person.of else ""
        roles.append(
            f"{prefix}{role} {start.isoformat()} {'-' if end == _OPEN else end.isoformat()}"
        )
    return " | ".join([person.id, person.label, person.of, "; ".join(names), "; ".join(roles)])


def flow(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return (
        json.dumps(value, ensure_ascii=False)
        if re.search(r"[:,\[\]{}#&*!|>'\"%@`]", value)
        else value
    )


def render(persons: list[Person], found_offices: list[dict]) -> str:
    states = sorted({p.of for p in persons})
    lines = [
        "# Heads of state and of government since 1945, foreign ministers of the permanent members",
        "# of the Security Council and of South Asia, the UN Secretaries-General: generated by",
        "# tools/make_leaders.py from REIGN's leader list (../shared/reference/leaders_reign.csv)",
        "# and the project's table of names and offices (tools/leaders_names.tsv). Do not edit by",
        "# hand: change the table, or add your own entries in a file of your own (--actors FILE).",
        f"# {len(persons)} persons of {len(states)} states and bodies.",
        "#",
        '# offices: how texts name an office of a state: a title next to its name ("the Prime',
        '# Minister of Pakistan", "Pakistan\'s prime minister", "the Pakistani Prime Minister") is',
        '# the person holding it on the date the sentence speaks of. "leader" is REIGN\'s leader.',
        "# persons: ID | label | acts for | names (=: as written; @start..end: held then) |",
        "# roles (role start end; OF:role for an office of another state or body).",
        "offices:",
    ]
    grouped: dict[tuple, list[str]] = {}  # offices of many states with the same titles: a line
    for entry in found_offices:
        key = (entry["role"], tuple(entry.get("titles", ())), tuple(entry.get("phrases", ())))
        grouped.setdefault(key, []).append(entry["of"])
    for (role, titles, phrases), states in grouped.items():
        line = f"{role} | {' '.join(states)} | {'; '.join(titles)}"
        lines.append("  - " + json.dumps(line + (f" | {'; '.join(phrases)}" if phrases else "")))
    lines.append("persons:")
    for person in persons:
        lines.append("  - " + json.dumps(person_line(person), ensure_ascii=False))
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reign", type=Path, default=REIGN, help="REIGN's leader list")
    parser.add_argument("--names", type=Path, default=NAMES, help="the names table")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    persons, notes = build(args.reign, args.names)
    expand(persons)
    shared_names(persons, other_names(), notes)
    for person in persons:
        if not person.names:
            raise SystemExit(f"{args.names}:{person.line}: {person.id} has no name left")
    args.out.write_text(render(persons, offices(persons)), encoding="utf-8")
    for note in notes:
        print(note)
    print(f"{args.out}: {len(persons)} persons")


if __name__ == "__main__":
    main()
