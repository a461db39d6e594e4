"""Snakemake glue: which version this run is and what changed -> results/versions/."""

import os

from alereview.logs import setup_logging
from alereview.versions.steps import run_changes

setup_logging(snakemake.log[0])
run_changes(snakemake.params.config, "results", os.getcwd(), snakemake.output.changes, snakemake.output.current,
            snakemake.output.history, snakemake.output.prisma, figure_paths=list(snakemake.output.figures),
            dpi=snakemake.params.dpi)
