"""The era dictionary: which periods of history a text may invoke, and by which cues.

The dictionary is data (``data/eras.yml``; a user's file can extend or replace it). Cues are
matched per sentence with the matcher actors use (:mod:`analysis.dictionaries.phrases`):
spelling variants, longest cue first, nothing counted twice. The tables of cues and of each
document's era mix are :mod:`analysis.features.eras`'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from ..config import DATA_DIR
from ..errors import AnalysisError
from ..schema import ERA_DEFINITION_COLUMNS
from .phrases import PhraseDictionary, check_entry, phrase_lists

DEFAULT_ERAS = DATA_DIR / "eras.yml"
_FIELDS = {"id", "label", "start", "end", "cues", "exact", "color"}
#: Hex colours, all of which plotly draws: checked without importing plotly's validators
#: (24 ms), which decide every other colour.
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")


class EraDictionaryError(AnalysisError, ValueError):
    """An era file that cannot be used; the message names the file, entry and problem."""


@dataclass(frozen=True)
class Era:
    id: str
    label: str
    start: int
    end: int | None  # None while the era goes on
    cues: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    color: str | None = None

    def contains(self, year: int) -> bool:
        return self.start <= year and (self.end is None or year <= self.end)

    def span(self, until: int | None = None) -> int:
        """Length in years; an ongoing era runs to ``until`` (default: this year)."""
        return (self.end if self.end is not None else until or date.today().year) - self.start


class EraDictionary(PhraseDictionary):
    """Eras by id (in the file's order), and phrases that must never count as a cue."""

    def fingerprint(self) -> str:
        """What the feature key covers of a user's dictionary: its entries and ignored
        phrases."""
        return repr((sorted(self.entries.items()), self.ignore))

    key = "eras"
    sections = ("include", "eras", "ignore")
    shipped = DEFAULT_ERAS
    error = EraDictionaryError

    @staticmethod
    def make_entry(where: str, raw) -> Era:
        return _era(where, raw)

    @staticmethod
    def phrases_of(entry: Era) -> tuple[tuple[str, ...], tuple[str, ...]]:
        return entry.cues, entry.exact

    @property
    def eras(self) -> dict[str, Era]:
        return self.entries

    def era_of_year(self, year: int) -> str | None:
        """The shortest era that contains ``year`` (1972 is the 1971 war, not only the Cold
        War); ``None`` when no era does."""
        containing = [era for era in self.eras.values() if era.contains(year)]
        if not containing:
            return None
        return min(containing, key=lambda era: era.span()).id

    def frame(self) -> pd.DataFrame:
        """The eras as a table (the ``era_definitions`` table of a run): era_id, label,
        start, end (nullable), color and the cues each is found by, in file order."""
        return pd.DataFrame(
            [
                (era.id, era.label, era.start, era.end, era.color, [*era.cues, *era.exact])
                for era in self.eras.values()
            ],
            columns=list(ERA_DEFINITION_COLUMNS),
        ).astype({"start": "Int64", "end": "Int64"})


def load_eras(path: Path | str | None = None, *, extend: bool = True) -> EraDictionary:
    """Read an era dictionary.

    Args:
        path: A YAML file in the format of ``data/eras.yml``; ``None`` for the shipped one.
        extend: With a user's file, add its eras to the shipped ones (an entry with an
            existing id replaces that era); ``False`` uses the user's file alone.

    Raises:
        EraDictionaryError: the file is missing, not YAML, or an entry is malformed.
    """
    return EraDictionary.load(path, extend=extend)


def _era(where: str, entry) -> Era:
    check_entry(where, entry, _FIELDS, ("id", "label"), EraDictionaryError)
    start, end = entry.get("start"), entry.get("end")
    if not isinstance(start, int) or isinstance(start, bool):
        raise EraDictionaryError(f"{where}: 'start' must be a year such as 1947")
    if end is not None and (not isinstance(end, int) or isinstance(end, bool) or end < start):
        raise EraDictionaryError(
            f"{where}: 'end' must be a year not before 'start' ({start}), or null while ongoing"
        )
    cues, exact = phrase_lists(where, entry, ("cues", "exact"), EraDictionaryError)
    return Era(
        id=entry["id"],
        label=entry["label"],
        start=start,
        end=end,
        cues=cues,
        exact=exact,
        color=_color(where, entry.get("color")),
    )


def _color(where: str, color) -> str | None:
    """An era's colour, if it is one plotly draws (its own check decides: hex, ``rgb()``,
    ``rgba()``, ``hsl()``, a CSS name), else refused here rather than by the chart."""
    if color is None or (isinstance(color, str) and _HEX.fullmatch(color)):
        return color
    if isinstance(color, str):
        from _plotly_utils.basevalidators import ColorValidator

        try:
            return ColorValidator("color", "era").validate_coerce(color)
        except ValueError:
            pass
    raise EraDictionaryError(
        f"{where}: color {color!r} is not a colour plotly can draw; give '#rrggbb', "
        "'rgb(r, g, b)' or a CSS name such as 'steelblue' (or no color)"
    )
