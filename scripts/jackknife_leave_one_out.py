"""Snakemake glue: re-run one analysis without one experiment; which clusters survive."""

from alereview.ale.jackknife import leave_one_out
from alereview.ale.thresholds import settings_from_config
from alereview.logs import setup_logging
from alereview.tsv import write_tsv

setup_logging(snakemake.log[0])
analysis, params = snakemake.wildcards.analysis, snakemake.params
table = leave_one_out(snakemake.input.sleuth, snakemake.wildcards.experiment, snakemake.input.clusters_img,
                      snakemake.input.clusters, analysis, settings_from_config(params.ale, analysis), seed=params.seed,
                      mask=params.ale["mask"], rule=params.jackknife["rule"],
                      min_overlap_voxels=params.jackknife["min_overlap_voxels"])
write_tsv(table, snakemake.output[0])
