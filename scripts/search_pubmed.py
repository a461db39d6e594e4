"""Snakemake glue: search PubMed (replaying snapshots) → results/search/pubmed.{tsv,json}."""

from alereview.logs import setup_logging
from alereview.search.stage import run_pubmed

setup_logging(snakemake.log[0])
params = snakemake.params
run_pubmed(params.query, params.mindate, params.maxdate, params.snapshot_dir, snakemake.output.tsv,
           snakemake.output.json, datetype=params.datetype, **params.client)
