"""Snakemake glue: a subtraction or conjunction of two analyses."""

from alereview.ale.subtraction import run_contrast
from alereview.ale.thresholds import settings_from_config
from alereview.logs import setup_logging

setup_logging(snakemake.log[0])
contrast = snakemake.params.contrast
run_contrast(contrast, snakemake.input.a, snakemake.input.b, snakemake.input.a_clusters, snakemake.input.b_clusters,
             snakemake.params.out_dir, settings_from_config(snakemake.params.ale), seed=snakemake.params.seed,
             mask=snakemake.params.ale["mask"])
