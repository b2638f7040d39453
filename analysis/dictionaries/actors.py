"""Actors: who a text names, and which actors it puts together.

The dictionary is data (``data/actors.yml``, which includes the generated ``data/states.yml``
and ``data/leaders.yml``; a user's file can extend or replace it). Each actor has
case-insensitive ``aliases``, ``demonyms`` and ``capitals`` and case-sensitive ``exact``
names, so "US" is the United States and "us" is not. Matching takes the longest name at
each place and never counts overlapping names twice ("New Delhi" is India once; "South
Sudan" is not also "Sudan"); possessives ("Pakistan’s") and hyphenated compounds
("US-India", "U.S.-Pakistan") match. Phrases under ``ignore`` are matched and dropped
("Indian Ocean" is not India), and so are those under ``events``, which also date the
sentence that names them ("the Tashkent Declaration" is 10 January 1966).

Names can be dated. A name given as ``{name: Moscow, start: 1991-12-26}`` is the actor's
only from that day, and a name that several actors share holds for each while that actor
exists (its ``start`` and ``end``): "Moscow" is the Soviet Union in 1962 and Russia in 2014.
Persons hold dated ``roles`` (an office of a state), and ``offices`` say by which titles a
text names one: a title next to a state's name ("the Prime Minister of Pakistan",
"Pakistan's prime minister", "the Pakistani Prime Minister") is its holder on the date the
sentence speaks of: a year or date it names, else the document's. A document without a
date is read as of today: a name shared over time is its present actor, and an office is
its state. "Former", "late" and "ex-" never mean the holder of the day (the one person the
dates allow, else the state); "then" means the holder on the date the sentence names.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, timedelta
from difflib import SequenceMatcher
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..config import DATA_DIR
from ..errors import AnalysisError
from ..schema import ACTOR_COLUMNS
from .phrases import (
    PhraseDictionary,
    PhraseMatcher,
    check_entry,
    phrase_key,
    read_entries,
    read_shipped,
)

DEFAULT_ACTORS = DATA_DIR / "actors.yml"
KINDS = ("state", "person", "igo", "group", "territory")
#: Lists of names an actor may give: matched ignoring case, except ``exact``.
NAME_FIELDS = ("aliases", "demonyms", "capitals", "exact")
_FIELDS = {"id", "label", "kind", "affiliation", "roles", "start", "end", *NAME_FIELDS}
_OFFICE_FIELDS = {"role", "of", "titles", "phrases"}
_ROLE_FIELDS = {"role", "of", "start", "end"}
_EVENT_FIELDS = {"name", "date"}
#: A name as the messages call it, by the list it is given in.
_NAME_KIND = {
    "aliases": "alias",
    "demonyms": "demonym",
    "capitals": "capital",
    "exact": "exact name",
}
#: Words before an office that say it is not the holder of the day.
MODIFIERS = ("former", "late", "ex", "then")
_MODIFIER = r"(?:(?P<modifier>former|late|ex|then)(?:\s*[\-\u2010-\u2014]\s*|\s+))?"
#: Between a state's name and a title: "Egypt's President", "Egypt's former President",
#: "the Egyptian President", "the Pakistani then-Prime Minister".
_NAME_TITLE = re.compile(rf"(?:['\u2019]s?)?\s+{_MODIFIER}", re.IGNORECASE)
#: Between a title and a state's name: "the President of Egypt", "... of the Sudan".
_TITLE_NAME = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
#: Before an office: "the former President of Egypt", "ex-President of Egypt".
_BEFORE_OFFICE = re.compile(
    r"(?<![\w\-])(?P<modifier>former|late|ex|then)(?:\s*[\-\u2010-\u2014]\s*|\s+)$", re.IGNORECASE
)
#: "President-elect", "Prime Minister-designate": not yet in office.
_ELECT = re.compile(r"[\-\u2010\u2011]\s*(?:elect|designate)\b", re.IGNORECASE)
#: An office that qualifies a noun before it: "the envoy of the Secretary-General".
_OF_BEFORE = re.compile(r"(?<![\w\-])of\s+(?:the\s+)?$", re.IGNORECASE)
#: An office said of no one in particular: "a President of the United States".
_INDEFINITE = re.compile(
    r"(?<![\w\-])(?:a|an|any|every|each|no|one|another|some)\s+$", re.IGNORECASE
)
#: An office as what someone becomes ("was elected President of Chile", "became the Prime
#: Minister of France", "served as Prime Minister"): the subject's, not the holder of the day.
#: A bare "as" is not: "As President of the United States, I ..." is mostly the holder speaking.
_BECOMES = re.compile(
    r"(?<![\w\-])(?:(?:(?:re-?)?elected|became|become|becomes|becoming|named|appointed"
    r"|nominated)(?:\s+as)?|(?:sworn\s+in|installed|served)\s+as)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: A lower office that a title ends: "the Deputy Prime Minister of Viet-Nam".
_LOWER = re.compile(r"(?<![\w\-])(?:Deputy|Vice|Assistant|Under|Shadow)[\s\-]+$", re.IGNORECASE)
#: What may stand between an office and the name of the person it is: "the Egyptian
#: President, Mr. Anwar Sadat", "Pakistan's prime minister – General Zia".
_APPOSITION = re.compile(r"[\s,\u2013\u2014-]*")
_HONORIFIC = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Prof|Rev|H\.\s?E)\.?|Sir|Lord|Lady|Dame|General|Lieutenant|"
    r"Colonel|Field|Marshal|Admiral|Air|Major|Brigadier|Captain|Sheikh|Shaikh|Sheik|King|Queen|"
    r"Prince|Princess|Emir|Amir|Sultan|Shah|Ayatollah|Mullah|Maulana|Pandit|Begum|Chairman|"
    r"President|Premier|Justice|Chief|Comrade|Monsieur|Madame|Senator|Professor|His|Her|"
    r"Excellency|Majesty|Highness|Royal|Mrs?\.?)[\s,.]+"
)
#: A word of a name: a capital letter first ("Massoud", "Zia-ul-Haq", "Abdel").
_WORD = re.compile(r"[A-Z\u00c0-\u00de][\w'\u2019.\-]*")
_BLANKS = re.compile(r"[ \t]+")
#: Capitalised words after an office that do not begin a person's name.
_NOT_A_NAME = frozenset(
    """The A An In On At And But Or For To Of I It He She We They This That These Those His
    Her Its Their Our My Your As By From With Who Which When Where While If Is Was Has Had
    Will Would Said Says January February March April May June July August September October
    November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
#: A state's name inside the name of an agreement, a meeting or a process: "the Cairo
#: Agreement", "Oslo II", "the Tashkent Declaration", "the Bonn Conference". After a
#: capital the word may be written in lower case ("the Tashkent declaration").
_NAMED_AFTER = (
    r"\s+(?:Peace\s+)?(?:Agreements?|Accords?|Declaration|Summit|Conference|Process|Protocol|"
    r"Treaty|Convention|Communiqu[e\u00e9]|Statute|Consensus|Final\s+Act|Round|Charter|Pact|"
    r"Memorandum|Plan|Initiative|Framework)\b"
)
_INSIDE_A_NAME = re.compile(_NAMED_AFTER)
#: "Oslo II", "Minsk II": a capital and a numeral name a second agreement or meeting.
_ROMAN_AFTER = re.compile(r"\s+(?:II|III|IV)\b(?![\w'\u2019\-])")
_INSIDE_A_NAME_LOWER = re.compile(_NAMED_AFTER, re.IGNORECASE)
#: "the Treaty of Rome", "the Declaration of Tashkent": a capital after such a name.
_NAMED_BEFORE = re.compile(
    r"(?:Treaty|Charter|Declaration|Protocol|Congress|Conference|Agreement|Accords?|"
    r"Convention|Pact|Statute|Summit)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: An organisation's document is not the organisation: "the UN Charter", "the Charter of the
#: United Nations", "the United Nations Convention on the Law of the Sea".
_DOCUMENT_AFTER = re.compile(r"\s+(?:Charter|Convention|Declaration)\b")
_DOCUMENT_BEFORE = re.compile(r"(?:Charter|Convention|Declaration)\s+of\s+(?:the\s+)?$")
#: A year cited after "since" starts a span that reaches the present; after "before" or
#: "after" it bounds one: the sentence does not speak of that year.
_NOT_THEN = re.compile(r"(?<![\w\-])(?:since|before|after)\s+$", re.IGNORECASE)
#: A date after the document's that follows "by" or "until" is a plan, not its past.
_PLAN = re.compile(r"(?<![\w\-])(?:by|until|till)\s+$", re.IGNORECASE)
#: A cited year between "the" (or a possessive) and a capitalised word is part of a name
#: ("the 1972 Simla Agreement", "India's 1998 Pokhran tests"): the sentence does not speak of
#: that year ("In 1991 Bush ..." does).
_NAME_AFTER_DATE = re.compile(r"\s+[A-Z]")
_ARTICLE_BEFORE_DATE = re.compile(
    r"(?:(?<![\w\-])(?:the|a|an|this|that|its|their|his|her|our)|['\u2019]s?)\s+$", re.IGNORECASE
)
_ISO = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


class ActorDictionaryError(AnalysisError, ValueError):
    """A dictionary file that cannot be used; the message names the file, entry and problem."""


@dataclass(frozen=True)
class Period:
    """Days from ``start`` to ``end``, both included; ``None`` is open on that side."""

    start: date | None = None
    end: date | None = None

    def holds(self, day: date | None) -> bool:
        """Whether ``day`` falls in the period; ``None`` (no date: today) if it is still open."""
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def overlaps(self, other: Period) -> bool:
        return (self.start is None or other.end is None or self.start <= other.end) and (
            other.start is None or self.end is None or other.start <= self.end
        )


ALWAYS = Period()
_UNKNOWN = object()


@dataclass(frozen=True)
class Name:
    """One name of an actor, the list it came from, and the period it holds (if dated)."""

    text: str
    field: str = "aliases"
    period: Period | None = None


@dataclass(frozen=True)
class Role:
    """An office a person held: ``role`` of the state or body ``of``, over ``period``."""

    role: str
    of: str | None
    period: Period


@dataclass(frozen=True)
class Office:
    """How texts name an office: its ``titles`` ("Prime Minister", "Premier") of a state, and
    ``phrases`` that name it alone, matched as written ("the Secretary-General")."""

    role: str
    of: str
    titles: tuple[str, ...]
    phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Actor:
    id: str
    label: str
    kind: str
    aliases: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    affiliation: str | None = None
    roles: tuple[Role, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    period: Period = ALWAYS
    names: tuple[Name, ...] = ()


class Mention(NamedTuple):
    """An actor named in a text: where, as what, how it was decided (``name`` or
    ``office``), and ``as_of``, the date the sentence names that it was read as of (ISO, as
    precise as written; ``None``: the document's date)."""

    start: int
    end: int
    actor_id: str
    surface: str
    resolved_by: str
    as_of: str | None = None


@dataclass(frozen=True)
class _Claims:
    """What a name can stand for: (actor id, period) pairs, told apart by the date."""

    claims: tuple[tuple[str, Period], ...]


@dataclass(frozen=True)
class _Title:
    """A title ("Prime Minister", "King") and the roles it names, by state: next to a state's
    name it is that state's office; alone ("the President") it names no one."""

    roles: dict[str, tuple[str, ...]] = field(hash=False)
    #: The office it names without a state's name, if any: "the Secretary-General".
    alone: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class _OfficeName:
    """A phrase that names an office alone ("the Secretary-General"): its (state, role)."""

    offices: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class _NamedDate:
    """A phrase naming a dated event ("the Tashkent Declaration"): no actor, but a date."""

    day: date
    iso: str


@dataclass
class ActorDictionary(PhraseDictionary):
    """Actors by id, the offices texts name, and the phrases that must never count as one."""

    def fingerprint(self) -> str:
        """What the feature key covers of a user's dictionary: its entries, ignored phrases,
        dated events and how offices are named (which changes who a mention is)."""
        return repr((sorted(self.entries.items()), self.ignore, self.offices, self.events))

    offices: tuple[Office, ...] = ()
    #: Phrases naming a dated event, and the event's date: found and dropped like ``ignore``.
    events: tuple[tuple[str, date], ...] = ()
    _holders: dict | None = field(default=None, repr=False)
    _resolved: dict = field(default_factory=dict, repr=False)
    _capitals: frozenset | None = field(default=None, repr=False)
    _demonyms: frozenset | None = field(default=None, repr=False)

    key = "actors"
    entry_lists = ("actors", "persons")
    sections = ("include", "actors", "persons", "ignore", "events", "offices")
    shipped = DEFAULT_ACTORS
    error = ActorDictionaryError

    @staticmethod
    def make_entry(where: str, raw) -> Actor:
        return _actor(where, raw)

    @staticmethod
    def phrases_of(entry: Actor) -> tuple[tuple[str, ...], tuple[str, ...]]:
        loose = (*entry.aliases, *entry.demonyms, *entry.capitals)
        return loose, entry.exact

    @property
    def actors(self) -> dict[str, Actor]:
        return self.entries

    def frame(self) -> pd.DataFrame:
        """The actors as a table (the ``actors`` table of a run): actor_id, label, kind,
        affiliation and the names each is found by, in file order."""
        return pd.DataFrame(
            [
                (
                    actor.id,
                    actor.label,
                    actor.kind,
                    actor.affiliation,
                    [n.text for n in actor.names],
                )
                for actor in self.entries.values()
            ],
            columns=list(ACTOR_COLUMNS),
        )

    @classmethod
    def own_entries(cls, path: Path, data: dict) -> tuple[dict, tuple[str, ...]]:
        """The file's ``actors``, then its ``persons`` (one line each), and its ``ignore``."""
        entries, ignore = read_entries(path, cls.key, cls.error, cls.make_entry, data=data)
        for number, line in enumerate(data.get("persons") or [], start=1):
            person = _person(f"{path}: person {number}", line)
            if person.id in entries:
                raise cls.error(f"{path}: person {number} ({person.id}): id used twice")
            entries[person.id] = person
        return entries, ignore

    @classmethod
    def read_more(cls, path: Path, data: dict, parts: list) -> dict:
        """The file's ``offices`` and ``events``, then those of the files it includes."""
        offices = _offices(path, data.get("offices"))
        events = _events(path, data.get("events"))
        return {
            "offices": offices + tuple(o for part in parts for o in part.offices),
            "events": events + tuple(e for part in parts for e in part.events),
        }

    @classmethod
    def load(cls, path: Path | str | None = None, *, extend: bool = True) -> ActorDictionary:
        """The shipped dictionary; or a user's file added to it (an entry with an existing
        id replaces that one; its offices and events are added), or alone with
        ``extend=False``."""
        shipped = read_shipped(cls)
        if path is None:
            return shipped
        own = cls.read(Path(path))
        if extend:
            titles = {(o.of, o.role) for o in own.offices}
            own = cls(
                {**shipped.entries, **own.entries},
                shipped.ignore + own.ignore,
                source=str(path),  # a clash can only come from the user's file
                offices=tuple(o for o in shipped.offices if (o.of, o.role) not in titles)
                + own.offices,
                events=shipped.events + own.events,
                origins={**shipped.origins, **own.origins},
            )
        own.matcher  # noqa: B018 -- raises on a phrase claimed twice
        return own

    @property
    def matcher(self) -> PhraseMatcher:
        """The matcher for every name, title, office phrase, event and ignored phrase, built
        once.

        Raises:
            ActorDictionaryError: two actors claim one name for overlapping periods.
        """
        if self._matcher is None:
            loose, strict = self._name_senses()
            taken = ({phrase_key(p) for p in loose}, {phrase_key(p, True) for p in strict})
            for phrase, (sense, exact) in self._office_phrases().items():
                key = phrase_key(phrase, exact)
                if key not in taken[exact]:  # a name wins over an office spelled alike
                    (strict if exact else loose)[phrase] = sense
                    taken[exact].add(key)
            self._matcher = self._build(loose, strict)
        return self._matcher

    def _build(self, loose: dict, strict: dict) -> PhraseMatcher:
        try:
            return PhraseMatcher(loose, strict, source=self.source)
        except ValueError as exc:
            raise self.error(str(exc)) from None

    def _name_senses(self) -> tuple[dict, dict]:
        """Phrase -> what it stands for, for names ignoring case and names kept as written;
        ignored phrases (``None``) and dated events."""
        claimed: tuple[dict, dict] = ({}, {})  # phrase key -> [(phrase, actor, name)]
        for actor in self.entries.values():
            for name in actor.names:
                exact = name.field == "exact"
                key = phrase_key(name.text, exact)
                claimed[exact].setdefault(key, []).append((name.text, actor, name))
        self._refuse_takeovers(claimed)
        senses: tuple[dict, dict] = ({}, {})
        for exact in (False, True):
            for claims in claimed[exact].values():
                shared = len({actor.id for _, actor, _ in claims}) > 1
                periods = []
                for _, actor, name in claims:
                    period = name.period or (actor.period if shared else ALWAYS)
                    for other_id, other in periods:
                        if other_id != actor.id and other.overlaps(period):
                            raise self.error(
                                f"{self.source}: {claims[0][0]!r} is given for both {other_id} "
                                f"and {actor.id} over the same years (date the name for each)"
                            )
                    periods.append((actor.id, period))
                sense = _Claims(tuple(periods))
                for phrase, _, _ in claims:
                    senses[exact][phrase] = sense
        for phrase in self.ignore:
            if phrase_key(phrase) in claimed[False]:
                raise self.error(f"{self.source}: {phrase!r} is both a name and ignored")
            senses[0][phrase] = None
        for phrase, day in self.events:
            if phrase_key(phrase) in claimed[False]:
                raise self.error(f"{self.source}: {phrase!r} is both a name and an event")
            senses[0][phrase] = _NamedDate(day, day.isoformat())
        return senses

    def _refuse_takeovers(self, claimed: tuple[dict, dict]) -> None:
        """Refuse a name ignoring case (or an ignored phrase) that is another actor's exact
        name: at each place the one ignoring case is taken, so it would take every mention
        of the exact one ("U.S." as an alias of a new actor, and the United States is never
        found again). The name is that of the user's entry, the shipped one never clashes."""
        folded = {key.casefold(): claims for key, claims in claimed[True].items()}
        for key, claims in claimed[False].items():
            for text, actor, name in claims:
                other = next((c for c in folded.get(key, ()) if c[1].id != actor.id), None)
                if other is None:
                    continue
                raise self.error(
                    self.takeover(
                        (actor.id, _NAME_KIND[name.field], text),
                        (other[1].id, "exact name", other[0]),
                    )
                )
        for phrase in (*self.ignore, *(p for p, _ in self.events)):
            if (claims := folded.get(phrase_key(phrase))) is not None:
                raise self.error(
                    f"{self.source}: {phrase!r} is ignored, and so would drop every mention of "
                    f"{claims[0][1].id} ({claims[0][1].label}) by its exact name {claims[0][0]!r}"
                )

    def _office_phrases(self) -> dict[str, tuple[_Title | _OfficeName, bool]]:
        """Each office's titles (one sense per title, with the roles it names by state) and
        the phrases that name an office alone. A title in capitals ("PM") is matched as
        written, the others ignoring case."""
        titles: dict[str, tuple[dict, bool]] = {}
        alone: dict[str, list] = {}
        for office in self.offices:
            if office.of not in self.entries:
                raise self.error(
                    f"{self.source}: office {office.role} of unknown actor {office.of}"
                )
            for title in office.titles:
                exact = title.isupper()
                key = phrase_key(title, exact)
                roles = titles.setdefault(key, ({}, exact, title))[0]
                roles[office.of] = (*roles.get(office.of, ()), office.role)
            for phrase in office.phrases:
                alone.setdefault(phrase, []).append((office.of, office.role))
        found: dict[str, tuple[_Title | _OfficeName, bool]] = {}
        for key, (roles, exact, title) in titles.items():
            # A phrase spelled as a title ("Secretary-General") is what the title names alone.
            offices = [o for phrase, o in alone.items() if phrase_key(phrase, exact) == key]
            found[title] = (
                _Title(roles, tuple(dict.fromkeys(o for os in offices for o in os))),
                exact,
            )
        for phrase, offices in alone.items():
            if phrase_key(phrase, phrase.isupper()) not in titles:
                found[phrase] = (_OfficeName(tuple(dict.fromkeys(offices))), True)
        return found

    @property
    def holders(self) -> dict[tuple[str, str], list[tuple[str, Period]]]:
        """(state, role) -> [(person id, period)], from the persons' roles."""
        if self._holders is None:
            self._holders = {}
            for actor in self.entries.values():
                for role in actor.roles:
                    of = role.of or actor.affiliation
                    self._holders.setdefault((of, role.role), []).append((actor.id, role.period))
        return self._holders

    @property
    def capitals(self) -> frozenset[str]:
        """The keys of every name given as a capital (a city, not the state by name)."""
        if self._capitals is None:
            self._name_kinds()
        return self._capitals

    @property
    def demonym_keys(self) -> frozenset[str]:
        """The keys of names given only as demonyms ("Egyptian", "Soviet")."""
        if self._demonyms is None:
            self._name_kinds()
        return self._demonyms

    def _name_kinds(self) -> None:
        fields: dict[str, set[str]] = {}
        for actor in self.entries.values():
            if actor.kind != "person":
                for n in actor.names:
                    fields.setdefault(phrase_key(n.text), set()).add(n.field)
        self._capitals = frozenset(k for k, f in fields.items() if "capitals" in f)
        self._demonyms = frozenset(k for k, f in fields.items() if f == {"demonyms"})

    def resolve(self, sense, day: date | None) -> tuple[str, str] | None:
        """What a name stands for on ``day`` (``None``: undated, read as today):
        ``(actor id, "name")``, or ``None`` when it names no one then."""
        known = self._resolved.setdefault(day, {})  # senses are built once: by identity
        if (found := known.get(id(sense), _UNKNOWN)) is _UNKNOWN:
            valid = {actor_id for actor_id, period in sense.claims if period.holds(day)}
            found = known[id(sense)] = (valid.pop(), "name") if len(valid) == 1 else None
        return found

    def office(
        self,
        of: str,
        roles: tuple[str, ...],
        day: date | None,
        modifier: str | None = None,
        *,
        through: date | None = None,
    ) -> tuple[str, frozenset[str]]:
        """Who an office of ``of`` (any of ``roles``) is on ``day``, and the persons it may
        be: its one holder that day, else the state. "former", "late", "ex": never the
        holder, but the one person who may have held it before (by ``through``, the last
        day the date may stand for: a year's 31 December), else the state. Undated (``day``
        is ``None``), an office is its state; so is "then" (the caller reads it with the
        date the sentence names)."""
        key = (of, roles, day, modifier, through)
        if (found := self._resolved.get(key)) is None:
            found = self._resolved[key] = self._office(of, roles, day, modifier, through)
        return found

    def _office(self, of, roles, day, modifier, through) -> tuple[str, frozenset[str]]:
        held = [(p, period) for role in roles for p, period in self.holders.get((of, role), ())]
        if day is None or modifier == "then":
            return of, frozenset()
        if modifier in ("former", "late", "ex"):
            last = max(day, through or day)
            still = {p for p, period in held if period.holds(last)}
            before = {p for p, period in held if period.end is not None and period.end < last}
            before -= still
            return (next(iter(before)) if len(before) == 1 else of), frozenset(before)
        on_day = {p for p, period in held if period.holds(day)}
        return (next(iter(on_day)) if len(on_day) == 1 else of), frozenset(on_day)


def load_actors(path: Path | str | None = None, *, extend: bool = True) -> ActorDictionary:
    """Read an actor dictionary.

    Args:
        path: A YAML file in the format of ``data/actors.yml``; ``None`` for the shipped one.
        extend: With a user's file, add its actors to the shipped ones (an entry with an
            existing id replaces that actor); ``False`` uses the user's file alone.

    Raises:
        ActorDictionaryError: the file is missing, not YAML, or an entry is malformed.
    """
    return ActorDictionary.load(path, extend=extend)


def check_actor_ids(asked: list[str], actors: pd.DataFrame) -> None:
    """Refuse ids that are not in ``actors`` (a run's ``actors`` table), each with the
    closest known ids: by spelling of the id ("Chna": CHN), and by label or name
    ("Pakistan": PAK).

    Raises:
        ValueError: the message names every unknown id and its suggestions, in one line.
    """
    known = set(actors["actor_id"])
    unknown = [actor_id for actor_id in asked if actor_id not in known]
    if not unknown:
        return
    labels = dict(zip(actors["actor_id"], actors["label"], strict=True))
    spelled = {}  # an id, label or name, case folded -> the id
    for row in actors.itertuples():
        for text in (row.actor_id, row.label, *(() if row.names is None else row.names)):
            spelled.setdefault(str(text).casefold(), row.actor_id)
    said = []
    for actor_id in unknown:
        close = [f"{c} {labels[c]}" for c in _closest(actor_id.casefold(), spelled)]
        said.append(
            f"{actor_id!r} (closest: {', '.join(close)})"
            if close
            else f"{actor_id!r} (no known id is close)"
        )
    raise ValueError(
        f"not an actor id of the run: {'; '.join(said)}; the run's actors table lists "
        f"all {len(known)} (actor_id, label)"
    )


def _closest(word: str, spelled: dict[str, str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The ``n`` ids whose spellings are most like ``word`` (difflib's ratio, at least
    ``cutoff``), the most alike first."""
    matcher, best = SequenceMatcher(b=word), {}
    for text, actor_id in spelled.items():
        matcher.set_seq1(text)
        if (
            matcher.real_quick_ratio() >= cutoff
            and matcher.quick_ratio() >= cutoff
            and (ratio := matcher.ratio()) >= cutoff
            and ratio > best.get(actor_id, 0)
        ):
            best[actor_id] = ratio
    return sorted(best, key=lambda actor_id: -best[actor_id])[:n]


def _day(where: str, value, *, end: bool) -> date | None:
    """A date from a year (``1991``), a month (``"1991-12"``) or a day (``1991-12-25``); a
    year or month as an ``end`` is its last day."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    if len(text) == 10:  # a day, as generated files give them: the fast way
        with suppress(ValueError):
            return date.fromisoformat(text)
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if not match:
        raise ActorDictionaryError(f"{where}: {value!r} is not a year or an ISO date")
    year, month, day = (int(x) if x else None for x in match.groups())
    try:
        if day is not None:
            return date(year, month, day)
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if not end:
            return date(year, month, 1)
        following = date(year + (month == 12), month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    except ValueError:
        raise ActorDictionaryError(f"{where}: {value!r} is not a real date") from None


def _period(where: str, raw: dict) -> Period:
    period = Period(_day(where, raw.get("start"), end=False), _day(where, raw.get("end"), end=True))
    if period.start and period.end and period.end < period.start:
        raise ActorDictionaryError(f"{where}: ends before it starts")
    return period


def _names(where: str, entry: dict) -> tuple[Name, ...]:
    names = []
    for key in NAME_FIELDS:
        value = entry.get(key) or []
        if not isinstance(value, list):
            raise ActorDictionaryError(f"{where}: '{key}' must be a list of names")
        for item in value:
            if isinstance(item, str) and item.strip():
                names.append(Name(item, key))
            elif (
                isinstance(item, dict)
                and isinstance(item.get("name"), str)
                and item["name"].strip()
            ):
                unknown = set(item) - {"name", "start", "end"}
                if unknown:
                    raise ActorDictionaryError(
                        f"{where}: a dated name takes name, start, end, not {', '.join(sorted(unknown))}"
                    )
                names.append(Name(item["name"], key, _period(f"{where}: {item['name']}", item)))
            else:
                raise ActorDictionaryError(
                    f"{where}: '{key}' must be a list of names (text, or {{name, start, end}})"
                )
    if not names:
        raise ActorDictionaryError(f"{where}: nothing to match (give 'aliases' or 'exact')")
    return tuple(names)


def _actor(where: str, entry) -> Actor:
    check_entry(where, entry, _FIELDS, ("id", "label", "kind"), ActorDictionaryError)
    if entry["kind"] not in KINDS:
        raise ActorDictionaryError(
            f"{where}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}"
        )
    names = _names(where, entry)
    roles = entry.get("roles") or []
    if not isinstance(roles, list) or not all(isinstance(r, dict) and "role" in r for r in roles):
        raise ActorDictionaryError(
            f"{where}: 'roles' must be a list of {{role, start, end}} mappings (and 'of')"
        )
    for role in roles:
        if unknown := set(role) - _ROLE_FIELDS:
            unknown = ", ".join(sorted(map(str, unknown)))
            raise ActorDictionaryError(
                f"{where}: role {role['role']}: unknown field(s) {unknown}; "
                f"a role takes {', '.join(sorted(_ROLE_FIELDS))}"
            )
    of_field = {field: tuple(n.text for n in names if n.field == field) for field in NAME_FIELDS}
    return Actor(
        id=entry["id"],
        label=entry["label"],
        kind=entry["kind"],
        affiliation=entry.get("affiliation"),
        roles=tuple(
            Role(str(r["role"]), r.get("of"), _period(f"{where}: role {r['role']}", r))
            for r in roles
        ),
        period=_period(where, entry),
        names=names,
        **of_field,
    )


_PERSON_ROLE = re.compile(
    r"(?:(?P<of>[A-Z][A-Za-z0-9_]*):)?(?P<role>[^:;]+?)\s+(?P<start>\d{4}(?:-\d\d){0,2}|-)"
    r"\s+(?P<end>\d{4}(?:-\d\d){0,2}|-)"
)
_DATED_NAME = re.compile(
    r"(?P<name>.+?)\s+@(?P<start>\d{4}(?:-\d\d){0,2})?\.\.(?P<end>\d{4}(?:-\d\d){0,2})?"
)


def _person(where: str, line) -> Actor:
    """A person given on one line of ``persons``:
    ``ID | label | affiliation | names | roles``, where names are separated by ``;`` (``=US``
    matched as written, ``Bush @1980..1999`` held over those years) and so are roles
    (``president 1970-10-15 1981-10-06``, ``-`` for an open end, ``UNO:secretary-general ...``
    for an office of another state or body than the affiliation)."""
    if not isinstance(line, str):
        raise ActorDictionaryError(
            f"{where}: a person is one line: ID | label | affiliation | names | roles"
        )
    fields = [part.strip() for part in line.split("|")]
    if len(fields) == 4:
        fields.append("")
    if len(fields) != 5 or not fields[0] or not fields[1]:
        raise ActorDictionaryError(
            f"{where}: expected 'ID | label | affiliation | names | roles', got {line!r}"
        )
    person_id, label, affiliation, names_text, roles_text = fields
    where = f"{where} ({person_id})"
    names = []
    for item in filter(None, (n.strip() for n in names_text.split(";"))):
        kind = "exact" if item.startswith("=") else "aliases"
        item = item.removeprefix("=").strip()
        if (dated := _DATED_NAME.fullmatch(item)) is not None:
            period = _period(f"{where}: {dated['name']}", dated.groupdict())
            names.append(Name(dated["name"], kind, period))
        elif item:
            names.append(Name(item, kind))
    if not names:
        raise ActorDictionaryError(f"{where}: nothing to match (give a name)")
    roles = []
    for item in filter(None, (r.strip() for r in roles_text.split(";"))):
        match = _PERSON_ROLE.fullmatch(item)
        if match is None:
            raise ActorDictionaryError(
                f"{where}: role {item!r} is not 'role START END' (dates ISO or a year, '-' open)"
            )
        raw = {k: None if v == "-" else v for k, v in match.groupdict().items()}
        roles.append(Role(raw["role"], raw["of"], _period(f"{where}: role {raw['role']}", raw)))
    return Actor(
        id=person_id,
        label=label,
        kind="person",
        affiliation=affiliation or None,
        roles=tuple(roles),
        names=tuple(names),
        aliases=tuple(n.text for n in names if n.field == "aliases"),
        exact=tuple(n.text for n in names if n.field == "exact"),
    )


def _numbered(path: Path, raw, section: str, form: str) -> list[tuple[str, object]]:
    """The items of a list section of a file (``offices``, ``events``), each with where it
    is for messages ("FILE: office 3")."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ActorDictionaryError(f"{path}: {section!r} must be a list of {form}")
    return [(f"{path}: {section[:-1]} {n}", item) for n, item in enumerate(raw, start=1)]


def _offices(path: Path, raw) -> tuple[Office, ...]:
    """The ``offices``: each ``{role, of, titles, phrases}``, or one line for a role of many
    states alike, ``role | OF OF ... | title; title`` (and ``| phrase; phrase``)."""
    offices = []
    for where, entry in _numbered(path, raw, "offices", "{role, of, titles}"):
        if isinstance(entry, str):
            offices += _office_line(where, entry)
            continue
        check_entry(where, entry, _OFFICE_FIELDS, ("role", "of"), ActorDictionaryError)
        titles, alone = entry.get("titles") or [], entry.get("phrases") or []
        if not isinstance(titles, list) or not all(isinstance(t, str) for t in titles):
            raise ActorDictionaryError(f"{where}: 'titles' must be a list of titles")
        if not isinstance(alone, list) or not all(isinstance(t, str) for t in alone):
            raise ActorDictionaryError(f"{where}: 'phrases' must be a list of phrases")
        if not titles and not alone:
            raise ActorDictionaryError(f"{where}: give 'titles' or 'phrases'")
        offices.append(Office(entry["role"], entry["of"], tuple(titles), tuple(alone)))
    return tuple(offices)


def _office_line(where: str, line: str) -> list[Office]:
    fields = [part.strip() for part in line.split("|")]
    if len(fields) not in (3, 4) or not fields[0] or not fields[1].split():
        raise ActorDictionaryError(
            f"{where}: expected 'role | OF OF ... | titles' (and '| phrases'), got {line!r}"
        )
    titles = tuple(filter(None, (t.strip() for t in fields[2].split(";"))))
    alone = tuple(filter(None, (t.strip() for t in (fields[3:] or [""])[0].split(";"))))
    if not titles and not alone:
        raise ActorDictionaryError(f"{where}: give titles or phrases")
    return [Office(fields[0], of, titles, alone) for of in fields[1].split()]


def _events(path: Path, raw) -> tuple[tuple[str, date], ...]:
    """The ``events``: each a name and the day it was signed or opened."""
    events = []
    for where, entry in _numbered(path, raw, "events", "{name, date}"):
        if not isinstance(entry, dict) or set(entry) != _EVENT_FIELDS:
            raise ActorDictionaryError(f"{where}: an event is {{name, date}}")
        if not isinstance(entry["name"], str) or not entry["name"].strip():
            raise ActorDictionaryError(f"{where}: 'name' is missing or not text")
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", str(entry["date"])):
            raise ActorDictionaryError(f"{where}: 'date' must be a day (YYYY-MM-DD)")
        events.append((entry["name"], _day(where, entry["date"], end=False)))
    return tuple(events)


def document_day(published: str | None) -> date | None:
    """The day a document (or a sentence) is read as of: its ISO date, a month's 15th or a
    year's 1 July when only those are known; ``None`` when undated."""
    if not published:
        return None
    match = _ISO.fullmatch(published)
    if not match:
        return None
    year, month, day = match.groups()
    if day:
        return date(int(year), int(month), int(day))
    return date(int(year), int(month), 15) if month else date(int(year), 7, 1)


def find_mentions(
    text: str, dictionary: ActorDictionary, *, day: date | None = None
) -> list[tuple[int, int, str, str, str]]:
    """Actor mentions in ``text`` as ``(start, end, actor_id, surface, resolved_by)``, in
    reading order, read as of ``day`` (``None``: undated, as of today); see
    :func:`read_mentions`, which also reads a sentence as of the dates it names."""
    return [m[:5] for m in read_mentions(text, dictionary, day=day)]


def read_mentions(
    text: str,
    dictionary: ActorDictionary,
    *,
    day: date | None = None,
    through: date | None = None,
    cited: tuple[tuple[int, int, str], ...] | list = (),
) -> list[Mention]:
    """Actor mentions in one sentence, in reading order.

    The longest name wins at each place (see
    :class:`analysis.dictionaries.phrases.PhraseMatcher`). Each mention is read as of the
    date the sentence speaks of, the cited date nearest to it (``cited``: ``(start, end,
    iso)`` in ``text``, as the events analysis finds them; a year is read as of its 1 July
    and a month as of its 15th, as a document's date is), else as of ``day``, the
    document's date (``None``: undated, as of today). A cited date counts unless it is a
    plan ("by 2030"), follows "since", "before" or "after", or is part of a name (between
    "the" and a capitalised word: "the 1972 Simla Agreement"); a year or month is made precise by a dated event within it
    that the sentence names ("In 1966 ... the Tashkent Declaration" is 10 January 1966).

    An office ("the Prime Minister of Pakistan", "Pakistan's prime minister", "the
    Pakistani Prime Minister") is its holder on that date (``resolved_by`` ``office``), and
    the state named inside it is a mention of its own; undated, or with no one holder
    known, it counts for the state alone. "Former", "late" and "ex-" exclude the holder of
    the day: the one person who held it before, else the state; "then" is the holder on a
    date the sentence names, else the state; "a" or "any" before it, the state. An office
    followed by a person's name ("Pakistan's prime minister, Imran Khan"), or whose holder
    is named in the sentence, gives way to the name; followed by a name the dictionary
    does not know ("the Afghan leader Ahmad Shah Massoud"), it is the state's. A state's
    name inside the name of an agreement, meeting or process ("the Cairo Agreement", "Oslo
    II", "the Treaty of Rome") and an organisation's name in its document's ("the UN
    Charter") are not mentions.
    """
    hits = dictionary.matcher.find(text)
    if not hits:
        return []
    dates = _sentence_dates(text, hits, cited, day) if cited else ()
    if dates:
        readings = [_as_of(start, end, dates, day) for start, end, _, _ in hits]
    else:  # most sentences cite no date
        readings = [(day, None)] * len(hits)
    through = through or day
    names: list[str | None] = []
    for (_, _, sense, _), (when, _) in zip(hits, readings, strict=True):
        found = dictionary.resolve(sense, when) if isinstance(sense, _Claims) else None
        names.append(found[0] if found else None)
    actors = dictionary.actors
    found: list[Mention] = []
    offices: list[tuple[Mention, frozenset[str], str]] = []  # who it may be; its state
    for i, (start, end, sense, surface) in enumerate(hits):
        when, as_of = readings[i]
        if isinstance(sense, _Claims):
            if names[i] is not None and not _inside_a_name(
                text, start, end, actors[names[i]], dictionary
            ):
                found.append(Mention(start, end, names[i], surface, "name", as_of))
            continue
        if not isinstance(sense, _Title | _OfficeName):
            continue  # a dated event: a date, no actor
        if (office := _office_at(text, hits, names, i, dictionary)) is None:
            continue
        of, roles, o_start, o_end, modifier = office
        if modifier == "then":  # the holder on the date the sentence names, else no one
            when, modifier = (when, None) if as_of is not None else (None, modifier)
        if _INDEFINITE.search(text, max(0, o_start - 8), o_start) or _BECOMES.search(
            text, max(0, o_start - 20), o_start
        ):
            who, may_be = of, frozenset()
        else:
            last = last_day(as_of) if as_of is not None else through
            who, may_be = dictionary.office(of, roles, when, modifier, through=last)
        mention = Mention(o_start, o_end, who, text[o_start:o_end], "office", as_of)
        offices.append((mention, may_be, of))
    named = {m.actor_id for m in found if actors[m.actor_id].kind == "person"}
    for mention, may_be, of in offices:
        if may_be & named or _person_after(text, mention.end, found, actors):
            continue  # one person, named: not also the office
        if (
            mention.actor_id != of
            and _unknown_name_after(text, mention.end, found)
            and not _OF_BEFORE.search(text, max(0, mention.start - 8), mention.start)
        ):  # someone the dictionary does not know ("the envoy of the Secretary-General, Mr.
            # Kai Eide" is the envoy)
            mention = mention._replace(actor_id=of)
        if mention.actor_id == of and any(
            m.actor_id == of and mention.start <= m.start < mention.end for m in found
        ):
            continue  # the state named inside it counts, once
        found.append(mention)
    found.sort(key=lambda m: (m.start, -m.end))
    return found


def _sentence_dates(text: str, hits: list, cited, day: date | None) -> list[tuple[int, int, str]]:
    """The dates a sentence speaks of, ``(start, end, iso)``: those cited (not after today,
    nor a plan, "by 2030", not after "since", "before" or "after", not part of a name), a
    year or month made precise by the date of an event within it that the sentence names
    ("In 1966 ... the Tashkent Declaration"). An event alone does not date a sentence ("the
    position of the Simla Agreement" is today's). A date after the document's can be its
    past: a history dated by the first year it covers."""
    limit = date.today()
    dates = []
    for start, end, iso in cited:
        if _first_day(iso) > limit or _NOT_THEN.search(text, max(0, start - 12), start):
            continue
        if (
            day is not None
            and _first_day(iso) > day
            and _PLAN.search(text, max(0, start - 8), start)
        ):
            continue
        if _NAME_AFTER_DATE.match(text, end) and _ARTICLE_BEFORE_DATE.search(
            text, max(0, start - 8), start
        ):
            continue
        if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
            continue  # "resolution 435 (1978)": a document's year, not the sentence's
        dates.append((start, end, iso))
    named = [sense.iso for _, _, sense, _ in hits if isinstance(sense, _NamedDate)]
    return [
        (start, end, max((f for f in named if f.startswith(iso)), key=len, default=iso))
        for start, end, iso in dates
    ]


def last_day(iso: str) -> date:
    """The last day an ISO date (a year, a month or a day) stands for."""
    year, month, day = (int(x) if x else None for x in _ISO.match(iso).groups())
    if day is not None:
        return date(year, month, day)
    if month is None:
        return date(year, 12, 31)
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)


def _first_day(iso: str) -> date:
    year, month, day = _ISO.match(iso).groups()
    return date(int(year), int(month or 1), int(day or 1))


def _as_of(
    start: int, end: int, dates: list[tuple[int, int, str]], day: date | None
) -> tuple[date | None, str | None]:
    """The day a phrase at ``start``-``end`` is read as of, and the cited date it comes
    from: the nearest the sentence names (the earlier of two as near), else ``day``."""
    if not dates:
        return day, None
    nearest = min(dates, key=lambda d: (max(d[0] - end, start - d[1], 0), d[0] > start))
    when = document_day(nearest[2])
    if day is not None and _first_day(nearest[2]) <= day < when:
        when = day  # the document's own year or month: not after its date
    return when, nearest[2]


def _office_at(
    text: str, hits: list, names: list, i: int, dictionary: ActorDictionary
) -> tuple[str, tuple[str, ...], int, int, str | None] | None:
    """The office the title or office phrase ``hits[i]`` names with the state's name next
    to it: (state, roles, start, end, modifier), or ``None``."""
    start, end, sense, _ = hits[i]
    modifier = None
    if _ELECT.match(text, end):
        return None  # "President-elect": not yet the office
    if isinstance(sense, _OfficeName):
        states = {of for of, _ in sense.offices}
        following = i + 1 < len(hits) and names[i + 1] is not None
        if len(states) != 1 or (
            following
            and names[i + 1] not in states
            and _TITLE_NAME.fullmatch(text, end, hits[i + 1][0]) is not None
        ):  # "the Secretary-General of the League of Nations" is another's
            return None
        of = states.pop()
        roles = tuple(role for _, role in sense.offices)
        o_start, o_end = start, end
    else:
        of = None
        if i > 0 and (state := names[i - 1]) in sense.roles:
            between = _NAME_TITLE.fullmatch(text, hits[i - 1][1], start)
            if between is not None and not _compound(text, hits, names, i - 1, dictionary):
                of, o_start, o_end, modifier = state, hits[i - 1][0], end, between["modifier"]
        if (
            of is None
            and i + 1 < len(hits)
            and (state := names[i + 1]) in sense.roles
            and _TITLE_NAME.fullmatch(text, end, hits[i + 1][0]) is not None
            and phrase_key(hits[i + 1][3]) not in dictionary.demonym_keys
        ):  # "the President of Egypt", not "the leader of the French delegation"
            of, o_start, o_end = state, start, hits[i + 1][1]
        if of is not None and o_start == start and _LOWER.search(text, max(0, start - 10), start):
            return None  # "the Deputy Prime Minister of ..."
        beside = (
            i > 0
            and names[i - 1] is not None
            and _NAME_TITLE.fullmatch(text, hits[i - 1][1], start)
        ) or (
            i + 1 < len(hits)
            and names[i + 1] is not None
            and _TITLE_NAME.fullmatch(text, end, hits[i + 1][0])
        )
        if of is None and sense.alone and not beside:
            # "the Secretary-General" alone names one office; "the Secretary-General of the
            # League of Nations", "the OAU Secretary-General" name another's.
            states = {state for state, _ in sense.alone}
            if len(states) != 1:
                return None
            of, o_start, o_end = states.pop(), start, end
            return (
                of,
                tuple(role for _, role in sense.alone),
                o_start,
                o_end,
                _modifier_before(text, o_start),
            )
        if of is None:
            return None
        roles = sense.roles[of]
    if modifier is None:
        return of, roles, o_start, o_end, _modifier_before(text, o_start)
    return of, roles, o_start, o_end, modifier.lower()


def _modifier_before(text: str, start: int) -> str | None:
    """ "former", "late", "ex" or "then" right before ``start``, if any."""
    before = _BEFORE_OFFICE.search(text, max(0, start - 12), start)
    return before["modifier"].lower() if before else None


def _compound(text: str, hits: list, names: list, j: int, dictionary: ActorDictionary) -> bool:
    """Whether the name ``hits[j]`` is part of a compound ("US-Pakistani", "Bosnian Serb",
    "Turkish Cypriot"): then a title after it is not that state's office."""
    start = hits[j][0]
    if start and text[start - 1] in "-\u2010\u2011\u2012\u2013\u2014":
        return True
    if j == 0 or names[j - 1] is None or text[hits[j - 1][1] : start] != " ":
        return False
    return dictionary.actors[names[j - 1]].kind in ("state", "territory", "group")


_HYPHENS = "-\u2010\u2011\u2012\u2013\u2014"


def _inside_a_name(
    text: str, start: int, end: int, actor: Actor, dictionary: ActorDictionary
) -> bool:
    """Whether a state's name at ``start``-``end`` is part of the name of an agreement, a
    meeting or a process ("the Cairo Agreement", "Oslo II", "the Treaty of Rome"), or an
    organisation's name part of its document's ("the UN Charter"). A state in a compound
    ("the US-Pakistan Agreement") is a party to it, and counts."""
    if actor.kind == "igo":
        return bool(
            _DOCUMENT_AFTER.match(text, end)
            or _DOCUMENT_BEFORE.search(text, max(0, start - 20), start)
        )
    if actor.kind not in ("state", "territory"):
        return False
    # Most names are followed by no such word, and preceded by no "Treaty of": said first.
    after = _INSIDE_A_NAME_LOWER.match(text, end) or _ROMAN_AFTER.match(text, end)
    before = " of" in text[max(0, start - 30) : start] and _NAMED_BEFORE.search(
        text, max(0, start - 30), start
    )
    if not after and not before:
        return False
    if (start and text[start - 1] in _HYPHENS) or text[end : end + 1] in _HYPHENS:
        return False
    key = phrase_key(text[start:end])
    if key in dictionary.capitals:
        return True
    if key in dictionary.demonym_keys or (before and not after):
        return False
    return bool(_INSIDE_A_NAME.match(text, end))


def _person_after(text: str, end: int, found: list[Mention], actors: dict) -> bool:
    """Whether a person's name follows ``end``, after a comma or dash and titles ("the
    Egyptian President, Mr. Anwar Sadat")."""
    starts = {m.start for m in found if actors[m.actor_id].kind == "person"}
    pos = _APPOSITION.match(text, end).end()
    for _ in range(4):
        if pos in starts:
            return True
        if (honorific := _HONORIFIC.match(text, pos)) is None:
            return False
        pos = honorific.end()
    return pos in starts


def _unknown_name_after(text: str, end: int, found: list[Mention]) -> bool:
    """Whether a name the dictionary does not know follows ``end``: a capitalised word
    right after it ("the Afghan leader Massoud"), or two after a comma or dash ("the
    former King, Zahir Shah")."""
    gap = _APPOSITION.match(text, end)
    pos = gap.end()
    if pos == end:
        return False
    for _ in range(4):
        if (honorific := _HONORIFIC.match(text, pos)) is None:
            break
        pos = honorific.end()
    known = {m.start for m in found}
    words = 0
    while words < 2 and pos not in known and (word := _WORD.match(text, pos)) is not None:
        if word.group().rstrip(".'\u2019") in _NOT_A_NAME:
            break
        words += 1
        if (space := _BLANKS.match(text, word.end())) is None:
            break
        pos = space.end()
    return words >= (1 if gap.group().strip() == "" else 2)
