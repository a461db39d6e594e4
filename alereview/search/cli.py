"""``alereview search`` (PubMed) and ``alereview import`` (export files) on the command line."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alereview.errors import InputError
from alereview.numbers import cli_float, cli_int
from alereview.search.entrez import NCBI_EUTILS
from alereview.search.ratelimit import EntrezFailure
from alereview.search.records import export_keys
from alereview.search.stage import run_build_records, run_import, run_pubmed


def _search(args) -> int:
    out = Path(args.out)
    snapshot_dir = args.snapshot_dir or out / "snapshots"
    try:
        provenance = run_pubmed(
            args.query,
            args.mindate,
            args.maxdate,
            snapshot_dir,
            out / "records.tsv",
            out / "pubmed.json",
            datetype=args.datetype,
            email=args.email,
            eutils_url=args.eutils_url,
            batch_size=args.batch_size,
            max_tries=args.max_tries,
            backoff=args.backoff,
            timeout=args.timeout,
        )
    except EntrezFailure as error:
        print(f"alereview search: error: {error} (completed batches are kept in {snapshot_dir}; run again to resume)", file=sys.stderr)
        return 1
    print(f"{provenance['records']} records ({provenance['count']} counted by ESearch) -> {out / 'records.tsv'}")
    return 0


def _per_file(values, files, option):
    if not values:
        return [None] * len(files)
    if len(values) == 1:
        return values * len(files)
    if len(values) != len(files):
        raise InputError(f"{option} given {len(values)} times for {len(files)} files; give it once or once per file")
    return values


def _import(args) -> int:
    out = Path(args.out)
    files = [Path(f) for f in args.files]
    databases = [d or f.stem for d, f in zip(_per_file(args.database, files, "--database"), files)]
    formats = [f or "auto" for f in _per_file(args.format, files, "--format")]
    tables, jsons = [], []
    with tempfile.TemporaryDirectory() as work:
        keys = export_keys([{"database": d} for d in databases])
        for path, database, fmt, key in zip(files, databases, formats, keys):
            tables.append(Path(work) / f"{key}.tsv")
            jsons.append(Path(work) / f"{key}.json")
            info = run_import(path, database, fmt, tables[-1], jsons[-1], encoding=args.encoding)
            print(f"{path}: {info['records']} records ({info['format']}, {info['encoding']})")
        table = run_build_records(tables, jsons, out / "records.tsv", out / "provenance.json")
    print(f"{len(table)} records -> {out / 'records.tsv'}")
    return 0


def register(subparsers) -> None:
    """Add the ``search`` and ``import`` sub-commands."""
    search = subparsers.add_parser(
        "search",
        help="search PubMed (E-utilities) and write records.tsv and pubmed.json",
        description="Search PubMed over a date window; replays a frozen snapshot "
        "when one exists for the query and window, else searches live "
        "and saves one. The API key is read from $NCBI_API_KEY.",
    )
    search.add_argument("--query", required=True, help="the PubMed query")
    search.add_argument("--mindate", required=True, help="first day, YYYY-MM-DD")
    search.add_argument("--maxdate", required=True, help="last day (the cutoff), YYYY-MM-DD")
    search.add_argument("--datetype", default="edat", choices=["edat", "pdat"], help="date field (default edat)")
    search.add_argument("--eutils-url", default=NCBI_EUTILS, help="E-utilities base URL")
    search.add_argument("--email", default="", help="contact address sent to NCBI")
    search.add_argument("--snapshot-dir", default=None, help="snapshots to replay and write (default OUT/snapshots)")
    search.add_argument("--batch-size", type=cli_int, default=500, help="PMIDs per EFetch (default 500)")
    search.add_argument("--max-tries", type=cli_int, default=5, help="attempts per request (default 5)")
    search.add_argument("--backoff", type=cli_float, default=2.0, help="first retry delay in seconds, doubled each time")
    search.add_argument("--timeout", type=cli_float, default=60.0, help="seconds before a silent connection fails")
    search.add_argument("--out", required=True, help="output directory")
    search.set_defaults(handler=_search)

    imp = subparsers.add_parser(
        "import",
        help="read database exports into records.tsv",
        description="Read exports (RIS, Web of Science, NBIB, EndNote XML, CSV) into one records.tsv with provenance.json.",
    )
    imp.add_argument("files", nargs="+", help="export files")
    imp.add_argument(
        "--format",
        action="append",
        choices=["auto", "ris", "wos", "nbib", "endnote_xml", "csv"],
        help="format, once for all files or once per file (default: sniffed)",
    )
    imp.add_argument("--database", action="append", help="database name, once or once per file (default: file name)")
    imp.add_argument("--encoding", default="auto", help="auto (sniff) or a codec such as gb18030")
    imp.add_argument("--out", required=True, help="output directory")
    imp.set_defaults(handler=_import)
