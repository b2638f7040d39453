"""The dictionaries of the feature pass: actors and eras, data a user may extend or replace.

Each is declared once here (:data:`DICTIONARIES`): the command line's ``--NAME FILE`` and
``--NAME-replace``, the run file's ``NAME`` and ``NAME_replace`` fields and the dictionary's
part of the feature key all follow from the declaration. Loading is imported only when a
dictionary is used, so reading the declarations costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class DictionaryOption:
    """A dictionary a user may extend or replace.

    Attributes:
        name: The option's name (``actors``): ``--actors FILE``, ``--actors-replace``.
        what: What it is, for help texts (``actor dictionary``).
        shipped: The file the package ships, for help texts.
        loader: ``module:function`` of ``load(path=None, *, extend=True)``: the shipped
            dictionary (no path), or a user's file, extending the shipped one or alone. The
            result has ``fingerprint()``, what the feature key covers of a user's file.
    """

    name: str
    what: str
    shipped: str
    loader: str

    def load(self, path: Path | str | None = None, *, extend: bool = True) -> Any:
        """The dictionary: the shipped one, or the user's file at ``path``.

        Raises:
            AnalysisError: the file cannot be used (the message names the file and entry).
        """
        module, function = self.loader.split(":")
        return getattr(import_module(module, __name__), function)(path, extend=extend)


#: The dictionaries of the feature pass, by name.
DICTIONARIES = {
    option.name: option
    for option in (
        DictionaryOption(
            "actors", "actor dictionary", "analysis/data/actors.yml", ".actors:load_actors"
        ),
        DictionaryOption("eras", "era dictionary", "analysis/data/eras.yml", ".eras:load_eras"),
    )
}
