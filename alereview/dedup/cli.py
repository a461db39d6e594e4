"""``alereview dedup RECORDS --out DIR``: deduplicate a table of records.

Writes ``DIR/clusters.tsv``, ``DIR/unique.tsv``, ``DIR/uncertain_pairs.tsv`` and
``DIR/counts.json``. RECORDS is CSV or TSV with the columns of ``records.tsv`` (only
``record_id`` is required). Settings come from ``--config`` (its ``dedup`` section) and
may be overridden by the options.
"""

from __future__ import annotations

from pathlib import Path

import difflib

from alereview.dedup.files import deduplicate_file, read_table
from alereview.errors import InputError
from alereview.layout import outputs_in
from alereview.logs import setup_logging
from alereview.config import load_config


def check_source_priority(priority, records_path) -> None:
    """Every database of ``--source-priority`` is a ``source`` of the records, or an InputError naming it.

    An unknown name (``PubMedd``) would silently rank after every known database and change which
    record of a cluster is kept.
    """
    records = read_table(records_path, required=("record_id",))
    if "source" not in records.columns:
        raise InputError(
            "--source-priority ranks databases, but the records have no 'source' column", path=records_path, line=1, field="source"
        )
    known = sorted(set(records["source"]) - {""})
    for name in priority:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise InputError(
                f"{name!r} is not a database of these records; known: {', '.join(known) or '(none)'}{hint}",
                path=records_path,
                field="--source-priority",
            )


def _handler(args) -> int:
    setup_logging(None)
    settings = {}
    if args.config:
        settings = dict(load_config(args.config, absolute=True).get("dedup", {}))  # paths: the review folder
    for name in ("manual_decisions", "previous_clusters", "keep"):
        value = getattr(args, name)
        if value is not None:
            settings[name] = value
    if args.source_priority is not None:
        settings["source_priority"] = [s.strip() for s in args.source_priority.split(",") if s.strip()]
        check_source_priority(settings["source_priority"], args.records)
    out = Path(args.out)
    result = deduplicate_file(args.records, outputs_in(out, "dedup_records"), settings)
    counts = result.counts
    print(
        f"{counts['records']} records, {counts['duplicates_removed']} duplicates removed, "
        f"{counts['unique']} unique, {counts['uncertain_pairs']} uncertain pairs -> {out}"
    )
    return 0


def register(subparsers) -> None:
    """Add the ``dedup`` sub-command."""
    parser = subparsers.add_parser("dedup", help="find duplicate records and keep one per cluster", description=__doc__.splitlines()[0])
    parser.add_argument("records", help="records table (CSV or TSV; columns of records.tsv, record_id required)")
    parser.add_argument("--out", required=True, help="output directory")
    parser.add_argument("--config", help="config file whose dedup section is used")
    parser.add_argument("--manual-decisions", dest="manual_decisions", help="CSV/TSV of same|different decisions")
    parser.add_argument("--previous-clusters", dest="previous_clusters", help="clusters.tsv of an earlier run")
    parser.add_argument("--source-priority", dest="source_priority", help="comma-separated databases, most preferred first")
    parser.add_argument("--keep", choices=["source_priority", "most_complete"], help="which record of a cluster is kept")
    parser.set_defaults(handler=_handler)
