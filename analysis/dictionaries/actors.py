"""Actors: who a text names, and which actors it puts together.

The dictionary is data (``data/actors.yml``, which includes the generated ``data/states.yml``;
a user's file can extend or replace it). Each actor has case-insensitive ``aliases``,
``demonyms`` and ``capitals`` and case-sensitive ``exact`` names, so "US" is the United
States and "us" is not. Matching takes the longest name at each place and never counts
overlapping names twice ("New Delhi" is India once; "South Sudan" is not also "Sudan");
possessives ("Pakistan’s") and hyphenated compounds ("US-India", "U.S.-Pakistan") match.
Phrases under ``ignore`` are matched and dropped ("Indian Ocean" is not India).

Names can be dated. A name given as ``{name: Moscow, start: 1991-12-26}`` is the actor's
only from that day, and a name that several actors share holds for each while that actor
exists (its ``start`` and ``end``): "Moscow" is the Soviet Union in 1962 and Russia in 2014.
Persons hold dated ``roles`` (an office of a state), and ``offices`` say how a text names
one ("the Prime Minister of Pakistan", "Pakistan's prime minister", "the Pakistani Prime
Minister"): such a mention is its holder on the document's date. A document without a date
is read as of today: a name shared over time is its present actor, and an office is its
state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd

from ..config import DATA_DIR
from ..errors import AnalysisError
from ..schema import ACTOR_COLUMNS
from .phrases import (
    MAX_SEPARATORS,
    PhraseDictionary,
    PhraseMatcher,
    check_entry,
    phrase_key,
    read_shipped,
)

DEFAULT_ACTORS = DATA_DIR / "actors.yml"
KINDS = ("state", "person", "igo", "group", "territory")
#: Lists of names an actor may give: matched ignoring case, except ``exact``.
NAME_FIELDS = ("aliases", "demonyms", "capitals", "exact")
_FIELDS = {"id", "label", "kind", "affiliation", "roles", "start", "end", *NAME_FIELDS}
_OFFICE_FIELDS = {"role", "of", "titles", "phrases"}
_ROLE_FIELDS = {"role", "of", "start", "end"}
#: A name as the messages call it, by the list it is given in.
_NAME_KIND = {
    "aliases": "alias",
    "demonyms": "demonym",
    "capitals": "capital",
    "exact": "exact name",
}
_WORDS = re.compile(r"[\s\-\u2010-\u2014]+")


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


@dataclass(frozen=True)
class _Claims:
    """What a name can stand for: (actor id, period) pairs, told apart by the date."""

    claims: tuple[tuple[str, Period], ...]


@dataclass(frozen=True)
class _OfficeName:
    """A phrase naming an office: (state, role, period) for each office it may name (the
    period of the state's name in it); its holder on the date, else its state."""

    offices: tuple[tuple[str, str, Period], ...]


@dataclass
class ActorDictionary(PhraseDictionary):
    """Actors by id, the offices texts name, and the phrases that must never count as one."""

    def fingerprint(self) -> str:
        """What the feature key covers of a user's dictionary: its entries, ignored phrases
        and how offices are named (which changes who a mention is)."""
        return repr((sorted(self.entries.items()), self.ignore, self.offices))

    offices: tuple[Office, ...] = ()
    _names: PhraseMatcher | None = field(default=None, repr=False)
    _holders: dict | None = field(default=None, repr=False)
    _resolved: dict = field(default_factory=dict, repr=False)

    key = "actors"
    sections = ("include", "actors", "ignore", "offices")
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
    def read_more(cls, path: Path, data: dict, parts: list) -> dict:
        """The file's ``offices``, then those of the files it includes."""
        offices = _offices(path, data.get("offices"))
        return {"offices": offices + tuple(o for part in parts for o in part.offices)}

    @classmethod
    def load(cls, path: Path | str | None = None, *, extend: bool = True) -> ActorDictionary:
        """The shipped dictionary; or a user's file added to it (an entry with an existing
        id replaces that one; its offices are added), or alone with ``extend=False``."""
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
                origins={**shipped.origins, **own.origins},
            )
        own.matcher  # noqa: B018 -- raises on a phrase claimed twice
        return own

    @property
    def matcher(self) -> PhraseMatcher:
        """The matcher for every name, office and ignored phrase, built once.

        Raises:
            ActorDictionaryError: two actors claim one name for overlapping periods.
        """
        if self._matcher is None:
            loose, strict = self._name_senses()
            taken = ({phrase_key(p) for p in loose}, {phrase_key(p, True) for p in strict})
            for phrase, (office, exact) in self._office_phrases().items():
                key = phrase_key(phrase, exact)
                if key not in taken[exact]:  # a name wins over an office spelled alike
                    (strict if exact else loose)[phrase] = office
                    taken[exact].add(key)
            self._matcher = self._build(loose, strict)
        return self._matcher

    @property
    def name_matcher(self) -> PhraseMatcher:
        """The matcher for names alone, without offices (for the state inside an office)."""
        if self._names is None:
            self._names = self._build(*self._name_senses())
        return self._names

    def _build(self, loose: dict, strict: dict) -> PhraseMatcher:
        try:
            return PhraseMatcher(loose, strict, source=self.source)
        except ValueError as exc:
            raise self.error(str(exc)) from None

    def _name_senses(self) -> tuple[dict, dict]:
        """Phrase -> what it stands for, for names ignoring case and names kept as written."""
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
        for phrase in self.ignore:
            if (claims := folded.get(phrase_key(phrase))) is not None:
                raise self.error(
                    f"{self.source}: {phrase!r} is ignored, and so would drop every mention of "
                    f"{claims[0][1].id} ({claims[0][1].label}) by its exact name {claims[0][0]!r}"
                )

    def _office_phrases(self) -> dict[str, tuple[_OfficeName, bool]]:
        """Every way of writing each office: "{title} of {state}", "{state}'s {title}",
        "{state} {title}" and "{demonym} {title}", each also after "the"; a phrase that two
        offices share ("Russian President") is told apart by the dates of the name in it."""
        found: dict[str, tuple[list, bool]] = {}
        for office in self.offices:
            state = self.entries.get(office.of)
            if state is None:
                raise self.error(
                    f"{self.source}: office {office.role} of unknown actor {office.of}"
                )
            names = [n for n in state.names if n.field in ("aliases", "exact")]
            demonyms = [n for n in state.names if n.field == "demonyms"]
            for title in office.titles:
                forms = [(f"{title} of {n.text}", n) for n in names if n.field == "aliases"]
                forms += [(f"{title} of the {n.text}", n) for n in names if n.field == "aliases"]
                forms += [(f"{n.text}'s {title}", n) for n in names]
                forms += [(f"{n.text} {title}", n) for n in names + demonyms]
                for phrase, name in forms:
                    if len(_WORDS.split(phrase)) > MAX_SEPARATORS + 1:
                        continue  # too long to be said
                    exact = name.field == "exact" or title.isupper()
                    period = name.period or state.period
                    found.setdefault(phrase, ([], exact))[0].append(
                        (office.of, office.role, period)
                    )
            for phrase in office.phrases:
                found.setdefault(phrase, ([], True))[0].append((office.of, office.role, ALWAYS))
        return {
            phrase: (_OfficeName(tuple(dict.fromkeys(offices))), exact)
            for phrase, (offices, exact) in found.items()
        }

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

    def resolve(self, sense, day: date | None) -> tuple[str, str] | None:
        """What a matched phrase stands for on ``day`` (``None``: undated, read as today):
        ``(actor id, "name" or "office")``, or ``None`` when it names no one then."""
        known = self._resolved.setdefault(day, {})  # senses are built once: by identity
        if (found := known.get(id(sense), _UNKNOWN)) is _UNKNOWN:
            found = known[id(sense)] = self._resolve(sense, day)
        return found

    def _resolve(self, sense, day: date | None) -> tuple[str, str] | None:
        if isinstance(sense, _OfficeName):
            offices = [(of, role) for of, role, period in sense.offices if period.holds(day)]
            if not offices and len({o[:2] for o in sense.offices}) == 1:
                offices = [sense.offices[0][:2]]
            if len(set(offices)) != 1:
                return None
            of, role = offices[0]
            held = [p for p, period in self.holders.get((of, role), ()) if period.holds(day)]
            if day is not None and len(held) == 1:
                return held[0], "office"
            return of, "office"
        valid = {actor_id for actor_id, period in sense.claims if period.holds(day)}
        if len(valid) == 1:
            return valid.pop(), "name"
        return None


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


def _offices(path: Path, raw) -> tuple[Office, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ActorDictionaryError(f"{path}: 'offices' must be a list of {{role, of, titles}}")
    offices = []
    for number, entry in enumerate(raw, start=1):
        where = f"{path}: office {number}"
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


def document_day(published: str | None) -> date | None:
    """The day a document is read as of: its ``published`` date, a month's 15th or a year's
    1 July when only those are known; ``None`` when undated."""
    if not published:
        return None
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", published)
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
    reading order, read as of ``day`` (``None``: undated, as of today).

    The longest name wins at each place (see :class:`analysis.dictionaries.phrases.PhraseMatcher`). An
    office ("the Prime Minister of Pakistan") is its holder on ``day`` (``resolved_by``
    ``office``), and the state named inside it is a mention of its own; undated, or with no
    holder known, it counts for the state alone. An office followed by a person's name
    ("Pakistan's prime minister, Imran Khan") gives way to the name.
    """
    found = []
    for start, end, sense, surface in dictionary.matcher.find(text):
        if isinstance(sense, _OfficeName):
            inner = []
            for s, e, name, t in dictionary.name_matcher.find(surface):
                if (resolved := dictionary.resolve(name, day)) is not None:
                    inner.append((start + s, start + e, *resolved, t))
            office = dictionary.resolve(sense, day)
            if office is not None and not any(a == office[0] for _, _, a, _, _ in inner):
                found.append((start, end, *office, surface))
            found += inner
            continue
        resolved = dictionary.resolve(sense, day)
        if resolved is not None:
            found.append((start, end, *resolved, surface))
    # An office that a person's name follows, or whose holder is named in the sentence,
    # is that name's: one person, not two.
    named = {a for _, _, a, how, _ in found if how == "name"}
    kept = []
    for i, (start, end, actor_id, how, surface) in enumerate(found):
        if how == "office" and dictionary.actors[actor_id].kind == "person":
            following = next((f for f in found[i + 1 :] if f[0] >= end), None)
            if actor_id in named or (
                following is not None
                and dictionary.actors[following[2]].kind == "person"
                and not text[end : following[0]].strip(" ,\u2013\u2014-")
            ):
                continue
        kept.append((start, end, actor_id, surface, how))
    return kept
