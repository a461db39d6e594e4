"""The rules of stage 5 (``rules/ale.smk``, ``rules/contrasts.smk``), one function each:
``steps.<step>(input, output, params, log)`` runs the rule ``ale_<step>`` (scripts/ale_<step>.py)."""

from __future__ import annotations

from alereview.ale.run import experiment_table, montecarlo_chunk, run_analysis
from alereview.ale.subtraction import run_contrast
from alereview.ale.thresholds import ThresholdSettings
from alereview.layout import RULE_OUTPUTS
from alereview.tsv import read_json, write_json, write_tsv


def analysis(input, output, params, log, wildcards, threads=1):
    """One ALE analysis: maps, thresholded map, cluster image and tables, threshold.json and
    the list of its experiments."""
    outputs = {name: output[name] for name in RULE_OUTPUTS["ale_analysis"] if name != "experiments"}
    run_analysis(
        input.sleuth,
        outputs,
        wildcards.analysis,
        ThresholdSettings(**params.settings),
        seed=params.seed,
        mask=params.mask,
        chunks=[read_json(path) for path in input.chunks] or None,
        min_distance_mm=params.peaks["min_distance_mm"],
        max_peaks=params.peaks["max_subpeaks"] + 1,
        label_options=params.labels,
        threads=threads,
    )
    write_tsv(experiment_table(input.sleuth), output.experiments)


def montecarlo(input, output, params, log, wildcards, threads=1):
    """One chunk of an analysis's Monte Carlo null distribution."""
    chunk = montecarlo_chunk(
        input.sleuth,
        ThresholdSettings(**params.settings),
        params.seed,
        wildcards.analysis,
        int(wildcards.chunk),
        mask=params.mask,
        threads=threads,
    )
    write_json(output[0], chunk)


def contrast(input, output, params, log):
    """A subtraction or conjunction of two analyses."""
    run_contrast(
        params.contrast,
        dict(input.items()),
        {name: output[name] for name in RULE_OUTPUTS["ale_contrast"]},
        connectivity=params.connectivity,
        seed=params.seed,
        mask=params.mask,
        label_options=params.labels,
    )
