"""Contrasts: GingerALE-style subtraction inside each analysis' clusters, and conjunction."""

import nibabel as nib
import numpy as np
import pytest

from alereview.ale.run import run_analysis
from alereview.ale.subtraction import conjunction_clusters, run_contrast, subtraction_clusters
from alereview.ale.thresholds import ThresholdSettings
from alereview.tsv import read_tsv

SETTINGS = ThresholdSettings(method="uncorrected", voxel_p=0.001, min_volume_mm3=0)
AFFINE = np.diag([-2.0, 2.0, 2.0, 1.0])


def test_subtraction_clusters_stay_inside_each_side():
    z = np.zeros((20, 20, 20), np.float32)
    p = np.ones_like(z)
    a = np.zeros(z.shape, np.int16)
    b = np.zeros(z.shape, np.int16)
    a[2:5, 2:5, 2:5] = 1
    b[10:12, 10:12, 10:12] = 1
    z[1:5, 2:5, 2:5], p[1:5, 2:5, 2:5] = 4.0, 1e-5       # A > B, partly outside A's cluster
    z[10:12, 10:12, 10:12], p[10:12, 10:12, 10:12] = -4.0, 1e-5  # B > A
    z[15, 15, 15], p[15, 15, 15] = 5.0, 1e-6             # A > B outside A: ignored
    labels, directions = subtraction_clusters(z, p, a, b, SETTINGS, AFFINE)
    assert directions == ["A>B", "B>A"]
    assert (labels == 1).sum() == 27 and (labels == 2).sum() == 8 and labels[15, 15, 15] == 0


def test_conjunction_is_the_minimum_inside_both():
    a = np.zeros((10, 10, 10), np.int16)
    b = np.zeros_like(a)
    a[0:4, 0, 0] = 1
    b[2:6, 0, 0] = 3
    ale_a = np.full(a.shape, 0.02, np.float32)
    ale_b = np.full(a.shape, 0.01, np.float32)
    labels, minimum = conjunction_clusters(ale_a, ale_b, a, b, SETTINGS, AFFINE)
    assert (labels > 0).sum() == 2 and minimum[2, 0, 0] == pytest.approx(0.01) and minimum[0, 0, 0] == 0


def test_run_contrasts(test_data, tmp_path):
    small = test_data / "ale" / "small.sleuth.txt"
    other = test_data / "ale" / "enge2021_relatedness.sleuth.txt"
    for name, path in (("a", small), ("b", other)):
        run_analysis(path, tmp_path / name, name, SETTINGS, seed=1)
    conjunction = run_contrast({"name": "same", "kind": "conjunction", "a": "a", "b": "a"}, small, small,
                               tmp_path / "a" / "clusters.nii.gz", tmp_path / "a" / "clusters.nii.gz", tmp_path / "same", SETTINGS)
    assert len(conjunction) == len(read_tsv(tmp_path / "a" / "clusters.tsv"))
    table = run_contrast({"name": "a_vs_b", "kind": "subtraction", "a": "a", "b": "b", "iterations": 20}, small, other,
                         tmp_path / "a" / "clusters.nii.gz", tmp_path / "b" / "clusters.nii.gz", tmp_path / "sub", SETTINGS, seed=1)
    assert set(table["direction"]) <= {"A>B", "B>A"}
    labels = np.asarray(nib.load(str(tmp_path / "sub" / "clusters.nii.gz")).dataobj)
    a_clusters = np.asarray(nib.load(str(tmp_path / "a" / "clusters.nii.gz")).dataobj)
    b_clusters = np.asarray(nib.load(str(tmp_path / "b" / "clusters.nii.gz")).dataobj)
    for row in table.to_dict("records"):
        side = a_clusters if row["direction"] == "A>B" else b_clusters
        assert (side[labels == int(row["cluster"])] > 0).all()
    assert (tmp_path / "sub" / "z.nii.gz").is_file()
