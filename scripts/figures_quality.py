"""Risk-of-bias figures (RoB 1 / RoB 2) and the MINORS table figure."""

from alereview.figures.build import quality_figures
from alereview.logs import setup_logging

setup_logging(snakemake.log[0])
p = snakemake.params
outputs = {name: path for name, path in snakemake.output.items() if name != "vectors"}
quality_figures(snakemake.input.studies, outputs, rob1=snakemake.input.get("rob1", ""), rob2=snakemake.input.get("rob2", ""),
                minors=snakemake.input.get("minors", ""), palette=p.palette, dpi=p.dpi, vector_format=p.vector_format,
                simulated=p.simulated)
