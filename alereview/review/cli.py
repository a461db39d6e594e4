"""``alereview init``: start a new review folder."""

from __future__ import annotations

from alereview.errors import InputError
from alereview.numbers import cli_int
from alereview.review.init import init_full, init_sleuth, init_studyset


def register(subparsers) -> None:
    """Add ``alereview init``."""
    parser = subparsers.add_parser(
        "init",
        help="start a new review folder (full, or from Sleuth files / a studyset)",
        description="Write DIR/config/config.yaml (and input templates) for a new review. Run it with "
        "`snakemake --cores all --directory DIR` from the alereview folder.",
    )
    parser.add_argument("directory", help="the review folder (created if needed)")
    parser.add_argument(
        "--sleuth",
        action="append",
        default=[],
        metavar="FILE",
        help="a Sleuth (GingerALE) file: a coordinates-only review, one analysis per file (repeatable)",
    )
    parser.add_argument("--studyset", metavar="FILE", help="a NiMADS studyset JSON (Neurosynth Compose): a coordinates-only review")
    parser.add_argument("--annotation", metavar="FILE", help="the studyset's NiMADS annotation: its columns choose the analyses")
    parser.add_argument("--title", default="", help="the review's title")
    parser.add_argument(
        "--iterations", type=cli_int, default=1000, help="Monte Carlo iterations of cluster-level FWE (default: %(default)s)"
    )
    parser.add_argument("--force", action="store_true", help="replace an existing config/config.yaml")
    parser.set_defaults(handler=_run)


def _run(args) -> int:
    if args.iterations < 1:
        raise InputError(f"--iterations must be at least 1, got {args.iterations}")
    if args.sleuth and args.studyset:
        raise InputError("give --sleuth files or a --studyset, not both")
    if args.annotation and not args.studyset:
        raise InputError("--annotation goes with --studyset")
    if args.sleuth:
        path = init_sleuth(args.directory, args.sleuth, args.title, args.iterations, args.force)
    elif args.studyset:
        path = init_studyset(args.directory, args.studyset, args.annotation, args.title, args.iterations, args.force)
    else:
        path = init_full(args.directory, args.title, args.force)
    print(f"wrote {path}\nrun: snakemake --cores all --directory {args.directory}")
    return 0
