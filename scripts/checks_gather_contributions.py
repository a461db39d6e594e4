"""Snakemake glue: the contribution tables of every analysis, in config order."""

from alereview.checks.contributions import gather_contributions
from alereview.logs import setup_logging
from alereview.tsv import write_tsv

setup_logging(snakemake.log[0])
clusters, experiments = gather_contributions(snakemake.input.clusters, snakemake.input.experiments, snakemake.input.peaks)
write_tsv(clusters, snakemake.output.clusters)
write_tsv(experiments, snakemake.output.experiments)
