"""The records a review had at each cutoff: what "new in this update" is measured against.

Each time the workflow builds ``records.tsv`` with a PubMed search, the identities of all its records
(every source: PubMed and every export) are kept beside the snapshot of the search's last
window, in ``<snapshot_dir>/<window_id>/review_records.tsv`` (columns ``source``,
``record_key``, ``title_key``; one row per record, sorted). An update's last window is new;
the window before it holds the ledger of the previous version. A record of the update is new
when its identity is not in that ledger (:func:`new_record_ids`), whatever its source — so
exports without entry dates (RIS has none) are counted as PubMed records are.

Identity is the record's :func:`alereview.identity.record_key` within its database, then
(for a record whose key changed, e.g. a DOI added in a re-export) its title key.
"""

from __future__ import annotations

import io
from collections import defaultdict
from pathlib import Path

import pandas as pd

from alereview.identity import first_author_surname, normalize_text, record_key, title_key
from alereview.logs import get_logger
from alereview.tsv import atomic_write_text
from alereview.errors import InputError

LOG = get_logger(__name__)

LEDGER = "review_records.tsv"
COLUMNS = ["source", "record_key", "title_key"]


def identities(records: pd.DataFrame) -> pd.DataFrame:
    """``source``, ``record_key``, ``title_key`` of each row of a records.tsv-like table (same order)."""
    rows = []
    for row in records.to_dict("records"):
        doi, pmid, title, year, authors = (str(row.get(name, "") or "") for name in ("doi", "pmid", "title", "year", "authors"))
        rows.append(
            {
                "source": str(row.get("source", "") or ""),
                "record_key": record_key(doi, pmid, title, year, authors),
                "title_key": title_key(normalize_text(title), year, first_author_surname(authors)),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def ledger_path(snapshot_dir, window_id) -> Path:
    """Where the ledger of the version whose last window is ``window_id`` is kept."""
    return Path(snapshot_dir) / str(window_id) / LEDGER


def write_ledger(records: pd.DataFrame, snapshot_dir, window_id) -> Path | None:
    """Keep the identities of ``records`` as the ledger of ``window_id`` (only when they changed).

    Returns the path, or None when the window's snapshot folder does not exist.
    """
    folder = Path(snapshot_dir) / str(window_id)
    if not window_id or not folder.is_dir():
        return None
    table = identities(records).sort_values(COLUMNS, kind="mergesort")
    buffer = io.StringIO()
    table.to_csv(buffer, sep="\t", index=False, lineterminator="\n")
    path = folder / LEDGER
    text = buffer.getvalue()
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        try:
            atomic_write_text(path, text)
        except OSError as error:
            LOG.warning(
                "%s: cannot keep this version's record identities (%s); a later update will count new records by entry date",
                path,
                error.strerror,
            )
            return None
        LOG.info("%s: the identities of %d records (the review at this cutoff)", path, len(table))
    return path


def read_ledger(path) -> pd.DataFrame | None:
    """A ledger, or None when it does not exist."""
    path = Path(path)
    if not path.is_file():
        return None
    table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise InputError(f"missing columns {missing}", path=path, line=1, field=missing[0])
    return table


def new_record_ids(records: pd.DataFrame, previous: pd.DataFrame) -> set:
    """``record_id`` of the records that are not in the ``previous`` ledger.

    A record matches an unused previous entry of the same source with the same record key,
    else one with the same title key; each previous entry matches one record at most.
    """
    by_key, by_title = defaultdict(list), defaultdict(list)
    for index, (source, key, title) in enumerate(zip(previous["source"], previous["record_key"], previous["title_key"])):
        by_key[(source, key)].append(index)
        by_title[(source, title)].append(index)
    used = set()

    def take(candidates) -> bool:
        for index in candidates:
            if index not in used:
                used.add(index)
                return True
        return False

    ids = identities(records)
    ids["record_id"] = list(records["record_id"].astype(str))
    rows = ids.to_dict("records")
    matched = [take(by_key[(row["source"], row["record_key"])]) for row in rows]
    return {row["record_id"] for row, done in zip(rows, matched) if not done and not take(by_title[(row["source"], row["title_key"])])}
