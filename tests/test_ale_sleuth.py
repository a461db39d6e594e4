"""Reading Sleuth files: experiments, slugs, sample sizes, errors that name the line."""

import numpy as np
import pytest

from alereview.ale.sleuth import read_sleuth, slugify
from alereview.errors import InputError


def test_small_file(test_data):
    experiments = read_sleuth(test_data / "ale" / "small.sleuth.txt")
    assert [e.slug for e in experiments] == [
        "alpha-et-al-2010-words-rest", "beta-et-al-2012-words-rest", "beta-et-al-2012-sentences-rest",
        "gamma-et-al-2015-semantic-phonological", "delta-et-al-2018-semantic-rest"]
    assert [e.n_subjects for e in experiments] == [12, 20, 20, 15, 9]
    assert experiments[0].foci.shape == (4, 3)
    assert experiments[0].line == 2
    np.testing.assert_array_equal(experiments[1].foci[0], [-46, 20, 22])


def test_enge_file_has_21_experiments(test_data):
    experiments = read_sleuth(test_data / "ale" / "enge2021_knowledge.sleuth.txt")
    assert len(experiments) == 21
    assert sum(len(e.foci) for e in experiments) == 262


def test_duplicate_names_get_unique_slugs(tmp_path):
    path = tmp_path / "dup.txt"
    path.write_text("// Reference=MNI\n// Xie, 2020: a\n// Subjects=9\n1 2 3\n\n// Xie, 2020: a\n// Subjects=9\n4 5 6\n")
    assert [e.slug for e in read_sleuth(path)] == ["xie-2020-a", "xie-2020-a-2"]


def test_talairach_is_converted_to_mni(tmp_path):
    path = tmp_path / "tal.txt"
    path.write_text("// Reference=Talairach\n// A, 2000\n// Subjects=10\n-40 20 20\n")
    (experiment,) = read_sleuth(path)
    assert not np.allclose(experiment.foci[0], [-40, 20, 20])


@pytest.mark.parametrize("text, line, message", [
    ("// Space=MNI\n", 1, "Reference"),
    ("// Reference=MNI\n// A, 2000\n1 2 3\n", 2, "Subjects"),
    ("// Reference=MNI\n// A, 2000\n// Subjects=0\n1 2 3\n", 3, "positive"),
    ("// Reference=MNI\n// A, 2000\n// Subjects=10\n1 2\n", 4, "exactly 3"),
    ("// Reference=MNI\n// A, 2000\n// Subjects=10\n1 2 x\n", 4, "not a number"),
])
def test_errors_name_the_line(tmp_path, text, line, message):
    path = tmp_path / "bad.txt"
    path.write_text(text)
    with pytest.raises(InputError) as error:
        read_sleuth(path)
    assert error.value.line == line
    assert message in str(error.value)
    assert str(path) in str(error.value)


def test_slugify():
    assert slugify("Xiaoqing et al. (2019): Patients > HC") == "xiaoqing-et-al-2019-patients-hc"
    assert slugify("***") == "experiment"
