"""``alereview tables``: the study tables (and MINORS) of a review, or the formatted ALE tables."""

from __future__ import annotations

from pathlib import Path

from alereview.config import load_config
from alereview.errors import InputError
from alereview.layout import table_outputs
from alereview.tables.numbered import format_ale_table, write_study_tables


def _run(args) -> int:
    tables, simulated = None, args.simulated
    if args.config:
        config = load_config(args.config)
        tables, simulated = config.get("tables"), simulated or bool(config["review"].get("simulated_inputs"))
    if args.format:
        if not args.input:
            raise InputError("--format needs the table to format")
        format_ale_table(args.format, args.input, table_outputs(args.out_dir, Path(args.input).stem), simulated=simulated)
        return 0
    if not (args.input or args.foci):
        raise InputError("give the study table, or the coordinates (--foci foci_mni.tsv) of a review without one")
    for path in write_study_tables(args.input, args.out_dir, args.minors, simulated=simulated, tables=tables, foci_path=args.foci):
        print(path)
    return 0


def register(subparsers) -> None:
    """Add ``alereview tables``."""
    parser = subparsers.add_parser(
        "tables",
        help="build the study tables (and MINORS) from the study table and coordinates, or format the ALE tables",
        description="Build the study tables configured in tables.studies (TSV, Markdown, HTML, LaTeX) from a study "
        "table and/or the coordinates (foci_mni.tsv), and Table 3 from MINORS scores; with --format, "
        "write the formatted versions of a cluster or jackknife table.",
    )
    parser.add_argument("input", nargs="?", help="the study table (TSV/CSV), or with --format the table to format")
    parser.add_argument("--foci", help="the coordinates stage's foci_mni.tsv (columns counted from the coordinates)")
    parser.add_argument("--minors", help="MINORS scores (TSV: study_id, item_1..item_12) for Table 3")
    parser.add_argument("--config", help="the review's config: which study tables, their columns and notes")
    parser.add_argument("--out-dir", default="results/tables", help="where to write (default: %(default)s)")
    parser.add_argument("--format", choices=["clusters", "jackknife"], help="format an ALE table instead")
    parser.add_argument("--simulated", action="store_true", help="say in every table that inputs are simulated")
    parser.set_defaults(handler=_run)
