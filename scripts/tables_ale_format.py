"""Markdown, HTML and LaTeX versions of the cluster table or the jackknife table."""

from alereview.logs import setup_logging
from alereview.tables import format_ale_table

setup_logging(snakemake.log[0])
p = snakemake.params
format_ale_table(p.kind, snakemake.input.table, snakemake.output.md, snakemake.output.tex, titles=p.titles,
                 simulated=p.simulated, number=p.number)
