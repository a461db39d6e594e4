"""The NiMARE-free ALE of the leave-one-out jobs equals NiMARE's, map and threshold."""

import numpy as np
import pytest

from alereview.ale.engine import fit_fast, template_mask_path
from alereview.ale.run import fit
from alereview.coordinates.load import load_experiments


@pytest.mark.parametrize("name", ["small.sleuth.txt", "enge2021_knowledge.sleuth.txt", "enge2021_relatedness.sleuth.txt"])
def test_same_map_and_thresholds_as_nimare(test_data, name):
    experiments = load_experiments(test_data / "ale" / name)
    if name.startswith("enge"):
        experiments = experiments[1:]  # a leave-one-out subset, as the jobs fit
    nimare = fit(experiments, seed=0)
    fast = fit_fast(experiments, voxel_p=0.001)
    np.testing.assert_array_equal(fast.mask, nimare.mask)
    np.testing.assert_array_equal(fast.affine, nimare.affine)
    np.testing.assert_array_equal(fast.ale, nimare.ale)
    np.testing.assert_array_equal(fast.histogram_bins, nimare.estimator.null_distributions_["histogram_bins"])
    np.testing.assert_array_equal(fast.null_histogram, nimare.estimator.null_distributions_["histweights_corr-none_method-approximate"])
    for p in (0.05, 0.001, 0.0001):
        assert fast.cluster_forming_ale(p) == nimare.estimator._p_to_summarystat(p)
    assert fast.model.cluster_forming_ale == nimare.estimator._p_to_summarystat(0.001)


def test_template_is_nimares_file():
    assert template_mask_path().is_file()
