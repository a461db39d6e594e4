"""Frozen PubMed searches: the raw E-utilities replies of one query over one date window.

A snapshot is what a live search fetched, saved verbatim so that later runs replay it offline
and give the same records. Layout (other tools write it too; fields may be added, never renamed)::

    <snapshot_dir>/<window_id>/manifest.json
    <snapshot_dir>/<window_id>/esearch.xml             verbatim ESearch reply for the window
    <snapshot_dir>/<window_id>/efetch/batch_00001.xml  verbatim EFetch PubMed XML, one per batch
    <snapshot_dir>/<window_id>/esearch/slice_00001.xml one ESearch reply per date slice, only
                                                       when the window held more than 9,999 hits

``window_id = f"{datetype}_{mindate:%Y%m%d}_{maxdate:%Y%m%d}_{sha1(normalised query)[:10]}"``
where the normalised query is ``" ".join(query.split())``. ``manifest.json`` holds ``query``,
``datetype``, ``mindate`` and ``maxdate`` (``YYYY/MM/DD``), ``count``, ``query_translation``,
``pmids`` (ESearch order), ``batches`` (``file`` and ``pmids`` of each), ``searched_on``,
``biopython`` and ``complete``; a split window adds ``slices`` (``mindate``, ``maxdate``,
``count``, ``esearch`` file, ``query_translation``). A live search writes its batches as they
arrive with ``complete: false``, so an interrupted run resumes; only a complete snapshot is
replayed, and a complete snapshot is never overwritten.

Updates (a later cutoff)
------------------------
Windows are closed date intervals of the entry date (EDAT), which PubMed never changes, so the
snapshots of consecutive windows hold disjoint records. To update a review searched up to
``old_cutoff``, keep its snapshot and search only ``(old_cutoff + 1 day) .. new_cutoff``:
:func:`plan_windows` returns the complete snapshots that tile ``start .. cutoff`` from ``start``
(longest first) plus the one window left to search live; the records of all windows are then
concatenated and de-duplicated by PMID (a safeguard: EDAT windows do not overlap). The new
window's snapshot sits beside the old one, so the update is itself replayable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from alereview.errors import InputError
from alereview.tsv import atomic_write_bytes, write_json

MANIFEST = "manifest.json"
ESEARCH = "esearch.xml"
_COUNT = re.compile(rb"<Count>\s*(\d+)\s*</Count>")


def parse_date(value) -> dt.date:
    """A date from ``datetime.date``, ``YYYY-MM-DD`` or ``YYYY/MM/DD``.

    Examples
    --------
    >>> parse_date("2024/03/21")
    datetime.date(2024, 3, 21)
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip().replace("/", "-")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as error:
        raise ValueError(f"not a date (YYYY-MM-DD or YYYY/MM/DD): {value!r}") from error


def eutils_date(value) -> str:
    """A date as E-utilities want it, ``YYYY/MM/DD``."""
    return parse_date(value).strftime("%Y/%m/%d")


def normalize_query(query: str) -> str:
    """The query with runs of white space collapsed, as hashed in :func:`window_id`."""
    return " ".join(str(query).split())


def query_hash(query: str) -> str:
    """First 10 hex digits of the SHA-1 of the normalised query."""
    return hashlib.sha1(normalize_query(query).encode()).hexdigest()[:10]


def window_id(query, datetype, mindate, maxdate) -> str:
    """The directory name of one query's snapshot over one date window.

    Examples
    --------
    >>> window_id("reading  AND\\n children", "edat", "1800-01-01", "2024/03/21")
    'edat_18000101_20240321_3947ef79b2'
    """
    low, high = parse_date(mindate), parse_date(maxdate)
    return f"{datetype}_{low:%Y%m%d}_{high:%Y%m%d}_{query_hash(query)}"


def batch_file(index: int) -> str:
    """Relative path of the ``index``-th (1-based) EFetch batch."""
    return f"efetch/batch_{index:05d}.xml"


def slice_file(index: int) -> str:
    """Relative path of the ``index``-th (1-based) date slice's ESearch reply."""
    return f"esearch/slice_{index:05d}.xml"


def esearch_count(esearch_xml: bytes) -> int:
    """The ``<Count>`` of an ESearch reply."""
    match = _COUNT.search(esearch_xml)
    if match is None:
        raise ValueError("ESearch reply without <Count>")
    return int(match.group(1))


def _biopython_version() -> str:
    import Bio

    return Bio.__version__


class SnapshotWriter:
    """Write a snapshot piece by piece, so that an interrupted live search can resume.

    The manifest is rewritten (atomically, ``complete: false``) after every batch;
    :meth:`finish` marks it complete. An existing complete snapshot is never touched.

    Parameters
    ----------
    snapshot_dir : str or Path
        The directory that holds one sub-directory per window.
    query, datetype, mindate, maxdate
        The search.
    searched_on : str
        ``YYYY-MM-DD``, the day of the live search.
    """

    def __init__(self, snapshot_dir, query, datetype, mindate, maxdate, searched_on):
        self.path = Path(snapshot_dir) / window_id(query, datetype, mindate, maxdate)
        existing = self.path / MANIFEST
        if existing.is_file() and json.loads(existing.read_text(encoding="utf-8")).get("complete"):
            raise FileExistsError(f"{self.path}: a complete snapshot exists; it is never overwritten")
        self.manifest = {
            "query": str(query),
            "datetype": datetype,
            "mindate": eutils_date(mindate),
            "maxdate": eutils_date(maxdate),
            "count": None,
            "query_translation": "",
            "pmids": [],
            "batches": [],
            "searched_on": searched_on,
            "biopython": _biopython_version(),
            "complete": False,
        }

    def write_esearch(self, esearch_xml: bytes, query_translation: str, count=None) -> None:
        """Save the window's ESearch reply (verbatim)."""
        atomic_write_bytes(self.path / ESEARCH, esearch_xml)
        self.manifest["query_translation"] = query_translation
        self.manifest["count"] = esearch_count(esearch_xml) if count is None else int(count)

    def write_slice(self, index, mindate, maxdate, esearch_xml: bytes, query_translation: str) -> None:
        """Save the ESearch reply of the ``index``-th date slice of a split window."""
        atomic_write_bytes(self.path / slice_file(index), esearch_xml)
        slices = self.manifest.setdefault("slices", [])
        entry = {
            "mindate": eutils_date(mindate),
            "maxdate": eutils_date(maxdate),
            "count": esearch_count(esearch_xml),
            "esearch": slice_file(index),
            "query_translation": query_translation,
        }
        slices[:] = [s for s in slices if s["esearch"] != entry["esearch"]] + [entry]
        slices.sort(key=lambda s: s["esearch"])

    def set_pmids(self, pmids) -> None:
        """The window's PMIDs in ESearch order (all slices, in slice order)."""
        self.manifest["pmids"] = [str(p) for p in pmids]

    def write_batch(self, index: int, pmids, efetch_xml: bytes) -> None:
        """Save one EFetch reply and record it in the (still incomplete) manifest."""
        name = batch_file(index)
        atomic_write_bytes(self.path / name, efetch_xml)
        batches = [b for b in self.manifest["batches"] if b["file"] != name]
        batches.append({"file": name, "pmids": [str(p) for p in pmids]})
        self.manifest["batches"] = sorted(batches, key=lambda b: b["file"])
        self._save()

    def keep_batch(self, index: int, pmids) -> None:
        """Record a batch an interrupted run already saved (its file is kept as it is)."""
        name = batch_file(index)
        batches = [b for b in self.manifest["batches"] if b["file"] != name]
        batches.append({"file": name, "pmids": [str(p) for p in pmids]})
        self.manifest["batches"] = sorted(batches, key=lambda b: b["file"])
        self._save()

    def _save(self) -> None:
        write_json(self.path / MANIFEST, self.manifest)

    def finish(self) -> Path:
        """Check that the batches hold every PMID once, in order, and mark the snapshot complete."""
        fetched = [p for b in self.manifest["batches"] for p in b["pmids"]]
        if fetched != self.manifest["pmids"]:
            raise ValueError(
                f"{self.path}: the batches hold {len(fetched)} PMIDs, not the {len(self.manifest['pmids'])} of the search, in order"
            )
        if self.manifest["count"] != len(fetched):
            raise ValueError(f"{self.path}: ESearch counted {self.manifest['count']} records, the batches hold {len(fetched)}")
        self.manifest["complete"] = True
        self._save()
        return self.path


def write_snapshot(
    snapshot_dir, query, datetype, mindate, maxdate, esearch_xml: bytes, batches, query_translation: str, searched_on: str, *, slices=None
) -> Path:
    """Write a complete snapshot in one call.

    Parameters
    ----------
    snapshot_dir : str or Path
        Directory holding one sub-directory per window.
    query : str
        The PubMed query as searched.
    datetype : {'edat', 'pdat'}
        The date field of the window.
    mindate, maxdate : str or datetime.date
        The window, inclusive (``YYYY-MM-DD`` or ``YYYY/MM/DD``).
    esearch_xml : bytes
        The verbatim ESearch reply for the window (``usehistory=y``).
    batches : list of (list of str, bytes)
        The PMIDs asked for and the verbatim EFetch reply of each batch, in ESearch order.
    query_translation : str
        ESearch's ``QueryTranslation``.
    searched_on : str
        The day of the search, ``YYYY-MM-DD``.
    slices : list of dict, optional
        For a split window: ``{"mindate", "maxdate", "esearch_xml", "query_translation"}``.

    Returns
    -------
    Path
        The snapshot's directory.

    Raises
    ------
    FileExistsError
        When a complete snapshot of this window exists.
    """
    writer = SnapshotWriter(snapshot_dir, query, datetype, mindate, maxdate, searched_on)
    writer.write_esearch(esearch_xml, query_translation)
    for index, item in enumerate(slices or [], start=1):
        writer.write_slice(index, item["mindate"], item["maxdate"], item["esearch_xml"], item["query_translation"])
    writer.set_pmids([p for pmids, _ in batches for p in pmids])
    for index, (pmids, xml) in enumerate(batches, start=1):
        writer.write_batch(index, pmids, xml)
    return writer.finish()


@dataclass
class Snapshot:
    """A snapshot read back: its manifest and the paths of its replies."""

    path: Path
    manifest: dict = field(repr=False)
    batch_paths: list = field(default_factory=list, repr=False)

    @property
    def complete(self) -> bool:
        return bool(self.manifest.get("complete"))

    def esearch_xml(self) -> bytes:
        return (self.path / ESEARCH).read_bytes()

    def batches(self):
        """Yield ``(pmids, efetch_xml)`` per batch, in order."""
        for entry, path in zip(self.manifest["batches"], self.batch_paths):
            yield entry["pmids"], path.read_bytes()


def read_snapshot(path) -> Snapshot:
    """Read a snapshot directory (complete or not) and check that its files are there.

    Raises
    ------
    InputError
        When the manifest is unreadable or names a file that is missing.
    """
    path = Path(path)
    manifest_path = path / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(f"unreadable snapshot manifest: {error}", path=manifest_path) from error
    for key in ("query", "datetype", "mindate", "maxdate", "pmids", "batches"):
        if key not in manifest:
            raise InputError("missing key", path=manifest_path, field=key)
    batch_paths = []
    for number, entry in enumerate(manifest["batches"], start=1):
        batch_path = path / entry["file"]
        if not batch_path.is_file():
            raise InputError(f"batch file missing: {entry['file']}", path=manifest_path, record=f"batch {number}", field="file")
        batch_paths.append(batch_path)
    return Snapshot(path, manifest, batch_paths)


def find_snapshot(snapshot_dir, query, datetype, mindate, maxdate):
    """The complete snapshot of exactly this query and window, or None."""
    path = Path(snapshot_dir) / window_id(query, datetype, mindate, maxdate)
    if not (path / MANIFEST).is_file():
        return None
    snapshot = read_snapshot(path)
    return snapshot if snapshot.complete else None


def plan_windows(snapshot_dir, query, datetype, start, cutoff):
    """Cover ``start .. cutoff`` with complete snapshots of this query, and what is left.

    Parameters
    ----------
    snapshot_dir : str or Path
    query, datetype : str
    start, cutoff : str or datetime.date
        The window wanted, inclusive.

    Returns
    -------
    snapshots : list of Snapshot
        Complete snapshots that tile the window from ``start`` without gaps, in date order.
    remainder : tuple of (datetime.date, datetime.date) or None
        The window still to search live (``day after the last snapshot .. cutoff``).
    """
    start, cutoff = parse_date(start), parse_date(cutoff)
    directory = Path(snapshot_dir)
    available = {}
    prefix, suffix = f"{datetype}_", f"_{query_hash(query)}"
    if directory.is_dir():
        for sub in sorted(directory.iterdir()):
            name = sub.name
            if not (name.startswith(prefix) and name.endswith(suffix) and (sub / MANIFEST).is_file()):
                continue
            snapshot = read_snapshot(sub)
            if not snapshot.complete or normalize_query(snapshot.manifest["query"]) != normalize_query(query):
                continue
            low, high = parse_date(snapshot.manifest["mindate"]), parse_date(snapshot.manifest["maxdate"])
            if high <= cutoff and (low not in available or parse_date(available[low].manifest["maxdate"]) < high):
                available[low] = snapshot
    chosen, cursor = [], start
    while cursor in available and cursor <= cutoff:
        snapshot = available[cursor]
        chosen.append(snapshot)
        cursor = parse_date(snapshot.manifest["maxdate"]) + dt.timedelta(days=1)
    remainder = None if cursor > cutoff else (cursor, cutoff)
    return chosen, remainder
