"""Leave-one-experiment-out: survival rules, the per-analysis table, Tables 4 and 5."""

import numpy as np
import pandas as pd
import pytest

from alereview.layout import outputs_in
from alereview.ale.run import experiment_table
from alereview.jackknife.leave_out import contribution_tables, gather, leave_one_out, long_table, survival
from alereview.ale.run import run_analysis
from alereview.tables.ale_results import table4, table5
from alereview.ale.thresholds import ThresholdSettings
from alereview.tsv import read_tsv, write_json, write_tsv

SETTINGS = ThresholdSettings(method="uncorrected", voxel_p=0.001, min_volume_mm3=100)


def test_survival_rules():
    full = np.zeros((10, 10, 10), np.int32)
    full[0:3, 0, 0] = 1  # cluster 1, peak at (1, 0, 0)
    full[5:8, 5, 5] = 2  # cluster 2, peak at (6, 5, 5)
    left_out = np.zeros_like(full)
    left_out[2, 0, 0] = 1  # one voxel of cluster 1, not its peak
    left_out[5:9, 5, 5] = 3  # all of cluster 2 and more
    overlap = survival(full, [(1, 0, 0), (6, 5, 5)], left_out, "overlap")
    assert list(overlap["survived"]) == ["Y", "Y"]
    assert list(overlap["overlap_voxels"]) == [1, 3]
    assert list(overlap["contains_peak"]) == ["N", "Y"]
    assert list(survival(full, [(1, 0, 0), (6, 5, 5)], left_out, "peak")["survived"]) == ["N", "Y"]
    assert list(survival(full, [(1, 0, 0), (6, 5, 5)], left_out, "overlap", min_overlap_voxels=2)["survived"]) == ["N", "Y"]
    assert list(survival(full, [(1, 0, 0), (6, 5, 5)], np.zeros_like(full))["survived"]) == ["N", "N"]
    with pytest.raises(ValueError):
        survival(full, [(1, 0, 0), (6, 5, 5)], left_out, "centroid")


@pytest.fixture(scope="module")
def analysis(test_data, tmp_path_factory):
    sleuth = test_data / "ale" / "small.sleuth.txt"
    out = tmp_path_factory.mktemp("jk") / "small"
    run_analysis(sleuth, outputs_in(out, "ale_analysis"), "small", SETTINGS, seed=2)
    return sleuth, out


def test_leave_one_out_and_gather(analysis):
    sleuth, out = analysis
    experiments = experiment_table(sleuth)
    clusters = read_tsv(out / "clusters.tsv")
    assert list(experiments["order"]) == [1, 2, 3, 4, 5]
    assert list(experiments.columns) == ["order", "slug", "experiment", "study_id", "n_subjects", "n_foci"]
    assert experiments["study_id"].iloc[0] == "Alpha et al., 2010"
    survivals = {
        slug: leave_one_out(sleuth, slug, out / "clusters.nii.gz", out / "clusters.tsv", "small", SETTINGS, seed=2)
        for slug in experiments["slug"][:2]
    }
    for slug in experiments["slug"][2:]:  # the rest by hand, so the gather is complete
        survivals[slug] = survivals[experiments["slug"][0]].assign(left_out=slug)
    table = survivals[experiments["slug"][1]]
    assert len(table) == len(clusters)
    assert set(table["survived"]) <= {"Y", "N"}
    wide = gather(experiments, clusters, survivals)
    assert list(wide["left_out"])[:5] == list(experiments["experiment"])
    assert wide["left_out"].iloc[-1] == "kept (of 5)"
    first = wide.columns[2]
    assert wide[first].iloc[-1] == str((wide[first].iloc[:-1] == "Y").sum())
    long = long_table("small", wide, clusters)
    assert len(long) == 5 * len(clusters)
    assert list(long.columns) == ["contrast", "order", "study", "ref", "cluster", "cluster_label", "survived"]


def test_removing_the_only_experiment_at_a_site_loses_its_cluster(analysis):
    sleuth, out = analysis
    clusters = read_tsv(out / "clusters.tsv")
    # Gamma 2015 is the only experiment near (-30, -70, 40): without it no cluster there.
    site = [i for i, row in clusters.iterrows() if abs(float(row["x"]) + 30) <= 6 and abs(float(row["y"]) + 70) <= 6]
    table = leave_one_out(
        sleuth, "gamma_et_al_2015__semantic_gt_phonological", out / "clusters.nii.gz", out / "clusters.tsv", "small", SETTINGS, seed=2
    )
    assert all(table["survived"].iloc[i] == "N" for i in site)
    assert (table["survived"] == "Y").any()


def test_unknown_experiment(analysis):
    sleuth, out = analysis
    from alereview.errors import InputError

    with pytest.raises(InputError, match="nobody"):
        leave_one_out(sleuth, "nobody", out / "clusters.nii.gz", out / "clusters.tsv", "small", SETTINGS)


def test_gather_without_clusters(test_data):
    experiments = experiment_table(test_data / "ale" / "small.sleuth.txt")
    empty = pd.DataFrame(columns=["analysis", "cluster", "x", "y", "z", "hemisphere", "gyrus", "lobe"])
    wide = gather(experiments, empty, {})
    assert list(wide.columns) == ["left_out", "slug"] and len(wide) == 6


@pytest.mark.slow
def test_contribution_tables(analysis):
    sleuth, out = analysis
    table = contribution_tables(sleuth, out / "clusters.nii.gz", "small", seed=2)
    n_clusters = len(read_tsv(out / "clusters.tsv"))
    assert len(table) == 5 * n_clusters
    # Foci inside cluster 1, counted by NiMARE, are at least one per contributing experiment.
    assert table[table["cluster"] == 1]["focus_count"].sum() >= 2
    assert (table["jackknife_contribution"].dropna() >= 0).all()


def test_tables_4_and_5(analysis, tmp_path):
    sleuth, out = analysis
    none = tmp_path / "none"
    none.mkdir()
    write_tsv(pd.DataFrame(columns=read_tsv(out / "clusters.tsv").columns), none / "clusters.tsv")
    write_json(none / "threshold.json", {"threshold": "voxel p < 0.001 (uncorrected)"})
    t4 = table4(["small", "none"], [out / "clusters.tsv", none / "clusters.tsv"], [out / "threshold.json", none / "threshold.json"])
    assert t4["contrast"].iloc[-1] == "none"
    assert t4["note"].iloc[-1] == "no cluster survived (voxel p < 0.001 (uncorrected))"
    assert (t4["contrast"] == "small").sum() == len(read_tsv(out / "clusters.tsv"))
    experiments = experiment_table(sleuth)
    clusters = read_tsv(out / "clusters.tsv")
    survivals = {slug: pd.DataFrame({"survived": ["Y"] * len(clusters)}) for slug in experiments["slug"]}
    write_tsv(gather(experiments, clusters, survivals), tmp_path / "small.tsv")
    write_tsv(gather(experiments, read_tsv(none / "clusters.tsv"), {}), tmp_path / "none.tsv")
    write_tsv(experiments, tmp_path / "experiments.tsv")
    # Two studies by label and year, one by id; Delta et al. is not in the study table.
    studies = tmp_path / "studies.tsv"
    studies.write_text(
        "study_id\tstudy\tyear\tref\n"
        "alpha2010\tAlpha et al.\t2010\t3\n"
        "beta2012\tBeta et al.\t2012\t7\n"
        "Gamma et al., 2015\tGamma et al.\t\t11\n"
    )
    t5 = table5(
        ["small", "none"],
        [tmp_path / "small.tsv", tmp_path / "none.tsv"],
        [out / "clusters.tsv", none / "clusters.tsv"],
        [tmp_path / "experiments.tsv", tmp_path / "experiments.tsv"],
        studies,
    )
    assert set(t5["contrast"]) == {"small"} and (t5["survived"] == "Y").all()
    refs = t5.drop_duplicates("order").set_index("study")["ref"]
    assert refs.to_dict() == {
        "Alpha et al., 2010: words > rest": "3",
        "Beta et al., 2012: words > rest": "7",
        "Beta et al., 2012: sentences > rest": "7",
        "Gamma et al., 2015: semantic > phonological": "11",
        "Delta et al., 2018: semantic > rest": "",
    }


def test_fast_engine_gives_nimares_answer(analysis):
    sleuth, out = analysis
    for slug in experiment_table(sleuth)["slug"][:1]:
        tables = [
            leave_one_out(sleuth, slug, out / "clusters.nii.gz", out / "clusters.tsv", "small", SETTINGS, seed=2, engine=engine)
            for engine in ("fast", "nimare")
        ]
        pd.testing.assert_frame_equal(*tables)


def test_all_left_out_in_one_job_equals_one_job_each(analysis, tmp_path):
    from alereview.jackknife.leave_out import leave_all_out, split_left_out

    sleuth, out = analysis
    args = (out / "clusters.nii.gz", out / "clusters.tsv", "small", SETTINGS)
    together = leave_all_out(sleuth, *args, seed=2)
    slugs = list(experiment_table(sleuth)["slug"])
    each = {slug: leave_one_out(sleuth, slug, *args, seed=2) for slug in slugs}
    assert list(together["left_out"].unique()) == slugs
    split = split_left_out([together])
    for slug in slugs:
        pd.testing.assert_frame_equal(split[slug], each[slug])
    # The gather reads either layout to the same table, through files as the workflow does.
    write_tsv(together, tmp_path / "left_out.tsv")
    for slug in slugs:
        write_tsv(each[slug], tmp_path / f"without_{slug}.tsv")
    from_one = split_left_out([read_tsv(tmp_path / "left_out.tsv")])
    from_each = split_left_out([read_tsv(tmp_path / f"without_{slug}.tsv") for slug in slugs])
    clusters, experiments = read_tsv(out / "clusters.tsv"), experiment_table(sleuth)
    pd.testing.assert_frame_equal(gather(experiments, clusters, from_one), gather(experiments, clusters, from_each))


def test_fwe_jackknife_threads_do_not_change_it(analysis):
    sleuth, out = analysis
    fwe = ThresholdSettings(method="cluster_fwe", voxel_p=0.001, cluster_p=0.05, iterations=40)
    slug = experiment_table(sleuth)["slug"].iloc[0]
    args = (sleuth, slug, out / "clusters.nii.gz", out / "clusters.tsv", "small", fwe)
    pd.testing.assert_frame_equal(leave_one_out(*args, seed=2, threads=1), leave_one_out(*args, seed=2, threads=2))
