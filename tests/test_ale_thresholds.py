"""Thresholds: inclusive minimum volume, cluster numbering, FWE p from a null, settings."""

import numpy as np
import pytest

from alereview.ale.montecarlo import NullDistribution
from alereview.ale.thresholds import (
    ThresholdSettings,
    apply_threshold,
    critical_cluster_size,
    label_by_volume,
    null_p,
    settings_from_config,
    voxel_volume,
)
from alereview.errors import ConfigError

AFFINE = np.diag([-2.0, 2.0, 2.0, 1.0])  # 8 mm3 voxels


def _volume_with_blocks():
    """ALE volume with three blocks above 0.01: 50 voxels (400 mm3), 49 voxels, 60 voxels."""
    ale = np.zeros((40, 40, 40), dtype=np.float32)
    ale[2:7, 2:7, 2:4] = 0.02  # 5*5*2 = 50 voxels
    ale[10:17, 10:17, 10] = 0.03  # 7*7 = 49 voxels
    ale[20:26, 20:30, 20] = 0.015  # 6*10 = 60 voxels
    return ale


def test_min_volume_is_inclusive():
    ale = _volume_with_blocks()
    settings = ThresholdSettings(method="uncorrected", min_volume_mm3=400)
    result = apply_threshold(ale, np.ones(ale.shape, bool), AFFINE, settings, cluster_forming_ale=0.01)
    assert list(result.sizes) == [60, 50]  # the 49-voxel (392 mm3) cluster is dropped
    assert result.min_cluster_voxels == 50
    assert (result.labels == 1).sum() == 60 and (result.labels == 2).sum() == 50
    assert np.isnan(result.cluster_p).all()


def test_cluster_forming_threshold_is_strict():
    ale = _volume_with_blocks()
    result = apply_threshold(ale, np.ones(ale.shape, bool), AFFINE, ThresholdSettings(), cluster_forming_ale=0.02)
    assert list(result.sizes) == [49]  # ALE == threshold does not form clusters


def test_mask_limits_clusters():
    ale = _volume_with_blocks()
    mask = np.ones(ale.shape, bool)
    mask[20:26, 20:25, 20] = False
    result = apply_threshold(ale, mask, AFFINE, ThresholdSettings(), cluster_forming_ale=0.01)
    assert sorted(result.sizes) == [30, 49, 50]


def test_labels_by_descending_volume_ties_by_peak():
    binary = np.zeros((10, 10, 10), bool)
    ale = np.zeros(binary.shape, np.float32)
    binary[0, 0, 0:2] = True
    ale[0, 0, 0:2] = 0.1  # 2 voxels, low peak, scanned first
    binary[5, 5, 0:2] = True
    ale[5, 5, 0:2] = 0.2  # 2 voxels, higher peak
    binary[8, 0:3, 8] = True
    ale[8, 0:3, 8] = 0.05  # 3 voxels
    labels, sizes = label_by_volume(binary, 6, ale)
    assert list(sizes) == [3, 2, 2]
    assert labels[8, 0, 8] == 1 and labels[5, 5, 0] == 2 and labels[0, 0, 0] == 3


@pytest.mark.parametrize("connectivity, n", [(6, 3), (18, 2), (26, 1)])
def test_connectivity(connectivity, n):
    binary = np.zeros((5, 5, 5), bool)
    binary[1, 1, 1] = binary[2, 2, 1] = binary[3, 3, 2] = True  # edge, then corner neighbours
    _, sizes = label_by_volume(binary, connectivity)
    assert len(sizes) == n


def test_null_p_and_critical_size():
    null = np.array([0, 10, 20, 30, 40, 50, 60, 70, 80, 90])
    assert null_p(45, null) == pytest.approx(0.5)
    assert null_p(90, null) == pytest.approx(0.1)
    assert null_p(1000, null) == pytest.approx(0.1)  # clipped at 1/n
    assert null_p(60, null) == pytest.approx(0.4)
    assert null_p(61, null) == pytest.approx(0.3)
    assert critical_cluster_size(null, 0.35) == 61  # the smallest size with p < 0.35


def test_cluster_fwe_keeps_clusters_larger_than_the_null():
    ale = _volume_with_blocks()
    null = NullDistribution(
        max_stat=np.full(20, 0.05), max_size=np.array([10] * 15 + [55] * 5), max_mass=np.zeros(20), cluster_forming_ale=0.01, connectivity=6
    )
    settings = ThresholdSettings(method="cluster_fwe", cluster_p=0.1)
    result = apply_threshold(ale, np.ones(ale.shape, bool), AFFINE, settings, 0.01, null)
    assert list(result.sizes) == [60]  # 50 and 49: as large as 25% of the null
    assert result.cluster_p[0] == pytest.approx(0.05)  # none larger: clipped at 1/20
    assert result.min_cluster_voxels == 56
    strict = apply_threshold(ale, np.ones(ale.shape, bool), AFFINE, ThresholdSettings(method="cluster_fwe", cluster_p=0.05), 0.01, null)
    assert len(strict.sizes) == 0  # 20 iterations cannot give p < 1/20


def test_voxel_fwe_uses_the_max_null():
    ale = _volume_with_blocks()
    null = NullDistribution(
        max_stat=np.linspace(0.01, 0.025, 40), max_size=np.zeros(40, int), max_mass=np.zeros(40), cluster_forming_ale=0.01, connectivity=6
    )
    result = apply_threshold(ale, np.ones(ale.shape, bool), AFFINE, ThresholdSettings(method="voxel_fwe"), 0.01, null)
    assert list(result.sizes) == [49]  # only ALE 0.03 beats 95% of the maxima


def test_fwe_needs_a_null():
    with pytest.raises(ValueError, match="Monte Carlo"):
        apply_threshold(np.zeros((3, 3, 3)), np.ones((3, 3, 3), bool), AFFINE, ThresholdSettings(method="cluster_fwe"), 0.01)


def test_settings_from_config_with_overrides():
    config = {
        "threshold": {"method": "uncorrected", "voxel_p": 0.001, "min_volume_mm3": 400},
        "montecarlo": {"iterations": 500, "chunks": 4},
        "connectivity": 18,
        "overrides": {"b": {"method": "cluster_fwe", "min_volume_mm3": 0}},
    }
    a = settings_from_config(config, "a")
    b = settings_from_config(config, "b")
    assert (a.method, a.min_volume_mm3, a.connectivity, a.iterations, a.chunks) == ("uncorrected", 400, 18, 500, 4)
    assert (b.method, b.min_volume_mm3, b.needs_montecarlo) == ("cluster_fwe", 0, True)
    assert "cluster-level FWE p < 0.05" in b.describe()


def test_bad_settings():
    with pytest.raises(ConfigError, match="connectivity"):
        ThresholdSettings(connectivity=8)
    with pytest.raises(ConfigError, match="method"):
        ThresholdSettings(method="tfce")


def test_voxel_volume():
    assert voxel_volume(AFFINE) == 8.0
