"""``alereview report``: the HTML report of a review, from its results."""

from __future__ import annotations

from alereview.config import load_config
from alereview.report.files import standard_files
from alereview.report.html import build_report


def register(subparsers) -> None:
    """Add ``alereview report``."""
    parser = subparsers.add_parser(
        "report",
        help="write the HTML report of a review from its results",
        description="Write report.html (offline, one file) from a review's results directory.",
    )
    parser.add_argument("--config", default="config/config.yaml", help="the review's config (default: %(default)s)")
    parser.add_argument("--results", default="results", help="its results directory (default: %(default)s)")
    parser.add_argument("--out", default="results/report.html")
    parser.add_argument("--link-images", action="store_true", help="link the figures instead of embedding them")
    parser.set_defaults(handler=_run)


def _run(args) -> int:
    config = load_config(args.config)
    print(build_report(config, standard_files(config, args.results), args.out, embed=not args.link_images))
    return 0
