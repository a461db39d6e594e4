"""One model of an experiment, one set of checks, whatever the input format.

Each bad value below, in a Sleuth file, a coordinate table, a NIMADS studyset and a NiMARE
Dataset JSON, is an error naming the file, the line (or record) and the field: in the coordinates
stage and in ``alereview ale`` alike, never a traceback, never a silently changed analysis.
"""

import json
import logging
from argparse import Namespace

import nibabel as nib
import numpy as np
import pytest

from alereview.ale.cli import _check_experiments
from alereview.cli import main
from alereview.coordinates.load import load_experiments
from alereview.coordinates.build import build
from alereview.errors import InputError

GOOD_N = "12"
GOOD_FOCI = [["-40", "20", "20"], ["30", "-60", "10"]]

#: case -> (n, foci, expected message)
CASES = {
    "negative_n": ("-5", GOOD_FOCI, "whole number > 0"),
    "fractional_n": ("12.5", GOOD_FOCI, "whole number > 0"),
    "nan_n": ("NaN", GOOD_FOCI, "whole number > 0"),
    "zero_n": ("0", GOOD_FOCI, "whole number > 0"),
    "focus_500mm_out": (GOOD_N, [["-40", "20", "20"], ["540", "20", "20"]], "outside the brain"),
    "four_coordinates": (GOOD_N, [["-40", "20", "20", "4"], ["30", "-60", "10"]], "found 4"),
    "text_coordinate": (GOOD_N, [["-40", "left", "20"], ["30", "-60", "10"]], "not a number"),
}


def _json_number(text):
    try:
        return float(text) if "." in text or text == "NaN" else int(text)
    except ValueError:
        return text


def write_sleuth(tmp_path, n, foci):
    text = f"// Reference=MNI\n// Alpha et al., 2010: faces > houses\n// Subjects={n}\n"
    text += "".join("\t".join(point) + "\n" for point in foci)
    text += "\n// Beta et al., 2012: faces > rest\n// Subjects=20\n10\t10\t10\n"
    path = tmp_path / "in.sleuth.txt"
    path.write_text(text, encoding="utf-8")
    return path


def write_table(tmp_path, n, foci):
    lines = ["study\texperiment\tcontrast\tx\ty\tz\tspace\tn"]
    lines += [f"alpha2010\tfaces > houses\tfaces\t{chr(9).join(point)}\tMNI\t{n}" for point in foci]
    lines += ["beta2012\tfaces > rest\tfaces\t10\t10\t10\tMNI\t20"]
    path = tmp_path / "foci.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_nimads(tmp_path, n, foci):
    points = [{"space": "MNI", "coordinates": [_json_number(v) for v in point]} for point in foci]
    data = {
        "id": "set",
        "studies": [
            {
                "id": "alpha2010",
                "name": "Alpha et al.",
                "analyses": [{"id": "a1", "name": "faces > houses", "metadata": {"sample_sizes": [_json_number(n)]}, "points": points}],
            },
            {
                "id": "beta2012",
                "name": "Beta et al.",
                "analyses": [
                    {
                        "id": "b1",
                        "name": "faces > rest",
                        "metadata": {"sample_sizes": [20]},
                        "points": [{"space": "MNI", "coordinates": [10, 10, 10]}],
                    }
                ],
            },
        ],
    }
    path = tmp_path / "studyset.json"
    path.write_text(json.dumps(data), encoding="utf-8")  # NaN is written as NaN, as Python and NiMARE do
    return path


def write_dataset(tmp_path, n, foci):
    axes = [[_json_number(point[i]) for point in foci] for i in range(3)]
    data = {
        "alpha2010": {
            "contrasts": {
                "1": {"coords": {"space": "MNI", "x": axes[0], "y": axes[1], "z": axes[2]}, "metadata": {"sample_sizes": [_json_number(n)]}}
            }
        },
        "beta2012": {"contrasts": {"1": {"coords": {"space": "MNI", "x": [10], "y": [10], "z": [10]}, "metadata": {"sample_sizes": [20]}}}},
    }
    path = tmp_path / "dataset.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


WRITERS = {"sleuth": write_sleuth, "table": write_table, "nimads": write_nimads, "dataset": write_dataset}


def stage_error(path, fmt):
    """The coordinates stage on ``path`` alone (no study table, no screening)."""
    entry = {"path": str(path), "analysis": "faces"}
    with pytest.raises(InputError) as caught:
        build(
            [str(path)] if fmt == "table" else [],
            [entry] if fmt == "sleuth" else [],
            None,
            {"faces": {"title": "Faces"}},
            studysets=[entry] if fmt in ("nimads", "dataset") else [],
            mask_check=False,
        )
    return caught.value


@pytest.mark.parametrize("fmt", list(WRITERS))
@pytest.mark.parametrize("case", list(CASES))
def test_bad_value_is_an_error_naming_file_place_and_field(tmp_path, fmt, case):
    n, foci, message = CASES[case]
    if fmt == "dataset" and case == "four_coordinates":
        pytest.skip("a Dataset JSON holds x, y and z as separate lists")
    path = WRITERS[fmt](tmp_path, n, foci)
    error = stage_error(path, fmt)
    assert message in str(error) or (case == "four_coordinates" and "wrong number of columns" in str(error))
    assert error.path == str(path)
    assert error.line is not None or error.record is not None
    assert error.field is not None or case == "four_coordinates"
    if fmt in ("nimads", "dataset"):
        assert "alpha2010" in error.record
    if fmt != "table":  # alereview ale reads Sleuth files and studysets with the same checks
        with pytest.raises(InputError) as caught:
            load_experiments(path)
        assert str(caught.value) == str(error)


@pytest.mark.parametrize("fmt", ["sleuth", "nimads", "dataset"])
def test_alereview_ale_refuses_them_without_a_traceback(tmp_path, fmt, capsys):
    for case in ("nan_n", "zero_n", "focus_500mm_out", "text_coordinate"):
        n, foci, message = CASES[case]
        path = WRITERS[fmt](tmp_path, n, foci)
        out = tmp_path / f"out_{case}"
        assert main(["ale", str(path), "--out", str(out)]) == 2, case
        err = capsys.readouterr().err
        assert message in err and str(path) in err and "Traceback" not in err, case
        assert not out.exists()


@pytest.fixture
def box_mask(tmp_path):
    """A box-shaped 'brain' on the 2 mm MNI grid: |x| <= 60, -100 <= y <= 70, -50 <= z <= 80."""
    affine = np.array([[-2.0, 0, 0, 90], [0, 2, 0, -126], [0, 0, 2, -72], [0, 0, 0, 1]])
    mm = np.indices((91, 109, 91)).reshape(3, -1).T @ affine[:3, :3].T + affine[:3, 3]
    inside = (np.abs(mm[:, 0]) <= 60) & (mm[:, 1] >= -100) & (mm[:, 1] <= 70) & (mm[:, 2] >= -50) & (mm[:, 2] <= 80)
    path = tmp_path / "mask.nii.gz"
    nib.save(nib.Nifti1Image(inside.reshape(91, 109, 91).astype(np.uint8), affine), path)
    return path


@pytest.mark.parametrize("fmt", ["sleuth", "nimads", "dataset"])
def test_foci_outside_the_mask_are_warned_with_their_distance(tmp_path, fmt, box_mask, caplog):
    path = WRITERS[fmt](tmp_path, GOOD_N, [["-40", "20", "20"], ["70", "20", "20"]])
    with caplog.at_level(logging.WARNING):
        _check_experiments(Namespace(sleuth=str(path), duplicates="error", mask=str(box_mask)))
    assert "focus (70, 20, 20) MNI" in caplog.text and "outside the brain mask, 10.0 mm from it" in caplog.text
