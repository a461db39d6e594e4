"""The search stage as the workflow and the CLI run it: PubMed, each export, then records.tsv.

These functions take plain values (from ``snakemake.params`` or ``argparse``) and write the
stage's files; the scripts in ``scripts/`` and :mod:`alereview.search.cli` only call them.
"""

from __future__ import annotations

import json
from pathlib import Path

from alereview.logs import get_logger
from alereview.redaction import protect, redact
from alereview.search.entrez import NCBI_EUTILS, EntrezClient
from alereview.search.exports import read_export
from alereview.search.ledger import ledger_path, new_record_ids, read_ledger, write_ledger
from alereview.search.pubmed import search_pubmed
from alereview.search.ratelimit import RetryPolicy
from alereview.search.records import PUBMED, build_records, records_frame
from alereview.tsv import write_json, write_tsv

LOG = protect(get_logger(__name__))

#: Defaults of ``search.pubmed`` keys that tune the client (alereview/data/config.schema.yaml says the same).
PUBMED_DEFAULTS = {
    "datetype": "edat",
    "email": "",
    "eutils_url": NCBI_EUTILS,
    "batch_size": 500,
    "max_tries": 5,
    "backoff": 2.0,
    "backoff_max": 60.0,
    "timeout": 60.0,
}


def run_pubmed(
    query,
    mindate,
    maxdate,
    snapshot_dir,
    out_tsv,
    out_json,
    *,
    datetype="edat",
    email="",
    eutils_url=NCBI_EUTILS,
    batch_size=500,
    max_tries=5,
    backoff=2.0,
    backoff_max=60.0,
    timeout=60.0,
    limiter=None,
    searched_on=None,
):
    """Search PubMed (replaying snapshots where they exist) and write its table and provenance.

    Parameters
    ----------
    query : str
    mindate, maxdate : str
        The window, ``YYYY-MM-DD`` (or ``YYYY/MM/DD``), inclusive.
    snapshot_dir : str or Path
        Snapshots read and written (see :mod:`alereview.search.snapshot`).
    out_tsv, out_json : str or Path
        The records (records.tsv layout) and ``pubmed.json``.
    datetype, email, eutils_url, batch_size, max_tries, backoff, backoff_max, timeout
        As in config ``search.pubmed``. The API key comes from ``$NCBI_API_KEY`` only.
    limiter : RateLimiter, optional
        Overrides NCBI's pacing (tests against a local stand-in only).

    Returns
    -------
    dict
        The provenance written to ``out_json``.
    """

    def client_factory():
        return EntrezClient(
            eutils_url,
            email=email,
            timeout=timeout,
            limiter=limiter,
            policy=RetryPolicy(max_tries=int(max_tries), backoff=float(backoff), backoff_max=float(backoff_max)),
        )

    records, provenance = search_pubmed(
        query, datetype, mindate, maxdate, snapshot_dir, client_factory, batch_size=int(batch_size), searched_on=searched_on
    )
    provenance["snapshot_dir"] = str(snapshot_dir)
    provenance["eutils_url"] = redact(eutils_url)  # a key pasted into the URL is not written
    frame = records_frame(records, PUBMED, str(snapshot_dir), "pubmed_xml")
    write_tsv(frame, out_tsv)
    write_json(out_json, provenance)
    LOG.info("PubMed: %d records written to %s", len(frame), out_tsv)
    return provenance


def run_import(path, database, fmt, out_tsv, out_json, encoding="auto", display_path=None):
    """Read one export and write its records (records.tsv layout) and its provenance.

    Returns
    -------
    dict
        ``source``, ``file``, ``format``, ``encoding``, ``records``.
    """
    records, info = read_export(path, fmt, encoding)
    info = {"source": database, **info, "file": str(display_path or path)}
    frame = records_frame(records, database, info["file"], info["format"])
    write_tsv(frame, out_tsv)
    write_json(out_json, info)
    LOG.info("%s: %d records from %s (%s, %s)", database, info["records"], info["file"], info["format"], info["encoding"])
    return info


def pubmed_info(pubmed_json) -> dict:
    """The provenance entry of the PubMed search, from ``pubmed.json``."""
    facts = json.loads(Path(pubmed_json).read_text(encoding="utf-8"))
    return {
        "source": PUBMED,
        "file": facts.get("snapshot_dir", ""),
        "format": "pubmed_xml",
        "encoding": "utf-8",
        "records": facts["records"],
        "query": facts["query"],
        "window": facts["window"],
        "count": facts["count"],
        "searched_on": facts["searched_on"],
    }


def run_build_records(tables, jsons, records_path, provenance_path, keep_ledger=False):
    """Write ``records.tsv`` and ``provenance.json`` from per-source tables and their JSONs.

    ``jsons[i]`` is ``pubmed.json`` (recognised by its ``query``) or an export's info. With
    ``keep_ledger`` (the workflow's build_records rule), the identities of the records are kept
    beside the snapshot of the search's last window (:func:`alereview.search.ledger.write_ledger`),
    for counting a later update.
    """
    infos, search = [], None
    for path in jsons:
        facts = json.loads(Path(path).read_text(encoding="utf-8"))
        infos.append(pubmed_info(path) if "query" in facts else facts)
        search = facts if "query" in facts else search
    table = build_records(
        tables, infos, records_path, provenance_path, extra=lambda table: version_facts(table, search, infos, keep_ledger)
    )
    LOG.info("records.tsv: %d records from %d sources", len(table), len(infos))
    return table


def _windows(search) -> list:
    windows = [w for w in (search or {}).get("windows", []) if w.get("window_id")]
    return sorted(windows, key=lambda w: str(w.get("mindate", "")).replace("/", "-"))


def version_facts(table, search, infos, keep_ledger=False) -> dict:
    """For an update, the facts the methods text needs (and, with ``keep_ledger``, keep this version's ledger).

    Returns
    -------
    dict
        ``{}`` without a PubMed search or before an update; else ``{"update": {...}}`` with
        ``previous_cutoff``, ``previous_window`` and ``new_window`` (``mindate``/``maxdate``
        of the search), ``pubmed_searched`` (``new_window_only`` when the earlier windows were
        replayed from snapshots), ``databases_reread`` (each export database, once: exports
        are read whole), ``new_records`` and ``new_records_by_source`` (records not in the
        previous version, by identity), ``previous_records`` and ``counted_by`` (``record
        identity`` or, without a ledger, ``entry date``).
    """
    windows = _windows(search)
    if not windows:
        return {}
    snapshot_dir = search.get("snapshot_dir", "")
    if keep_ledger:
        write_ledger(table, snapshot_dir, windows[-1]["window_id"])
    if len(windows) < 2:
        return {}
    previous = read_ledger(ledger_path(snapshot_dir, windows[-2]["window_id"]))
    facts = {
        "previous_cutoff": str(windows[-2]["maxdate"]).replace("/", "-"),
        "previous_window": {"mindate": windows[0]["mindate"], "maxdate": windows[-2]["maxdate"]},
        "new_window": {"mindate": windows[-1]["mindate"], "maxdate": windows[-1]["maxdate"]},
        "pubmed_searched": ("new_window_only" if all(w.get("mode") == "snapshot" for w in windows[:-1]) else "all_windows"),
        "databases_reread": list(dict.fromkeys(i["source"] for i in infos if i.get("source") != PUBMED)),
    }
    if previous is None:
        facts.update(counted_by="entry date", previous_records=None, new_records=None, new_records_by_source={})
    else:
        new = new_record_ids(table, previous)
        by_source = table[table["record_id"].astype(str).isin(new)].groupby("source", sort=False).size()
        facts.update(
            counted_by="record identity",
            previous_records=int(len(previous)),
            new_records=len(new),
            new_records_by_source={str(k): int(v) for k, v in by_source.items()},
        )
    return {"update": facts}
