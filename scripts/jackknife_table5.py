"""Snakemake glue: Table 5, the jackknife of every analysis with clusters."""

from alereview.ale.summary import table5
from alereview.logs import setup_logging
from alereview.tsv import write_tsv

setup_logging(snakemake.log[0])
table = table5(snakemake.params.analyses, snakemake.input.jackknife, snakemake.input.clusters,
               snakemake.input.experiments, snakemake.input.studies or None)
write_tsv(table, snakemake.output[0])
