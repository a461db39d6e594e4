"""What ``rules/checks.smk`` needs from the config: its final outputs, job runtimes, narrow params."""

from __future__ import annotations

import math

from alereview.layout import path, stages


def enabled(config: dict, check: str) -> bool:
    """Whether ``checks.<check>.enabled`` (default true)."""
    return bool(((config.get("checks") or {}).get(check) or {}).get("enabled", True))


def final_outputs(config: dict, results="results") -> list[str]:
    """The checks' final outputs for ``rule all``: power always, the others as the review has them."""
    outputs = [path("checks_power", results)]
    if enabled(config, "contributions"):
        outputs += [path("checks_contributions", results), path("checks_contributions_experiments", results)]
    if enabled(config, "failsafe"):
        outputs.append(path("checks_failsafe", results))
    if stages(config).search:
        outputs.append(path("prisma_s", results))
    return outputs


def failsafe_runtime_minutes(settings, max_iterations: int) -> int:
    """Runtime bound of a fail-safe job: uncorrected tests take ~1 s each (15 min is ample); an FWE
    test runs a Monte Carlo of ``min(iterations, max_iterations)`` iterations, counted at 20/s (5x
    slower than bench/checks_bench.py measured with 10k null experiments of 40), for up to 40 tests."""
    if not settings.needs_montecarlo:
        return 15
    return 10 + math.ceil(40 * min(settings.iterations, int(max_iterations)) / 20 / 60)


def prisma_s_params(config: dict) -> dict:
    """The part of the config PRISMA-S reports (no client settings, no other stage's inputs)."""
    search = config.get("search") or {}
    pubmed = search.get("pubmed")
    narrow = {"start": str(search.get("start", "")), "cutoff": str(search.get("cutoff", "")),
              "exports": [{"database": e["database"], "path": e["path"]} for e in search.get("exports") or []]}
    if pubmed:
        narrow["pubmed"] = {key: pubmed.get(key, "") for key in ("query", "datetype", "eutils_url")}
    return {
        "search": narrow,
        "dedup": {key: (config.get("dedup") or {}).get(key) for key in ("keep", "source_priority")},
        "screening": {key: (config.get("screening") or {}).get(key) for key in ("reviewers", "arbiter")},
        "checks": {"prisma_s": (config.get("checks") or {}).get("prisma_s") or {}},
    }
