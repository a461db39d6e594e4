"""Experiment and study identity: ids unique by construction in every format, studies from labels."""

import json

import pytest

from alereview.coordinates.load import load_experiments
from alereview.coordinates.build import convert, read_inputs
from alereview.coordinates.encodings import read_sleuth_text
from alereview.coordinates.labels import parse_study, study_ids
from alereview.errors import InputError

SWAPPED = ["(Repeat CS+ and Reversal CS+) > (Repeat CS- and Reversal CS-)", "(Repeat CS- and Reversal CS-) > (Repeat CS+ and Reversal CS+)"]


def test_table_names_that_slugify_alike(tmp_path):
    path = tmp_path / "foci.tsv"
    rows = ["study\texperiment\tcontrast\tx\ty\tz\tspace\tn"]
    rows += [f"s1\t{name}\ta\t{k}\t2\t3\tMNI\t10" for k, name in enumerate(SWAPPED, start=1)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    found = read_inputs(tables=[path])
    assert [e.condition for e in found] == SWAPPED
    assert len({e.slug for e in found}) == 2


def nimads(studies):
    return {"id": "set", "name": "", "studies": studies}


def study(study_id, analyses, name="Smith, 2010"):
    return {
        "id": study_id,
        "name": name,
        "analyses": [
            {"id": aid, "name": aname, "metadata": {"sample_sizes": [10]}, "points": [{"coordinates": [k, 2, 3], "space": "MNI"}]}
            for k, (aid, aname) in enumerate(analyses, start=1)
        ],
    }


def test_nimads_names_that_slugify_alike(tmp_path):
    path = tmp_path / "set.json"
    path.write_text(
        json.dumps(
            nimads([study("s1", [("a1", SWAPPED[0]), ("a2", SWAPPED[1]), ("a3", "Exp 2:Psint-2> Ph-C"), ("a4", "Exp 2: Psint-2> Ph-C")])])
        )
    )
    found = load_experiments(path)
    assert len(found) == 4 and len({e.slug for e in found}) == 4


def test_nimads_repeated_study_id_is_an_error_or_renamed(tmp_path, caplog):
    path = tmp_path / "set.json"
    path.write_text(json.dumps(nimads([study("s1", [("a1", "x")]), study("s1", [("a1", "x")], name="Jones, 2012")])))
    with pytest.raises(InputError, match="two studies with the id 's1'") as caught:
        read_inputs(studysets=[{"path": path, "analysis": "a"}])
    assert caught.value.record == "studies[2]" and "duplicate_study_ids: rename" in str(caught.value)
    found = read_inputs(studysets=[{"path": path, "analysis": "a"}], duplicate_study_ids="rename")
    assert [e.study_id for e in found] == ["s1", "s1_2"] and "read as 's1_2'" in caplog.text


def test_nimare_json_names_that_slugify_alike_and_repeated_ids(tmp_path):
    contrast = '{{"coords": {{"space": "MNI", "x": [{k}], "y": [2], "z": [3]}}, "metadata": {{"sample_sizes": [10]}}}}'
    text = json.dumps({"s1": {"contrasts": {SWAPPED[0]: json.loads(contrast.format(k=1)), SWAPPED[1]: json.loads(contrast.format(k=2))}}})
    path = tmp_path / "dataset.json"
    path.write_text(text)
    assert len({e.slug for e in load_experiments(path)}) == 2
    repeated = tmp_path / "repeated.json"
    first, second = contrast.format(k=1), contrast.format(k=2)
    repeated.write_text(f'{{"s1": {{"contrasts": {{"c": {first}}}}}, "s1": {{"contrasts": {{"c": {second}}}}}}}')
    with pytest.raises(InputError, match="two studies with the id 's1'"):
        read_inputs(studysets=[{"path": repeated, "analysis": "a"}])
    found = read_inputs(studysets=[{"path": repeated, "analysis": "a"}], duplicate_study_ids="rename")
    assert sorted(e.study_id for e in found) == ["s1", "s1_2"]


@pytest.mark.parametrize(
    "text, parts",
    [
        ("Smith, 2010", (None, "smith", "2010", "")),
        ("Smith et al., 2010", (None, "smith", "2010", "")),
        ("(11) Franklin, 2011(a)", ("11", "franklin", "2011", "a")),
        ("(2)Clausse(2013)", ("2", "clausse", "2013", "")),
        ("Smith (2010)", (None, "smith", "2010", "")),
        ("Paulus, 2002a", (None, "paulus", "2002", "a")),
        ("Prisciandaro, 2013 (b)", (None, "prisciandaro", "2013", "b")),
        ("(1)O\u2019doherty,2003", ("1", "odoherty", "2003", "")),
        ("Lopez-Paniagua and seger, 2013", (None, "lopezpaniaguaandseger", "2013", "")),
    ],
)
def test_label_conventions(text, parts):
    found = parse_study(text)
    assert (found.number, found.authors, found.year, found.suffix) == parts


def test_pmid_and_explicit_ids():
    assert parse_study("15893474-1").pmid == "15893474"
    assert parse_study("Lee et al. (lee2019)").explicit == "lee2019"
    ids, own = study_ids(["15893474-1", "15893474-2", "Lee et al. (lee2019)"], [2, 6, 10])
    assert ids[0] == ids[1] != ids[2] and ids[2] == "lee2019" and own == []


def test_different_authors_are_never_one_study():
    texts = [
        "(2)Clausse(2013)",
        "(3)Guo(2013)",
        "(3)Guo",
        "Franklin, 2011(a)",
        "Franklin, 2011(b)",
        "Smith & Jones, 2010",
        "Smith & Brown, 2010",
        "Author here",
        "Author here",
    ]
    ids, own = study_ids(texts, list(range(1, 10)))
    assert ids[0] != ids[1] and ids[1] == ids[2] and ids[3] != ids[4] and ids[5] != ids[6] and ids[7] != ids[8]
    assert own == [7, 8]


def test_outside_brain_drop(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text("// Reference=MNI\n// A, 2000: x\n// Subjects=10\n1 2 3\n1 200 3\n", encoding="utf-8")
    found = read_inputs(sleuth=[{"path": path, "analysis": "a"}])
    with pytest.raises(InputError, match="outside the brain") as caught:
        convert(found, "lancaster_spm")
    assert caught.value.line == 5 and "outside_brain: drop" in str(caught.value)
    found = read_inputs(sleuth=[{"path": path, "analysis": "a"}])
    convert(found, "lancaster_spm", outside_brain="drop")
    assert found[0].mni.tolist() == [[1, 2, 3]] and found[0].lines == [4] and len(found[0].dropped) == 1


@pytest.mark.parametrize(
    "encoding, line_end", [("utf-16", "\n"), ("utf-16-le", "\r"), ("cp1252", "\r\n"), ("mac_roman", "\r"), ("utf-8-sig", "\n")]
)
def test_encodings_and_line_ends(tmp_path, encoding, line_end):
    text = line_end.join(["// Reference=MNI", "// Müller, 2010: 41° C", "// Subjects=10", "1 2 3", ""])
    path = tmp_path / "in.txt"
    path.write_bytes(text.encode(encoding))
    lines, _ = read_sleuth_text(path)
    assert lines[1] == "// Müller, 2010: 41° C" and lines[3] == "1 2 3"
