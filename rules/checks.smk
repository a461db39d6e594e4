# Stage rules: expert checks (alereview/checks/, see docs/architecture.md).
#
# checks_contributions   one job per analysis: each experiment's share of each cluster's ALE
#                        (Eickhoff et al. 2016), dominant / few-experiment flags.
# checks_failsafe        one job per analysis: the fail-safe N of each cluster (Acar et al.
#                        2018), by bisection over nested null experiments. Uncorrected
#                        thresholds: ~1 s CPU per test, 5-35 tests; FWE methods: a capped
#                        Monte Carlo per test (checks.failsafe.max_iterations).
# checks_gather_*       results/checks/{contributions,contributions_experiments,failsafe}.tsv
# checks_power           results/checks/power.tsv: few experiments / uncorrected threshold
#                        warnings, logged.
# checks_prisma_s        results/checks/prisma_s.tsv: the 16 PRISMA-S items (reviews that search).
#
# Needs from rules/common.smk: ANALYSES, after_screening_gate, after_gate_lists, ale_settings.

import dataclasses
import math

CHECKS = config.get("checks", {})
CHECKS_CONTRIBUTIONS = CHECKS.get("contributions", {}).get("enabled", True)
CHECKS_FAILSAFE = CHECKS.get("failsafe", {}).get("enabled", True)
CHECKS_SEARCH = bool(config.get("search", {}).get("pubmed") or config.get("search", {}).get("exports"))


def checks_final_outputs():
    """Final outputs of the checks, for rule all (and the report's inputs)."""
    outputs = ["results/checks/power.tsv"]
    if CHECKS_CONTRIBUTIONS:
        outputs += ["results/checks/contributions.tsv", "results/checks/contributions_experiments.tsv"]
    if CHECKS_FAILSAFE:
        outputs += ["results/checks/failsafe.tsv"]
    if CHECKS_SEARCH:
        outputs += ["results/checks/prisma_s.tsv"]
    return outputs


def checks_failsafe_runtime(wildcards):
    """Minutes: uncorrected tests are cheap; FWE tests run a capped Monte Carlo each (5 it/s at worst, 40 tests)."""
    settings = ale_settings(wildcards.analysis)
    if not settings.needs_montecarlo:
        return 15
    iterations = min(settings.iterations, int(CHECKS.get("failsafe", {}).get("max_iterations", 500)))
    return 10 + math.ceil(40 * iterations / 5 / 60)


def checks_prisma_s_config():
    """Only what PRISMA-S reports of the config (narrow params: no client settings, no paths of other stages)."""
    search = config.get("search", {})
    pubmed = search.get("pubmed")
    return {
        "search": {
            "start": str(search.get("start", "")),
            "cutoff": str(search.get("cutoff", "")),
            **({"pubmed": {key: pubmed.get(key, "") for key in ("query", "datetype", "eutils_url")}} if pubmed else {}),
            "exports": [{"database": e["database"], "path": e["path"]} for e in search.get("exports", [])],
        },
        "dedup": {key: config.get("dedup", {}).get(key) for key in ("keep", "source_priority")},
        "screening": {key: config.get("screening", {}).get(key) for key in ("reviewers", "arbiter")},
        "checks": {"prisma_s": CHECKS.get("prisma_s", {})},
    }


rule checks_contributions:
    input:
        unpack(after_screening_gate(
            sleuth="results/coordinates/{analysis}.sleuth.txt",
            clusters_img="results/ale/{analysis}/clusters.nii.gz",
        )),
    output:
        experiments="results/checks/contributions/{analysis}_experiments.tsv",
        clusters="results/checks/contributions/{analysis}.tsv",
    params:
        mask=config["ale"]["mask"],
        settings={key: CHECKS.get("contributions", {}).get(key) for key in ("dominant_share", "min_experiments", "min_share")},
    threads: 1
    resources:
        mem_mb=1000,
        runtime=10,
    benchmark:
        "benchmarks/checks/{analysis}_contributions.tsv"
    log:
        "logs/checks/{analysis}_contributions.log",
    script:
        "../scripts/checks_contributions.py"


rule checks_failsafe:
    input:
        unpack(after_screening_gate(
            sleuth="results/coordinates/{analysis}.sleuth.txt",
            clusters_img="results/ale/{analysis}/clusters.nii.gz",
            clusters="results/ale/{analysis}/clusters.tsv",
        )),
    output:
        clusters="results/checks/failsafe/{analysis}.tsv",
        tests="results/checks/failsafe/{analysis}_tests.tsv",
    params:
        threshold=lambda wildcards: dataclasses.asdict(ale_settings(wildcards.analysis)),
        mask=config["ale"]["mask"],
        seed=config["review"]["seed"],
        failsafe={key: CHECKS.get("failsafe", {}).get(key) for key in ("max_multiplier", "min_multiplier", "max_iterations")},
        survival={key: config.get("jackknife", {}).get(key) for key in ("rule", "min_overlap_voxels")},
    threads: 1
    resources:
        mem_mb=1500,
        runtime=checks_failsafe_runtime,
    benchmark:
        "benchmarks/checks/{analysis}_failsafe.tsv"
    log:
        "logs/checks/{analysis}_failsafe.log",
    script:
        "../scripts/checks_failsafe.py"


if CHECKS_CONTRIBUTIONS:

    rule checks_gather_contributions:
        input:
            unpack(after_gate_lists(
                clusters=expand("results/checks/contributions/{analysis}.tsv", analysis=ANALYSES),
                experiments=expand("results/checks/contributions/{analysis}_experiments.tsv", analysis=ANALYSES),
                peaks=expand("results/ale/{analysis}/clusters.tsv", analysis=ANALYSES),
            )),
        output:
            clusters="results/checks/contributions.tsv",
            experiments="results/checks/contributions_experiments.tsv",
        log:
            "logs/checks/gather_contributions.log",
        script:
            "../scripts/checks_gather_contributions.py"


if CHECKS_FAILSAFE:

    rule checks_gather_failsafe:
        input:
            unpack(after_gate_lists(failsafe=expand("results/checks/failsafe/{analysis}.tsv", analysis=ANALYSES))),
        output:
            "results/checks/failsafe.tsv",
        log:
            "logs/checks/gather_failsafe.log",
        script:
            "../scripts/checks_gather_failsafe.py"


rule checks_power:
    input:
        unpack(after_gate_lists(thresholds=expand("results/ale/{analysis}/threshold.json", analysis=ANALYSES))),
    output:
        "results/checks/power.tsv",
    params:
        analyses={name: {"title": spec.get("title", name)} for name, spec in config["analyses"].items()},
        settings=CHECKS.get("power", {}),
    log:
        "logs/checks/power.log",
    script:
        "../scripts/checks_power.py"


if CHECKS_SEARCH:

    rule checks_prisma_s:
        input:
            provenance="results/records/provenance.json",
            counts="results/dedup/counts.json",
            pubmed=["results/search/pubmed.json"] if config.get("search", {}).get("pubmed") else [],
        output:
            "results/checks/prisma_s.tsv",
        params:
            config=checks_prisma_s_config(),
        log:
            "logs/checks/prisma_s.log",
        script:
            "../scripts/checks_prisma_s.py"
