"""PRISMA 2020 flow diagram."""

from alereview.figures.build import prisma_figure
from alereview.logs import setup_logging

setup_logging(snakemake.log[0])
p = snakemake.params
prisma_figure(snakemake.input[0], snakemake.output.png, dpi=p.dpi, vector_format=p.vector_format, simulated=p.simulated)
