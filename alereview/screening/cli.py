"""``alereview screen``: settle the screening decisions and say what is left to screen.

Reads the deduplicated records and the decision files named in the config, writes
``decisions.tsv``, ``agreement.tsv``, ``to_screen.tsv`` and ``to_screen.ris``; when every
record has its decisions, also ``included.tsv`` and ``gate.json``. Exits 1 while records
await decisions (the message says how many, at which stage, and where the list is).
"""

from __future__ import annotations

import sys
from pathlib import Path

from alereview.config import load_config, review_dir
from alereview.config_refs import search_databases
from alereview.layout import path
from alereview.screening.gate import ScreeningIncomplete
from alereview.screening.workflow import run_decisions, run_gate, run_prisma


def run(args) -> int:
    """Handler of ``alereview screen``."""
    config = load_config(args.config, absolute=True)  # paths resolve against the review folder
    base_dir = review_dir(args.config)
    results = args.results
    paths = {
        role: Path(path(role, results))
        for role in (
            "decisions",
            "agreement",
            "to_screen",
            "to_screen_ris",
            "dedup_unique",
            "dedup_clusters",
            "records",
            "included",
            "gate",
        )
    }
    records = paths["records"] if paths["records"].is_file() else None
    run_decisions(
        paths["dedup_unique"],
        paths["dedup_clusters"],
        records,
        config["screening"],
        paths["decisions"],
        paths["agreement"],
        paths["to_screen"],
        paths["to_screen_ris"],
        base_dir=base_dir,
    )
    try:
        gate = run_gate(
            paths["decisions"],
            paths["to_screen"],
            paths["dedup_unique"],
            paths["dedup_clusters"],
            records,
            paths["included"],
            paths["gate"],
            paths["to_screen_ris"],
        )
    except ScreeningIncomplete as message:
        print(f"alereview screen: {message}", file=sys.stderr)
        return 1
    print(f"screening complete: {gate['n_included']} records included ({paths['included']})")
    return 0


def register(subparsers) -> None:
    """Add the ``screen`` sub-command."""
    parser = subparsers.add_parser("screen", help="settle screening decisions; list records still to screen", description=__doc__)
    parser.add_argument("--config", default="config/config.yaml", help="the review's config (default: %(default)s)")
    parser.add_argument("--results", default="results", help="the results directory (default: %(default)s)")
    parser.set_defaults(handler=run)
    _register_prisma(subparsers)


def run_prisma_command(args) -> int:
    """Handler of ``alereview prisma``."""
    config = load_config(args.config, absolute=True)  # paths resolve against the review folder
    results = args.results
    pubmed = config["search"].get("pubmed") or {}
    databases = search_databases(config)  # each database once, however many exports it has
    found = {role: Path(path(role, results)) for role in ("records", "pubmed_json", "foci")}
    counts = run_prisma(
        path("decisions", results),
        path("dedup_unique", results),
        path("dedup_clusters", results),
        found["records"] if found["records"].is_file() else None,
        path("prisma_csv", results),
        path("dedup_counts", results),
        found["pubmed_json"],
        pubmed.get("snapshot_dir") or None,
        databases,
        foci_path=found["foci"] if found["foci"].is_file() else None,
    )
    for key in (
        "previous_studies",
        "database_results",
        "duplicates",
        "records_screened",
        "records_excluded",
        "dbr_sought_reports",
        "dbr_notretrieved_reports",
        "dbr_assessed",
        "dbr_excluded",
        "new_studies",
        "total_studies",
        "total_studies_ma",
    ):
        print(f"{key}\t{counts.get(key, '')}")
    return 0


def _register_prisma(subparsers) -> None:
    """Add the ``prisma`` sub-command."""
    parser = subparsers.add_parser(
        "prisma",
        help="PRISMA 2020 counts from the data (results/prisma/prisma.csv)",
        description="PRISMA 2020 counts from the data of a review: prisma.csv in the PRISMA2020 R package's template.",
    )
    parser.add_argument("--config", default="config/config.yaml", help="the review's config (default: %(default)s)")
    parser.add_argument("--results", default="results", help="the results directory (default: %(default)s)")
    parser.set_defaults(handler=run_prisma_command)
