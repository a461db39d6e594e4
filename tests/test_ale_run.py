"""One analysis end to end: outputs, determinism, Monte Carlo chunks, the CLI."""

import hashlib

import nibabel as nib
import numpy as np
import pytest

from alereview.layout import outputs_in
from alereview.ale.run import montecarlo_chunk, run_analysis
from alereview.ale.thresholds import ThresholdSettings
from alereview.cli import main
from alereview.tsv import read_json, read_tsv

OUTPUTS = ["ale.nii.gz", "p.nii.gz", "z.nii.gz", "thresholded_ale.nii.gz", "clusters.nii.gz", "clusters.tsv", "peaks.tsv", "threshold.json"]
UNCORRECTED = ThresholdSettings(method="uncorrected", voxel_p=0.001, min_volume_mm3=100)


def _digest(directory):
    return {name: hashlib.sha256((directory / name).read_bytes()).hexdigest() for name in OUTPUTS}


@pytest.fixture(scope="module")
def small(test_data):
    return test_data / "ale" / "small.sleuth.txt"


@pytest.fixture(scope="module")
def first_run(small, tmp_path_factory):
    out = tmp_path_factory.mktemp("ale") / "small"
    summary = run_analysis(small, outputs_in(out, "ale_analysis"), "small", UNCORRECTED, seed=5)
    return out, summary


def test_outputs_and_table(first_run):
    out, summary = first_run
    assert all((out / name).is_file() for name in OUTPUTS)
    clusters = read_tsv(out / "clusters.tsv")
    labels = np.asarray(nib.load(str(out / "clusters.nii.gz")).dataobj)
    assert summary["n_clusters"] == len(clusters) == labels.max() > 0
    volumes = clusters["volume_mm3"].astype(float).to_numpy()
    assert list(volumes) == sorted(volumes, reverse=True)
    assert volumes.min() >= 100
    for row in clusters.to_dict("records"):
        assert (labels == int(row["cluster"])).sum() * 8 == float(row["volume_mm3"])
    ale = np.asarray(nib.load(str(out / "ale.nii.gz")).dataobj)
    thresholded = np.asarray(nib.load(str(out / "thresholded_ale.nii.gz")).dataobj)
    np.testing.assert_array_equal(thresholded > 0, labels > 0)
    assert float(clusters["peak_ale"].iloc[0]) == pytest.approx(float(ale[labels == 1].max()), rel=1e-6)
    assert (ale[labels > 0] > summary["cluster_forming_ale"]).all()
    assert read_json(out / "threshold.json")["min_cluster_voxels"] == 13


def test_two_runs_are_byte_identical(first_run, small, tmp_path):
    out, _ = first_run
    run_analysis(small, outputs_in(tmp_path / "again", "ale_analysis"), "small", UNCORRECTED, seed=5)
    assert _digest(tmp_path / "again") == _digest(out)


def test_cluster_fwe_chunks_from_jobs_equal_in_job(small, tmp_path):
    settings = ThresholdSettings(method="cluster_fwe", cluster_p=0.1, iterations=20, chunks=2)
    chunks = [montecarlo_chunk(small, settings, 5, "small", chunk) for chunk in (1, 0)]
    run_analysis(small, outputs_in(tmp_path / "jobs", "ale_analysis"), "small", settings, seed=5, chunks=chunks)
    run_analysis(small, outputs_in(tmp_path / "inside", "ale_analysis"), "small", settings, seed=5)
    assert _digest(tmp_path / "jobs") == _digest(tmp_path / "inside")
    table = read_tsv(tmp_path / "jobs" / "clusters.tsv")
    assert (table["cluster_p_fwe"].astype(float) < 0.1).all()
    assert read_json(tmp_path / "jobs" / "threshold.json")["montecarlo_iterations"] == 20


def test_cli(small, tmp_path, capsys):
    assert main(["ale", str(small), "--out", str(tmp_path / "cli"), "--min-volume", "100", "--seed", "5"]) == 0
    assert "clusters" in capsys.readouterr().out
    assert (tmp_path / "cli" / "clusters.nii.gz").is_file()
    assert main(["ale", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "x")]) == 2
    assert "no such Sleuth file" in capsys.readouterr().err


def test_cli_reports_bad_input(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text("// Reference=MNI\n// A, 2000\n// Subjects=ten\n1 2 3\n")
    assert main(["ale", str(bad), "--out", str(tmp_path / "out")]) == 2
    assert "line 3" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
