"""CSV/TSV rows of a decision file, with the line each row starts on and normalised headers."""

from __future__ import annotations

import csv
from pathlib import Path

from alereview.errors import InputError


def header_key(name) -> str:
    """A header folded for lookup: ``"Published Year"`` -> ``"published_year"``."""
    return "_".join(str(name).strip().lower().replace("-", " ").split())


def read_rows(path):
    """Rows of a CSV (comma, semicolon or tab separated; UTF-8 with or without BOM).

    Returns
    -------
    list of (int, dict)
        The 1-based line each row starts on and the row, keyed by :func:`header_key` of the
        header; values stripped.

    Raises
    ------
    InputError
        When the file is not UTF-8, is empty, or a row has more cells than the header.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text ({error.reason} at byte {error.start}); save the export as UTF-8", path=path) from error
    if not text.strip():
        raise InputError("empty file", path=path)
    first_line = text.splitlines()[0]
    delimiter = max([",", "\t", ";"], key=first_line.count)
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    header = [header_key(h) for h in next(reader)]
    rows, start = [], reader.line_num + 1
    for cells in reader:
        if not any(c.strip() for c in cells):
            start = reader.line_num + 1
            continue
        if len(cells) > len(header):
            raise InputError(f"{len(cells)} cells but the header has {len(header)}", path=path, line=start)
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
        rows.append((start, row))
        start = reader.line_num + 1
    return rows


def first_of(row, *names) -> str:
    """The first non-empty value among ``names`` (header keys) in ``row``."""
    for name in names:
        value = row.get(name, "")
        if value:
            return value
    return ""


def require_columns(path, rows, header_names, *alternatives):
    """Raise InputError unless, for each group of alternatives, one column exists."""
    for group in alternatives:
        if not any(name in header_names for name in group):
            raise InputError(f"no {' or '.join(repr(g) for g in group)} column", path=path, line=1, field=group[0])
