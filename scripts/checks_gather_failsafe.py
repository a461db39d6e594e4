"""Snakemake glue: the fail-safe N of every analysis' clusters, in config order."""

from alereview.checks.failsafe import gather_failsafe
from alereview.logs import setup_logging
from alereview.tsv import write_tsv

setup_logging(snakemake.log[0])
write_tsv(gather_failsafe(snakemake.input.failsafe), snakemake.output[0])
