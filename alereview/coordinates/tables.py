"""Reading coordinate tables (TSV, CSV, Excel) into the long table of foci.

A table has one row per focus and the columns of :data:`~alereview.coordinates.model.REQUIRED_COLUMNS`
(``study, experiment, contrast, x, y, z, space, n``) plus, optionally, ``direction``, ``table``,
``page`` and ``transform``; column names are case-insensitive; other columns are ignored (notes).
Every cell is read as text, so that :mod:`~alereview.coordinates.validate` can say which line and
field hold a bad value.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from alereview.coordinates.model import FOCI_COLUMNS, OPTIONAL_COLUMNS, REQUIRED_COLUMNS
from alereview.errors import InputError

EXCEL_SUFFIXES = (".xlsx", ".xlsm")


def _delimiter(path: Path, text: str) -> str:
    if path.suffix.lower() == ".csv":
        return ","
    if path.suffix.lower() in (".tsv", ".tab"):
        return "\t"
    first = text.splitlines()[0] if text else ""
    return "\t" if first.count("\t") >= first.count(",") else ","


def _records_from_text(path: Path):
    """(line number, cells) of a delimited text file; the header is line 1."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text ({error.reason} at byte {error.start}); save the table as UTF-8", path=path) from None
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(path, text))
    records = []
    previous_end = 0
    for cells in reader:
        # reader.line_num is the line the record *ended* on; a record starts after the last one.
        start, previous_end = previous_end + 1, reader.line_num
        if not cells or all(not c.strip() for c in cells):
            continue
        records.append((start, cells))
    return records


def _records_from_excel(path: Path, sheet=0):
    try:
        frame = pd.read_excel(path, sheet_name=sheet, header=None, dtype=str)
    except ImportError:
        raise InputError("reading Excel files needs openpyxl (pip install openpyxl), or save the sheet as CSV", path=path) from None
    records = []
    for index, values in enumerate(frame.itertuples(index=False), start=1):
        cells = ["" if pd.isna(v) else str(v) for v in values]
        while cells and not cells[-1].strip():
            cells.pop()
        if cells:
            records.append((index, cells))
    return records


def read_table(path) -> pd.DataFrame:
    """Read one coordinate table into the long table of foci (every value as text).

    Parameters
    ----------
    path : str or Path
        ``.tsv``/``.tab`` (tab), ``.csv`` (comma), ``.txt`` (sniffed) or ``.xlsx`` (first sheet).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`~alereview.coordinates.model.FOCI_COLUMNS`; ``source`` is ``path`` and
        ``line`` the line (or Excel row) of each focus.

    Raises
    ------
    InputError
        A missing required column, or a row whose number of cells differs from the header's.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", path=path)
    records = _records_from_excel(path) if path.suffix.lower() in EXCEL_SUFFIXES else _records_from_text(path)
    if not records:
        raise InputError("the table is empty; expected a header line and one line per focus", path=path)
    header_line, header = records[0]
    names = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise InputError(
            f"missing column(s) {missing}; a coordinate table needs {REQUIRED_COLUMNS} and may have {OPTIONAL_COLUMNS}",
            path=path,
            line=header_line,
            field=missing[0],
        )
    duplicated = sorted({n for n in names if n and names.count(n) > 1})
    if duplicated:
        raise InputError(f"column {duplicated[0]!r} appears twice in the header", path=path, line=header_line, field=duplicated[0])
    rows = []
    for line, cells in records[1:]:
        if len(cells) != len(names):
            raise InputError(
                f"wrong number of columns: found {len(cells)}, the header has {len(names)} (a stray tab/comma, or a missing cell?)",
                path=path,
                line=line,
            )
        values = dict(zip(names, (c.strip() for c in cells)))
        row = {c: values.get(c, "") for c in REQUIRED_COLUMNS + OPTIONAL_COLUMNS}
        row["source"], row["line"] = str(path), line
        rows.append(row)
    return pd.DataFrame(rows, columns=FOCI_COLUMNS)
