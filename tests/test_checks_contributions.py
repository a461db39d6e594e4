"""Contributions: each experiment's share of each cluster's ALE, and the dominant / few-experiment flags."""

import numpy as np
import pandas as pd
import pytest

from alereview.checks.contributions import (
    ContributionSettings,
    cluster_contributions,
    contribution_table,
    gather_contributions,
    log_ma_maps,
)
from alereview.tsv import write_tsv

from checks_fixtures import SPACE, blob, experiment, near

SPOT = (-40, -60, -10)
ELSEWHERE = [(40, 20, 40), (-20, 40, 30), (10, -80, 20), (50, -30, -10)]


def background():
    return [experiment(f"bg{i}", [point], n=20) for i, point in enumerate(ELSEWHERE)]


def test_a_cluster_built_from_one_experiments_foci_is_flagged():
    alone = experiment("alone", near(SPOT, 3, seed=1), n=25)
    experiments = background() + [alone]
    labels = blob([alone])
    detail, summary = contribution_table("demo", experiments, labels, SPACE)
    row = summary.iloc[0]
    assert row["top_experiment"] == alone.name and row["top_share"] > 0.99
    assert row["dominant"] == "Y" and row["few"] == "Y" and row["n_contributing"] == 1
    assert (
        row["flag"]
        == "Rests on one or two experiments: one experiment (Study alone: task) accounts for 100% of its ALE (flagged above 50%)."
    )
    first = detail[detail["cluster"] == 1].iloc[0]
    assert first["slug"] == "alone" and first["rank"] == 1 and first["foci_in_cluster"] == 3 and first["contributes"] == "Y"


def test_four_experiments_that_agree_share_the_cluster_and_are_not_flagged():
    agreeing = [experiment(f"agree{i}", [SPOT], n=20) for i in range(4)]
    labels = blob(agreeing)
    detail, summary = contribution_table("demo", agreeing + background(), labels, SPACE)
    shares = detail[detail["slug"].str.startswith("agree")]["share"].to_numpy()
    np.testing.assert_allclose(shares, 0.25, atol=1e-6)
    assert detail["share"].sum() == pytest.approx(1.0, abs=1e-5)
    row = summary.iloc[0]
    assert row["dominant"] == "N" and row["few"] == "N" and row["n_contributing"] == 4 and row["flag"] == ""


def test_two_experiments_that_agree_are_few_but_not_dominant():
    pair = [experiment("a", [SPOT], n=20), experiment("b", [SPOT], n=20)]
    _, summary = contribution_table("demo", pair + background(), blob(pair), SPACE)
    row = summary.iloc[0]
    assert row["top_share"] == pytest.approx(0.5, abs=1e-6) and row["dominant"] == "N" and row["few"] == "Y"
    assert row["pair"] == "Y" and row["top_two_share"] == pytest.approx(1.0, abs=1e-5)


def test_the_log_shortcut_equals_refitting_without_each_experiment():
    experiments = [
        experiment("a", near(SPOT, 2, seed=3), 12),
        experiment("b", near(SPOT, 3, seed=4), 30),
        experiment("c", [(-36, -60, -10)], 18),
    ]
    labels = blob(experiments, share=0.3)
    voxels = np.flatnonzero(labels.ravel())
    raw = cluster_contributions(log_ma_maps(SPACE, experiments, voxels))
    full = SPACE.ale(experiments).ravel()[voxels].astype(float).sum()
    for index in range(3):
        without = SPACE.ale([e for i, e in enumerate(experiments) if i != index]).ravel()[voxels].astype(float).sum()
        assert raw[index] == pytest.approx(1 - without / full, abs=1e-5)


def test_clusters_are_keyed_by_number_and_thresholds_come_from_settings():
    first = [experiment(f"f{i}", [SPOT], n=20) for i in range(3)]
    second = [experiment("s", near((40, 20, 40), 2, seed=5), n=20)]
    labels = blob(first) + 2 * blob(second)
    strict = ContributionSettings.from_config({"min_experiments": 4})
    _, summary = contribution_table("demo", first + second, labels, SPACE, strict)
    assert summary["cluster"].tolist() == [1, 2]
    assert summary["few"].tolist() == ["Y", "Y"] and summary["dominant"].tolist() == ["N", "Y"]
    assert ContributionSettings.from_config({"dominant_share": 0.6}) == ContributionSettings(0.6, 0.8, 3, 0.95, 0.05)


def test_an_analysis_without_clusters_gives_empty_tables():
    detail, summary = contribution_table("demo", background(), np.zeros(SPACE.mask.shape, np.int32), SPACE)
    assert detail.empty and summary.empty and "dominant" in summary.columns


def test_gather_adds_peaks_by_cluster_number_in_order(tmp_path):
    agreeing = [experiment(f"agree{i}", [SPOT], n=20) for i in range(3)]
    for analysis in ("b_second", "a_first"):
        detail, summary = contribution_table(analysis, agreeing, blob(agreeing), SPACE)
        write_tsv(summary, tmp_path / f"{analysis}.tsv")
        write_tsv(detail, tmp_path / f"{analysis}_experiments.tsv")
        pd.DataFrame([{"analysis": analysis, "cluster": 1, "x": -40, "y": -60, "z": -10}]).to_csv(
            tmp_path / f"{analysis}_clusters.tsv", sep="\t", index=False
        )
    order = ["b_second", "a_first"]
    clusters, experiments = gather_contributions(
        [tmp_path / f"{a}.tsv" for a in order],
        [tmp_path / f"{a}_experiments.tsv" for a in order],
        [tmp_path / f"{a}_clusters.tsv" for a in order],
    )
    assert clusters["analysis"].tolist() == order and clusters[["x", "y", "z"]].iloc[0].tolist() == ["-40", "-60", "-10"]
    assert len(experiments) == 6


def test_a_mask_file_gives_the_template_s_answer_and_a_bad_one_is_refused(tmp_path):
    import nibabel as nib

    from alereview.checks.space import load_space
    from alereview.errors import InputError

    nib.Nifti1Image(SPACE.mask.astype(np.uint8), SPACE.affine).to_filename(tmp_path / "mask.nii.gz")
    space = load_space(tmp_path / "mask.nii.gz")
    assert not space.is_template and space.zooms == SPACE.zooms
    agreeing = [experiment(f"agree{i}", [SPOT], n=20) for i in range(3)] + background()
    labels = blob(agreeing[:3])
    assert contribution_table("demo", agreeing, labels, space)[0].equals(contribution_table("demo", agreeing, labels, SPACE)[0])
    (tmp_path / "mask.txt").write_text("not an image", encoding="utf-8")
    with pytest.raises(InputError, match="mask.txt"):
        load_space(tmp_path / "mask.txt")


def test_run_contributions_reads_a_sleuth_file(tmp_path):
    import nibabel as nib

    from alereview.checks.contributions import run_contributions

    sleuth = tmp_path / "demo.sleuth.txt"
    sleuth.write_text(
        "// Reference=MNI\n// Kim (kim): a\n// Subjects=20\n-40\t-60\t-10\n\n"
        "// Osei (osei): b\n// Subjects=20\n-40\t-60\t-10\n\n// Park (park): c\n// Subjects=20\n40\t20\t40\n",
        encoding="utf-8",
    )
    two = [experiment("kim", [SPOT]), experiment("osei", [SPOT])]
    nib.Nifti1Image(blob(two).astype(np.int16), SPACE.affine).to_filename(tmp_path / "clusters.nii.gz")
    detail, summary = run_contributions(sleuth, tmp_path / "clusters.nii.gz", "demo")
    assert summary["n_contributing"].tolist() == [2] and summary["few"].tolist() == ["Y"]
    assert detail[detail["share"] > 0.4]["experiment"].tolist() == ["Kim (kim): a", "Osei (osei): b"]
