"""Markdown and LaTeX versions of Table 4 (clusters) and Table 5 (jackknife)."""

from alereview.logs import setup_logging
from alereview.tables import format_ale_table

setup_logging(snakemake.log[0])
out = snakemake.output
for kind, tsv, md, tex in (("clusters", snakemake.input.clusters, out.clusters_md, out.clusters_tex),
                           ("jackknife", snakemake.input.jackknife, out.jackknife_md, out.jackknife_tex)):
    format_ale_table(kind, tsv, md, tex, titles=snakemake.params.titles, simulated=snakemake.params.simulated)
