# Stage rules: jackknife (see docs/architecture.md).
#
# jackknife_leave_one_out   one job per (analysis, left-out experiment): the ALE without it, at
#                           the same threshold (its own Monte Carlo for FWE methods); which
#                           clusters of the full analysis survive (alereview.jackknife.leave_out).
# jackknife_gather          results/jackknife/{analysis}.tsv: experiments x clusters, Y/N, counts.
# jackknife_contribution    NiMARE's Jackknife + FocusCounter on the analysis' clusters.
# (Table 5, every analysis with clusters: tables_jackknife in rules/tables.smk.)
#
# jackknife_leave_all_out   jackknife.jobs per_analysis (default): every left-out experiment of
#                           an analysis in one job (the start-up of a job paid once, not once per
#                           experiment); per_experiment: one jackknife_leave_one_out job each
#                           (many small jobs, e.g. for SLURM). Same tables either way.
#
# The experiments and clusters come from the ale_analysis checkpoint; an analysis without
# clusters gets no leave-one-out job. Params: the analysis' own resolved threshold settings
# (ThresholdSettings.used()), the mask, the survival rule, the seed; nothing else.

JACKKNIFE_PARAMS = {
    "settings": lambda wildcards: ale_settings(wildcards.analysis).used(),
    "mask": config["ale"]["mask"],
    "rule": config["jackknife"]["rule"],
    "min_overlap_voxels": config["jackknife"]["min_overlap_voxels"],
    "seed": config["review"]["seed"],
}


rule jackknife_leave_one_out:
    input:
        unpack(
            after_screening_gate(
                sleuth=P("coordinates_sleuth"),
                clusters_img=P("ale_clusters_img"),
                clusters=P("ale_clusters"),
            )
        ),
    output:
        P("jackknife_left_out"),
    log:
        "logs/jackknife/{analysis}_without_{experiment}.log",
    benchmark:
        "benchmarks/jackknife/{analysis}_without_{experiment}.tsv"
    threads: ale_threads
    resources:
        mem_mb=1000,
        runtime=lambda wildcards: ale_runtime_minutes(wildcards),
    params:
        **JACKKNIFE_PARAMS,
    script:
        "../scripts/jackknife_leave_one_out.py"


rule jackknife_leave_all_out:
    input:
        unpack(
            after_screening_gate(
                sleuth=P("coordinates_sleuth"),
                clusters_img=P("ale_clusters_img"),
                clusters=P("ale_clusters"),
                experiments=P("ale_experiments"),
            )
        ),
    output:
        P("jackknife_left_all"),
    log:
        "logs/jackknife/{analysis}_left_out.log",
    benchmark:
        "benchmarks/jackknife/{analysis}_left_out.tsv"
    threads: ale_threads
    resources:
        mem_mb=1000,
        runtime=lambda wildcards, input: ale_runtime_minutes(wildcards, len(read_tsv(input.experiments))),
    params:
        **JACKKNIFE_PARAMS,
    script:
        "../scripts/jackknife_leave_all_out.py"


rule jackknife_gather:
    input:
        unpack(
            after_screening_gate(
                experiments=P("ale_experiments"),
                clusters=P("ale_clusters"),
            )
        ),
        left_out=jackknife_left_out,
    output:
        P("jackknife"),
    log:
        "logs/jackknife/{analysis}_gather.log",
    script:
        "../scripts/jackknife_gather.py"


rule jackknife_contribution:
    input:
        unpack(
            after_screening_gate(
                sleuth=P("coordinates_sleuth"),
                clusters_img=P("ale_clusters_img"),
            )
        ),
    output:
        P("jackknife_contribution"),
    log:
        "logs/jackknife/{analysis}_contribution.log",
    benchmark:
        "benchmarks/jackknife/{analysis}_contribution.tsv"
    threads: 1
    resources:
        mem_mb=2000,
        runtime=10,
    params:
        mask=config["ale"]["mask"],
        seed=config["review"]["seed"],
    script:
        "../scripts/jackknife_contribution.py"
