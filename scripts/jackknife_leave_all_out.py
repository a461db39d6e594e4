"""Snakemake glue: re-run one analysis without each of its experiments in turn (one job)."""

from alereview.ale.jackknife_fast import leave_all_out_checked
from alereview.ale.sequential import SequentialRule
from alereview.ale.thresholds import ThresholdSettings
from alereview.logs import setup_logging
from alereview.tsv import write_tsv

setup_logging(snakemake.log[0])
params = snakemake.params
table = leave_all_out_checked(snakemake.input.sleuth, snakemake.input.clusters_img, snakemake.input.clusters,
                              snakemake.wildcards.analysis, ThresholdSettings(**params.settings), seed=params.seed,
                              mask=params.mask, rule=params.rule, min_overlap_voxels=params.min_overlap_voxels,
                              threads=snakemake.threads, sequential=SequentialRule.from_config(params.sequential))
write_tsv(table, snakemake.output[0])
