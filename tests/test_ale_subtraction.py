"""Contrasts: GingerALE-style gated and NiMARE two-sided subtraction, and conjunction."""

import nibabel as nib
import numpy as np
import pytest

from alereview.layout import outputs_in
from alereview.ale.subtraction import (
    DEFAULTS,
    ContrastSettings,
    conjunction_clusters,
    run_contrast,
    subtraction_clusters,
    subtraction_maps,
)
from alereview.errors import ConfigError
from alereview.tsv import read_json, read_tsv

AFFINE = np.diag([-2.0, 2.0, 2.0, 1.0])
MNI_2MM = np.array([[-2.0, 0, 0, 90], [0, 2, 0, -126], [0, 0, 2, -72], [0, 0, 0, 1]])
SHAPE_2MM = (91, 109, 91)


def _settings(**changes):
    values = {"name": "c", "kind": "subtraction", "a": "A", "b": "B", "p": 0.001, "min_volume_mm3": 0}
    return ContrastSettings.from_config({**values, **changes})


def _maps():
    z = np.zeros((20, 20, 20), np.float32)
    p = np.ones_like(z)
    a = np.zeros(z.shape, bool)
    b = np.zeros(z.shape, bool)
    a[2:5, 2:5, 2:5] = True
    b[10:12, 10:12, 10:12] = True
    z[1:5, 2:5, 2:5], p[1:5, 2:5, 2:5] = 4.0, 1e-5  # A > B, one slab outside A's cluster
    z[10:12, 10:12, 10:12], p[10:12, 10:12, 10:12] = -4.0, 1e-5  # B > A
    z[15, 15, 15], p[15, 15, 15] = 5.0, 1e-6  # A > B outside A's cluster
    return z, p, a, b


def test_gated_subtraction_stays_inside_each_side():
    z, p, a, b = _maps()
    labels, directions = subtraction_clusters(z, p, _settings(), AFFINE, a, b)
    assert directions == ["A>B", "B>A"]
    assert (labels == 1).sum() == 27 and (labels == 2).sum() == 8 and labels[15, 15, 15] == 0


def test_ungated_subtraction_tests_every_voxel():
    z, p, _, _ = _maps()
    labels, directions = subtraction_clusters(z, p, _settings(method="nimare"), AFFINE)
    assert directions == ["A>B", "A>B", "B>A"]
    assert (labels == 1).sum() == 36 and labels[15, 15, 15] == 2 and (labels == 3).sum() == 8


def test_minimum_volume_and_p_threshold():
    z, p, a, b = _maps()
    # 8 mm3 voxels: 100 mm3 keeps A's 27-voxel cluster, drops B's 8 voxels (64 mm3).
    labels, directions = subtraction_clusters(z, p, _settings(min_volume_mm3=100), AFFINE, a, b)
    assert directions == ["A>B"] and (labels == 1).sum() == 27
    labels, directions = subtraction_clusters(z, p, _settings(p=1e-6), AFFINE, a, b)
    assert directions == [] and labels.max() == 0


def test_conjunction_is_the_minimum_inside_both():
    a = np.zeros((10, 10, 10), np.float32)
    b = np.zeros_like(a)
    a[0:4, 0, 0] = 0.02
    b[2:6, 0, 0] = 0.01
    b[3, 0, 0] = 0.03
    labels, minimum = conjunction_clusters(a, b, _settings(kind="conjunction"), AFFINE)
    assert (labels > 0).sum() == 2 and minimum[2, 0, 0] == pytest.approx(0.01)
    assert minimum[3, 0, 0] == pytest.approx(0.02) and minimum[0, 0, 0] == 0 and minimum[5, 0, 0] == 0


def test_settings_defaults_and_errors():
    settings = ContrastSettings.from_config({"name": "x", "kind": "subtraction", "a": "A", "b": "B"})
    assert (settings.method, settings.iterations, settings.p, settings.min_volume_mm3) == (
        DEFAULTS["method"],
        DEFAULTS["iterations"],
        DEFAULTS["p"],
        DEFAULTS["min_volume_mm3"],
    )
    assert "GingerALE" in settings.describe() and "inside A's clusters" in settings.describe()
    assert "two-sided" in _settings(method="nimare").describe()
    assert "minimum" in _settings(kind="conjunction").describe()
    for bad, key in (({"kind": "difference"}, "kind"), ({"method": "spm"}, "method"), ({"p": 1.5}, "p"), ({"b": ""}, "b")):
        with pytest.raises(ConfigError) as excinfo:
            _settings(**bad)
        assert excinfo.value.key == f"ale.contrasts.c.{key}"


def _sleuth(path, centres, n_experiments, seed):
    rng = np.random.default_rng(seed)
    lines = ["// Reference=MNI"]
    for index in range(n_experiments):
        lines += [f"// {path.stem} {index}", "// Subjects=20"]
        for centre in centres:
            x, y, z = np.asarray(centre) + rng.normal(0, 2.0, 3)
            lines.append(f"{x:.1f}\t{y:.1f}\t{z:.1f}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _sphere(centre, radius_mm=8):
    ijk = np.indices(SHAPE_2MM).reshape(3, -1).T
    xyz = ijk @ MNI_2MM[:3, :3].T + MNI_2MM[:3, 3]
    inside = (((xyz - np.asarray(centre)) ** 2).sum(axis=1) <= radius_mm**2).reshape(SHAPE_2MM)
    return inside.astype(np.int16)


X, Y, SHARED = (-40, -60, -10), (40, -60, -10), (0, 30, 30)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A: foci at X and SHARED; B: foci at Y and SHARED; their 'clusters' are spheres there."""
    folder = tmp_path_factory.mktemp("contrast")
    a = _sleuth(folder / "a.txt", [X, SHARED], 12, 1)
    b = _sleuth(folder / "b.txt", [Y, SHARED], 12, 2)
    a_clusters = nib.Nifti1Image(_sphere(X) + _sphere(SHARED), MNI_2MM)
    b_clusters = nib.Nifti1Image(_sphere(Y) + _sphere(SHARED), MNI_2MM)
    return a, b, a_clusters, b_clusters


def _z_at(z, centre):
    i, j, k = np.linalg.solve(MNI_2MM, [*centre, 1])[:3].round().astype(int)
    return z[i, j, k]


@pytest.mark.slow
def test_subtraction_finds_what_differs_and_not_what_is_shared(synthetic):
    a, b, a_clusters, b_clusters = synthetic
    settings = _settings(iterations=200, p=0.05)
    z, p, _ = subtraction_maps(settings, a, b, a_clusters, b_clusters, seed=3)
    assert _z_at(z, X) > 1.64 and _z_at(z, Y) < -1.64 and abs(_z_at(z, SHARED)) < 1.64
    # Gated: no test outside the two analyses' clusters.
    outside = (np.asarray(a_clusters.dataobj) == 0) & (np.asarray(b_clusters.dataobj) == 0)
    assert np.all(p[outside] == 1) and np.all(z[outside] == 0)
    # Deterministic from the seed.
    again, _, _ = subtraction_maps(settings, a, b, a_clusters, b_clusters, seed=3)
    assert np.array_equal(z, again)


@pytest.mark.slow
def test_nimare_method_is_two_sided_over_the_mask(synthetic):
    a, b, a_clusters, b_clusters = synthetic
    z, p, _ = subtraction_maps(_settings(method="nimare", iterations=200), a, b, a_clusters, b_clusters, seed=3)
    assert _z_at(z, X) > 0 and _z_at(z, Y) < 0
    outside = (np.asarray(a_clusters.dataobj) == 0) & (np.asarray(b_clusters.dataobj) == 0) & (z != 0)
    assert outside.sum() > 1000  # voxels outside both analyses' clusters are tested too


def test_run_contrast_writes_tables_and_maps(synthetic, tmp_path):
    a, b, a_clusters, b_clusters = synthetic
    a_img, b_img = tmp_path / "a_clusters.nii.gz", tmp_path / "b_clusters.nii.gz"
    a_clusters.to_filename(a_img)
    b_clusters.to_filename(b_img)
    contrast = {"name": "a_vs_b", "kind": "subtraction", "a": "A", "b": "B", "iterations": 200, "min_volume_mm3": 0}
    table = run_contrast(
        contrast, {"a": a, "b": b, "a_clusters": a_img, "b_clusters": b_img}, outputs_in(tmp_path / "sub", "ale_contrast"), seed=3
    )
    assert set(table["direction"]) == {"A>B", "B>A"}
    assert list(table.columns[:3]) == ["contrast", "cluster", "direction"] and "aal" in table.columns
    first = {row["direction"]: row for row in table.to_dict("records")[::-1]}
    assert first["A>B"]["x"] < 0 < first["B>A"]["x"]  # X is left, Y right
    labels = np.asarray(nib.load(str(tmp_path / "sub" / "clusters.nii.gz")).dataobj)
    for row in table.to_dict("records"):
        side = a_clusters if row["direction"] == "A>B" else b_clusters
        assert (np.asarray(side.dataobj)[labels == int(row["cluster"])] > 0).all()
    summary = read_json(tmp_path / "sub" / "threshold.json")
    assert summary["method"] == "gingerale" and summary["n_clusters"] == len(table) and summary["iterations"] == 200
    peaks = read_tsv(tmp_path / "sub" / "peaks.tsv")
    assert set(peaks["direction"]) == set(table["direction"])
    for name in ("stat", "thresholded"):
        assert (tmp_path / "sub" / f"{name}.nii.gz").is_file()


def test_run_conjunction(tmp_path):
    paths = {}
    for side, centres in (("a", [X, SHARED]), ("b", [Y, SHARED])):
        thresholded = sum(_sphere(c) for c in centres).astype(np.float32) * (0.02 if side == "a" else 0.01)
        for key, data in (
            ("thresholded", thresholded),
            ("p", np.where(thresholded > 0, 1e-4, 1.0)),
            ("z", np.where(thresholded > 0, 3.7, 0.0)),
        ):
            paths[f"{side}_{key}"] = tmp_path / f"{side}_{key}.nii.gz"
            nib.Nifti1Image(np.asarray(data, np.float32), MNI_2MM).to_filename(paths[f"{side}_{key}"])
    contrast = {"name": "both", "kind": "conjunction", "a": "A", "b": "B"}
    table = run_contrast(contrast, paths, outputs_in(tmp_path / "conj", "ale_contrast"))
    assert len(table) == 1 and table.iloc[0]["direction"] == "A and B"
    assert table.iloc[0]["peak_stat"] == pytest.approx(0.01)
    assert abs(table.iloc[0]["x"] - SHARED[0]) <= 8 and abs(table.iloc[0]["y"] - SHARED[1]) <= 8
    assert read_json(tmp_path / "conj" / "threshold.json")["method"] == "minimum statistic"
