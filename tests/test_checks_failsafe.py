"""Fail-safe N (Acar et al. 2018): null experiments a cluster survives, on synthetic analyses."""

import functools

import numpy as np
import pytest

from alereview.ale.thresholds import ThresholdSettings
from alereview.checks.failsafe import FailsafeSettings, failsafe_n, gather_failsafe, null_experiments, run_failsafe, threshold_labels
from alereview.errors import InputError
from alereview.tsv import write_tsv

from checks_fixtures import SPACE, clusters_table, experiment, near, random_foci

SPOT = (-40, -60, -10)
UNCORRECTED = ThresholdSettings(method="uncorrected", voxel_p=0.001, min_volume_mm3=200)
UP_TO_10K = FailsafeSettings(max_multiplier=10)


def analysis(k_agree, background=4):
    """``k_agree`` experiments reporting a focus near SPOT, and background experiments of 10 random foci."""
    agreeing = [experiment(f"a{i}", near(SPOT, 1, seed=i, spread=8), n=12) for i in range(k_agree)]
    return agreeing + [experiment(f"bg{i}", random_foci(10, 100 + i), n=12) for i in range(background)]


def spot_failsafe(experiments, settings=UNCORRECTED, failsafe=UP_TO_10K, seed=1):
    labels = threshold_labels(experiments, SPACE, settings, seed, "demo")
    cluster = int(labels[tuple(SPACE.ijk([SPOT])[0])])
    assert cluster > 0, "the agreeing experiments form a cluster"
    table, tests = failsafe_n("demo", experiments, labels, clusters_table(labels, experiments), SPACE, settings, seed, failsafe)
    return table.set_index("cluster").loc[cluster], tests


@functools.cache
def two_agreeing():
    """The fail-safe row of SPOT's cluster when two experiments agree (computed once, used twice)."""
    return spot_failsafe(analysis(2))


def test_null_experiments_are_seeded_nested_and_drawn_like_the_included_ones():
    included = [experiment("a", random_foci(3, 1), n=11), experiment("b", random_foci(7, 2), n=31)]
    ten = null_experiments(included, 10, SPACE, seed=5, stream="failsafe/x")
    four = null_experiments(included, 4, SPACE, seed=5, stream="failsafe/x")
    for long, short in zip(ten[:4], four):
        assert long.n == short.n and np.array_equal(long.mni, short.mni)
    assert {len(e.mni) for e in ten} <= {3, 7} and {e.n for e in ten} <= {11, 31}
    ijk = np.concatenate([SPACE.ijk(e.mni) for e in ten])
    assert SPACE.mask[tuple(ijk.T)].all()
    other = null_experiments(included, 4, SPACE, seed=6, stream="failsafe/x")
    assert not all(np.array_equal(a.mni, b.mni) for a, b in zip(four, other))


def test_failsafe_n_grows_with_the_number_of_experiments_that_agree():
    few, _ = two_agreeing()
    many, _ = spot_failsafe(analysis(5))
    assert few["fsn"] < many["fsn"]
    assert few["robust"] == "N" and many["robust"] == "Y"
    assert many["min_robust"] == 2 * 9 and many["max_tested"] == 10 * 9


def test_a_cluster_that_survives_the_largest_test_is_censored():
    row, tests = spot_failsafe(analysis(5), failsafe=FailsafeSettings(max_multiplier=2))
    assert row["censored"] == "Y" and row["fsn_text"] == f">= {2 * 9}" and row["fsn"] == 18
    assert tests["n_null"].iloc[0] == 18 and "1" in tests["surviving_clusters"].iloc[0].split(",")


def test_two_runs_give_the_same_table_and_the_bisection_is_consistent():
    first, tests = two_agreeing()
    second, _ = spot_failsafe(analysis(2))
    assert first.equals(second)
    survived = {int(n): "1" in str(s).split(",") for n, s in zip(tests["n_null"], tests["surviving_clusters"])}
    fsn = int(first["fsn"])
    assert survived.get(fsn, True) and not survived[fsn + 1]


def test_fwe_methods_run_a_capped_monte_carlo_per_test():
    settings = ThresholdSettings(method="cluster_fwe", voxel_p=0.001, cluster_p=0.05, iterations=200)
    experiments = analysis(5, background=2)
    labels = threshold_labels(experiments, SPACE, UNCORRECTED, 1, "demo")
    table, tests = failsafe_n(
        "demo",
        experiments,
        labels,
        clusters_table(labels, experiments),
        SPACE,
        settings,
        1,
        FailsafeSettings(max_multiplier=1, max_iterations=20),
    )
    assert len(table) and (table["iterations_per_test"] == 20).all() and (table["method"] == "cluster_fwe").all()


def test_no_cluster_no_test():
    table, tests = failsafe_n(
        "demo", analysis(1), np.zeros(SPACE.mask.shape, np.int32), clusters_table(np.zeros(1), []), SPACE, UNCORRECTED, 1
    )
    assert table.empty and tests.empty


def test_settings_from_config_and_bounds():
    settings = FailsafeSettings.from_config(
        {"max_multiplier": 5, "min_multiplier": 1.5, "max_iterations": 100}, {"rule": "peak", "min_overlap_voxels": 3}
    )
    assert settings == FailsafeSettings(5.0, 1.5, 100, "peak", 3)
    assert settings.bounds(7) == (11, 35)


def test_a_cluster_table_that_disagrees_with_the_image_is_refused(tmp_path):
    import nibabel as nib

    from alereview.coordinates.sleuth import write_sleuth  # noqa: F401 - the Sleuth writer of the coordinates stage

    sleuth = tmp_path / "demo.sleuth.txt"
    sleuth.write_text(
        "// Reference=MNI\n// A (a): x\n// Subjects=12\n-40\t-60\t-10\n\n// B (b): x\n// Subjects=12\n-40\t-60\t-10\n", encoding="utf-8"
    )
    labels = np.zeros(SPACE.mask.shape, np.int16)
    labels[40:43, 40:43, 40:43] = 1
    nib.Nifti1Image(labels, SPACE.affine).to_filename(tmp_path / "clusters.nii.gz")
    write_tsv(clusters_table(np.zeros(1), []), tmp_path / "clusters.tsv")
    with pytest.raises(InputError, match="0 clusters in the table, 1 in"):
        run_failsafe(sleuth, tmp_path / "clusters.nii.gz", tmp_path / "clusters.tsv", "demo", UNCORRECTED)


def test_gather_keeps_the_order_and_skips_empty_tables(tmp_path):
    import pandas as pd

    from alereview.checks.failsafe import CLUSTER_COLUMNS

    row = dict.fromkeys(CLUSTER_COLUMNS, "1")
    write_tsv(pd.DataFrame([row])[CLUSTER_COLUMNS], tmp_path / "a.tsv")
    write_tsv(pd.DataFrame(columns=CLUSTER_COLUMNS), tmp_path / "b.tsv")
    gathered = gather_failsafe([tmp_path / "b.tsv", tmp_path / "a.tsv"])
    assert len(gathered) == 1 and list(gathered.columns) == CLUSTER_COLUMNS


def test_a_mask_file_goes_through_nimare_and_agrees_with_the_fast_engine(tmp_path):
    import nibabel as nib

    from alereview.checks.space import load_space

    nib.Nifti1Image(SPACE.mask.astype(np.uint8), SPACE.affine).to_filename(tmp_path / "mask.nii.gz")
    space = load_space(tmp_path / "mask.nii.gz")
    experiments = analysis(5, background=2)
    fast = threshold_labels(experiments, SPACE, UNCORRECTED, 1, "demo")
    assert np.array_equal(threshold_labels(experiments, space, UNCORRECTED, 1, "demo") > 0, fast > 0)


def test_known_interval_starts_from_the_tests_of_other_clusters():
    import numpy as np

    from alereview.checks.failsafe import known_interval

    tests = {100: np.array([False, True]), 50: np.array([True, True]), 75: np.array([False, True])}
    assert known_interval(tests, 0, 100) == (50, 75)
    assert known_interval(tests, 1, 100) == (75, 100)
    assert known_interval({}, 0, 100) == (0, 100)


def test_prefix_fits_equal_fitting_each_set_anew():
    """The fail-safe search's cached null histograms give exactly the ALE and threshold of a new fit."""
    from alereview.ale.engine import fit_fast
    from alereview.checks.failsafe import NullPrefixFits

    real = analysis(3)
    nulls = null_experiments(real, 40, SPACE, 5, "demo")
    fits = NullPrefixFits(real, nulls, every=8)
    assert fits.in_order
    for n_null in (40, 0, 13, 8, 27, 1):
        cached = fits.fit(n_null, 0.001, 6)
        fresh = fit_fast(list(real) + nulls[:n_null], 0.001, 6)
        assert np.array_equal(cached.ale, fresh.ale)
        assert np.array_equal(cached.null_histogram, fresh.null_histogram)
        assert cached.model.cluster_forming_ale == fresh.model.cluster_forming_ale
