"""Reading coordinate tables, and every bad value they can hold, each with file, line and field."""

import pandas as pd
import pytest

from alereview.coordinates.model import assign_ids, group_experiments, normalize_space, slugify
from alereview.coordinates.tables import read_table
from alereview.coordinates.validate import validate_experiments, validate_rows
from alereview.errors import InputError

HEADER = "study\texperiment\tcontrast\tx\ty\tz\tspace\tn\tdirection\ttable\tpage"
GOOD = [
    "s1\tpost > pre\tpost_gt_pre\t-34\t-78\t-38\tMNI\t12\tactivation\tTable 2\t5",
    "s1\tpost > pre\tpost_gt_pre\t34\t-8\t8\tMNI\t12\tactivation\tTable 2\t5",
    "s2\tpost > pre\tpost_gt_pre\t30\t-5\t10\tTAL\t20\tactivation\tTable 3\t7",
]


def write(tmp_path, lines, name="foci.tsv", header=HEADER, sep="\t"):
    path = tmp_path / name
    text = "\n".join([header] + lines) + "\n"
    path.write_text(text.replace("\t", sep), encoding="utf-8")
    return path


def load(path, analyses=None):
    foci = validate_rows(read_table(path), analyses)
    validate_experiments(foci)
    experiments = group_experiments(foci)
    assign_ids(experiments)
    return experiments


def error_of(path, analyses=None) -> InputError:
    with pytest.raises(InputError) as caught:
        load(path, analyses)
    return caught.value


def test_reads_tsv_with_line_numbers(tmp_path):
    foci = read_table(write(tmp_path, GOOD))
    assert list(foci["line"]) == [2, 3, 4]
    experiments = load(write(tmp_path, GOOD))
    assert [e.name for e in experiments] == ["s1: post > pre", "s2: post > pre"]
    assert experiments[0].reported.tolist() == [[-34, -78, -38], [34, -8, 8]]
    assert experiments[1].space == "TAL" and experiments[1].n == 20


def test_reads_csv_with_bom_crlf_and_case_insensitive_header(tmp_path):
    path = tmp_path / "foci.csv"
    text = HEADER.upper().replace("\t", ",") + "\r\n" + "\r\n".join(line.replace("\t", ",") for line in GOOD) + "\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    experiments = load(path)
    assert len(experiments) == 2 and experiments[0].source == str(path)


def test_quoted_multiline_cell_keeps_line_numbers(tmp_path):
    lines = ['s1,"post > pre\nsecond line",post_gt_pre,1,2,3,MNI,12,,,', "s1,b,post_gt_pre,1,2,x,MNI,12,,,"]
    path = write(tmp_path, lines, name="foci.csv", sep=",")
    error = error_of(path)
    assert error.line == 4 and error.field == "z"


def test_optional_columns_and_extra_columns(tmp_path):
    path = write(
        tmp_path, ["s1\te\tpost_gt_pre\t1\t2\t3\tTalairach\t9\tnote"], header="study\texperiment\tcontrast\tx\ty\tz\tspace\tn\tnotes"
    )
    (experiment,) = load(path)
    assert experiment.space == "TAL" and experiment.direction == "" and experiment.tables == [""]


@pytest.mark.parametrize(
    "cell, field, message",
    [
        (("x", "abc"), "x", "not a number: 'abc'"),
        (("y", ""), "y", "missing coordinate"),
        (("z", "nan"), "z", "not a finite number"),
        (("space", "SPM"), "space", "unknown space 'SPM'"),
        (("n", ""), "n", "missing sample size"),
        (("n", "0"), "n", "must be a whole number > 0"),
        (("n", "-3"), "n", "must be a whole number > 0"),
        (("n", "12.5"), "n", "must be a whole number > 0"),
        (("n", "twelve"), "n", "not a number"),
        (("study", ""), "study", "empty study"),
        (("direction", "up"), "direction", "unknown direction"),
    ],
)
def test_bad_values_name_file_line_and_field(tmp_path, cell, field, message):
    column, value = cell
    names = HEADER.split("\t")
    cells = GOOD[1].split("\t")
    cells[names.index(column)] = value
    path = write(tmp_path, [GOOD[0], "\t".join(cells), GOOD[2]])
    error = error_of(path)
    assert (error.path, error.line, error.field) == (str(path), 3, field)
    assert message in str(error) and str(path) in str(error) and "line 3" in str(error)


def test_unicode_minus_is_a_minus(tmp_path):
    (experiment, _) = load(write(tmp_path, [GOOD[0].replace("-34", "\u221234"), GOOD[2]]))
    assert experiment.reported[0, 0] == -34


def test_wrong_column_count(tmp_path):
    path = write(tmp_path, [GOOD[0], GOOD[1] + "\textra", GOOD[2]])
    error = error_of(path)
    assert error.line == 3 and "wrong number of columns: found 12, the header has 11" in str(error)
    path = write(tmp_path, [GOOD[0], "\t".join(GOOD[1].split("\t")[:8])])
    assert error_of(path).line == 3


def test_missing_column_names_it(tmp_path):
    path = write(tmp_path, ["s1\te\tpost_gt_pre\t1\t2\t3\t12"], header="study\texperiment\tcontrast\tx\ty\tz\tn")
    error = error_of(path)
    assert error.line == 1 and error.field == "space"


def test_unknown_contrast(tmp_path):
    error = error_of(write(tmp_path, GOOD), analyses={"post_lt_pre"})
    assert error.field == "contrast" and error.line == 2


def test_experiment_with_two_different_n(tmp_path):
    path = write(tmp_path, [GOOD[0], GOOD[1].replace("\t12\t", "\t14\t"), GOOD[2]])
    error = error_of(path)
    assert error.line == 3 and error.field == "n" and "two different sample sizes: 14 here, 12 on line 2" in str(error)


def test_mixed_spaces_inside_one_experiment(tmp_path):
    path = write(tmp_path, [GOOD[0], GOOD[1].replace("\tMNI\t", "\tTAL\t"), GOOD[2]])
    error = error_of(path)
    assert error.line == 3 and error.field == "space" and "mixed spaces" in str(error)


def test_duplicate_experiment_across_files(tmp_path):
    first = write(tmp_path, GOOD[:2], name="a.tsv")
    second = write(tmp_path, GOOD[:1], name="b.tsv")
    foci = validate_rows(pd.concat([read_table(first), read_table(second)], ignore_index=True))
    with pytest.raises(InputError, match="duplicate experiment") as caught:
        validate_experiments(foci)
    assert caught.value.path == str(second) and caught.value.line == 2


def test_names_that_slugify_alike_get_distinct_ids(tmp_path):
    # Two different names that slugify alike: both read, each with its own id (jackknife job name).
    path = write(tmp_path, [GOOD[0], GOOD[0].replace("post > pre", "post>pre")])
    experiments = load(path)
    assert [e.slug for e in experiments] == ["s1__post_gt_pre", "s1__post_gt_pre_2"]
    assert [e.condition for e in experiments] == ["post > pre", "post>pre"]


def test_empty_table(tmp_path):
    path = tmp_path / "empty.tsv"
    path.write_text("")
    with pytest.raises(InputError, match="empty"):
        read_table(path)


def test_excel_table(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")  # optional dependency: alereview[excel]
    book = openpyxl.Workbook()
    for row in [HEADER.split("\t")] + [line.split("\t") for line in GOOD]:
        book.active.append([float(v) if v.lstrip("-").isdigit() else v for v in row])
    path = tmp_path / "foci.xlsx"
    book.save(path)
    experiments = load(path)
    assert [len(e.reported) for e in experiments] == [2, 1] and experiments[0].lines == [2, 3]


def test_names_and_slugs():
    assert normalize_space("Talairach") == "TAL" and normalize_space("MNI152") == "MNI" and normalize_space("x") is None
    assert slugify("Post > Pre (MA(SYTD))") == "post_gt_pre_ma_sytd"
    assert slugify("Patients < HC") == "patients_lt_hc"
    assert slugify("ключ") == "x"
