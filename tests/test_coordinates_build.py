"""The coordinates stage end to end: studies, screening, conversion, checks and outputs."""

import logging
import shutil
from pathlib import Path

import nibabel as nib
import numpy as np
import pytest

from alereview.layout import outputs_in
from alereview.coordinates.load import experiment_slugs, experiments
from alereview.coordinates.build import build, write_outputs
from alereview.coordinates.checks import BRAIN_BOX, MaskDistance
from alereview.coordinates.transforms import tal2mni
from alereview.errors import InputError
from alereview.tsv import read_tsv

ANALYSES = {"post_gt_pre": {"title": "Post > pre"}, "post_lt_pre": {"title": "Post < pre"}}


@pytest.fixture
def data(test_data, tmp_path):
    target = tmp_path / "coordinates"
    shutil.copytree(test_data / "coordinates", target)
    return target


@pytest.fixture
def box_mask(tmp_path):
    """A box-shaped 'brain' on the 2 mm MNI grid: |x| <= 60, -100 <= y <= 70, -50 <= z <= 80."""
    affine = np.array([[-2.0, 0, 0, 90], [0, 2, 0, -126], [0, 0, 2, -72], [0, 0, 0, 1]])
    ijk = np.indices((91, 109, 91)).reshape(3, -1).T
    mm = ijk @ affine[:3, :3].T + affine[:3, 3]
    inside = (np.abs(mm[:, 0]) <= 60) & (mm[:, 1] >= -100) & (mm[:, 1] <= 70) & (mm[:, 2] >= -50) & (mm[:, 2] <= 80)
    path = tmp_path / "mask.nii.gz"
    nib.save(nib.Nifti1Image(inside.reshape(91, 109, 91).astype(np.uint8), affine), path)
    return path


def run(data, **kwargs):
    options = dict(
        tables=[data / "foci.tsv"],
        sleuth=[],
        studies_table=data / "studies.tsv",
        analyses=ANALYSES,
        included=data / "included.tsv",
        mask_check=False,
    )
    options.update(kwargs)
    return build(**options)


def test_builds_every_output(data, tmp_path, box_mask):
    result = run(data, mask=box_mask, mask_check=True)
    out = tmp_path / "out"
    written = write_outputs(result, outputs_in(out, "coordinates_build", result.analyses), "review", simulated=True)
    assert sorted(Path(p).name for p in written) == sorted(
        [
            "post_gt_pre.sleuth.txt",
            "post_gt_pre.studyset.json",
            "post_lt_pre.sleuth.txt",
            "post_lt_pre.studyset.json",
            "foci_mni.tsv",
            "summary.tsv",
            "data_checks.tsv",
            "transforms.tsv",
            "subject_groups.tsv",
        ]
    )
    summary = read_tsv(out / "summary.tsv").set_index("analysis")
    assert summary.loc["post_gt_pre", ["experiments", "foci", "subjects", "studies", "studies_from_tal", "foci_from_tal"]].tolist() == [
        "4",
        "7",
        str(12 + 20 + 18 + 15),
        "3",
        "1",
        "3",
    ]
    assert summary.loc["post_lt_pre", ["experiments", "foci", "studies_from_tal"]].tolist() == ["2", "3", "1"]
    assert set(summary["simulated"]) == {"yes"}
    foci = read_tsv(out / "foci_mni.tsv")
    assert len(foci) == 10
    tal = foci[foci["space"] == "TAL"].iloc[0]
    expected = np.round(tal2mni([float(tal.x_reported), float(tal.y_reported), float(tal.z_reported)], "lancaster_spm")[0], 2)
    assert [float(tal.x), float(tal.y), float(tal.z)] == pytest.approx(expected.tolist())
    assert tal["transform"] == "lancaster_spm" and foci[foci["space"] == "MNI"]["transform"].eq("").all()
    # Names as the study table gives them, study ids from it too.
    assert experiments(out / "post_gt_pre.sleuth.txt")[0] == "Smith et al. (smith2010): post > pre"
    assert experiment_slugs(out / "post_gt_pre.studyset.json") == [
        "smith2010__post_gt_pre",
        "jones2012__post_gt_pre_ea",
        "jones2012__post_gt_pre_ma",
        "wang2015__post_gt_pre",
    ]
    # Every focus was measured against the mask (all inside this one).
    assert foci["outside_mask_mm"].eq("0").all() and summary["foci_outside_mask"].eq("0").all()


def test_outputs_are_deterministic(data, tmp_path):
    for name in ("a", "b"):
        write_outputs(result := run(data), outputs_in(tmp_path / name, "coordinates_build", result.analyses), "review")
    for path in (tmp_path / "a").iterdir():
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_transform_choice_is_applied(data):
    spm = {e.name: e.mni for e in run(data).experiments}
    brett = {e.name: e.mni for e in run(data, transform="brett").experiments}
    name = "Jones (jones2012): post > pre (EA)"
    assert not np.allclose(spm[name], brett[name])
    assert np.array_equal(spm["Smith et al. (smith2010): post > pre"], brett["Smith et al. (smith2010): post > pre"])


def test_per_experiment_transform_column(data):
    text = (data / "foci.tsv").read_text().splitlines()
    text[0] += "\ttransform"
    text[1:] = [line + ("\tlancaster_fsl" if "post > pre (EA)" in line else "\t") for line in text[1:]]
    (data / "foci.tsv").write_text("\n".join(text) + "\n")
    result = {e.name: e for e in run(data).experiments}
    assert result["Jones (jones2012): post > pre (EA)"].transform == "lancaster_fsl"
    assert result["Jones (jones2012): post > pre (MA)"].transform == "lancaster_spm"


def test_sleuth_inputs_beside_tables(data):
    # Sleuth experiments name their study by "Label (id)", by label, or by "Label, Year".
    (data / "more.txt").write_text("// Reference=MNI\n// Lee, 2016: post < pre\n// Subjects=9\n1 2 3\n")
    (data / "included.tsv").write_text((data / "included.tsv").read_text() + "doi:10.1000/lee\tLee study\n")
    result = run(data, sleuth=[{"path": data / "more.txt", "analysis": "post_lt_pre", "direction": "deactivation"}])
    lee = [e for e in result.experiments if e.study_id == "lee2016"]
    assert len(lee) == 1 and lee[0].name == "Lee (lee2016): post < pre" and lee[0].direction == "deactivation"


def test_excluded_study_is_an_error_or_dropped(data, caplog):
    (data / "foci.tsv").write_text((data / "foci.tsv").read_text() + "lee2016\tpost > pre\tpost_gt_pre\t1\t2\t3\tMNI\t9\t\t\t\n")
    with pytest.raises(InputError, match="screening did not include") as caught:
        run(data)
    assert caught.value.line == 12 and caught.value.field == "study"
    with caplog.at_level(logging.WARNING):
        result = run(data, unmatched="warn")
    assert "lee2016" not in {e.study_id for e in result.experiments}
    assert "screening did not include" in caplog.text


def test_included_study_without_coordinates(data, caplog):
    (data / "included.tsv").write_text((data / "included.tsv").read_text() + "doi:10.1000/lee\tLee study\n")
    with pytest.raises(InputError, match="included study 'lee2016' has no coordinates") as caught:
        run(data)
    assert caught.value.path == str(data / "studies.tsv") and caught.value.line == 5
    with caplog.at_level(logging.WARNING):
        run(data, unmatched="warn")
    assert "has no coordinates" in caplog.text


def test_included_record_without_a_study(data):
    (data / "included.tsv").write_text((data / "included.tsv").read_text() + "doi:10.1000/nobody\tNobody\n")
    with pytest.raises(InputError, match="has no study") as caught:
        run(data)
    assert caught.value.line == 5 and caught.value.field == "record_key"


def test_unknown_study_is_always_an_error(data):
    (data / "foci.tsv").write_text((data / "foci.tsv").read_text() + "smith2011\tpost > pre\tpost_gt_pre\t1\t2\t3\tMNI\t9\t\t\t\n")
    with pytest.raises(InputError, match="unknown study 'smith2011'") as caught:
        run(data, unmatched="warn")
    assert caught.value.line == 12


@pytest.mark.parametrize("axis, value", [("x", "95"), ("x", "-91"), ("y", "-130"), ("y", "92"), ("z", "-75"), ("z", "110")])
def test_outside_the_brain_box(data, axis, value):
    lines = (data / "foci.tsv").read_text().splitlines()
    cells = lines[2].split("\t")
    cells["xyz".index(axis) + 3] = value
    lines[2] = "\t".join(cells)
    (data / "foci.tsv").write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match="outside the brain") as caught:
        run(data)
    assert (caught.value.line, caught.value.field) == (3, axis)


def test_box_is_inclusive(data):
    lines = (data / "foci.tsv").read_text().splitlines()
    lines[2] = lines[2].replace("34\t-8\t8", "-90\t91\t109")
    (data / "foci.tsv").write_text("\n".join(lines) + "\n")
    run(data)
    assert BRAIN_BOX["x"] == (-90.0, 90.0)


def test_talairach_box_check_uses_mni(data):
    # x = 88 Talairach is beyond 90 in MNI: the message shows both.
    lines = (data / "foci.tsv").read_text().splitlines()
    lines[4] = lines[4].replace("-31\t-72\t-30", "88\t-72\t-30")
    (data / "foci.tsv").write_text("\n".join(lines) + "\n")
    with pytest.raises(InputError, match=r"x=9\d\.\d \(9\d\.\d in MNI\)") as caught:
        run(data)
    assert caught.value.line == 5


def test_mask_distance_warns_with_distance(data, box_mask, caplog):
    lines = (data / "foci.tsv").read_text().splitlines()
    lines[2] = lines[2].replace("34\t-8\t8", "70\t-8\t8")
    (data / "foci.tsv").write_text("\n".join(lines) + "\n")
    with caplog.at_level(logging.WARNING):
        result = run(data, mask=box_mask, mask_check=True)
    assert "line 3: focus (70, -8, 8) MNI" in caplog.text and "outside the brain mask, 10.0 mm from it" in caplog.text
    smith = result.experiments[0]
    assert result.mask_distances[id(smith)].tolist() == [0.0, 10.0, 0.0]


def test_mask_distance_measure(box_mask):
    measure = MaskDistance(nib.load(str(box_mask)))
    distances = measure([[0, 0, 0], [64, 0, 0], [0, 0, 86], [200, 0, 0]])
    assert distances.tolist() == pytest.approx([0.0, 4.0, 6.0, 140.0])


def test_analysis_without_experiments(data):
    with pytest.raises(InputError, match="no experiment feeds analysis 'patients_gt_hc'"):
        run(data, analyses={**ANALYSES, "patients_gt_hc": {"title": "P > HC"}})


def test_without_screening_check(data):
    (data / "foci.tsv").write_text((data / "foci.tsv").read_text() + "lee2016\tpost > pre\tpost_gt_pre\t1\t2\t3\tMNI\t9\t\t\t\n")
    result = run(data, included=None)
    assert "lee2016" in {e.study_id for e in result.experiments}


def test_bad_study_table(data):
    text = (data / "studies.tsv").read_text().splitlines()
    (data / "studies.tsv").write_text("\n".join(text + [text[1]]) + "\n")
    with pytest.raises(InputError, match="duplicate study_id 'smith2010' \\(also line 2\\)") as caught:
        run(data)
    assert caught.value.line == 6
    (data / "studies.tsv").write_text("id\tstudy\nx\ty\n")
    with pytest.raises(InputError, match="missing column 'study_id'"):
        run(data)
