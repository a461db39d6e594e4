"""CPU cost of the expert checks (alereview.checks) on synthetic analyses; prints figures.

Run: python bench/checks_bench.py [--fwe-iterations 100]
Each analysis has k experiments of 8 random foci (n = 10-40) plus 6 that agree at one spot.
Reported: CPU seconds (process time) of the contributions and of the fail-safe N (uncorrected
p < .001, >= 200 mm3; and cluster-level FWE with a capped Monte Carlo), the number of tests and
the Monte Carlo rate of the largest test. Timings on a shared machine are contended.
"""

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from checks_fixtures import SPACE, clusters_table, experiment, near, random_foci  # noqa: E402

from alereview.ale import montecarlo  # noqa: E402
from alereview.ale.engine import fit_fast  # noqa: E402
from alereview.ale.thresholds import ThresholdSettings  # noqa: E402
from alereview.checks.contributions import contribution_table  # noqa: E402
from alereview.checks.failsafe import FailsafeSettings, failsafe_n, null_experiments, threshold_labels  # noqa: E402


def synthetic(k, seed=0):
    rng = np.random.default_rng(seed)
    agreeing = [experiment(f"a{i}", near((-40, -60, -10), 2, seed=i, spread=6), n=int(rng.integers(10, 40))) for i in range(6)]
    return agreeing + [experiment(f"r{i}", random_foci(8, 1000 + i), n=int(rng.integers(10, 40))) for i in range(k - 6)]


def cpu(function, *args, **kwargs):
    start = time.process_time()
    result = function(*args, **kwargs)
    return result, time.process_time() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fwe-iterations", type=int, default=100)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 20, 40])
    args = parser.parse_args()
    uncorrected = ThresholdSettings(method="uncorrected", voxel_p=0.001, min_volume_mm3=200)
    print("k\tclusters\tcontrib_cpu_s\tfsn_uncorr_cpu_s\tfsn_uncorr_tests\tmc_it_per_s_at_10k")
    for k in args.sizes:
        experiments = synthetic(k)
        labels = threshold_labels(experiments, SPACE, uncorrected, 1, "bench")
        clusters = clusters_table(labels, experiments)
        _, contrib_s = cpu(contribution_table, "bench", experiments, labels, SPACE)
        (table, tests), fsn_s = cpu(failsafe_n, "bench", experiments, labels, clusters, SPACE, uncorrected, 1, FailsafeSettings())
        nulls = null_experiments(experiments, 10 * k, SPACE, 1, "failsafe/bench")
        model = fit_fast(experiments + nulls, 0.001).model
        _, mc_s = cpu(montecarlo.run_null, model, 1, "bench", args.fwe_iterations, 1)
        print(f"{k}\t{int(labels.max())}\t{contrib_s:.1f}\t{fsn_s:.1f}\t{len(tests)}\t{args.fwe_iterations / mc_s:.1f}")


if __name__ == "__main__":
    main()
