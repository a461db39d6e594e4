"""Errors that tell a user exactly where their input is wrong."""

from __future__ import annotations

from pathlib import Path


class InputError(ValueError):
    """Bad user input, located by file, line or record, and field.

    Parameters
    ----------
    message : str
        What is wrong and, where possible, what was expected.
    path : str or Path, optional
        The file that holds the bad input.
    line : int, optional
        1-based line number in ``path``.
    record : str, optional
        The record (id, index or name) that holds the bad input, when lines do not apply.
    field : str, optional
        The column, tag or key.

    Examples
    --------
    >>> str(InputError("not a number: 'abc'", path="foci.tsv", line=12, field="x"))
    "foci.tsv, line 12, field 'x': not a number: 'abc'"
    """

    def __init__(self, message, path=None, line=None, record=None, field=None):
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line
        self.record = record
        self.field = field
        super().__init__(self._format())

    def _format(self):
        where = []
        if self.path is not None:
            where.append(self.path)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.record is not None:
            where.append(f"record {self.record}")
        if self.field is not None:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ConfigError(ValueError):
    """A configuration value that is missing, of the wrong type, unknown, or points nowhere.

    Parameters
    ----------
    key : str
        Dotted path of the key, e.g. ``search.pubmed.datetype``.
    message : str
        What was found and what was expected.
    """

    def __init__(self, key, message):
        self.key = key
        self.message = message
        super().__init__(f"config key '{key}': {message}")


class ServiceFailure(RuntimeError):
    """A service the review depends on (NCBI E-utilities) failed for good, after its retries.

    Not a bug and not the user's input: a rule ends with this one message, and what was fetched
    before the failure is kept, so running again resumes from it.
    """


def display_path(path) -> str:
    """Return ``path`` as given, for messages (no resolution, so users recognise it)."""
    return str(Path(path))
