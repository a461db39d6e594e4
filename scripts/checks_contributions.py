"""Snakemake glue: each experiment's share of each cluster's ALE in one analysis."""

from alereview.checks.contributions import ContributionSettings, run_contributions
from alereview.logs import setup_logging
from alereview.tsv import write_tsv

setup_logging(snakemake.log[0])
experiments, clusters = run_contributions(snakemake.input.sleuth, snakemake.input.clusters_img, snakemake.wildcards.analysis,
                                          mask=snakemake.params.mask,
                                          settings=ContributionSettings.from_config(snakemake.params.settings),
                                          fwhm=snakemake.params.fwhm)
write_tsv(experiments, snakemake.output.experiments)
write_tsv(clusters, snakemake.output.clusters)
