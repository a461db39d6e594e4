# Stage rules: ale (see docs/architecture.md).
#
# ale_analysis        (checkpoint) one analysis: ALE, p, z maps, thresholded map, cluster label
#                     image, clusters.tsv, peaks.tsv, threshold.json, experiments.tsv. A
#                     checkpoint because the jackknife needs its experiments and clusters.
# ale_montecarlo      one chunk of an analysis' Monte Carlo (FWE methods with montecarlo.chunks
#                     > 1; with one chunk the analysis job runs it itself).
# (Table 4, the clusters of every analysis: tables_clusters in rules/tables.smk.)
# (Contrasts between analyses, ale.contrasts: rules/contrasts.smk.)
#
# Resources from the benchmark files of a run of the reference review: an analysis job peaks at
# ~450 MB RSS and ~5 s CPU (NiMARE's import is most of it), a leave-one-out job ~260 MB and
# ~1.5 s CPU (alereview.ale.engine, no NiMARE import), the contribution job ~460 MB; the Monte
# Carlo runs 400-1100 iterations/s per core (700-200 foci; bench/ale_bench.py), on every core the job is given
# (threads: ale.montecarlo.threads, 0 = all); the runtime bounds assume 20 iterations/s
# (ale_runtime_minutes in common.smk). Params are each analysis' own resolved settings
# (ThresholdSettings.used()), so changing one analysis' threshold re-runs only its jobs.


wildcard_constraints:
    analysis="|".join(ANALYSES) or "__none__",
    chunk=r"\d+",
    experiment=r"[A-Za-z0-9_-]+",


checkpoint ale_analysis:
    input:
        unpack(after_screening_gate(sleuth=P("coordinates_sleuth"))),
        chunks=ale_montecarlo_chunks,
    output:
        ale=P("ale_map"),
        p=P("ale_p"),
        z=P("ale_z"),
        thresholded=P("ale_thresholded"),
        clusters_img=P("ale_clusters_img"),
        clusters=P("ale_clusters"),
        peaks=P("ale_peaks"),
        threshold=P("ale_threshold"),
        experiments=P("ale_experiments"),
    log:
        "logs/ale/{analysis}.log",
    benchmark:
        "benchmarks/ale/{analysis}.tsv"
    threads: lambda wildcards: ale_threads(wildcards) if not ale_montecarlo_chunks(wildcards) else 1
    resources:
        mem_mb=1000,
        runtime=lambda wildcards: ale_runtime_minutes(wildcards) if not ale_montecarlo_chunks(wildcards) else 5,
    params:
        settings=lambda wildcards: ale_settings(wildcards.analysis).used(),
        mask=config["ale"]["mask"],
        peaks=config["ale"]["peaks"],
        labels=config.get("labels", {}),
        seed=config["review"]["seed"],
        out_dir=lambda wildcards: P("ale_dir", analysis=wildcards.analysis),
    script:
        "../scripts/ale_analysis.py"


rule ale_montecarlo:
    input:
        unpack(after_screening_gate(sleuth=P("coordinates_sleuth"))),
    output:
        P("ale_chunk"),
    log:
        "logs/ale/{analysis}_montecarlo{chunk}.log",
    benchmark:
        "benchmarks/ale/{analysis}_montecarlo{chunk}.tsv"
    threads: ale_threads
    resources:
        mem_mb=1000,
        runtime=lambda wildcards: ale_runtime_minutes(wildcards, 1 / ale_settings(wildcards.analysis).chunks),
    params:
        settings=lambda wildcards: ale_settings(wildcards.analysis).used(),
        mask=config["ale"]["mask"],
        seed=config["review"]["seed"],
    script:
        "../scripts/ale_montecarlo.py"
