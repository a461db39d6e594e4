"""Snakemake glue: cluster panels and glass brain of one contrast."""

from alereview.ale.contrast_figures import contrast_figures
from alereview.logs import setup_logging

setup_logging(snakemake.log[0])
p = snakemake.params
contrast_figures(snakemake.input.thresholded, snakemake.input.clusters, snakemake.input.threshold,
                 snakemake.output.clusters, snakemake.output.glass, title=p.title, cmap=p.cmap, dpi=p.dpi,
                 vector_format=p.vector_format, simulated=p.simulated)
