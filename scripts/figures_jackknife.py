"""Jackknife heat map of one analysis."""

from alereview.figures.build import jackknife_figure
from alereview.logs import setup_logging

setup_logging(snakemake.log[0])
p = snakemake.params
jackknife_figure(snakemake.input.jackknife, snakemake.input.clusters, snakemake.output.png, title=p.title,
                 dpi=p.dpi, vector_format=p.vector_format, simulated=p.simulated)
