"""Subject groups (Turkeltaub et al. 2012): pooled, warned about, or left alone; written for the report."""

import logging

import pytest
import yaml

from alereview.layout import outputs_in
from alereview.coordinates.build import CheckSettings, build, write_outputs
from alereview.coordinates.sleuth import read_sleuth
from alereview.tsv import read_tsv

HEADER = "study\texperiment\tcontrast\tx\ty\tz\tspace\tn\tsubject_group"
ROWS = [
    "s1\tfaces > rest\tfaces\t-40\t20\t20\tMNI\t16\tpatients",
    "s1\tfaces > rest\tfaces\t-42\t22\t18\tMNI\t16\tpatients",
    "s1\thouses > rest\tfaces\t30\t-60\t10\tMNI\t15\tpatients",
    "s1\tfaces > rest (HC)\tfaces\t10\t50\t0\tMNI\t20\tcontrols",
    "s2\tfaces > rest\tfaces\t-20\t-80\t0\tMNI\t12\t",
    "s2\twords > rest\tfaces\t20\t-80\t40\tMNI\t12\t",
    "s3\tfaces > rest\tfaces\t0\t0\t40\tMNI\t25\t",
]


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "foci.tsv"
    path.write_text("\n".join([HEADER] + ROWS) + "\n")
    return path


def run(table, policy):
    return build([table], [], None, {"faces": {"title": "Faces"}}, mask_check=False, settings=CheckSettings(subject_groups=policy))


def test_pool_combines_foci_and_takes_the_groups_n(table, tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        result = run(table, "pool")
    names = [e.name for e in result.experiments]
    assert names == [
        "s1: patients (pooled: faces > rest; houses > rest)",
        "s1: faces > rest (HC)",
        "s2: faces > rest",
        "s2: words > rest",
        "s3: faces > rest",
    ]
    pooled = result.experiments[0]
    assert pooled.n == 16 and pooled.mni.shape == (3, 3) and pooled.pooled == ["s1: faces > rest", "s1: houses > rest"]
    # s2's two experiments have the same n and no groups: named in a warning, not pooled.
    assert "s2: faces > rest and s2: words > rest are experiments of the same study with the same n (12)" in caplog.text
    write_outputs(result, outputs_in(tmp_path / "out", "coordinates_build", result.analyses), "r")
    groups = read_tsv(tmp_path / "out" / "subject_groups.tsv")
    assert groups[["study_id", "subject_group", "action", "n", "foci"]].values.tolist() == [
        ["s1", "patients", "pooled", "16/15", "3"],
        ["s2", "", "same_n", "12/12", "2"],
    ]
    assert groups.loc[0, "experiment"] == names[0]
    checks = read_tsv(tmp_path / "out" / "data_checks.tsv").set_index("check")
    assert checks.loc["pooled_subject_groups", "count"] == "1" and checks.loc["shared_subjects", "count"] == "1"
    sleuth = (tmp_path / "out" / "faces.sleuth.txt").read_text()
    assert "// s1: patients (pooled: faces > rest; houses > rest)\n// Subjects=16\n-40\t20\t20\n-42\t22\t18\n30\t-60\t10\n" in sleuth


def test_warn_pools_nothing_and_names_the_group(table, caplog):
    with caplog.at_level(logging.WARNING):
        result = run(table, "warn")
    assert len(result.experiments) == 7 - 1  # rows of one experiment: 6 experiments, none pooled
    assert "s1: faces > rest and s1: houses > rest share subject group 'patients'" in caplog.text
    assert [r["action"] for r in result.groups] == ["declared", "same_n"]


def test_off_says_nothing(table, caplog):
    with caplog.at_level(logging.WARNING):
        result = run(table, "off")
    assert result.groups == [] and "subject" not in caplog.text


def test_different_groups_silence_the_same_n_warning(table, caplog):
    text = table.read_text().replace("MNI\t12\t\n", "MNI\t12\tadults\n", 1).replace("MNI\t12\t\n", "MNI\t12\tchildren\n", 1)
    table.write_text(text)
    with caplog.at_level(logging.WARNING):
        result = run(table, "warn")
    assert "same n" not in caplog.text and [r["action"] for r in result.groups] == ["declared"]


def test_sleuth_subject_group_lines(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text(
        "// Reference=MNI\n// Alpha, 2010: faces > rest\n// SubjectGroup=patients\n// Subjects=16\n1 2 3\n\n"
        "// Alpha, 2010: houses > rest\n// Subject group: patients\n// ROI\n// Subjects=16\n4 5 6\n"
    )
    foci = read_sleuth(path, "faces")
    assert foci["experiment"].tolist() == ["faces > rest", "houses > rest"]  # the lines are not part of the name
    assert foci["subject_group"].tolist() == ["patients", "patients"] and foci["roi"].tolist() == ["", "yes"]
    result = build(
        [],
        [{"path": path, "analysis": "faces"}],
        None,
        {"faces": {"title": "F"}},
        mask_check=False,
        settings=CheckSettings(subject_groups="pool"),
    )
    (pooled,) = result.experiments
    assert pooled.name == "Alpha, 2010: patients (pooled: faces > rest; houses > rest)" and pooled.roi


def test_reference_review_keeps_its_experiments_and_gets_the_warning(repo_root, caplog, monkeypatch):
    monkeypatch.chdir(repo_root)
    config = yaml.safe_load((repo_root / "config" / "config.yaml").read_text())
    section = config["coordinates"]
    assert section.get("subject_groups", "warn") == "warn"
    with caplog.at_level(logging.WARNING):
        result = build(
            section["tables"],
            section["sleuth"],
            config["studies"]["table"],
            config["analyses"],
            mask_check=False,
            settings=CheckSettings.from_config(section),
        )
    assert not any(e.pooled for e in result.experiments)
    warned = {(r["analysis"], r["study_id"]) for r in result.groups}
    assert ("post_gt_pre", "ref24_nana") in warned and ("post_lt_pre", "ref23_zhihong") in warned
    assert "Nana (ref24_nana): post > pre (MA) and Nana (ref24_nana): post > pre (SA)" in caplog.text
