"""Snakemake glue: re-run one analysis without one experiment; which clusters survive."""

from alereview.ale.jackknife import leave_one_out
from alereview.ale.thresholds import ThresholdSettings
from alereview.logs import setup_logging
from alereview.tsv import write_tsv

setup_logging(snakemake.log[0])
params = snakemake.params
table = leave_one_out(snakemake.input.sleuth, snakemake.wildcards.experiment, snakemake.input.clusters_img,
                      snakemake.input.clusters, snakemake.wildcards.analysis, ThresholdSettings(**params.settings),
                      seed=params.seed, mask=params.mask, rule=params.rule,
                      min_overlap_voxels=params.min_overlap_voxels, threads=snakemake.threads)
write_tsv(table, snakemake.output[0])
