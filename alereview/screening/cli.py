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
from alereview.screening.gate import ScreeningIncomplete
from alereview.screening.workflow import run_decisions, run_gate


def run(args) -> int:
    """Handler of ``alereview screen``."""
    config = load_config(args.config, absolute=True)  # paths resolve against the review folder
    base_dir = review_dir(args.config)
    results = Path(args.results)
    dedup = results / "dedup"
    out = results / "screening"
    paths = dict(decisions=out / "decisions.tsv", agreement=out / "agreement.tsv",
                 to_screen=out / "to_screen.tsv", ris=out / "to_screen.ris")
    records = results / "records" / "records.tsv"
    run_decisions(dedup / "unique.tsv", dedup / "clusters.tsv", records if records.is_file() else None,
                  config["screening"], paths["decisions"], paths["agreement"], paths["to_screen"],
                  paths["ris"], base_dir=base_dir)
    try:
        gate = run_gate(paths["decisions"], paths["to_screen"], dedup / "unique.tsv", dedup / "clusters.tsv",
                        records if records.is_file() else None, out / "included.tsv", out / "gate.json", paths["ris"])
    except ScreeningIncomplete as message:
        print(f"alereview screen: {message}", file=sys.stderr)
        return 1
    print(f"screening complete: {gate['n_included']} records included ({out / 'included.tsv'})")
    return 0


def register(subparsers) -> None:
    """Add the ``screen`` sub-command."""
    parser = subparsers.add_parser("screen", help="settle screening decisions; list records still to screen",
                                   description=__doc__)
    parser.add_argument("--config", default="config/config.yaml", help="the review's config (default: %(default)s)")
    parser.add_argument("--results", default="results", help="the results directory (default: %(default)s)")
    parser.set_defaults(handler=run)
