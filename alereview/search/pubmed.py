"""A PubMed search over a date window: replayed from snapshots, or live, resumable, and split.

:func:`search_pubmed` covers ``mindate .. maxdate`` with the complete snapshots that exist for
the query (see :mod:`alereview.search.snapshot`, including how updates reuse an earlier window)
and searches what is left live: one ESearch with the history server; when it counts more than
9,999 hits, the window is halved by date, recursively, until each slice fits; then EFetch in
batches, each batch saved in the snapshot as soon as it arrives and checked (PMIDs returned =
PMIDs asked). A re-run after a failure redoes the ESearch (history sessions expire) and fetches
only the batches not already saved with the same PMIDs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from alereview.errors import InputError
from alereview.logs import get_logger
from alereview.redaction import protect
from alereview.search.entrez import ESEARCH_CAP, EntrezClient, check_efetch, parse_esearch
from alereview.search.pubmed_xml import parse_pubmed_xml
from alereview.search.ratelimit import EntrezFailure, TransientError
from alereview.search.snapshot import SnapshotWriter, batch_file, eutils_date, parse_date, plan_windows, read_snapshot, window_id

LOG = protect(get_logger(__name__))


@dataclass
class Slice:
    """A date slice whose hits fit under ESearch's cap, with its history-server session."""

    mindate: dt.date
    maxdate: dt.date
    reply: object


@dataclass
class WindowResult:
    """What one window contributed: its manifest facts and how it was obtained."""

    window_id: str
    mode: str  # "snapshot" (replayed), "live" or "resumed"
    manifest: dict
    records: list = field(default_factory=list)
    batches_fetched: int = 0
    batches_reused: int = 0


def split_slices(client: EntrezClient, query, datetype, mindate, maxdate, cap=ESEARCH_CAP, first=None):
    """ESearch slices of ``mindate .. maxdate``, halved by date until each has ≤ ``cap`` hits.

    Parameters
    ----------
    first : ESearchReply, optional
        The window's ESearch reply when already made.

    Returns
    -------
    list of Slice
        In date order; slices with no hits are dropped.

    Raises
    ------
    EntrezFailure
        When a single day holds more than ``cap`` hits (dates cannot split it further).
    """
    low, high = parse_date(mindate), parse_date(maxdate)
    reply = first or client.esearch(query, datetype, low, high, what=f"ESearch {eutils_date(low)}..{eutils_date(high)}")
    if reply.count <= cap:
        return [Slice(low, high, reply)] if reply.count else []
    if low == high:
        raise EntrezFailure(
            f"ESearch {eutils_date(low)}: {reply.count} hits in one day, more than the {cap} PubMed returns; narrow the query"
        )
    middle = low + (high - low) // 2
    LOG.info("%d hits in %s..%s: splitting at %s", reply.count, low, high, middle)
    return split_slices(client, query, datetype, low, middle, cap) + split_slices(
        client, query, datetype, middle + dt.timedelta(days=1), high, cap
    )


def _previous_batches(path) -> dict:
    """Batches an interrupted run saved in ``path``: file → PMIDs."""
    if not (path / "manifest.json").is_file():
        return {}
    try:
        snapshot = read_snapshot(path)
    except InputError as error:  # an unreadable partial snapshot is simply not reused
        LOG.warning("%s: earlier partial snapshot not reused (%s)", path, error)
        return {}
    return {entry["file"]: entry["pmids"] for entry in snapshot.manifest["batches"]}


def fetch_window(
    client: EntrezClient, snapshot_dir, query, datetype, mindate, maxdate, batch_size, searched_on, cap=ESEARCH_CAP
) -> WindowResult:
    """Search one window live, saving (or completing) its snapshot batch by batch."""
    writer = SnapshotWriter(snapshot_dir, query, datetype, mindate, maxdate, searched_on)
    previous = _previous_batches(writer.path)
    label = f"{eutils_date(mindate)}..{eutils_date(maxdate)}"
    window = client.esearch(query, datetype, mindate, maxdate, what=f"ESearch {label}")
    writer.write_esearch(window.raw, window.query_translation)
    LOG.info("ESearch %s: %d records", label, window.count)
    slices = split_slices(client, query, datetype, mindate, maxdate, cap, first=window)
    if len(slices) > 1 or (slices and slices[0].reply is not window):
        for number, part in enumerate(slices, start=1):
            writer.write_slice(number, part.mindate, part.maxdate, part.reply.raw, part.reply.query_translation)
    plan = []  # (slice, retstart, pmids)
    for part in slices:
        if len(part.reply.pmids) != part.reply.count:
            raise EntrezFailure(
                f"ESearch {part.mindate}..{part.maxdate}: counted {part.reply.count} but listed {len(part.reply.pmids)} PMIDs"
            )
        for start in range(0, part.reply.count, batch_size):
            plan.append((part, start, part.reply.pmids[start : start + batch_size]))
    writer.set_pmids([p for _, _, pmids in plan for p in pmids])
    result = WindowResult(window_id(query, datetype, mindate, maxdate), "live", writer.manifest)
    done = 0
    for number, (part, start, pmids) in enumerate(plan, start=1):
        name = batch_file(number)
        done += len(pmids)
        if previous.get(name) == pmids and _batch_is_intact(writer.path / name, pmids):
            writer.keep_batch(number, pmids)
            result.batches_reused += 1
            LOG.info("batch %d of %d: kept from the interrupted run (%d of %d records)", number, len(plan), done, window.count)
            continue
        what = f"EFetch batch {number} of {len(plan)} ({part.mindate}..{part.maxdate}, records {start + 1}-{start + len(pmids)})"
        xml = client.efetch_history(part.reply.webenv, part.reply.query_key, start, pmids, what)
        writer.write_batch(number, pmids, xml)
        result.batches_fetched += 1
        LOG.info("%s: fetched (%d of %d records)", what, done, window.count)
    writer.manifest["retries"] = client.retries.count
    writer.finish()
    result.mode = "resumed" if result.batches_reused else "live"
    return result


def _batch_is_intact(path, pmids) -> bool:
    try:
        check_efetch(path.read_bytes(), pmids)
    except (OSError, TransientError):
        return False
    return True


def records_of(snapshot_path) -> list:
    """Records of a snapshot's batches, in ESearch order."""
    snapshot = read_snapshot(snapshot_path)
    records = []
    for (pmids, xml), path in zip(snapshot.batches(), snapshot.batch_paths):
        try:
            by_pmid = {r["pmid"]: r for r in parse_pubmed_xml(xml)}
        except Exception as error:
            raise InputError(f"unreadable PubMed XML: {error}", path=path) from error
        missing = [p for p in pmids if p not in by_pmid]
        if missing:
            raise InputError(f"PMIDs listed in the manifest are not in the batch: {missing[:5]}", path=path, field="pmids")
        for pmid in pmids:
            records.append(dict(by_pmid[pmid], source_file=str(path)))
    return records


def search_pubmed(query, datetype, mindate, maxdate, snapshot_dir, client_factory=None, batch_size=500, searched_on=None) -> tuple:
    """Records and provenance of a PubMed search, offline wherever snapshots cover the window.

    Parameters
    ----------
    query : str
    datetype : {'edat', 'pdat'}
    mindate, maxdate : str or datetime.date
        The window, inclusive.
    snapshot_dir : str or Path
        Where snapshots are read and new ones written.
    client_factory : callable, optional
        Returns an :class:`EntrezClient`; called only when part of the window must go live.
    batch_size : int
        PMIDs per EFetch.
    searched_on : str, optional
        The day of a live search (default: today, UTC).

    Returns
    -------
    records : list of dict
        Unique by PMID, windows in date order, ESearch order within a window.
    provenance : dict
        For ``results/search/pubmed.json`` (no secrets).
    """
    snapshots, remainder = plan_windows(snapshot_dir, query, datetype, mindate, maxdate)
    windows = [WindowResult(s.path.name, "snapshot", s.manifest) for s in snapshots]
    client = None
    if remainder is not None:
        if client_factory is None:
            raise EntrezFailure(f"no snapshot covers {remainder[0]}..{remainder[1]} and no live search was allowed")
        client = client_factory()
        searched_on = searched_on or dt.datetime.now(dt.UTC).date().isoformat()
        LOG.info("searching PubMed live for %s..%s", *remainder)
        windows.append(fetch_window(client, snapshot_dir, query, datetype, remainder[0], remainder[1], batch_size, searched_on))
    records, seen, warnings = [], set(), []
    for window in windows:
        reply = parse_esearch((Path(snapshot_dir) / window.window_id / "esearch.xml").read_bytes())
        for warning in reply.warnings:
            LOG.warning("ESearch %s: %s", window.window_id, warning)
            warnings.append(f"{window.window_id}: {warning}")
        for record in records_of(Path(snapshot_dir) / window.window_id):
            if record["pmid"] not in seen:
                seen.add(record["pmid"])
                records.append(record)
        LOG.info("window %s (%s): %d records", window.window_id, window.mode, window.manifest["count"])
    facts = provenance(query, datetype, mindate, maxdate, windows, records, client)
    facts["esearch_warnings"] = warnings
    return records, facts


def provenance(query, datetype, mindate, maxdate, windows, records, client) -> dict:
    """The facts ``pubmed.json`` keeps about a search (never the API key)."""
    import Bio

    last = windows[-1].manifest if windows else {}
    return {
        "database": "PubMed",
        "query": query,
        "query_translation": last.get("query_translation", ""),
        "datetype": datetype,
        "window": {"mindate": eutils_date(mindate), "maxdate": eutils_date(maxdate)},
        "count": sum(int(w.manifest["count"]) for w in windows),
        "records": len(records),
        "searched_on": max((w.manifest.get("searched_on", "") for w in windows), default=""),
        "biopython": Bio.__version__,
        "batches": sum(len(w.manifest["batches"]) for w in windows),
        "batches_fetched": sum(w.batches_fetched for w in windows),
        "retries": client.retries.count if client else 0,
        "retries_by_kind": dict(sorted(client.retries.by_kind.items())) if client else {},
        "requests": client.requests if client else 0,
        "windows": [
            {
                "window_id": w.window_id,
                "mode": w.mode,
                "mindate": w.manifest["mindate"],
                "maxdate": w.manifest["maxdate"],
                "count": w.manifest["count"],
                "query_translation": w.manifest.get("query_translation", ""),
                "searched_on": w.manifest.get("searched_on", ""),
                "biopython": w.manifest.get("biopython", ""),
                "batches": len(w.manifest["batches"]),
                "batches_fetched": w.batches_fetched,
                "batches_reused": w.batches_reused,
                "slices": len(w.manifest.get("slices", [])),
            }
            for w in windows
        ],
    }
