"""Snakemake glue: read one database export → results/search/exports/{export}.{tsv,json}."""

from alereview.logs import setup_logging
from alereview.search.stage import run_import

setup_logging(snakemake.log[0])
run_import(snakemake.input[0], snakemake.params.database, snakemake.params.format, snakemake.output.tsv,
           snakemake.output.json, encoding=snakemake.params.encoding)
