"""results/report.html from every figure and table of the review."""

from alereview.logs import setup_logging
from alereview.report.html import build_report

setup_logging(snakemake.log[0])
files = {name.replace("__", ":"): path for name, path in snakemake.input.items()}
build_report(snakemake.params.config, files, snakemake.output.html, embed=snakemake.params.embed,
             methods_docx=snakemake.output.methods_docx)
