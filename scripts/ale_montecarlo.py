"""Snakemake glue: one chunk of an analysis' Monte Carlo null distribution."""

from alereview.ale.run import montecarlo_chunk
from alereview.ale.thresholds import ThresholdSettings
from alereview.logs import setup_logging
from alereview.tsv import write_json

setup_logging(snakemake.log[0])
chunk = montecarlo_chunk(snakemake.input.sleuth, ThresholdSettings(**snakemake.params.settings), snakemake.params.seed,
                         snakemake.wildcards.analysis, int(snakemake.wildcards.chunk), mask=snakemake.params.mask,
                         threads=snakemake.threads)
write_json(snakemake.output[0], chunk)
