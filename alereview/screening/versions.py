"""Which records an update of the search brought: the versions of a review.

A review searched up to one cutoff and later updated to a new one has two versions (PRISMA
2020's "previous studies" and "new studies"). The search stage covers ``start .. cutoff`` with
entry-date (EDAT) windows — the earlier window's frozen snapshot plus one new window per update
(:mod:`alereview.search.snapshot`) — and ``results/search/pubmed.json`` lists them. The *previous
cutoff* is the last day of the window before the last one; with one window there is no update.

A record is new when it is not among the previous version's records, by record identity,
whatever its source: the search stage keeps the identities of all records of each version
beside its last window's snapshot (:mod:`alereview.search.ledger`), so a PubMed record of the
new window and a record of a re-exported RIS file without entry dates are told apart from the
earlier ones alike. Only when that ledger is missing (a review first run before it existed)
does the split fall back, with a warning, to the last window's PMIDs and entry dates after the
previous cutoff. A deduplicated record (cluster) is new when all its records are new: a new
record that duplicates one seen before belongs to the earlier version, keeps the earlier
decisions, and is counted as a duplicate of the update.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from alereview.errors import InputError
from alereview.logs import get_logger
from alereview.search.ledger import ledger_path, new_record_ids, read_ledger

LOG = get_logger(__name__)


@dataclass
class Versions:
    """The split of records and clusters between the previous version and this update.

    Attributes
    ----------
    previous_cutoff : datetime.date or None
        None when the review has not been updated.
    new_record_ids : set of str
    new_keys : set of str
        Record keys of clusters made only of new records.
    """

    previous_cutoff: dt.date | None = None
    new_record_ids: set = field(default_factory=set)
    new_keys: set = field(default_factory=set)

    @property
    def is_update(self) -> bool:
        return self.previous_cutoff is not None


def _date(text):
    try:
        return dt.date.fromisoformat(str(text).strip().replace("/", "-")[:10])
    except ValueError:
        return None


def search_windows(pubmed_json) -> list:
    """The windows of ``pubmed.json`` in date order (``window_id``, ``mindate``, ``maxdate``)."""
    path = Path(pubmed_json)
    try:
        provenance = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"unreadable search provenance: {error}", path=path) from error
    windows = provenance.get("windows", [])
    for number, window in enumerate(windows, start=1):
        for key in ("mindate", "maxdate"):
            if _date(window.get(key, "")) is None:
                raise InputError(f"not a date: {window.get(key)!r}", path=path, record=f"window {number}", field=key)
    return sorted(windows, key=lambda w: _date(w["mindate"]))


def window_pmids(snapshot_dir, window) -> set:
    """The PMIDs of one window's snapshot (empty when the snapshot is not there)."""
    manifest = Path(snapshot_dir) / str(window.get("window_id", "")) / "manifest.json"
    if not window.get("window_id") or not manifest.is_file():
        return set()
    return {str(p) for p in json.loads(manifest.read_text(encoding="utf-8")).get("pmids", [])}


def split_versions(members: pd.DataFrame, unique: pd.DataFrame, windows, snapshot_dir=None) -> Versions:
    """Split records and clusters into the previous version and this update.

    Parameters
    ----------
    members : pandas.DataFrame
        One row per record: ``record_id``, ``cluster_id``, ``source``, ``doi``, ``pmid``, ``title``,
        ``year``, ``authors``, ``entry_date``.
    unique : pandas.DataFrame
        One row per cluster: ``cluster_id``, ``record_key``.
    windows : list of dict
        :func:`search_windows`.
    snapshot_dir : str or Path, optional
        Where the windows' snapshots (and the versions' record ledgers) are.

    Returns
    -------
    Versions
    """
    if len(windows) < 2:
        return Versions()
    previous_cutoff = _date(windows[-2]["maxdate"])
    previous = read_ledger(ledger_path(snapshot_dir, windows[-2].get("window_id", ""))) if snapshot_dir else None
    if previous is not None:
        new_ids = new_record_ids(members, previous)
    else:
        LOG.warning(
            "no list of the previous version's records (%s): new records are told by the last search "
            "window's PMIDs and by entry dates after %s; records without an entry date (e.g. RIS exports) "
            "count as previous ones",
            ledger_path(snapshot_dir or ".", windows[-2].get("window_id", "")),
            previous_cutoff,
        )
        new_ids = _new_by_date(members, previous_cutoff, snapshot_dir, windows)
    old_clusters = {row["cluster_id"] for row in members.to_dict("records") if str(row["record_id"]) not in new_ids}
    new_keys = {row["record_key"] for row in unique.to_dict("records") if row["cluster_id"] not in old_clusters}
    return Versions(previous_cutoff, new_ids, new_keys)


def _new_by_date(members, previous_cutoff, snapshot_dir, windows) -> set:
    """The fallback without a ledger: last window's PMIDs, or an entry date after the cutoff."""
    last_pmids = window_pmids(snapshot_dir, windows[-1]) if snapshot_dir else set()
    new_ids = set()
    for row in members.to_dict("records"):
        pmid = str(row.get("pmid", "") or "").strip()
        entered = _date(row.get("entry_date", ""))
        if (pmid and pmid in last_pmids and str(row.get("source", "")) == "PubMed") or (entered is not None and entered > previous_cutoff):
            new_ids.add(str(row["record_id"]))
    return new_ids
