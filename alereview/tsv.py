"""Deterministic, atomic reading and writing of the workflow's tables.

Every table the workflow writes goes through :func:`write_tsv` so that two runs with the
same inputs give byte-identical files: fixed column order, fixed float format, ``\\n`` line
endings, UTF-8 without BOM, and an atomic rename so that a crash never leaves half a file.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from alereview.errors import InputError

FLOAT_FORMAT = "%.10g"


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def atomic_write_bytes(path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename.

    Parameters
    ----------
    path : str or Path
        Destination; its parent directories are created.
    data : bytes
        The full content.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        # mkstemp creates 0600 files; give the result the permissions a plain open() would.
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def atomic_write_text(path, text: str) -> None:
    """Write ``text`` (UTF-8, no BOM) to ``path`` atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))


def write_json(path, obj) -> None:
    """Write ``obj`` as sorted, indented JSON, atomically and deterministically."""
    atomic_write_text(path, json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False) + "\n")


def read_json(path):
    """Read a JSON file."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def write_tsv(df: pd.DataFrame, path, columns=None) -> None:
    """Write a table as TSV, deterministically and atomically.

    Parameters
    ----------
    df : pandas.DataFrame
        The table. Missing values are written as empty cells.
    path : str or Path
        Destination.
    columns : list of str, optional
        Column order; defaults to the frame's own.
    """
    if columns is not None:
        df = df.loc[:, list(columns)]
    text = df.to_csv(sep="\t", index=False, float_format=FLOAT_FORMAT, lineterminator="\n", na_rep="")
    atomic_write_text(path, text)


def read_tsv(path, **kwargs) -> pd.DataFrame:
    """Read a TSV written by :func:`write_tsv`, every column as text, empty cells as ``""``.

    Keyword arguments go to :func:`pandas.read_csv` and override these defaults.
    """
    options = dict(sep="\t", dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
    options.update(kwargs)
    try:
        return pd.read_csv(path, **options)
    except pd.errors.EmptyDataError:
        raise InputError("the file is empty: expected a header line and rows", path=path, line=1) from None
    except pd.errors.ParserError as error:
        raise InputError(f"not a well-formed table ({error})", path=path) from None
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text (byte {error.start}): save it as UTF-8", path=path) from None
