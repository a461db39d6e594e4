"""Coordinates from NIMADS studysets (Neurosynth Compose exports, with annotations) and NiMARE Dataset JSON."""

import json
import logging
from pathlib import Path

import nimare
import numpy as np
import pytest

from alereview.layout import outputs_in
from alereview.coordinates.load import load_experiments
from alereview.coordinates.build import build, write_outputs
from alereview.coordinates.nimads import read_studyset
from alereview.coordinates.transforms import tal2mni
from alereview.errors import InputError
from alereview.tsv import read_tsv

RESOURCES = Path(nimare.__file__).parent / "resources"
LAIRD = RESOURCES / "neurosynth_laird_studyset.json"  # NIMADS, 17 studies, no sample sizes
PAIN = RESOURCES / "nidm_pain_dset.json"  # NiMARE Dataset JSON, 21 contrasts with sample sizes


def laird():
    return json.loads(LAIRD.read_text())


def write_json(tmp_path, name, data):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def annotation_for(studyset, chosen_studies):
    """A Compose-style annotation: `included` for every analysis, `dlpfc` for some studies."""
    notes = [
        {"study": s["id"], "analysis": a["id"], "note": {"included": True, "dlpfc": s["id"] in chosen_studies}}
        for s in studyset["studies"]
        for a in s["analyses"]
    ]
    return {
        "id": "annot1",
        "name": "Compose annotation",
        "note_keys": {"included": {"type": "boolean", "order": 0}, "dlpfc": {"type": "boolean", "order": 1}},
        "notes": notes,
    }


def study_table(tmp_path, studyset, n=14, extra_columns=""):
    lines = ["study_id\tn" + extra_columns] + [f"{s['id']}\t{n}" for s in studyset["studies"]]
    path = tmp_path / "studies.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_missing_sample_size_names_study_analysis_and_field(tmp_path):
    with pytest.raises(InputError) as caught:
        build([], [], None, {"dlpfc": {"title": "DLPFC"}}, studysets=[{"path": str(LAIRD), "analysis": "dlpfc"}], mask_check=False)
    error = caught.value
    assert error.path == str(LAIRD) and error.field == "sample_sizes"
    assert error.record.startswith("study 17029760, analysis 1")
    assert "study table" in str(error)


def test_sample_sizes_from_the_study_table(tmp_path):
    data = laird()
    studies = study_table(tmp_path, data)
    result = build([], [], studies, {"dlpfc": {"title": "DLPFC"}}, studysets=[{"path": str(LAIRD), "analysis": "dlpfc"}], mask_check=False)
    assert len(result.experiments) == 17 and {e.n for e in result.experiments} == {14}
    assert all(e.n_source == "study table" for e in result.experiments)
    assert sum(len(e.mni) for e in result.experiments) == sum(len(a["points"]) for s in data["studies"] for a in s["analyses"])
    out = tmp_path / "out"
    write_outputs(result, outputs_in(out, "coordinates_build", result.analyses), "laird")
    checks = read_tsv(out / "data_checks.tsv").set_index("check")
    assert checks.loc["sample_size_from_study_table", "count"] == "17"
    assert [e.slug for e in load_experiments(out / "dlpfc.studyset.json")] == [e.slug for e in result.experiments]


def test_annotation_chooses_the_analyses(tmp_path):
    data = laird()
    for study in data["studies"]:
        for analysis in study["analyses"]:
            analysis["metadata"]["sample_sizes"] = [20]
    chosen = {data["studies"][i]["id"] for i in (0, 3, 5)}
    studyset = write_json(tmp_path, "studyset.json", data)
    annotation = write_json(tmp_path, "annotation.json", annotation_for(data, chosen))
    entry = {"path": str(studyset), "annotation": str(annotation), "analyses": {"all": "included", "dlpfc": "dlpfc"}}
    result = build([], [], None, {"all": {"title": "All"}, "dlpfc": {"title": "DLPFC"}}, studysets=[entry], mask_check=False, settings=None)
    assert len(result.of("all")) == 17
    assert {e.study_id for e in result.of("dlpfc")} == chosen
    # A coordinates-only review: no study table, the studyset's ids and author-year labels.
    first = result.of("dlpfc")[0]
    assert first.study_id == "17029760" and first.name == "Fitzgerald et al. (17029760): 1"


def test_annotation_embedded_in_a_compose_bundle(tmp_path):
    data = laird()
    for study in data["studies"]:
        study["metadata"] = {"sample_size": 11}  # on the study, as NeuroStore keeps it
    data["annotations"] = [annotation_for(data, {data["studies"][1]["id"]})]
    path = write_json(tmp_path, "bundle.json", {"snapshot": {"snapshot": data}})
    foci = read_studyset({"path": path, "analyses": {"x": "dlpfc"}})
    assert set(foci["study"]) == {"Kroger et al. (18760263)"} and set(foci["n"]) == {"11"}


def test_bad_annotations(tmp_path):
    data = laird()
    studyset = write_json(tmp_path, "studyset.json", data)
    annotation = annotation_for(data, set())
    path = write_json(tmp_path, "annotation.json", annotation)
    with pytest.raises(InputError, match="no note key 'motor'") as caught:
        read_studyset({"path": studyset, "annotation": path, "analyses": {"m": "motor"}})
    assert caught.value.path == str(path)
    annotation["notes"][2]["note"]["dlpfc"] = "perhaps"
    path = write_json(tmp_path, "annotation.json", annotation)
    with pytest.raises(InputError, match="note 'dlpfc' is 'perhaps'") as caught:
        read_studyset({"path": studyset, "annotation": path, "analyses": {"d": "dlpfc"}})
    assert (caught.value.path, caught.value.field) == (str(path), "dlpfc")
    assert caught.value.record == f"notes[3] (study {data['studies'][2]['id']}, analysis 1)"
    with pytest.raises(InputError, match="there is no annotation"):
        read_studyset({"path": studyset, "analyses": {"d": "dlpfc"}})
    (tmp_path / "broken.json").write_text('{"studies": [\n  {"id": 1,}\n]}')
    with pytest.raises(InputError, match="not valid JSON") as caught:
        read_studyset({"path": tmp_path / "broken.json", "analysis": "a"})
    assert caught.value.line == 2


def test_nimare_dataset_json():
    experiments = load_experiments(PAIN)
    assert len(experiments) == 21
    assert experiments[0].name == "pain_01.nidm: 1" and experiments[0].n == 25
    assert experiments[0].mni.shape == (16, 3)


def test_talairach_points_are_converted(tmp_path):
    data = {
        "id": "s",
        "studies": [
            {
                "id": "a1",
                "name": "A",
                "analyses": [
                    {
                        "id": "x",
                        "name": "faces",
                        "metadata": {"sample_sizes": [12]},
                        "points": [{"space": "TAL", "coordinates": [-40, 20, 20]}, {"space": "TAL", "coordinates": [30, -60, 10]}],
                    }
                ],
            }
        ],
    }
    (experiment,) = load_experiments(write_json(tmp_path, "tal.json", data))
    assert experiment.space == "TAL" and experiment.transform == "lancaster_spm"
    np.testing.assert_allclose(experiment.mni, tal2mni([[-40, 20, 20], [30, -60, 10]], "lancaster_spm"))


def test_unspaced_points_are_taken_as_mni_with_a_warning(tmp_path, caplog):
    data = {"studies": [{"id": "a1", "analyses": [{"id": "x", "metadata": {"sample_size": 9}, "points": [{"coordinates": [1, 2, 3]}]}]}]}
    with caplog.at_level(logging.WARNING):
        (experiment,) = load_experiments(write_json(tmp_path, "s.json", data))
    assert experiment.space == "MNI" and "1 point(s) without a space; taken as MNI" in caplog.text


def test_same_analysis_names_in_a_study_stay_apart(tmp_path):
    points = [{"space": "MNI", "coordinates": [1, 2, 3]}]
    data = {
        "studies": [
            {
                "id": "s1",
                "analyses": [
                    {"id": "a", "name": "Table 2", "metadata": {"sample_sizes": [10]}, "points": points},
                    {
                        "id": "b",
                        "name": "Table 2",
                        "metadata": {"sample_sizes": [12]},
                        "points": [{"space": "MNI", "coordinates": [40, 2, 3]}],
                    },
                ],
            }
        ]
    }
    names = [e.name for e in load_experiments(write_json(tmp_path, "s.json", data))]
    assert names == ["s1: Table 2 [a]", "s1: Table 2 [b]"]


MALFORMED = [
    [],
    {"studies": "x"},
    {"studies": [{"id": "s1", "analyses": ["a1"]}]},
    {"studies": ["s1"]},
    {"studies": [{"id": "s1", "analyses": [{"id": "a", "metadata": {"sample_sizes": [9]}, "points": "x"}]}]},
    {"studies": [{"id": "s1", "analyses": [{"id": "a", "metadata": {"sample_sizes": [9]}, "points": [[1, 2, 3]]}]}]},
    {"studies": [{"id": "s1", "analyses": [{"id": "a", "metadata": {"sample_sizes": {"n": 9}}, "points": [{"coordinates": [1, 2, 3]}]}]}]},
    {"studies": [{"id": "s1", "analyses": [{"id": "a", "metadata": {"sample_sizes": [9, 12]}, "points": [{"coordinates": [1, 2, 3]}]}]}]},
    {"studies": [{"id": "s1", "analyses": [{"id": "a", "metadata": "n=9", "points": [{"coordinates": [1, 2, 3]}]}]}]},
    {
        "studies": [
            {
                "id": "s1",
                "analyses": [{"id": "a", "metadata": {"sample_sizes": [9]}, "points": [{"coordinates": [1, 2, 3], "space": "SPM"}]}],
            }
        ]
    },
    {"studies": [{"id": "s1", "analyses": [{"id": "a", "metadata": {"sample_sizes": [9]}, "points": []}]}]},
    {"s1": {"contrasts": {"1": {"coords": {"x": [1, 2], "y": [1], "z": [1, 2]}, "metadata": {"sample_sizes": [9]}}}}},
    {"s1": {"contrasts": "x"}},
    {"s1": {"contrasts": {"1": {"coords": {"x": [1], "y": [1], "z": [1]}, "metadata": {}}}}},
]


@pytest.mark.parametrize("data", MALFORMED, ids=range(len(MALFORMED)))
def test_malformed_studysets_are_input_errors(tmp_path, data):
    path = write_json(tmp_path, "bad.json", data)
    with pytest.raises(InputError) as caught:
        load_experiments(path)
    assert caught.value.path == str(path)
