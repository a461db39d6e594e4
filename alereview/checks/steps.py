"""The rules of the expert checks (``rules/checks.smk``), one function each:
``steps.<step>(input, output, params, log)`` runs the rule ``checks_<step>``
(scripts/checks_<step>.py)."""

from __future__ import annotations

from alereview.ale.sequential import SequentialRule
from alereview.ale.thresholds import ThresholdSettings
from alereview.checks.contributions import ContributionSettings, gather_contributions as gather_contribution_tables
from alereview.checks.contributions import run_contributions
from alereview.checks.failsafe import FailsafeSettings, gather_failsafe as gather_failsafe_tables, run_failsafe
from alereview.checks.power import PowerSettings, power_warnings
from alereview.checks.prisma_s import prisma_s_items
from alereview.tsv import read_json, write_tsv


def contributions(input, output, params, log, wildcards):
    """Each experiment's share of each cluster's ALE in one analysis."""
    experiments, clusters = run_contributions(
        input.sleuth,
        input.clusters_img,
        wildcards.analysis,
        mask=params.mask,
        settings=ContributionSettings.from_config(params.settings),
        fwhm=params.fwhm,
    )
    write_tsv(experiments, output.experiments)
    write_tsv(clusters, output.clusters)


def failsafe(input, output, params, log, wildcards):
    """The fail-safe N of every cluster of one analysis."""
    clusters, tests = run_failsafe(
        input.sleuth,
        input.clusters_img,
        input.clusters,
        wildcards.analysis,
        ThresholdSettings(**params.threshold),
        seed=params.seed,
        mask=params.mask,
        failsafe=FailsafeSettings.from_config(params.failsafe, params.survival),
        sequential=SequentialRule.from_config(params.sequential),
    )
    write_tsv(clusters, output.clusters)
    write_tsv(tests, output.tests)


def gather_contributions(input, output, params, log):
    """The contribution tables of every analysis, in config order."""
    clusters, experiments = gather_contribution_tables(input.clusters, input.experiments, input.peaks)
    write_tsv(clusters, output.clusters)
    write_tsv(experiments, output.experiments)


def gather_failsafe(input, output, params, log):
    """The fail-safe N of every analysis's clusters, in config order."""
    write_tsv(gather_failsafe_tables(input.failsafe), output[0])


def power(input, output, params, log):
    """Warnings for analyses with few experiments or an uncorrected threshold."""
    summaries = {name: read_json(path) for name, path in zip(params.analyses, input.thresholds, strict=True)}
    write_tsv(power_warnings(params.analyses, summaries, PowerSettings.from_config(params.settings)), output[0])


def prisma_s(input, output, params, log):
    """The 16 PRISMA-S items with what the run recorded."""
    pubmed = read_json(input.pubmed[0]) if input.pubmed else None
    write_tsv(prisma_s_items(params.config, pubmed, read_json(input.provenance), read_json(input.counts)), output[0])
