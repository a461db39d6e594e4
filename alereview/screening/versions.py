"""Which records an update of the search brought: the versions of a review.

A review searched up to one cutoff and later updated to a new one has two versions (PRISMA
2020's "previous studies" and "new studies"). The search stage covers ``start .. cutoff`` with
entry-date (EDAT) windows — the earlier window's frozen snapshot plus one new window per update
(:mod:`alereview.search.snapshot`) — and ``results/search/pubmed.json`` lists them. The *previous
cutoff* is the last day of the window before the last one; with one window there is no update.

A record is new when it came from the last window: a PubMed record whose PMID the last
window's snapshot lists, or (for exports of other databases, re-exported for the update) whose
entry date is after the previous cutoff. A deduplicated record (cluster) is new when all its
records are new: a new record that duplicates one seen before belongs to the earlier version,
keeps the earlier decisions, and is counted as a duplicate of the update.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from alereview.errors import InputError


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
        One row per record: ``record_id``, ``cluster_id``, ``source``, ``pmid``, ``entry_date``.
    unique : pandas.DataFrame
        One row per cluster: ``cluster_id``, ``record_key``.
    windows : list of dict
        :func:`search_windows`.
    snapshot_dir : str or Path, optional
        Where the windows' snapshots are (for their PMID lists).

    Returns
    -------
    Versions
    """
    if len(windows) < 2:
        return Versions()
    previous_cutoff = _date(windows[-2]["maxdate"])
    last_pmids = window_pmids(snapshot_dir, windows[-1]) if snapshot_dir else set()
    new_ids = set()
    for row in members.to_dict("records"):
        pmid = str(row.get("pmid", "") or "").strip()
        entered = _date(row.get("entry_date", ""))
        if (pmid and pmid in last_pmids and str(row.get("source", "")) == "PubMed") or \
                (entered is not None and entered > previous_cutoff):
            new_ids.add(str(row["record_id"]))
    old_clusters = {row["cluster_id"] for row in members.to_dict("records") if str(row["record_id"]) not in new_ids}
    new_keys = {row["record_key"] for row in unique.to_dict("records") if row["cluster_id"] not in old_clusters}
    return Versions(previous_cutoff, new_ids, new_keys)
