"""Snakemake glue: one chunk of an analysis' Monte Carlo null distribution."""

from alereview.ale.run import montecarlo_chunk
from alereview.ale.thresholds import settings_from_config
from alereview.logs import setup_logging
from alereview.tsv import write_json

setup_logging(snakemake.log[0])
analysis = snakemake.wildcards.analysis
settings = settings_from_config(snakemake.params.ale, analysis)
chunk = montecarlo_chunk(snakemake.input.sleuth, settings, snakemake.params.seed, analysis,
                         int(snakemake.wildcards.chunk), mask=snakemake.params.ale["mask"])
write_json(snakemake.output[0], chunk)
