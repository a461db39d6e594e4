"""The ``alereview`` command: one sub-command per step, over the package's functions.

Each step's module registers its own sub-command through a ``register(subparsers)`` function,
listed in :data:`COMMANDS`; this keeps the CLI a thin layer over the same code the workflow runs.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from alereview import __version__
from alereview.errors import ConfigError, InputError

# (module, help) in the order a review runs.
COMMANDS = [
    "alereview.init",
    "alereview.search.cli",
    "alereview.dedup.cli",
    "alereview.screening.cli",
    "alereview.prisma",
    "alereview.coordinates.cli",
    "alereview.labels.cli",
    "alereview.ale.cli",
    "alereview.tables",
    "alereview.figures.build",
    "alereview.report.files",
    "alereview.versions.cli",
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered sub-command."""
    parser = argparse.ArgumentParser(
        prog="alereview",
        description="Each step of an ALE meta-analysis, alone: the same functions the workflow runs.",
        epilog="Run the whole review with `snakemake --cores all`; `alereview <step> --help` for a step.",
    )
    parser.add_argument("--version", action="version", version=f"alereview {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="<step>")
    subparsers.required = True
    for module_name in COMMANDS:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv=None) -> int:
    """Run the ``alereview`` command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args) or 0
    except (InputError, ConfigError) as error:
        print(f"alereview {args.command}: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
