"""Monte Carlo speed: alereview against NiMARE's ``FWECorrector(method="montecarlo")``.

Each measurement is a separate Python process (whole processes, as a user runs them), on the
same data with the same number of iterations: cluster-level FWE at voxel p < .001. Printed per
dataset: iterations per second of alereview and of NiMARE 0.22 (wall and CPU), their ratio,
alereview on 1 and on N threads, the time per iteration and the peak memory of the process.
CPU-time rates are the ones to trust on a shared machine (wall-clock rates are also printed).

Datasets: Enge et al. 2021 ``all.txt`` (50 experiments, 687 foci; ``../shared``), a synthetic
20-experiment / 200-focus set, and with ``--large`` a synthetic 850-experiment / 7,200-focus
meta-analysis (alereview only: uncorrected fit and cluster FWE, memory and time per iteration,
then how the time per iteration scales with the number of foci).

Run::

    python bench/ale_bench.py [--iterations 300] [--threads 2] [--large] [--skip-nimare]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ENGE = REPO.parent / "shared" / "data" / "ale_validation" / "enge2021" / "all.txt"

# The code each measuring process runs: argv = sleuth, iterations, threads; prints one JSON line.
OURS = r"""
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
from alereview.ale import montecarlo
from alereview.ale.engine import fit_fast
from alereview.coordinates.load import load_experiments
sleuth, iterations, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
wall0, cpu0 = time.perf_counter(), time.process_time()
experiments = load_experiments(sleuth)
fitted = fit_fast(experiments, 0.001, 6)
fit_wall = time.perf_counter() - wall0
montecarlo.run_null(fitted.model, 1, "warm-up", 2)  # numba's cached machine code loaded
wall, cpu = time.perf_counter(), time.process_time()
null = montecarlo.run_null(fitted.model, 20240321, "bench", iterations, threads=threads)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({"wall": wall, "cpu": cpu, "fit_wall": fit_wall, "process_wall": time.perf_counter() - wall0,
                  "process_cpu": time.process_time() - cpu0, "max_size_p95": float(sorted(null.max_size)[int(0.95 * len(null.max_size))]),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

THEIRS = r"""
import json, resource, sys, time, warnings
warnings.simplefilter("ignore")
wall0, cpu0 = time.perf_counter(), time.process_time()
from nimare.correct import FWECorrector
from alereview.ale.run import fit
from alereview.coordinates.load import load_experiments
sleuth, iterations = sys.argv[1], int(sys.argv[2])
fitted = fit(load_experiments(sleuth), seed=20240321)
wall, cpu = time.perf_counter(), time.process_time()
FWECorrector(method="montecarlo", voxel_thresh=0.001, n_iters=iterations, n_cores=1).transform(fitted.result)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({"wall": wall, "cpu": cpu, "process_wall": time.perf_counter() - wall0,
                  "process_cpu": time.process_time() - cpu0, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


CEILING = r"""
import json, sys, threading, time
import numba
@numba.njit(nogil=True)
def spin(n):
    s = 0.0
    for i in range(n):
        s += (i % 7) * 0.5
    return s
spin(10)
rates = {}
for k in (1, int(sys.argv[1])):
    wall = time.perf_counter()
    threads = [threading.Thread(target=spin, args=(200_000_000,)) for _ in range(k)]
    [t.start() for t in threads]; [t.join() for t in threads]
    rates[k] = k / (time.perf_counter() - wall)
print(json.dumps({"speedup": rates[int(sys.argv[1])] / rates[1]}))
"""


def ceiling(threads: int) -> float:
    """Speed-up of a pure compiled compute loop on ``threads`` threads now: what the machine gives."""
    return measure(CEILING, threads)["speedup"]


def measure(code: str, *args) -> dict:
    """Run ``code`` in a fresh Python process; its JSON line."""
    done = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"measurement failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def synthetic_sleuth(path: Path, n_experiments: int, n_foci: int, seed: int = 0) -> Path:
    """A Sleuth file of random in-brain MNI foci, sample sizes 8-40 (deterministic)."""
    import numpy as np

    from alereview.ale.engine import load_template_mask

    mask, affine, _ = load_template_mask()
    voxels = np.argwhere(mask)
    rng = np.random.default_rng(seed)
    per_experiment = np.bincount(rng.integers(0, n_experiments, n_foci - n_experiments), minlength=n_experiments) + 1
    lines = ["// Reference=MNI"]
    for index, count in enumerate(per_experiment):
        ijk = voxels[rng.integers(0, len(voxels), count)]
        xyz = ijk @ affine[:3, :3].T + affine[:3, 3]
        lines += [f"// Synthetic et al. ({index:04d}): task > rest", f"// Subjects={rng.integers(8, 41)}"]
        lines += ["\t".join(f"{v:g}" for v in row) for row in xyz] + [""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def rate(result: dict, iterations: int) -> str:
    return f"{iterations / result['wall']:7.1f} it/s wall, {iterations / result['cpu']:7.1f} it/s CPU"


def compare(name: str, sleuth: Path, iterations: int, threads: int, nimare: bool) -> None:
    print(f"== {name}: cluster-level FWE (voxel p < .001), {iterations} iterations")
    one = measure(OURS, sleuth, iterations, 1)
    print(
        f"alereview, 1 thread:   {rate(one, iterations)}; {1000 * one['cpu'] / iterations:.2f} ms CPU/iteration; "
        f"process {one['process_wall']:.1f} s wall, {one['rss_mb']:.0f} MB"
    )
    if threads > 1:
        before = ceiling(threads)
        many = measure(OURS, sleuth, iterations, threads)
        one_again = measure(OURS, sleuth, iterations, 1)
        machine = (before + ceiling(threads)) / 2
        speedup = (one["wall"] + one_again["wall"]) / 2 / many["wall"]
        print(
            f"alereview, {threads} threads:  {rate(many, iterations)}; wall speed-up {speedup:.2f}x over 1 thread "
            f"(CPU per iteration {many['cpu'] / one['cpu']:.2f}x of 1 thread's); the machine gave a pure compute loop "
            f"{machine:.2f}x on {threads} threads meanwhile (other processes' load), so {speedup / machine:.0%} of what it allowed"
        )
    if nimare:
        theirs = measure(THEIRS, sleuth, iterations)
        print(f"NiMARE 0.22, 1 core:   {rate(theirs, iterations)}; process {theirs['process_wall']:.1f} s wall, {theirs['rss_mb']:.0f} MB")
        print(
            f"ratio alereview / NiMARE, 1 core each: {theirs['cpu'] / one['cpu']:.1f}x (CPU time), {theirs['wall'] / one['wall']:.1f}x (wall); "
            f"whole processes: {theirs['process_cpu'] / one['process_cpu']:.1f}x (CPU)"
        )


def large(out: Path, iterations: int, threads: int) -> None:
    print(f"== large synthetic meta-analyses (alereview), cluster FWE, {iterations} iterations, {threads} thread(s)")
    for n_experiments, n_foci in ((85, 720), (300, 2500), (850, 7200)):
        sleuth = synthetic_sleuth(out / f"large_{n_foci}.txt", n_experiments, n_foci, seed=n_foci)
        result = measure(OURS, sleuth, iterations, threads)
        print(
            f"{n_experiments} experiments / {n_foci} foci: fit (uncorrected map) {result['fit_wall']:.1f} s; "
            f"{1000 * result['wall'] / iterations:.1f} ms/iteration wall, {1000 * result['cpu'] / iterations:.1f} ms CPU; "
            f"{result['process_wall']:.0f} s in all; peak memory {result['rss_mb']:.0f} MB"
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=300, help="Monte Carlo iterations, both tools")
    parser.add_argument("--threads", type=int, default=2, help="threads for the multi-threaded alereview run")
    parser.add_argument("--large", action="store_true", help="also the 850-experiment / 7,200-focus set (1,000 iterations)")
    parser.add_argument("--large-iterations", type=int, default=1000)
    parser.add_argument("--skip-nimare", action="store_true")
    parser.add_argument("--skip-enge", action="store_true")
    args = parser.parse_args(argv)
    import os

    print(f"cores on this machine: {os.cpu_count()}; load average {os.getloadavg()[0]:.2f} (shared machines: trust the CPU-time rates)")
    out = Path(tempfile.mkdtemp(prefix="ale_bench_"))
    if ENGE.exists() and not args.skip_enge:
        compare("Enge et al. 2021 all.txt (50 experiments, 687 foci)", ENGE, args.iterations, args.threads, not args.skip_nimare)
    compare(
        "synthetic, 20 experiments / 200 foci",
        synthetic_sleuth(out / "synthetic_200.txt", 20, 200),
        args.iterations,
        args.threads,
        not args.skip_nimare,
    )
    if args.large:
        large(out, args.large_iterations, args.threads)
    return 0


if __name__ == "__main__":
    sys.exit(main())
