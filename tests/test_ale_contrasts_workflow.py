"""ale.contrasts under Snakemake: a subtraction and a conjunction of two real analyses.

A coordinates-only review folder (tests/data/contrasts/config.yaml and the Enge et al. 2021
Sleuth files of tests/data/ale/) is run with ``snakemake --directory`` in a temporary folder;
the targets are every contrast output (what rules/contrasts.smk's contrast_final_outputs()
lists for rule all). About 30 s of CPU: no Monte Carlo, 200 permutations.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import nibabel as nib
import numpy as np
import pytest
import yaml

from alereview.tsv import read_json, read_tsv

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
FILES = ("clusters.tsv", "peaks.tsv", "clusters.nii.gz", "stat.nii.gz", "thresholded.nii.gz", "threshold.json")


def _targets(config):
    targets = []
    for contrast in config["ale"]["contrasts"]:
        name = contrast["name"]
        targets += [f"results/ale/contrasts/{name}/{file}" for file in FILES]
        targets += [f"results/figures/contrast_{name}_{kind}.{ext}" for kind in ("clusters", "glass_brain") for ext in ("png", "svg")]
        targets.append(f"results/viewers/contrasts/{name}.html")
    return targets


# Runs the workflow under Snakemake: not in the fast lane.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    folder = tmp_path_factory.mktemp("contrast_review")
    (folder / "config").mkdir()
    (folder / "coordinates").mkdir()
    shutil.copy(DATA / "contrasts" / "config.yaml", folder / "config" / "config.yaml")
    for analysis in ("knowledge", "relatedness"):
        shutil.copy(DATA / "ale" / f"enge2021_{analysis}.sleuth.txt", folder / "coordinates" / f"{analysis}.txt")
    config = yaml.safe_load((folder / "config" / "config.yaml").read_text())
    command = [
        sys.executable,
        "-m",
        "snakemake",
        "-s",
        str(REPO / "Snakefile"),
        "--directory",
        str(folder),
        "--cores",
        "2",
        *_targets(config),
    ]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    return folder, config


def _clusters(folder, analysis):
    return np.asarray(nib.load(str(folder / "results" / "ale" / analysis / "clusters.nii.gz")).dataobj)


def test_every_contrast_output_exists(review):
    folder, config = review
    for target in _targets(config):
        assert (folder / target).is_file() and (folder / target).stat().st_size > 0, target


def test_subtraction_is_gated_by_each_analysis_clusters(review):
    folder, _ = review
    out = folder / "results" / "ale" / "contrasts" / "knowledge_vs_relatedness"
    table = read_tsv(out / "clusters.tsv")
    summary = read_json(out / "threshold.json")
    assert summary["method"] == "gingerale" and summary["iterations"] == 200 and summary["p"] == 0.05
    assert summary["n_clusters"] == len(table) > 0
    assert set(table["direction"]) <= {"A>B", "B>A"}
    labels = np.asarray(nib.load(str(out / "clusters.nii.gz")).dataobj)
    side = {"A>B": _clusters(folder, "knowledge"), "B>A": _clusters(folder, "relatedness")}
    for row in table.to_dict("records"):
        voxels = labels == int(row["cluster"])
        assert voxels.sum() * 8 >= 100  # min_volume_mm3 of the contrast, 2 mm voxels
        assert (side[row["direction"]][voxels] > 0).all()
        assert (float(row["z_score"]) > 0) == (row["direction"] == "A>B")
    # Anatomical labels as in the main analyses' tables, and the configured extra atlas.
    assert {"hemisphere", "lobe", "gyrus", "ba", "aal", "atlas_aicha"} <= set(table.columns)
    assert (table["gyrus"] != "").all()


def test_conjunction_lies_in_both_analyses(review):
    folder, _ = review
    out = folder / "results" / "ale" / "contrasts" / "knowledge_and_relatedness"
    table = read_tsv(out / "clusters.tsv")
    assert len(table) > 0 and set(table["direction"]) == {"A and B"}
    labels = np.asarray(nib.load(str(out / "clusters.nii.gz")).dataobj)
    both = (_clusters(folder, "knowledge") > 0) & (_clusters(folder, "relatedness") > 0)
    assert np.array_equal(labels > 0, both)  # min_volume_mm3: 0 keeps every shared voxel
    minimum = np.asarray(nib.load(str(out / "stat.nii.gz")).dataobj)
    a = np.asarray(nib.load(str(folder / "results" / "ale" / "knowledge" / "thresholded_ale.nii.gz")).dataobj)
    b = np.asarray(nib.load(str(folder / "results" / "ale" / "relatedness" / "thresholded_ale.nii.gz")).dataobj)
    assert np.allclose(minimum[both], np.minimum(a, b)[both])
    assert read_json(out / "threshold.json")["statistic"] == "minimum ALE"
