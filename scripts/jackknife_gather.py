"""Snakemake glue: one analysis' jackknife table (experiments x clusters, Y/N, counts)."""

from alereview.ale.jackknife import gather, split_left_out
from alereview.logs import setup_logging
from alereview.tsv import read_tsv, write_tsv

setup_logging(snakemake.log[0])
# One table per left-out experiment (jackknife.jobs per_experiment) or one for all (per_analysis).
survivals = split_left_out([read_tsv(path) for path in snakemake.input.left_out])
write_tsv(gather(read_tsv(snakemake.input.experiments), read_tsv(snakemake.input.clusters), survivals), snakemake.output[0])
