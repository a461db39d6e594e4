"""Cluster panels and glass brain of one analysis."""

from alereview.figures.build import analysis_figures
from alereview.logs import setup_logging

setup_logging(snakemake.log[0])
p = snakemake.params
analysis_figures(snakemake.input.thresholded, snakemake.input.clusters, snakemake.output.clusters, snakemake.output.glass,
                 title=p.title, cmap=p.cmap, dpi=p.dpi, vector_format=p.vector_format, simulated=p.simulated)
