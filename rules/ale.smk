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
# Resources from the benchmark files of a run of the reference review: an analysis job peaks at
# ~450 MB RSS and ~5 s CPU (NiMARE's import is most of it), a leave-one-out job ~260 MB and
# ~1.5 s CPU (alereview.ale.engine, no NiMARE import), the contribution job ~460 MB; the Monte
# Carlo runs 20-60 iterations/s per core (bench/ale_bench.py), hence the runtime bounds
# computed from the iterations (ale_runtime_minutes in common.smk).

wildcard_constraints:
    analysis="|".join(ANALYSES) or "__none__",
    chunk=r"\d+",
    experiment=r"[A-Za-z0-9_-]+",


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
        labels=config.get("labels", {}),
        seed=config["review"]["seed"],
        out_dir=lambda wildcards: f"results/ale/{wildcards.analysis}",
    threads: 1
    resources:
        mem_mb=1000,
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
