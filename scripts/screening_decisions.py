"""Snakemake glue: decision files + deduplicated records -> decisions, agreement, to_screen."""

from alereview.logs import setup_logging
from alereview.screening.workflow import run_decisions

setup_logging(snakemake.log[0])
run_decisions(snakemake.input.unique, snakemake.input.clusters, snakemake.input.records,
              snakemake.params.screening, snakemake.output.decisions, snakemake.output.agreement,
              snakemake.output.to_screen, snakemake.output.to_screen_ris)
