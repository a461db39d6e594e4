"""Cluster tables: peaks, sub-peaks, volumes, labels through alereview.labels."""

import numpy as np
import pytest

from alereview.ale import clusters as clusters_module
from alereview.ale.clusters import CLUSTER_COLUMNS, PEAK_COLUMNS, cluster_tables, local_peaks

AFFINE = np.array([[-2.0, 0, 0, 90], [0, 2, 0, -126], [0, 0, 2, -72], [0, 0, 0, 1]])


def _two_peaks():
    ale = np.zeros((91, 109, 91), np.float32)
    labels = np.zeros(ale.shape, np.int32)
    labels[20:35, 60, 40] = 1  # a 15-voxel line, 28 mm long
    ale[20:35, 60, 40] = 0.01
    ale[22, 60, 40] = 0.03  # the maximum
    ale[32, 60, 40] = 0.02  # a sub-peak 20 mm away
    ale[24, 60, 40] = 0.015  # a local maximum 4 mm from the maximum: dropped
    labels[60:62, 30, 30] = 2
    ale[60:62, 30, 30] = [0.012, 0.011]
    return ale, labels


def test_local_peaks():
    ale, labels = _two_peaks()
    assert local_peaks(ale, labels, 1, AFFINE, min_distance_mm=8) == [(22, 60, 40), (32, 60, 40)]
    assert local_peaks(ale, labels, 1, AFFINE, min_distance_mm=25) == [(22, 60, 40)]
    assert local_peaks(ale, labels, 1, AFFINE, max_peaks=1) == [(22, 60, 40)]


def test_cluster_tables(monkeypatch):
    monkeypatch.setattr(clusters_module, "_labels_module", lambda: None)  # labels off: empty columns
    ale, labels = _two_peaks()
    p = np.where(ale > 0, 1e-4, 1).astype(np.float32)
    z = np.where(ale > 0, 3.7, 0).astype(np.float32)
    table, peaks = cluster_tables("demo", ale, p, z, labels, AFFINE, cluster_p=[0.01, 0.2])
    assert list(table.columns) == CLUSTER_COLUMNS and list(peaks.columns) == PEAK_COLUMNS
    first = table.iloc[0]
    assert (first["volume_mm3"], first["n_voxels"]) == (120.0, 15)
    assert (first["x"], first["y"], first["z"]) == (46.0, -6.0, 8.0)
    assert first["peak_ale"] == pytest.approx(0.03) and first["cluster_p_fwe"] == 0.01
    assert first["n_subpeaks"] == 1 and first["subpeaks"].startswith("26 -6 8 (ALE 0.02")
    assert first["hemisphere"] == ""
    assert list(peaks["peak"]) == ["max", 2, "max"]


def test_labels_when_available():
    if clusters_module._labels_module() is None:
        pytest.skip("alereview.labels is not installed")
    labels = clusters_module.peak_labels(-40, -78, -50)
    assert labels["hemisphere"] == "L" and labels["lobe"]
