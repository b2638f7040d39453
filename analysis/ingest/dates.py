"""Dates as metadata gives them (a manifest, front matter, a JSON field, a table's column),
in any common written form: ISO dates and timestamps (``2023-06-15``,
``2023-06-15T08:00:00Z``), ``Jun 15th 2023``, ``15 June 2023``, ``June 2023``, ``2023``,
and numeric dates, ``8/4/2017``, read with python-dateutil.

Whether ``8/4/2017`` is the 8th of April or the 4th of August is decided per column
(:func:`column_order`): one value with a part over 12 decides it for the whole column
(``22/8/2018`` is day first, ``8/22/2018`` month first); a column that never decides is read
month first, or as ``--date-order`` says, with a warning. A value that is not a date
(``0000-00-00``, ``character(0)``, ``n.d.``) is said to be unreadable: the document is then
left undated rather than dated from a year its text cites.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from .parse import parse_date

#: Orders of a numeric date's day and month.
DATE_ORDERS = ("mdy", "dmy")
#: ``d/m/y``, ``m-d-y``, ``d.m.y`` (the year in two or four digits), at the start of a value.
_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})\b")
#: Years a publication date can have.
_YEARS = range(1000, 3000)
_TWO_DEFAULTS = (datetime(1004, 1, 1), datetime(2008, 2, 2))


def column_order(values: Iterable[str]) -> tuple[str | None, list[str]]:
    """How a column writes its numeric dates: ``"dmy"`` when some value has a first part
    over 12 (``22/8/2018``), ``"mdy"`` when some has a second part over 12; ``None`` when
    none decides. Also the values that would be read otherwise in the other order (for a
    warning), or, when the column has values of both kinds, the ones that contradict each
    other."""
    day_first, month_first, ambiguous = [], [], []
    for value in values:
        match = _NUMERIC.match(value)
        if not match:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            day_first.append(value)
        elif second > 12 >= first:
            month_first.append(value)
        elif first != second and first <= 12 and second <= 12:
            ambiguous.append(value)
    if day_first and month_first:
        return None, [day_first[0], month_first[0]]
    if day_first:
        return "dmy", []
    if month_first:
        return "mdy", []
    return None, ambiguous


def read_date(value: str, *, order: str = "mdy") -> tuple[str, str] | None:
    """A date of metadata as ``(iso, precision)``, or ``None`` when it is not one.

    ``iso`` is as long as the value is precise: ``2017-08-04`` (``day``), ``2023-06``
    (``month``), ``2023`` (``year``); a timestamp gives its day as written (no time zone is
    applied). ``order`` (``"mdy"`` or ``"dmy"``) reads a numeric date whose parts could be
    either. A value without a year, or with a year outside 1000-2999, is not a date.
    """
    value = " ".join(str(value).split())
    if not value or not re.search(r"\d", value):
        return None
    found = parse_date(value)  # the strict forms first: ISO, "March 15, 1965", "1965"
    if found:
        return found
    from dateutil import parser

    match = _NUMERIC.match(value)
    day_first = order == "dmy"
    if match and int(match.group(1)) > 12:
        day_first = True
    try:
        early, late = (
            parser.parse(value, dayfirst=day_first, default=default) for default in _TWO_DEFAULTS
        )
    except (ValueError, OverflowError, TypeError):
        return None
    if early.year != late.year or early.year not in _YEARS:
        return None  # no year given ("June 15"), or not a plausible one
    if early.day == late.day:
        return early.date().isoformat(), "day"
    if early.month == late.month:
        return f"{early.year:04d}-{early.month:02d}", "month"
    return f"{early.year:04d}", "year"


def order_warning(where: str, order: str | None, examples: list[str], given: str | None) -> str:
    """The warning for a column whose numeric dates do not say their order, or say both."""
    shown = ", ".join(repr(x) for x in examples[:2])
    if order is None and len(examples) == 2 and given is None and _conflict(examples):
        return (
            f"{where} holds dates day first ({examples[0]!r}) and month first "
            f"({examples[1]!r}); each is read as it can be, the others month first"
        )
    read = "day first" if given == "dmy" else "month first"
    hint = "" if given else "; pass --date-order dmy if they are day first"
    return f"{where}: dates such as {shown} could be day or month first; read {read}{hint}"


def _conflict(examples: list[str]) -> bool:
    first, second = (_NUMERIC.match(x) for x in examples)
    return bool(first and second and int(first.group(1)) > 12 and int(second.group(2)) > 12)


def read_column(
    values: dict[str, str], where: str, given: str | None
) -> tuple[dict[str, tuple[str, str] | None], list[str]]:
    """Read a column of dates (``values`` by row), deciding their order once for the
    column; the dates by row (``None``: not a date) and the warnings for the column."""
    order, examples = column_order(values.values())
    warnings = []
    if order is None and examples and (given is None or _conflict(examples)):
        warnings.append(order_warning(where, order, examples, given))
    chosen = order or given or "mdy"
    return {row: read_date(value, order=chosen) for row, value in values.items()}, warnings


def date_fields(rows: dict[str, dict[str, str]], where: str, given: str | None) -> list[str]:
    """Read the ``published`` field of metadata rows (by row name) as one column: each
    becomes an ISO date with its ``date_precision``; a value that is not a date moves to
    ``date_unreadable`` (the document stays undated). The warnings, each a line."""
    values = {key: meta["published"] for key, meta in rows.items() if meta.get("published")}
    if not values:
        return []
    dates, warnings = read_column(values, where, given)
    for key, found in dates.items():
        meta = rows[key]
        if found is None:
            meta["date_unreadable"] = meta.pop("published")
            warnings.append(
                f"{key}: date {values[key]!r} is not a date this tool can read; "
                "the document is left undated"
            )
        else:
            meta["published"], meta["date_precision"] = found
    return warnings
