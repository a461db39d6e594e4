"""Snakemake glue: publish results/versions/v<N>/ when this run is a new version."""

from alereview.logs import setup_logging
from alereview.versions.steps import run_publish

setup_logging(snakemake.log[0])
run_publish(snakemake.params.config, snakemake.params.config_file, "results", snakemake.input.current, snakemake.output[0])
