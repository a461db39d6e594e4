"""How the ALE stage reads its Sleuth files: through alereview.coordinates, one reader, one slug."""

import re

import numpy as np
import pytest

from alereview.ale.run import to_dataset
from alereview.coordinates.load import load_experiments
from alereview.coordinates.transforms import tal2mni
from alereview.errors import InputError


def write(tmp_path, text, name="in.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_small_file(test_data):
    experiments = load_experiments(test_data / "ale" / "small.sleuth.txt")
    assert [e.slug for e in experiments] == [
        "alpha_et_al_2010__words_gt_rest",
        "beta_et_al_2012__words_gt_rest",
        "beta_et_al_2012__sentences_gt_rest",
        "gamma_et_al_2015__semantic_gt_phonological",
        "delta_et_al_2018__semantic_gt_rest",
    ]
    assert experiments[0].name == "Alpha et al., 2010: words > rest"
    assert [e.n for e in experiments] == [12, 20, 20, 15, 9]
    assert experiments[0].mni.shape == (4, 3)
    np.testing.assert_array_equal(experiments[1].mni[0], [-46, 20, 22])


def test_enge_file_has_21_experiments(test_data):
    experiments = load_experiments(test_data / "ale" / "enge2021_knowledge.sleuth.txt")
    assert len(experiments) == 21
    assert sum(len(e.mni) for e in experiments) == 262


def test_slugs_fit_the_jackknife_wildcard(test_data, repo_root):
    # The slug names the leave-one-out job: the rule's wildcard constraint must accept it.
    constraint = re.search(r'experiment=r"([^"]+)"', (repo_root / "rules" / "ale.smk").read_text()).group(1)
    for path in (test_data / "ale").glob("*.sleuth.txt"):
        for experiment in load_experiments(path):
            assert re.fullmatch(constraint, experiment.slug), experiment.slug


def test_foci_are_used_as_given(tmp_path):
    # The coordinates stage rounds what it writes to 0.01 mm; an analysis input is not rounded.
    path = write(tmp_path, "// Reference=MNI\n// A, 2000: x\n// Subjects=10\n-40.125 20.004 20\n")
    (experiment,) = load_experiments(path)
    np.testing.assert_array_equal(experiment.mni, [[-40.125, 20.004, 20]])


def test_talairach_is_converted_as_the_coordinates_stage_does(tmp_path):
    path = write(tmp_path, "// Reference=Talairach\n// A, 2000: x\n// Subjects=10\n-40 20 20\n")
    (experiment,) = load_experiments(path)
    np.testing.assert_allclose(experiment.mni, tal2mni([[-40, 20, 20]], "lancaster_spm"))
    (pooled,) = load_experiments(path, transform="lancaster_pooled")
    assert not np.allclose(pooled.mni, experiment.mni)


DUPLICATE = "// Reference=MNI\n// Xie, 2020: a\n// Subjects=9\n1 2 3\n\n// Xie, 2020: a\n// Subjects=9\n4 5 6\n"


def test_repeated_names_are_read_as_gingerale_reads_them(tmp_path, caplog):
    # NiMARE's reader keeps the second and drops the first without a word; GingerALE reads both.
    path = write(tmp_path, DUPLICATE)
    found = load_experiments(path)
    assert [e.name for e in found] == ["Xie, 2020: a", "Xie, 2020: a"]
    assert [e.slug for e in found] == ["xie_2020__a", "xie_2020__a_2"]
    assert [e.mni.tolist() for e in found] == [[[1, 2, 3]], [[4, 5, 6]]]
    assert "experiment name 'Xie, 2020: a' on lines 2, 6: read as 2 experiments" in caplog.text


def test_names_with_the_same_slug_get_distinct_ids(tmp_path):
    path = write(tmp_path, "// Reference=MNI\n// Xie, 2020: a > b\n// Subjects=9\n1 2 3\n\n// Xie, 2020: a gt b\n// Subjects=9\n4 5 6\n")
    found = load_experiments(path)
    assert [e.slug for e in found] == ["xie_2020__a_gt_b", "xie_2020__a_gt_b_2"]
    assert [e.name for e in found] == ["Xie, 2020: a > b", "Xie, 2020: a gt b"]


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("// Space=MNI\n", 1, "Reference"),
        ("// Reference=MNI\n// A, 2000\n1 2 3\n", 2, "Subjects"),
        ("// Reference=MNI\n// A, 2000\n// Subjects=0\n1 2 3\n", 3, "whole number > 0"),
        ("// Reference=MNI\n// A, 2000\n// Subjects=10\n1 2\n", 4, "found 2 value(s)"),
        ("// Reference=MNI\n// A, 2000\n// Subjects=10\n1 2 x\n", 4, "not a number"),
    ],
)
def test_errors_name_the_line(tmp_path, text, line, message):
    path = write(tmp_path, text, "bad.txt")
    with pytest.raises(InputError) as error:
        load_experiments(path)
    assert error.value.line == line
    assert message in str(error.value)
    assert str(path) in str(error.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such Sleuth file"):
        load_experiments(tmp_path / "none.txt")


@pytest.mark.filterwarnings("ignore::FutureWarning")  # NiMARE's Dataset deprecation
def test_dataset_ids_are_the_slugs(test_data):
    experiments = load_experiments(test_data / "ale" / "small.sleuth.txt")[:2]
    dataset = to_dataset(experiments)
    assert sorted(dataset.ids) == sorted(f"{e.slug}-1" for e in experiments)
    assert sorted(to_dataset(experiments, prefix="a-").ids) == sorted(f"a-{e.slug}-1" for e in experiments)
    assert len(dataset.coordinates) == 7
