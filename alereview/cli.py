"""The ``alereview`` command: one sub-command per step, over the package's functions.

Each step's module registers its own sub-command through a ``register(subparsers)`` function,
listed in :data:`COMMANDS` (only the chosen one is imported); this keeps the CLI a thin layer over the same code the workflow runs.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from alereview import __version__
from alereview.errors import ConfigError, InputError, ServiceFailure

#: Sub-command -> the package CLI module that registers it, in the order a review runs.
COMMANDS = {
    "init": "alereview.review.cli",
    "search": "alereview.search.cli",
    "import": "alereview.search.cli",
    "dedup": "alereview.dedup.cli",
    "screen": "alereview.screening.cli",
    "prisma": "alereview.screening.cli",
    "coordinates": "alereview.coordinates.cli",
    "label": "alereview.labels.cli",
    "ale": "alereview.ale.cli",
    "tables": "alereview.tables.cli",
    "figures": "alereview.figures.cli",
    "report": "alereview.report.cli",
}


def build_parser(argv=None) -> argparse.ArgumentParser:
    """The argument parser: the sub-command of ``argv`` alone when it names one (so a step
    imports only its own stage), otherwise every registered sub-command (``--help``)."""
    parser = argparse.ArgumentParser(
        prog="alereview",
        description="Each step of an ALE meta-analysis, alone: the same functions the workflow runs.",
        epilog="Run the whole review with `snakemake --cores all`; `alereview <step> --help` for a step.",
    )
    parser.add_argument("--version", action="version", version=f"alereview {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="<step>")
    subparsers.required = True
    words = [word for word in (sys.argv[1:] if argv is None else argv) if not word.startswith("-")]
    chosen = [COMMANDS[words[0]]] if words and words[0] in COMMANDS else COMMANDS.values()
    for module_name in dict.fromkeys(chosen):
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv=None) -> int:
    """Run the ``alereview`` command line; returns the exit status."""
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    try:
        return args.handler(args) or 0
    except (InputError, ConfigError, ServiceFailure) as error:
        print(f"alereview {args.command}: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
