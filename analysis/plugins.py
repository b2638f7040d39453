"""What installed packages add: analyses and pages, through entry points.

An entry point of a group (``policy_discourse.analyses``, ``policy_discourse.pages``) names
one object of the kind the group holds, or a list of them, as pytest plugins and papermill
engines are found. :func:`added` loads them in the order of their names, with where each
comes from (``name==version`` of its distribution), and refuses, in one line naming the
entry point, what cannot be loaded or is not of the kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from importlib import metadata
from typing import TypeVar

from .errors import AnalysisError

T = TypeVar("T")


def added(
    group: str, kind: type[T], error: type[AnalysisError]
) -> Iterator[tuple[metadata.EntryPoint, str, list[T]]]:
    """Each entry point of ``group``, by name: the entry point, its origin (``name==version``
    of its distribution) and the objects of ``kind`` it names.

    Raises:
        error: an entry point that cannot be loaded, or names something other than a
            ``kind`` or a list of them.
    """
    for entry in sorted(metadata.entry_points(group=group), key=lambda e: e.name):
        where = f"{entry.name!r} ({entry.value})"
        try:
            loaded = entry.load()
        except Exception as exc:
            raise error(f"{group} {where} cannot be loaded: {type(exc).__name__}: {exc}") from None
        items = list(loaded) if isinstance(loaded, Iterable) else [loaded]
        if not items or not all(isinstance(item, kind) for item in items):
            raise error(
                f"{group} {where} is not an {kind.__module__}.{kind.__name__} (or a list of them)"
            )
        origin = f"{entry.dist.name}=={entry.dist.version}" if entry.dist else entry.value
        yield entry, origin, items
