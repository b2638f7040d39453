"""The package's one exception base class.

Every error the package raises on purpose (a dictionary that cannot be used, an output
folder it must not write, a bad parameter, a failed notebook) is an :class:`AnalysisError`:
its message is one line for the user, naming the file (and entry) and the problem, and its
``exit_code`` is what the command line exits with (see ``analysis/cli.py``).
"""

from __future__ import annotations


class AnalysisError(Exception):
    """An error said to the user in one line; ``exit_code`` is the command's exit code
    (2: a usage error, unless a subclass says otherwise)."""

    exit_code = 2
