"""The report's pages: each is a module of this folder (its figures and its parameters)
plus its notebook.

A page module declares :data:`PAGE`, a :class:`Page`: the notebook that draws it and the
report parameters it takes, each with its type, default and a line of help
(:class:`Parameter`; those several pages share are in :data:`SHARED`). The registry
(:func:`pages`) is the modules listed in :data:`MODULES`, in order, then the pages that
installed packages add through the entry-point group :data:`ENTRY_POINT_GROUP` (see
``examples/plugin/``). The report runs the registry's notebooks, its index links them, and
``-p NAME VALUE`` accepts the parameters they declare.

Nothing here is part of the feature fingerprint: editing a page never re-analyses a
document.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from importlib import import_module
from pathlib import Path

from ..config import NOTEBOOKS_DIR
from ..errors import AnalysisError
from ..plugins import added

#: The built-in pages, in the order the report shows them.
MODULES = ("overview", "readability", "language", "actors", "timeline", "compare", "trends")
#: Installed packages add pages here: each entry point names a :class:`Page`, or a sequence
#: of them (``[project.entry-points."policy_discourse.pages"]``).
ENTRY_POINT_GROUP = "policy_discourse.pages"


@dataclass(frozen=True)
class Parameter:
    """A report parameter (``-p name value``).

    Attributes:
        kind: ``str``, ``int`` (a whole number of at least 1), ``bool`` or ``list``.
        default: Its value when not given.
        help: A line for ``--help`` and messages.
        reader: Who reads it: ``page`` (the notebooks that declare it), ``run`` (the run
            file every page starts from) or ``runner`` (the report runner alone).
        choices: The values it may take, when they are few (checked before any notebook
            runs).
        actor_ids: Its values are actor ids, checked against the run's ``actors`` table
            before any notebook runs (a typo is refused with the closest ids).
    """

    kind: type
    default: object
    help: str
    reader: str = "page"
    choices: tuple[str, ...] = ()
    actor_ids: bool = False


@dataclass(frozen=True)
class Page:
    """A page of the report.

    Attributes:
        notebook: The notebook that draws it: a file name in the notebooks folder for the
            built-in pages, or a path (an added page's notebook, shipped in its package).
        parameters: The report parameters its notebook declares (besides ``run``), by name.
        origin: Where it comes from: this package, or ``name==version`` of the installed
            distribution that adds it (set by the registry).
    """

    notebook: Path | str
    parameters: dict[str, Parameter] = field(default_factory=dict)
    origin: str = "policy-discourse"

    @property
    def name(self) -> str:
        """The page's name: its notebook's, without the ending (``04_actors``)."""
        return Path(self.notebook).stem

    def path(self, notebooks_dir: Path = NOTEBOOKS_DIR) -> Path:
        """The notebook's file."""
        return Path(notebooks_dir) / self.notebook


class PageError(AnalysisError):
    """An added page that cannot be used; the message names its entry point."""


#: Parameters several pages take: declared once, named by each page that takes them.
SHARED = {
    "group_by": Parameter(
        str, "", "documents column that forms groups (default: source, author, ... with two values)"
    ),
    "compare_by": Parameter(
        str, "", "column whose two values are compared (default: group_by; doc_id: documents)"
    ),
    "compare": Parameter(
        list,
        [],
        "the two values of compare_by (default: the two largest groups, else the first two documents)",
    ),
    "kwic": Parameter(list, ["Kashmir", "China"], "words or phrases for keyword in context"),
    "top_n": Parameter(int, 20, "how many terms and actors to show"),
}


def shared(*names: str) -> dict[str, Parameter]:
    """The shared parameters ``names``, for a page's declaration."""
    return {name: SHARED[name] for name in names}


@cache
def pages() -> tuple[Page, ...]:
    """Every page: the built-in ones (:data:`MODULES`), then those of installed packages
    (:data:`ENTRY_POINT_GROUP`, by entry point name).

    Raises:
        PageError: an added page is not a :class:`Page`, its notebook is missing, or its
            name is taken.
    """
    found = [import_module(f".{module}", __name__).PAGE for module in MODULES]
    taken = {page.name for page in found}
    for entry, origin, items in added(ENTRY_POINT_GROUP, Page, PageError):
        for page in items:
            notebook = Path(page.notebook)
            if not notebook.is_absolute() or not notebook.is_file():
                raise PageError(
                    f"page {entry.name!r} ({entry.value}): its notebook {page.notebook} is not "
                    "a file (give its absolute path, e.g. Path(__file__).parent / 'page.ipynb')"
                )
            if page.name in taken:
                raise PageError(
                    f"page {entry.name!r} ({entry.value}): a page named {page.name!r} exists"
                )
            taken.add(page.name)
            found.append(replace(page, origin=origin))
    return tuple(found)


def pages_in(notebooks_dir: Path) -> tuple[Page, ...]:
    """Pages for the numbered notebooks of a folder of one's own (``01_x.ipynb``, ...),
    in order: to run other notebooks than the registry's."""
    return tuple(Page(path.name) for path in sorted(Path(notebooks_dir).glob("[0-9]*.ipynb")))


def page_parameters() -> dict[str, Parameter]:
    """The parameters the pages take, by name, in page order.

    Raises:
        PageError: two pages declare one name differently.
    """
    found: dict[str, Parameter] = {}
    for page in pages():
        for name, parameter in page.parameters.items():
            if found.setdefault(name, parameter) != parameter:
                raise PageError(
                    f"page {page.name}: parameter {name!r} is declared differently by another "
                    "page; declare it once (analysis.pages.SHARED) and name it in both"
                )
    return found
