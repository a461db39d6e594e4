"""The data-checks table and the transforms per study; generic study tables."""

import nibabel as nib
import numpy as np
import pytest

from alereview.layout import outputs_in
from alereview.coordinates.build import CheckSettings, build, write_outputs
from alereview.coordinates.datachecks import CHECKS
from alereview.errors import InputError
from alereview.tsv import read_tsv

HEADER = "study\texperiment\tcontrast\tx\ty\tz\tspace\tn\troi"
ROWS = [
    "s1\tfaces\ta\t-40\t20\t20\tMNI\t2\t",  # n = 2: implausible
    "s1\thouses\ta\t70\t20\t20\tMNI\t16\tno",  # 10 mm outside the box mask
    "s2\tfaces\ta\t-30\t-60\t10\tTAL\t2000\t",  # Talairach; n = 2000: implausible
    "s3\tfaces\ta\t0\t0\t40\tTAL\t\tyes",  # n from the study table; ROI
    "s4\tfaces\tb\t0\t30\t40\tMNI\t22\t",
]


@pytest.fixture
def box_mask(tmp_path):
    affine = np.array([[-2.0, 0, 0, 90], [0, 2, 0, -126], [0, 0, 2, -72], [0, 0, 0, 1]])
    mm = np.indices((91, 109, 91)).reshape(3, -1).T @ affine[:3, :3].T + affine[:3, 3]
    inside = (np.abs(mm[:, 0]) <= 60) & (mm[:, 1] >= -100) & (mm[:, 1] <= 70) & (mm[:, 2] >= -50) & (mm[:, 2] <= 80)
    path = tmp_path / "mask.nii.gz"
    nib.save(nib.Nifti1Image(inside.reshape(91, 109, 91).astype(np.uint8), affine), path)
    return path


@pytest.fixture
def inputs(tmp_path):
    (tmp_path / "foci.tsv").write_text("\n".join([HEADER] + ROWS) + "\n")
    # A generic study table: no display-name column, own columns, a per-study n, a transform for s3.
    (tmp_path / "studies.tsv").write_text("study_id\tdoi\tn\tmy_notes\ns1\t10.1/a\t\tx\ns2\t10.1/b\t\t\ns3\t\t18\t\ns4\t\t\t\n")
    return tmp_path


def run(inputs, **kwargs):
    return build([inputs / "foci.tsv"], [], inputs / "studies.tsv", {"a": {"title": "A"}, "b": {"title": "B"}}, **kwargs)


def test_data_checks_table(inputs, box_mask, tmp_path):
    result = run(inputs, mask=box_mask, mask_check=True)
    write_outputs(result, outputs_in(tmp_path / "out", "coordinates_build", result.analyses), "r")
    checks = read_tsv(tmp_path / "out" / "data_checks.tsv")
    assert checks["check"].tolist() == list(CHECKS) * 2 and checks["analysis"].tolist() == ["a"] * len(CHECKS) + ["b"] * len(CHECKS)
    a = checks[checks["analysis"] == "a"].set_index("check")
    assert a.loc["foci_outside_mask", "count"] == "1" and a.loc["foci_outside_mask", "details"] == "s1: houses: (70, 20, 20) 10.0 mm"
    assert a.loc["talairach_studies", ["count", "details"]].tolist() == ["2", "lancaster_spm: s2, s3; MNI as reported: 1 study"]
    assert a.loc["sample_size_implausible", "count"] == "2"
    assert "s1: faces: n = 2 (plausible: 5..1000)" in a.loc["sample_size_implausible", "details"]
    assert a.loc["sample_size_from_study_table", ["count", "details"]].tolist() == ["1", "s3: faces: n = 18"]
    assert a.loc["studies_with_several_experiments", ["count", "details"]].tolist() == ["1", "s1: 2 experiments"]
    assert a.loc["roi_experiments", ["count", "details"]].tolist() == ["1", "s3: faces"]
    b = checks[checks["analysis"] == "b"].set_index("check")
    assert b["count"].tolist() == ["0"] * len(CHECKS)


def test_transforms_per_study(inputs, tmp_path):
    write_outputs(
        result := run(inputs, mask_check=False, transform="lancaster_fsl"),
        outputs_in(tmp_path / "out", "coordinates_build", result.analyses),
        "r",
    )
    transforms = read_tsv(tmp_path / "out" / "transforms.tsv").set_index("study_id")
    assert transforms.loc["s2", ["space", "transform", "analyses", "experiments", "foci"]].tolist() == [
        "TAL",
        "lancaster_fsl",
        "a",
        "1",
        "1",
    ]
    assert transforms.loc["s1", "transform"] == "none" and "FSL" in transforms.loc["s3", "description"]
    checks = read_tsv(tmp_path / "out" / "data_checks.tsv").set_index(["check", "analysis"])
    assert checks.loc[("foci_outside_mask", "a"), "details"] == "not checked (coordinates.mask_check: false)"


def test_plausible_range_is_configurable(inputs):
    result = run(inputs, mask_check=False, settings=CheckSettings(sample_size_range=(1, 5000)))
    assert result.n_range == (1, 5000)


def test_missing_n_without_study_table_names_the_line(inputs):
    with pytest.raises(InputError, match="missing sample size") as caught:
        build([inputs / "foci.tsv"], [], None, {"a": {"title": "A"}, "b": {"title": "B"}}, mask_check=False)
    assert (caught.value.line, caught.value.field) == (5, "n")


def test_study_table_links_by_doi_pmid_or_title(tmp_path):
    (tmp_path / "foci.tsv").write_text(HEADER + "\n" + "\n".join(r for r in ROWS if "\ta\t" in r) + "\n")
    (tmp_path / "studies.tsv").write_text("study_id\tdoi\tpmid\ttitle\tn\ns1\t10.1/A\t\t\t\ns2\t\t123\t\t\ns3\t\t\tA Study of Faces\t18\n")
    (tmp_path / "included.tsv").write_text(
        "record_key\ttitle\tdoi\tpmid\ndoi:10.1/a\tOne\t10.1/a\t\npmid:123\tTwo\t\t123\nti:0123456789ab\tA study of faces.\t\t\n"
    )
    result = build(
        [tmp_path / "foci.tsv"], [], tmp_path / "studies.tsv", {"a": {"title": "A"}}, included=tmp_path / "included.tsv", mask_check=False
    )
    assert sorted({e.study_id for e in result.experiments}) == ["s1", "s2", "s3"]
    assert result.experiments[0].name == "s1: faces"  # no `study` column: the id names the study


def test_screening_without_a_study_table_is_an_error(inputs):
    (inputs / "included.tsv").write_text("record_key\ndoi:10.1/a\n")
    with pytest.raises(InputError, match="set studies.table"):
        build([inputs / "foci.tsv"], [], None, {"a": {"title": "A"}}, included=inputs / "included.tsv")


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("study_id\tn\tn\ns1\t1\t2\n", 1, "column 'n' appears twice"),
        ("study_id\tn\ns1\t12\t3\n", 2, "wrong number of columns: found 3"),
    ],
)
def test_bad_study_tables(inputs, text, line, message):
    (inputs / "studies.tsv").write_text(text)
    with pytest.raises(InputError, match=message) as caught:
        run(inputs, mask_check=False)
    assert caught.value.line == line and caught.value.path == str(inputs / "studies.tsv")


def test_bad_n_in_the_study_table_names_the_study_table(inputs):
    (inputs / "studies.tsv").write_text("study_id,n\ns1,\ns2,\ns3,12.5\ns4,\n".replace(",", "\t"))
    with pytest.raises(InputError, match="whole number > 0") as caught:
        run(inputs, mask_check=False)
    assert (caught.value.path, caught.value.line, caught.value.field) == (str(inputs / "studies.tsv"), 4, "n")


def test_csv_study_table(inputs):
    (inputs / "studies.csv").write_text("study_id,study,n\ns1,Smith,\ns2,Jones,\ns3,Wang,18\ns4,Lee,\n")
    result = build([inputs / "foci.tsv"], [], inputs / "studies.csv", {"a": {"title": "A"}, "b": {"title": "B"}}, mask_check=False)
    assert [e.name for e in result.of("a")][-1] == "Wang (s3): faces"
