"""Snakemake glue: one analysis' jackknife table (experiments x clusters, Y/N, counts)."""

from pathlib import Path

from alereview.ale.jackknife import gather
from alereview.logs import setup_logging
from alereview.tsv import read_tsv, write_tsv

setup_logging(snakemake.log[0])
survivals = {Path(path).name[len("without_"):-len(".tsv")]: read_tsv(path) for path in snakemake.input.left_out}
write_tsv(gather(read_tsv(snakemake.input.experiments), read_tsv(snakemake.input.clusters), survivals), snakemake.output[0])
