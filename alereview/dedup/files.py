"""Reading the inputs of deduplication and writing its four outputs.

Inputs may be CSV or TSV (by extension; otherwise sniffed from the header line), UTF-8 with
or without a byte-order mark, every cell read as text. The manual decisions file is only
ever read: writing an output over it is refused.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from alereview.dedup.pipeline import deduplicate
from alereview.errors import InputError
from alereview.tsv import read_tsv, write_json, write_tsv


def read_table(path, required=()) -> pd.DataFrame:
    """A CSV or TSV file as text columns; ``required`` columns must be present.

    Raises
    ------
    InputError
        When the file is missing, unreadable, or lacks a required column.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", path=path)
    with open(path, encoding="utf-8-sig") as handle:
        header = handle.readline()
    suffix = path.suffix.lower()
    sep = "," if suffix == ".csv" else "\t" if suffix in (".tsv", ".tab") else ("\t" if "\t" in header else ",")
    try:
        table = read_tsv(path, sep=sep, encoding="utf-8-sig")
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read as {'CSV' if sep == ',' else 'TSV'}: {error}", path=path) from None
    table.columns = [str(c).strip() for c in table.columns]
    for column in required:
        if column not in table.columns:
            raise InputError(f"missing column (found: {', '.join(table.columns)})", path=path, line=1, field=column)
    return table


def read_manual_decisions(path) -> pd.DataFrame | None:
    """The reviewer's decisions (``record_id_a``, ``record_id_b``, ``decision``), or None."""
    if not path:
        return None
    return read_table(path, required=("record_id_a", "record_id_b", "decision"))


def read_previous_clusters(path) -> pd.DataFrame | None:
    """A ``clusters.tsv`` of an earlier run (``record_id``, ``cluster_id``), or None."""
    if not path:
        return None
    return read_table(path, required=("record_id", "cluster_id"))


def write_outputs(result, paths: dict, protected=()) -> None:
    """Write the four outputs of :func:`~alereview.dedup.pipeline.deduplicate`.

    Parameters
    ----------
    result : DedupResult
    paths : dict
        ``clusters``, ``unique``, ``uncertain``, ``counts`` -> path.
    protected : iterable of path
        Input files (the manual decisions) that must never be written.
    """
    guarded = {Path(p).resolve() for p in protected if p}
    for name, path in paths.items():
        if Path(path).resolve() in guarded:
            raise InputError(f"refusing to write the {name} output over an input file", path=path)
    write_tsv(result.clusters, paths["clusters"])
    write_tsv(result.unique, paths["unique"])
    write_tsv(result.uncertain, paths["uncertain"])
    write_json(paths["counts"], result.counts)


def deduplicate_file(records_path, out_paths: dict, settings: dict | None = None):
    """Deduplicate the records file with the ``dedup`` config section; write the outputs.

    Parameters
    ----------
    records_path : str or Path
        ``records.tsv`` (or any CSV/TSV with its columns).
    out_paths : dict
        ``clusters``, ``unique``, ``uncertain``, ``counts`` -> path.
    settings : dict, optional
        The ``dedup`` section of the config (defaults when absent).

    Returns
    -------
    DedupResult
    """

    settings = settings or {}
    manual_path = settings.get("manual_decisions") or ""
    records = read_table(records_path, required=("record_id",))
    blocking = settings.get("blocking") or {}
    result = deduplicate(
        records,
        source_priority=settings.get("source_priority") or [],
        keep=settings.get("keep") or "source_priority",
        manual=read_manual_decisions(manual_path),
        thresholds=settings.get("thresholds") or None,
        previous=read_previous_clusters(settings.get("previous_clusters") or ""),
        max_block=int(blocking.get("max_block", 50)),
        window=int(blocking.get("window", 10)),
        records_path=str(records_path),
        manual_path=manual_path or None,
        review_share=float(settings.get("review_share", 0.01)),
    )
    write_outputs(result, out_paths, protected=[manual_path, records_path, settings.get("previous_clusters") or ""])
    return result
