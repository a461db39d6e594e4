"""The cluster-FWE jackknife and fail-safe N, full computation and shortcut side by side; prints figures.

Run: python bench/checks_fast.py [--sets relatedness knowledge] [--failsafe-multiplier 3]
         [--failsafe-iterations 500] [--skip-full-failsafe]

For each shared Enge et al. (2021) set (../shared/data/ale_validation/enge2021): the main
analysis (fit without NiMARE's import, 1,000-iteration Monte Carlo, cluster-level FWE p < .05
at voxel p < .001), then the jackknife and the fail-safe N computed in full (a Monte Carlo per
re-thresholding) and with the shortcut (docs/checks.md, checks.sequential defaults). Printed:
CPU seconds (process time; a shared machine inflates wall time, not these), whether the tables
are equal, the time ratio full / fast and the ratio of the shortcut checks' CPU to the main
analysis'. The fail-safe runs up to ``--failsafe-multiplier`` x k null experiments (the
review's default is 10; 3 keeps the full computation affordable).
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from checks_fixtures import SPACE, clusters_table  # noqa: E402

from alereview.ale import montecarlo  # noqa: E402
from alereview.ale.engine import fit_fast  # noqa: E402
from alereview.jackknife.leave_out import leave_all_out  # noqa: E402
from alereview.jackknife.fast import leave_all_out_fast  # noqa: E402
from alereview.ale.sequential import SequentialRule  # noqa: E402
from alereview.ale.thresholds import ThresholdSettings, apply_threshold  # noqa: E402
from alereview.checks.failsafe import FailsafeSettings, failsafe_n  # noqa: E402
from alereview.coordinates.load import load_experiments  # noqa: E402

ENGE = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ale_validation" / "enge2021"


def cpu(function, *args, **kwargs):
    start = time.process_time()
    result = function(*args, **kwargs)
    return result, time.process_time() - start


def main_analysis(experiments, settings, name):
    fast = fit_fast(experiments, settings.voxel_p)
    null = montecarlo.run_null(fast.model, 1, name, settings.iterations)
    return apply_threshold(fast.ale, fast.mask, fast.affine, settings, fast.model.cluster_forming_ale, null).labels


def bench_set(name, args, tmp):
    import nibabel as nib

    path = ENGE / f"{name}.txt"
    settings = ThresholdSettings(method="cluster_fwe", iterations=1000)
    experiments = load_experiments(path)
    labels, main_s = cpu(main_analysis, experiments, settings, name)
    clusters = clusters_table(labels, experiments)
    img, tsv = tmp / f"{name}_clusters.nii.gz", tmp / f"{name}_clusters.tsv"
    nib.save(nib.Nifti1Image(labels, SPACE.affine), str(img))
    clusters.to_csv(tsv, sep="\t", index=False)
    rows = []
    fast_jk, fast_jk_s = cpu(leave_all_out_fast, experiments, labels, clusters, name, settings, seed=1)
    full_jk, full_jk_s = cpu(leave_all_out, path, img, tsv, name, settings, seed=1)
    rows.append(("jackknife", full_jk_s, fast_jk_s, fast_jk.astype(str).equals(full_jk.astype(str))))
    options = FailsafeSettings(max_multiplier=args.failsafe_multiplier, max_iterations=args.failsafe_iterations)
    (fast_fs, fast_tests), fast_fs_s = cpu(failsafe_n, name, experiments, labels, clusters, SPACE, settings, 1, options, SequentialRule())
    if args.skip_full_failsafe:
        rows.append(("failsafe", float("nan"), fast_fs_s, None))
    else:
        (full_fs, full_tests), full_fs_s = cpu(failsafe_n, name, experiments, labels, clusters, SPACE, settings, 1, options)
        rows.append(
            (
                "failsafe",
                full_fs_s,
                fast_fs_s,
                fast_fs.astype(str).equals(full_fs.astype(str)) and fast_tests.astype(str).equals(full_tests.astype(str)),
            )
        )
    print(
        f"\n{name}: {len(experiments)} experiments, {sum(len(e.mni) for e in experiments)} foci, {int(labels.max())} clusters; "
        f"main analysis {main_s:.1f} s CPU; fail-safe up to {args.failsafe_multiplier:g}k nulls, {len(fast_tests)} tests"
    )
    print("check\tfull_cpu_s\tfast_cpu_s\tfull/fast\tequal\tfast/main")
    for check, full_s, fast_s, equal in rows:
        print(f"{check}\t{full_s:.1f}\t{fast_s:.1f}\t{full_s / fast_s:.1f}\t{equal}\t{fast_s / main_s:.2f}")
    checks = sum(row[2] for row in rows)
    print(f"all checks (fast)\t\t{checks:.1f}\t\t\t{checks / main_s:.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=["relatedness"])
    parser.add_argument("--failsafe-multiplier", type=float, default=3.0)
    parser.add_argument("--failsafe-iterations", type=int, default=500)
    parser.add_argument("--skip-full-failsafe", action="store_true")
    args = parser.parse_args()
    if not ENGE.is_dir():
        sys.exit(f"{ENGE} is not present")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets:
            bench_set(name, args, Path(tmp))


if __name__ == "__main__":
    main()
