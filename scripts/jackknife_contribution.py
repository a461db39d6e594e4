"""Snakemake glue: NiMARE's Jackknife and FocusCounter tables of one analysis' clusters."""

from alereview.ale.jackknife import contribution_tables
from alereview.logs import setup_logging
from alereview.tsv import write_tsv

setup_logging(snakemake.log[0])
table = contribution_tables(snakemake.input.sleuth, snakemake.input.clusters_img, snakemake.wildcards.analysis,
                            seed=snakemake.params.seed, mask=snakemake.params.mask)
write_tsv(table, snakemake.output[0])
