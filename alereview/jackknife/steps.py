"""The rules of the jackknife (``rules/jackknife.smk``), one function each:
``steps.<step>(input, output, params, log)`` runs the rule ``jackknife_<step>``
(scripts/jackknife_<step>.py)."""

from __future__ import annotations

from alereview.ale.sequential import SequentialRule
from alereview.ale.thresholds import ThresholdSettings
from alereview.jackknife import fast, leave_out
from alereview.tsv import read_tsv, write_tsv


def leave_one_out(input, output, params, log, wildcards, threads=1):
    """Re-run one analysis without one experiment: which clusters survive."""
    table = leave_out.leave_one_out(
        input.sleuth,
        wildcards.experiment,
        input.clusters_img,
        input.clusters,
        wildcards.analysis,
        ThresholdSettings(**params.settings),
        seed=params.seed,
        mask=params.mask,
        rule=params.rule,
        min_overlap_voxels=params.min_overlap_voxels,
        threads=threads,
    )
    write_tsv(table, output[0])


def leave_all_out(input, output, params, log, wildcards, threads=1):
    """Re-run one analysis without each of its experiments in turn (one job; the shortcut of
    :mod:`alereview.jackknife.fast` where it applies)."""
    table = fast.leave_all_out_checked(
        input.sleuth,
        input.clusters_img,
        input.clusters,
        wildcards.analysis,
        ThresholdSettings(**params.settings),
        seed=params.seed,
        mask=params.mask,
        rule=params.rule,
        min_overlap_voxels=params.min_overlap_voxels,
        threads=threads,
        sequential=SequentialRule.from_config(params.sequential),
    )
    write_tsv(table, output[0])


def gather(input, output, params, log):
    """One analysis's jackknife table: experiments x clusters, Y/N, counts last."""
    survivals = leave_out.split_left_out([read_tsv(path) for path in input.left_out])
    write_tsv(leave_out.gather(read_tsv(input.experiments), read_tsv(input.clusters), survivals), output[0])


def contribution(input, output, params, log, wildcards):
    """NiMARE's Jackknife and FocusCounter tables of one analysis's clusters."""
    write_tsv(
        leave_out.contribution_tables(input.sleuth, input.clusters_img, wildcards.analysis, seed=params.seed, mask=params.mask), output[0]
    )
