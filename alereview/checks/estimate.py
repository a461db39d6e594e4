"""The expected CPU time of a run, from the sizes of its analyses (shown when a run starts).

A Monte Carlo iteration costs about ``SECONDS_PER_FOCUS`` of CPU per focus (kernel boxes added;
bench/ale_bench.py, 200-700 foci). Per analysis of ``k`` experiments and ``f`` foci, at
cluster-level FWE with ``n`` iterations and the sequential shortcut (docs/checks.md):

- main analysis: NiMARE's import and fit (``FIT_SECONDS``) plus ``n`` iterations of ``f`` foci;
- jackknife: ``k`` leave-one-out maps (``MAP_SECONDS`` each), the bounding Monte Carlo
  (``n`` iterations of ``f`` foci, union-find included) and a few own iterations;
- fail-safe N: about ``log2(10 k) + 2 c`` tests (``c`` clusters, assumed ``ASSUMED_CLUSTERS``
  before the analysis ran), each ``FAILSAFE_ITERATIONS`` iterations of the real foci plus the
  null experiments' (on average half the largest number tested).

Uncorrected analyses need no Monte Carlo. The estimate is a guide, good to a factor of two on
an idle machine; a shared machine is slower in wall time, not in CPU seconds.
"""

from __future__ import annotations

import math
from pathlib import Path

from alereview.coordinates.load import load_experiments
from alereview.errors import InputError
from alereview.layout import path

SECONDS_PER_FOCUS = 2.0e-5
FIT_SECONDS = 6.0
MAP_SECONDS = 0.1
FAILSAFE_ITERATIONS = 300
ASSUMED_CLUSTERS = 5
OTHER_SECONDS = 40.0


def analysis_files(config: dict, results="results") -> dict:
    """analysis -> its Sleuth file, where it is known before the run (else absent)."""
    files = {}
    for entry in (config.get("coordinates") or {}).get("sleuth") or []:
        if isinstance(entry, dict) and entry.get("analysis"):
            files[entry["analysis"]] = Path(entry["path"])
    for analysis in config.get("analyses") or {}:
        built = Path(path("coordinates_sleuth", results, analysis=analysis))
        if built.is_file():
            files[analysis] = built
    return {name: file for name, file in files.items() if file.is_file()}


def analysis_cpu(k: int, foci: int, iterations: int, fwe: bool, checks: dict) -> dict:
    """Expected CPU seconds of one analysis' jobs: ``main``, ``jackknife``, ``failsafe``."""
    iteration = SECONDS_PER_FOCUS * foci
    out = {"main": FIT_SECONDS + (iterations * iteration if fwe else 0.0)}
    out["jackknife"] = k * MAP_SECONDS + (1.2 * iterations * iteration + 0.1 * k * 100 * iteration if fwe else 0.0)
    multiplier = float(((checks.get("failsafe") or {}).get("max_multiplier")) or 10)
    tests = math.log2(max(2.0, multiplier * k)) + 2 * ASSUMED_CLUSTERS
    if fwe:
        mean_foci = foci * (1 + multiplier / 2)
        out["failsafe"] = tests * FAILSAFE_ITERATIONS * SECONDS_PER_FOCUS * mean_foci
    else:
        out["failsafe"] = tests * 1.0
    return out


def expected_time_message(config: dict, cores: int = 1) -> str:
    """One paragraph: the expected CPU time of each analysis' jobs and of the whole run."""
    files = analysis_files(config)
    if not files:
        return "Expected time: known once the coordinates stage has written the analyses."
    ale = config.get("ale") or {}
    method = (ale.get("threshold") or {}).get("method", "uncorrected")
    iterations = int((ale.get("montecarlo") or {}).get("iterations", 1000))
    lines, total = [], OTHER_SECONDS
    for name, file in files.items():
        try:
            experiments = load_experiments(file)
        except InputError as error:  # the coordinates stage reports it properly
            return f"Expected time: unknown ({error})"
        foci = sum(len(e.mni) for e in experiments)
        override = ((ale.get("overrides") or {}).get(name) or {}).get("method", method)
        cpu = analysis_cpu(len(experiments), foci, iterations, override != "uncorrected", config.get("checks") or {})
        total += sum(cpu.values())
        lines.append(
            f"  {name}: {len(experiments)} experiments, {foci} foci: main ~{cpu['main']:.0f} s, "
            f"jackknife ~{cpu['jackknife']:.0f} s, fail-safe N ~{cpu['failsafe']:.0f} s CPU"
        )
    minutes = total / max(1, int(cores or 1)) / 60
    return "\n".join([f"Expected time: ~{total:.0f} s CPU in all, ~{minutes:.1f} min on {cores} cores (idle machine):", *lines])
