"""Sleuth files: reading, bad files, writing; Sleuth -> Studyset -> Sleuth round trips."""

import json

import numpy as np
import pytest

from alereview.coordinates.load import experiment_slugs, experiments, load_experiments
from alereview.coordinates.build import convert
from alereview.coordinates.model import group_experiments
from alereview.coordinates.sleuth import format_coordinate, read_sleuth, sleuth_text, split_label, write_sleuth
from alereview.coordinates.studyset import nimads_dict, write_studyset
from alereview.coordinates.transforms import tal2mni
from alereview.coordinates.validate import validate_experiments, validate_rows
from alereview.errors import InputError


def parse(path, contrast="post_gt_pre"):
    foci = validate_rows(read_sleuth(path, contrast))
    validate_experiments(foci)
    found = group_experiments(foci)
    convert(found, "lancaster_spm")
    return found


def sleuth_file(tmp_path, text, name="in.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path) -> InputError:
    with pytest.raises(InputError) as caught:
        parse(path)
    return caught.value


def test_reads_experiments(test_data):
    found = parse(test_data / "coordinates" / "example.sleuth.txt")
    assert [e.name for e in found] == [
        "Smith et al. (smith2010): post > pre",
        "Jones (jones2012): post > pre (EA)",
        "Wang et al., 2015: post > pre",
    ]
    assert [e.n for e in found] == [12, 20, 15]
    assert [e.lines for e in found] == [[4, 5, 6], [10, 11], [15]]
    assert found[1].reported.tolist() == [[-33.51, -78.44, -38.12], [31.9, -3.12, 8.4]]
    assert found[0].slug == "smith2010__post_gt_pre"


def test_talairach_file_is_converted(test_data):
    (experiment,) = parse(test_data / "coordinates" / "talairach.sleuth.txt")
    assert experiment.space == "TAL" and experiment.transform == "lancaster_spm"
    np.testing.assert_allclose(experiment.mni, np.round(tal2mni(experiment.reported, "lancaster_spm"), 2))


def test_split_label():
    assert split_label("Smith, 2010: a: b") == ("Smith, 2010", "a: b")
    assert split_label("Lab 2: study, 2011; cond") == ("Lab 2: study, 2011", "cond")
    assert split_label("no separator") == ("no separator", "no separator")


@pytest.mark.parametrize(
    "text, line, field, message",
    [
        ("// Smith: a\n// Subjects=3\n1 2 3\n", 1, "Reference", "starts with '// Reference="),
        ("\n\n// Reference=SPM\n// Smith: a\n// Subjects=3\n1 2 3\n", 3, "Reference", "unknown space 'SPM'"),
        ("// Reference=MNI\n// Smith: a\n1 2 3\n", 2, "Subjects", "without '// Subjects=N'"),
        ("// Reference=MNI\n// Smith: a\n// Subjects=3\n\n// Jones: b\n// Subjects=4\n1 2 3\n", 2, "experiment", "has no foci"),
        ("// Reference=MNI\n// Smith: a\n// Subjects=3\n1 2\n", 4, None, "found 2 value(s)"),
        ("// Reference=MNI\n// Smith: a\n// Subjects=3\n1 2 3 4\n", 4, None, "found 4 value(s)"),
        ("// Reference=MNI\n// Smith: a\n// Subjects=3\n1 y 3\n", 4, "y", "not a number"),
        ("// Reference=MNI\n// Smith: a\n// Subjects=0\n1 2 3\n", 3, "Subjects", "whole number > 0"),
        ("// Reference=MNI\n// Smith: a\n// Subjects=\n1 2 3\n", 3, "Subjects", "missing sample size"),
        ("// Reference=MNI\n// Smith: a\n// Subjects=ten\n1 2 3\n", 3, "Subjects", "not a number: 'ten'"),
        ("// Reference=MNI\n1 2 3\n", 2, None, "a focus before any experiment header"),
    ],
)
def test_bad_sleuth_files(tmp_path, text, line, field, message):
    path = sleuth_file(tmp_path, text)
    error = error_of(path)
    assert (error.path, error.line, error.field) == (str(path), line, field)
    assert message in str(error)


def test_writes_what_gingerale_expects(tmp_path, test_data):
    found = parse(test_data / "coordinates" / "example.sleuth.txt")
    text = sleuth_text(found)
    lines = text.split("\n")
    assert lines[0] == "// Reference=MNI"
    assert lines[1:3] == ["// Smith et al. (smith2010): post > pre", "// Subjects=12"]
    assert lines[3] == "-34\t-78\t-38"
    blocks = text.strip("\n").split("\n\n")
    assert len(blocks) == 3 and all(b.split("\n")[-1].count("\t") == 2 for b in blocks)
    # "Subjects" on the last header line of each block: what NiMARE requires.
    for block in blocks:
        headers = [line for line in block.split("\n") if line.startswith("//") and "Reference" not in line]
        assert headers[-1].startswith("// Subjects=")
    assert format_coordinate(-0.004) == "0" and format_coordinate(1.5) == "1.5"


def test_nimare_reads_our_sleuth(tmp_path, test_data):
    from nimare.io import convert_sleuth_to_nimads_dict

    found = parse(test_data / "coordinates" / "example.sleuth.txt")
    path = tmp_path / "out.sleuth.txt"
    write_sleuth(found, path)
    data = convert_sleuth_to_nimads_dict(str(path))
    analyses = {a["name"]: a for s in data["studies"] for a in s["analyses"]}
    assert set(analyses) == {"post > pre", "post > pre (EA)"} or len(analyses) == 2
    n_points = sum(len(a["points"]) for s in data["studies"] for a in s["analyses"])
    assert n_points == 6
    sizes = sorted(a["metadata"]["sample_sizes"][0] for s in data["studies"] for a in s["analyses"])
    assert sizes == [12, 15, 20]


def test_round_trip_sleuth_studyset_sleuth(tmp_path, test_data):
    source = test_data / "coordinates" / "example.sleuth.txt"
    found = parse(source)
    studyset_path = tmp_path / "a.studyset.json"
    write_studyset(found, studyset_path, "review_post_gt_pre", name="Post > pre")
    back = load_experiments(studyset_path)
    out = tmp_path / "back.sleuth.txt"
    write_sleuth(back, out)
    assert out.read_text() == source.read_text()
    assert [e.slug for e in back] == [e.slug for e in found]
    assert [e.n for e in back] == [12, 20, 15]


def test_round_trip_from_talairach_keeps_reported_coordinates(tmp_path, test_data):
    found = parse(test_data / "coordinates" / "talairach.sleuth.txt")
    path = tmp_path / "t.studyset.json"
    write_studyset(found, path, "t")
    (back,) = load_experiments(path)
    assert back.space == "TAL" and back.transform == "lancaster_spm"
    np.testing.assert_array_equal(back.reported, found[0].reported)
    np.testing.assert_array_equal(back.mni, found[0].mni)
    assert sleuth_text([back]) == sleuth_text(found)


def test_nimare_studyset_reads_our_json(tmp_path, test_data):
    from nimare.nimads import Studyset

    found = parse(test_data / "coordinates" / "example.sleuth.txt")
    data = nimads_dict(found, "review_post_gt_pre")
    json.dumps(data)  # serialisable
    studyset = Studyset(data, target="mni152_2mm")
    assert len(studyset) == 3
    assert sorted(studyset.sample_sizes().tolist()) == [12, 15, 20]
    assert len(studyset.coordinates) == 6
    assert "smith2010-smith2010__post_gt_pre" in list(studyset.ids)


def test_experiments_lists_names_and_slugs(tmp_path, test_data):
    source = test_data / "coordinates" / "example.sleuth.txt"
    names = experiments(source)
    assert names[0] == "Smith et al. (smith2010): post > pre" and len(names) == 3
    assert experiment_slugs(source) == ["smith2010__post_gt_pre", "jones2012__post_gt_pre_ea", "wang_et_al_2015__post_gt_pre"]
    path = tmp_path / "s.studyset.json"
    write_studyset(load_experiments(source), path, "s")
    assert experiments(path) == names and experiment_slugs(path) == experiment_slugs(source)


def test_studyset_without_sample_sizes(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"studies": [{"id": "s", "analyses": [{"id": "a", "points": [{"coordinates": [1, 2, 3]}]}]}]}))
    with pytest.raises(InputError, match="sample_sizes") as caught:
        load_experiments(path)
    assert caught.value.record == "study s, analysis a, point 1"


def test_repeated_names_warn_and_stay_apart(tmp_path, caplog):
    # GingerALE starts an experiment at every // block after foci, whatever its name.
    path = sleuth_file(
        tmp_path,
        "// Reference=MNI\n// Smith, 2010: a\n// Subjects=3\n1 2 3\n\n// Smith, 2010 :  a\n"
        "// Subjects=3\n4 5 6\n\n// Smith, 2010: a\n// Subjects=4\n7 8 9\n",
    )
    found = parse(path)
    assert len(found) == 3 and len({e.slug for e in found}) == 3
    assert len({e.study_id for e in found}) == 1
    assert "experiment name 'Smith, 2010: a' on lines 2, 10: read as 2 experiments" in caplog.text
    assert "(lines 2, 6, 10) name the same study and condition" in caplog.text
