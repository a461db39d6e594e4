# Stage rules: ale (see docs/architecture.md).
#
# ale_analysis        (checkpoint) one analysis: ALE, p, z maps, thresholded map, cluster label
#                     image, clusters.tsv, peaks.tsv, threshold.json, experiments.tsv. A
#                     checkpoint because the jackknife needs its experiments and clusters.
# ale_montecarlo      one chunk of an analysis' Monte Carlo (FWE methods with montecarlo.chunks
#                     > 1; with one chunk the analysis job runs it itself).
# ale_table4          Table 4, the clusters of every analysis.
# ale_contrast        subtraction / conjunction of two analyses (ale.contrasts).
#
# Resources measured on the reference review (bench/ale_bench.py): an analysis takes ~6 s and
# < 1 GB; a Monte Carlo iteration ~20 ms per 100 foci on one core.

import math

from alereview.ale.thresholds import settings_from_config
from alereview.tsv import read_tsv

ALE_CONTRASTS = {contrast["name"]: contrast for contrast in config["ale"].get("contrasts", [])}


wildcard_constraints:
    analysis="|".join(ANALYSES) or "__none__",
    chunk=r"\d+",
    experiment=r"[A-Za-z0-9_-]+",


def after_gate_lists(**named_lists):
    """Like after_screening_gate, for named lists of paths without wildcards (gather rules)."""

    def inputs(wildcards):
        checkpoints.screening_gate.get()
        return named_lists

    return inputs


def ale_settings(analysis):
    return settings_from_config(config["ale"], analysis)


def ale_montecarlo_chunks(wildcards):
    """Chunk files an analysis merges: none when it needs no Monte Carlo or runs it in-job."""
    settings = ale_settings(wildcards.analysis)
    if not settings.needs_montecarlo or settings.chunks == 1:
        return []
    return expand("results/ale/{analysis}/montecarlo/chunk{chunk}.json", analysis=wildcards.analysis, chunk=range(settings.chunks))


def ale_runtime_minutes(wildcards, iterations_share=1.0):
    """Runtime bound from the Monte Carlo size: 20 iterations/s at worst, plus 5 minutes."""
    settings = ale_settings(wildcards.analysis)
    iterations = settings.iterations * iterations_share if settings.needs_montecarlo else 0
    return 5 + math.ceil(iterations / 20 / 60)


checkpoint ale_analysis:
    input:
        unpack(after_screening_gate(sleuth="results/coordinates/{analysis}.sleuth.txt")),
        chunks=ale_montecarlo_chunks,
    output:
        ale="results/ale/{analysis}/ale.nii.gz",
        p="results/ale/{analysis}/p.nii.gz",
        z="results/ale/{analysis}/z.nii.gz",
        thresholded="results/ale/{analysis}/thresholded_ale.nii.gz",
        clusters_img="results/ale/{analysis}/clusters.nii.gz",
        clusters="results/ale/{analysis}/clusters.tsv",
        peaks="results/ale/{analysis}/peaks.tsv",
        threshold="results/ale/{analysis}/threshold.json",
        experiments="results/ale/{analysis}/experiments.tsv",
    params:
        ale=config["ale"],
        seed=config["review"]["seed"],
        out_dir=lambda wildcards: f"results/ale/{wildcards.analysis}",
    threads: 1
    resources:
        mem_mb=1500,
        runtime=lambda wildcards: ale_runtime_minutes(wildcards) if not ale_montecarlo_chunks(wildcards) else 5,
    benchmark:
        "benchmarks/ale/{analysis}.tsv"
    log:
        "logs/ale/{analysis}.log",
    script:
        "../scripts/ale_analysis.py"


rule ale_montecarlo:
    input:
        unpack(after_screening_gate(sleuth="results/coordinates/{analysis}.sleuth.txt")),
    output:
        "results/ale/{analysis}/montecarlo/chunk{chunk}.json",
    params:
        ale=config["ale"],
        seed=config["review"]["seed"],
    threads: 1
    resources:
        mem_mb=1000,
        runtime=lambda wildcards: ale_runtime_minutes(wildcards, 1 / ale_settings(wildcards.analysis).chunks),
    benchmark:
        "benchmarks/ale/{analysis}_montecarlo{chunk}.tsv"
    log:
        "logs/ale/{analysis}_montecarlo{chunk}.log",
    script:
        "../scripts/ale_montecarlo.py"


rule ale_table4:
    input:
        unpack(after_gate_lists(
            clusters=expand("results/ale/{analysis}/clusters.tsv", analysis=ANALYSES),
            thresholds=expand("results/ale/{analysis}/threshold.json", analysis=ANALYSES),
        )),
    output:
        "results/tables/table4_clusters.tsv",
    params:
        analyses=ANALYSES,
    log:
        "logs/ale/table4.log",
    script:
        "../scripts/ale_table4.py"


def ale_contrast_inputs(wildcards):
    """The two analyses of a contrast: their coordinates and cluster images."""
    contrast = ALE_CONTRASTS[wildcards.contrast]
    return after_screening_gate(
        a=f"results/coordinates/{contrast['a']}.sleuth.txt",
        b=f"results/coordinates/{contrast['b']}.sleuth.txt",
        a_clusters=f"results/ale/{contrast['a']}/clusters.nii.gz",
        b_clusters=f"results/ale/{contrast['b']}/clusters.nii.gz",
    )(wildcards)


rule ale_contrast:
    input:
        unpack(ale_contrast_inputs),
    output:
        clusters="results/ale/contrasts/{contrast}/clusters.tsv",
        clusters_img="results/ale/contrasts/{contrast}/clusters.nii.gz",
    params:
        contrast=lambda wildcards: ALE_CONTRASTS[wildcards.contrast],
        ale=config["ale"],
        seed=config["review"]["seed"],
        out_dir=lambda wildcards: f"results/ale/contrasts/{wildcards.contrast}",
    threads: 1
    resources:
        mem_mb=2000,
        runtime=lambda wildcards: 5 + math.ceil(ALE_CONTRASTS[wildcards.contrast].get("iterations", 1000) / 10 / 60),
    benchmark:
        "benchmarks/ale/contrast_{contrast}.tsv"
    log:
        "logs/ale/contrast_{contrast}.log",
    script:
        "../scripts/ale_contrast.py"
