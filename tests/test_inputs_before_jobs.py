"""A mistake in a file a researcher writes stops the run before any job: results/ stays as it was.

A finished coordinates-only review (coordinate table + study table), then mistakes of the kinds
that used to delete earlier results (SAFE issue): an analysis renamed in the config but not in
the coordinate table, a study table whose study ids no longer match, a coordinate file that no
longer reads. Each run fails with one message and no traceback, and every file of results/ is
byte-identical afterwards.
"""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "coordinates"

pytestmark = pytest.mark.slow


def _snapshot(results: Path) -> dict:
    return {str(p.relative_to(results)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(results.rglob("*")) if p.is_file()}


def _run(folder: Path):
    command = [sys.executable, "-m", "snakemake", "--snakefile", str(REPO / "Snakefile"), "--directory", str(folder), "--cores", "1"]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review")
    (folder / "config").mkdir()
    shutil.copy(DATA / "foci.tsv", folder / "foci.tsv")
    shutil.copy(DATA / "studies.tsv", folder / "studies.tsv")
    shutil.copy(DATA / "example.sleuth.txt", folder / "extra.sleuth.txt")
    config = {
        "review": {"id": "mistakes", "title": "Mistakes cost nothing", "seed": 1},
        "analyses": {
            "post_gt_pre": {"title": "Post > pre"},
            "post_lt_pre": {"title": "Post < pre"},
            "sleuth_file": {"title": "From a Sleuth file"},
        },
        "studies": {"table": "studies.tsv"},
        "coordinates": {
            "tables": ["foci.tsv"],
            "sleuth": [{"path": "extra.sleuth.txt", "analysis": "sleuth_file"}],
            "mask_check": False,
            "duplicate_experiments": "warn",
        },
        "ale": {"threshold": {"method": "uncorrected", "voxel_p": 0.001, "min_volume_mm3": 200}},
        "jackknife": {"enabled": False},
        "checks": {"failsafe": {"enabled": False}, "contributions": {"enabled": False}},
    }
    (folder / "config" / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    run = _run(folder)
    assert run.returncode == 0, run.stderr[-3000:]
    return folder, config


def _mistake_costs_nothing(folder, expected):
    before = _snapshot(folder / "results")
    run = _run(folder)
    assert run.returncode != 0
    assert expected in run.stderr and "Traceback" not in run.stderr, run.stderr[-2000:]
    assert "Nothing was run" in run.stderr
    assert _snapshot(folder / "results") == before


def test_analysis_renamed_in_the_config_only(finished):
    folder, config = finished
    renamed = {**config, "analyses": {**config["analyses"], "after_vs_before": {"title": "Post > pre"}}}
    del renamed["analyses"]["post_gt_pre"]
    (folder / "config" / "config.yaml").write_text(yaml.safe_dump(renamed), encoding="utf-8")
    try:
        _mistake_costs_nothing(folder, "post_gt_pre")
    finally:
        (folder / "config" / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")


def test_study_renamed_in_the_study_table_only(finished):
    folder, _ = finished
    good = (folder / "studies.tsv").read_text(encoding="utf-8")
    (folder / "studies.tsv").write_text(good.replace("smith2010", "smith2011"), encoding="utf-8")
    try:
        _mistake_costs_nothing(folder, "smith2010")
    finally:
        (folder / "studies.tsv").write_text(good, encoding="utf-8")


def test_coordinate_table_that_no_longer_reads(finished):
    folder, _ = finished
    good = (folder / "foci.tsv").read_text(encoding="utf-8")
    (folder / "foci.tsv").write_text(good.replace("\t-34\t", "\tminus 34\t", 1), encoding="utf-8")
    try:
        _mistake_costs_nothing(folder, "foci.tsv, line 2")
    finally:
        (folder / "foci.tsv").write_text(good, encoding="utf-8")


@pytest.mark.parametrize(
    "broken, expected",
    [
        (("// Subjects=12\n", ""), "extra.sleuth.txt"),  # an experiment without its sample size
        (("-34\t-78\t-38", "-34\t-7_8\t-38"), "'-7_8'"),  # a typo Python's float() would read as -78
    ],
    ids=["sleuth_without_subjects", "sleuth_underscore_number"],
)
def test_sleuth_file_that_no_longer_reads(finished, broken, expected):
    folder, _ = finished
    good = (folder / "extra.sleuth.txt").read_text(encoding="utf-8")
    (folder / "extra.sleuth.txt").write_text(good.replace(*broken, 1), encoding="utf-8")
    try:
        _mistake_costs_nothing(folder, expected)
    finally:
        (folder / "extra.sleuth.txt").write_text(good, encoding="utf-8")
