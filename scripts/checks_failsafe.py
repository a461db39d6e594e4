"""Snakemake glue: the fail-safe N of every cluster of one analysis."""

from alereview.ale.sequential import SequentialRule
from alereview.ale.thresholds import ThresholdSettings
from alereview.checks.failsafe import FailsafeSettings, run_failsafe
from alereview.logs import setup_logging
from alereview.tsv import write_tsv

setup_logging(snakemake.log[0])
params = snakemake.params
clusters, tests = run_failsafe(snakemake.input.sleuth, snakemake.input.clusters_img, snakemake.input.clusters,
                               snakemake.wildcards.analysis, ThresholdSettings(**params.threshold), seed=params.seed,
                               mask=params.mask, failsafe=FailsafeSettings.from_config(params.failsafe, params.survival),
                               sequential=SequentialRule.from_config(params.sequential))
write_tsv(clusters, snakemake.output.clusters)
write_tsv(tests, snakemake.output.tests)
