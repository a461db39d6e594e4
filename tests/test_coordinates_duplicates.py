"""Experiments entered twice (identical foci and n) or near-identical foci sets are found and named."""

import logging

import numpy as np
import pytest

from alereview.layout import outputs_in
from alereview.cli import main
from alereview.coordinates.build import CheckSettings, build, write_outputs
from alereview.coordinates.duplicates import find_duplicates
from alereview.coordinates.model import Experiment
from alereview.errors import InputError
from alereview.tsv import read_tsv

RNG = np.random.default_rng(7)
FOCI = np.round(RNG.uniform([-60, -90, -30], [60, 60, 70], size=(10, 3)), 1)


def experiment(name, foci, n=12, contrast="a"):
    e = Experiment(
        study_id=name,
        study_label=name,
        condition="x",
        contrast=contrast,
        n=n,
        space="MNI",
        reported=np.asarray(foci, dtype=float),
        source="in.txt",
        lines=list(range(1, len(foci) + 1)),
    )
    e.mni = e.reported.copy()
    return e


def sleuth(foci_blocks):
    text = "// Reference=MNI\n"
    for label, n, foci in foci_blocks:
        text += f"// {label}\n// Subjects={n}\n" + "".join("\t".join(format(v, "g") for v in p) + "\n" for p in foci) + "\n"
    return text


def test_identical_under_another_name():
    pairs = find_duplicates([experiment("a", FOCI), experiment("b", FOCI[::-1]), experiment("c", FOCI + 20)])
    assert [(p.first.study_id, p.second.study_id, p.kind) for p in pairs] == [("a", "b", "identical")]
    assert "a: x and b: x: identical foci and sample size" == pairs[0].describe()


def test_same_foci_with_another_n():
    (pair,) = find_duplicates([experiment("a", FOCI, n=12), experiment("b", FOCI, n=30)])
    assert pair.kind == "same foci" and "n = 12 and 30" in pair.describe()


@pytest.mark.parametrize("moved, expected", [(1, "near-identical"), (2, None)])
def test_near_identical_is_90_percent_within_1_mm(moved, expected):
    # Every focus shifted by 0.5 mm, and `moved` of the 10 moved far away: 90 % and 80 % match.
    other = FOCI + 0.5 / np.sqrt(3)
    other[:moved] += 40
    pairs = find_duplicates([experiment("a", FOCI), experiment("b", other)])
    assert [p.kind for p in pairs] == ([expected] if expected else [])
    if expected:
        assert pairs[0].shared == pytest.approx(0.9)


def test_only_within_one_analysis():
    assert find_duplicates([experiment("a", FOCI, contrast="a"), experiment("b", FOCI, contrast="b")]) == []


def test_threshold_settings():
    other = FOCI + 1.5 / np.sqrt(3)
    assert find_duplicates([experiment("a", FOCI), experiment("b", other)]) == []
    assert [p.kind for p in find_duplicates([experiment("a", FOCI), experiment("b", other)], distance_mm=2)] == ["near-identical"]


def test_stage_error_or_warning_names_both(tmp_path, caplog):
    path = tmp_path / "in.txt"
    path.write_text(sleuth([("Alpha, 2010: faces", 12, FOCI), ("Gamma, 2011: faces", 15, FOCI + 30), ("Beta, 2012: faces", 12, FOCI)]))
    entry = [{"path": str(path), "analysis": "faces"}]
    with pytest.raises(InputError, match="Alpha, 2010: faces and Beta, 2012: faces: identical foci") as caught:
        build([], entry, None, {"faces": {"title": "F"}}, mask_check=False)
    assert caught.value.line == 30 and "duplicate_experiments: warn" in str(caught.value)
    with caplog.at_level(logging.WARNING):
        result = build([], entry, None, {"faces": {"title": "F"}}, mask_check=False, settings=CheckSettings(duplicate_experiments="warn"))
    assert "Alpha, 2010: faces and Beta, 2012: faces" in caplog.text and len(result.experiments) == 3
    write_outputs(result, outputs_in(tmp_path / "out", "coordinates_build", result.analyses), "r")
    checks = read_tsv(tmp_path / "out" / "data_checks.tsv").set_index("check")
    assert checks.loc["duplicate_experiments", "count"] == "1"
    assert "Alpha, 2010: faces and Beta, 2012: faces" in checks.loc["duplicate_experiments", "details"]


def test_alereview_ale_refuses_a_duplicated_experiment(tmp_path, capsys):
    path = tmp_path / "in.txt"
    path.write_text(sleuth([("Alpha, 2010: faces", 12, FOCI), ("Beta, 2012: faces", 12, FOCI)]))
    assert main(["ale", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "Alpha, 2010: faces and Beta, 2012: faces: identical foci and sample size" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
