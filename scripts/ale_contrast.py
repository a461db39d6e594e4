"""Snakemake glue: a subtraction or conjunction of two analyses (alereview.ale.subtraction)."""

from alereview.ale.subtraction import run_contrast
from alereview.logs import setup_logging

setup_logging(snakemake.log[0])
p = snakemake.params
run_contrast(p.contrast, dict(snakemake.input.items()), p.out_dir, connectivity=p.connectivity, seed=p.seed,
             mask=p.mask, label_options=p.labels)
