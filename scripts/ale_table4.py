"""Snakemake glue: Table 4, the clusters of every analysis."""

from alereview.ale.summary import table4
from alereview.logs import setup_logging
from alereview.tsv import write_tsv

setup_logging(snakemake.log[0])
write_tsv(table4(snakemake.params.analyses, snakemake.input.clusters, snakemake.input.thresholds), snakemake.output[0])
