"""Speed of the ALE stage on the default review's analyses.

Prints: the time of one ALE analysis (fit, threshold, tables), of the full paper-style jackknife
(every left-out experiment of every analysis with clusters, in one process), of cluster-level
FWE at the given Monte Carlo sizes, and Monte Carlo iterations per second of alereview's
implementation against NiMARE's ``FWECorrector(method="montecarlo")`` called directly.

Run (the Sleuth files are the workflow's ``results/coordinates/*.sleuth.txt``)::

    nice -n 10 python bench/ale_bench.py --coordinates results/coordinates [--iterations 1000,10000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

from alereview.ale import montecarlo
from alereview.ale.jackknife import experiment_table, leave_one_out
from alereview.ale.run import fit, run_analysis
from alereview.ale.thresholds import ThresholdSettings
from alereview.coordinates import load_experiments
from alereview.tsv import read_tsv

PAPER = ThresholdSettings(method="uncorrected", voxel_p=0.001, min_volume_mm3=400)


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    value = function(*args, **kwargs)
    return value, time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coordinates", default="results/coordinates", help="directory of <analysis>.sleuth.txt")
    parser.add_argument("--iterations", default="1000,10000", help="cluster-FWE Monte Carlo sizes to time")
    parser.add_argument("--nimare-iterations", type=int, default=200, help="iterations for the NiMARE comparison")
    parser.add_argument("--analysis", default="post_gt_pre", help="analysis for the FWE timings")
    parser.add_argument("--skip-jackknife", action="store_true")
    parser.add_argument("--seed", type=int, default=20240321)
    args = parser.parse_args(argv)
    files = sorted(Path(args.coordinates).glob("*.sleuth.txt"))
    if not files:
        print(f"no Sleuth files in {args.coordinates}", file=sys.stderr)
        return 1
    analyses = {path.name[: -len(".sleuth.txt")]: path for path in files}
    out = Path(tempfile.mkdtemp(prefix="ale_bench_"))
    fit(load_experiments(files[0]))  # imports and numba compilation out of the timings

    print("== one ALE analysis (fit, p < .001 + 400 mm3, cluster table with labels)")
    for name, path in analyses.items():
        summary, seconds = timed(run_analysis, path, out / name, name, PAPER, seed=args.seed)
        print(f"{name}: {summary['n_experiments']} experiments, {summary['n_foci']} foci, {summary['n_clusters']} clusters: {seconds:.2f} s")

    if not args.skip_jackknife:
        print("== full jackknife (paper's way), one process")
        total, runs = 0.0, 0
        for name, path in analyses.items():
            if read_tsv(out / name / "clusters.tsv").empty:
                continue
            slugs = experiment_table(path)["slug"]
            _, seconds = timed(lambda: [leave_one_out(path, slug, out / name / "clusters.nii.gz", out / name / "clusters.tsv", name, PAPER, seed=args.seed) for slug in slugs])
            total, runs = total + seconds, runs + len(slugs)
            print(f"{name}: {len(slugs)} leave-one-out runs in {seconds:.1f} s ({seconds / len(slugs):.2f} s each)")
        print(f"all: {runs} runs in {total:.1f} s")

    path = analyses[args.analysis]
    fitted = fit(load_experiments(path), seed=args.seed)
    model = montecarlo.NullModel.from_estimator(fitted.estimator, 0.001, 6)
    print(f"== cluster-level FWE Monte Carlo on {args.analysis} ({model.n_foci.sum()} foci, {len(model.n_foci)} experiments)")
    for iterations in [int(n) for n in args.iterations.split(",") if n]:
        _, seconds = timed(montecarlo.run_null, model, args.seed, args.analysis, iterations)
        print(f"alereview, {iterations} iterations, 1 process: {seconds:.1f} s ({iterations / seconds:.1f} it/s)")

    print(f"== NiMARE FWECorrector(method='montecarlo') directly, {args.nimare_iterations} iterations")
    from nimare.correct import FWECorrector

    for n_cores in (1, 2):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _, seconds = timed(FWECorrector(method="montecarlo", voxel_thresh=0.001, n_iters=args.nimare_iterations, n_cores=n_cores).transform, fitted.result)
        print(f"NiMARE, {n_cores} core(s): {seconds:.1f} s ({args.nimare_iterations / seconds:.1f} it/s)")
    _, seconds = timed(montecarlo.run_null, model, args.seed, args.analysis, args.nimare_iterations)
    print(f"alereview, 1 process: {seconds:.1f} s ({args.nimare_iterations / seconds:.1f} it/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
