"""The reference review's simulated coordinate table against the paper's facts (computed here)."""

from collections import Counter, defaultdict

import pytest

from alereview.coordinates.build import convert
from alereview.coordinates.checks import BRAIN_BOX
from alereview.coordinates.model import assign_ids, group_experiments
from alereview.coordinates.tables import read_table
from alereview.coordinates.validate import validate_experiments, validate_rows
from alereview.tsv import read_tsv

REPLICA = "examples/reference_review"
#: Section 3.4 of the paper: foci per contrast (patients < HC: 14 deactivation foci of 4 experiments).
PAPER_FOCI = {"post_gt_pre": 133, "post_lt_pre": 45, "patients_gt_hc": 61, "patients_lt_hc": 14}
PATIENTS_LT_HC_REFS = [19, 20, 22, 27]


@pytest.fixture(scope="module")
def replica(repo_root):
    base = repo_root / REPLICA
    foci = validate_rows(read_table(base / "coordinates" / "foci.tsv"))
    validate_experiments(foci)
    experiments = group_experiments(foci)
    assign_ids(experiments)
    convert(experiments, "lancaster_spm")
    studies = read_tsv(base / "studies.tsv").set_index("study_id")
    return {
        "foci": foci,
        "experiments": experiments,
        "studies": studies,
        "table1": read_tsv(base / "facts" / "table1_studies.tsv").set_index("ref"),
        "table2": read_tsv(base / "facts" / "table2_mri.tsv").set_index("ref"),
        "table5": read_tsv(base / "facts" / "table5_jackknife.tsv"),
    }


def expected_refs(table5, contrast):
    if contrast == "patients_lt_hc":
        return PATIENTS_LT_HC_REFS
    rows = table5[table5["contrast"] == contrast].drop_duplicates("order")
    return [int(r) for r in rows.sort_values("order", key=lambda s: s.astype(int))["ref"]]


@pytest.mark.parametrize("contrast", list(PAPER_FOCI))
def test_experiments_and_foci_per_contrast(replica, contrast):
    experiments = [e for e in replica["experiments"] if e.contrast == contrast]
    refs = [int(replica["studies"].loc[e.study_id, "ref"]) for e in experiments]
    assert refs == expected_refs(replica["table5"], contrast)  # Table 5's experiments, in its order
    assert sum(len(e.reported) for e in experiments) == PAPER_FOCI[contrast]


def test_spaces_per_study_follow_table2(replica):
    for experiment in replica["experiments"]:
        ref = replica["studies"].loc[experiment.study_id, "ref"]
        reported = replica["table2"].loc[ref, "space"]
        assert experiment.space == ("TAL" if reported.lower().startswith("tal") else "MNI"), experiment.name
    tal_refs = {replica["studies"].loc[e.study_id, "ref"] for e in replica["experiments"] if e.space == "TAL"}
    assert tal_refs == {"28", "27", "25", "11", "21", "20"}


def test_sample_sizes_follow_table1(replica):
    # Rule (gen_coordinates.py): patients vs HC = n_treat + n_control; a study's first pre/post
    # experiment in a contrast n_treat, its second n_control.
    seen = Counter()
    for experiment in replica["experiments"]:
        row = replica["table1"].loc[replica["studies"].loc[experiment.study_id, "ref"]]
        if experiment.contrast.startswith("patients"):
            expected = int(row["n_treat"]) + int(row["n_control"])
        else:
            arm = seen[(experiment.contrast, experiment.study_id)]
            expected = int(row["n_treat"] if arm == 0 else row["n_control"])
            seen[(experiment.contrast, experiment.study_id)] += 1
        assert experiment.n == expected, experiment.name


def test_two_experiments_of_a_study_are_its_two_arms(replica):
    arms = defaultdict(list)
    for experiment in replica["experiments"]:
        arms[(experiment.contrast, experiment.study_id)].append(experiment.condition)
    for (contrast, study_id), conditions in arms.items():
        assert len(conditions) == len(set(conditions)) <= 2


def test_all_foci_inside_the_brain_box(replica):
    for experiment in replica["experiments"]:
        for axis, values in zip("xyz", experiment.mni.T):
            low, high = BRAIN_BOX[axis]
            assert ((values >= low) & (values <= high)).all(), experiment.name


def test_directions_and_rounding(replica):
    foci = replica["foci"]
    direction = dict(zip(foci["contrast"], foci["direction"]))
    assert direction == {
        "post_gt_pre": "activation",
        "patients_gt_hc": "activation",
        "post_lt_pre": "deactivation",
        "patients_lt_hc": "deactivation",
    }
    assert all(float(v).is_integer() for v in foci[["x", "y", "z"]].to_numpy().ravel())  # whole mm, as papers report
