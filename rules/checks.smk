# Stage rules: expert checks (alereview/checks/, see docs/architecture.md).
#
# checks_contributions   one job per analysis: each experiment's share of each cluster's ALE
#                        (Eickhoff et al. 2016), dominant / few-experiment flags.
# checks_failsafe        one job per analysis: the fail-safe N of each cluster (Acar et al.
#                        2018), by bisection over nested null experiments. Uncorrected
#                        thresholds: ~1 s CPU per test, 1-35 tests (reference review: 1-7 s
#                        CPU per job); FWE methods: a capped Monte Carlo per test
#                        (checks.failsafe.max_iterations; 100-400 it/s, bench/checks_bench.py).
# checks_gather_*       results/checks/{contributions,contributions_experiments,failsafe}.tsv
# checks_power           results/checks/power.tsv: few experiments / uncorrected threshold
#                        warnings, logged.
# checks_prisma_s        results/checks/prisma_s.tsv: the 16 PRISMA-S items (reviews that search).
#
# Needs from rules/common.smk: ANALYSES, STAGES, P, after_screening_gate, after_gate_lists, ale_settings.
# Config-derived values come from alereview.checks.workflow (functions do not belong in a rule file).


from alereview.checks.estimate import expected_time_message
from alereview.checks.failsafe import failsafe_runtime_minutes
from alereview.checks.prisma_s import prisma_s_params

CHECKS = config.get("checks", {})
CHECKS_CONTRIBUTIONS = layout.check_enabled(config, "contributions")
CHECKS_FAILSAFE = layout.check_enabled(config, "failsafe")
# For rule all (rules/common.smk): the checks' final outputs.


rule checks_contributions:
    input:
        unpack(
            after_screening_gate(
                sleuth=P("coordinates_sleuth"),
                clusters_img=P("ale_clusters_img"),
            )
        ),
    output:
        experiments=P("checks_contributions_analysis_experiments"),
        clusters=P("checks_contributions_analysis"),
    log:
        "logs/checks/{analysis}_contributions.log",
    benchmark:
        "benchmarks/checks/{analysis}_contributions.tsv"
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    params:
        mask=config["ale"]["mask"],
        settings={
            key: CHECKS.get("contributions", {}).get(key)
            for key in ("dominant_share", "pair_share", "min_experiments", "few_share", "min_share")
        },
        fwhm=lambda wildcards: ale_settings(wildcards.analysis).fwhm_mm,
    script:
        "../scripts/checks_contributions.py"


rule checks_failsafe:
    input:
        unpack(
            after_screening_gate(
                sleuth=P("coordinates_sleuth"),
                clusters_img=P("ale_clusters_img"),
                clusters=P("ale_clusters"),
            )
        ),
    output:
        clusters=P("checks_failsafe_analysis"),
        tests=P("checks_failsafe_tests"),
    log:
        "logs/checks/{analysis}_failsafe.log",
    benchmark:
        "benchmarks/checks/{analysis}_failsafe.tsv"
    threads: 1
    resources:
        mem_mb=1500,
        runtime=lambda wildcards: failsafe_runtime_minutes(
            ale_settings(wildcards.analysis), CHECKS.get("failsafe", {}).get("max_iterations", 500)
        ),
    params:
        threshold=lambda wildcards: ale_settings(wildcards.analysis).used(),
        mask=config["ale"]["mask"],
        seed=config["review"]["seed"],
        failsafe={key: CHECKS.get("failsafe", {}).get(key) for key in ("max_multiplier", "min_multiplier", "max_iterations")},
        survival={key: config.get("jackknife", {}).get(key) for key in ("rule", "min_overlap_voxels")},
        sequential=CHECKS.get("sequential", {}),
    script:
        "../scripts/checks_failsafe.py"


if CHECKS_CONTRIBUTIONS:

    rule checks_gather_contributions:
        input:
            unpack(
                after_gate_lists(
                    clusters=expand(P("checks_contributions_analysis"), analysis=ANALYSES),
                    experiments=expand(P("checks_contributions_analysis_experiments"), analysis=ANALYSES),
                    peaks=expand(P("ale_clusters"), analysis=ANALYSES),
                )
            ),
        output:
            clusters=P("checks_contributions"),
            experiments=P("checks_contributions_experiments"),
        log:
            "logs/checks/gather_contributions.log",
        script:
            "../scripts/checks_gather_contributions.py"


if CHECKS_FAILSAFE:

    rule checks_gather_failsafe:
        input:
            unpack(after_gate_lists(failsafe=expand(P("checks_failsafe_analysis"), analysis=ANALYSES))),
        output:
            P("checks_failsafe"),
        log:
            "logs/checks/gather_failsafe.log",
        script:
            "../scripts/checks_gather_failsafe.py"


rule checks_power:
    input:
        unpack(after_gate_lists(thresholds=expand(P("ale_threshold"), analysis=ANALYSES))),
    output:
        P("checks_power"),
    log:
        "logs/checks/power.log",
    params:
        analyses={name: {"title": spec.get("title", name)} for name, spec in config["analyses"].items()},
        settings=CHECKS.get("power", {}),
    script:
        "../scripts/checks_power.py"


if STAGES.search:

    localrules:
        checks_prisma_s,

    rule checks_prisma_s:
        input:
            provenance=P("provenance"),
            counts=P("dedup_counts"),
            pubmed=[P("pubmed_json")] if STAGES.pubmed else [],
        output:
            P("prisma_s"),
        log:
            "logs/checks/prisma_s.log",
        params:
            config=prisma_s_params(config),
        script:
            "../scripts/checks_prisma_s.py"
