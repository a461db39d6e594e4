"""Strict numbers (alereview/numbers.py) in every reader and CLI option."""

from __future__ import annotations

import pytest

from alereview.cli import main
from alereview.coordinates.validate import parse_sample_size
from alereview.errors import InputError
from alereview.tables.studies import _whole_number
from alereview.numbers import cli_float, is_number, json_number, parse_number, parse_whole


@pytest.mark.parametrize(
    "text, value",
    [("42", 42.0), ("-40.5", -40.5), (" +3 ", 3.0), ("1e2", 100.0), (".5", 0.5), ("5.", 5.0), ("\u221212", -12.0), ("1E-3", 0.001)],
)
def test_plain_numbers_are_read(text, value):
    assert parse_number(text) == value and is_number(text)


@pytest.mark.parametrize(
    "text", ["4_2", "1e400", "-1e400", "nan", "NaN", "inf", "-Infinity", "0x10", "\u0664\u0662", "4,2", "", "1 2", "--1", "12a", "\u00b2"]
)
def test_what_python_would_accept_or_misread_is_refused(text):
    assert not is_number(text)
    with pytest.raises(InputError, match="not a number"):
        parse_number(text, field="x", path="t.tsv", line=3)


def test_the_error_names_the_place():
    with pytest.raises(InputError) as error:
        parse_number("4_2", path="foci.tsv", line=7, field="y")
    assert str(error.value).startswith("foci.tsv, line 7, field 'y': not a number: '4_2'")


@pytest.mark.parametrize("text, value", [("12", 12), ("12.0", 12), ("-3", -3)])
def test_whole_numbers(text, value):
    assert parse_whole(text) == value


@pytest.mark.parametrize("text", ["1_2", "12.5", "\u0661\u0662", "nan", "1e3"])
def test_whole_numbers_refuse(text):
    with pytest.raises(InputError):
        parse_whole(text)


@pytest.mark.parametrize("value", [True, float("nan"), float("inf"), "4_2"])
def test_json_numbers_refuse(value):
    with pytest.raises(InputError):
        json_number(value)


def test_json_numbers_accept_numbers_and_plain_strings():
    assert json_number(3) == 3.0 and json_number("-2.5") == -2.5


@pytest.mark.parametrize("text", ["1_2", "nan", "1e400", "\u0661\u0662"])
def test_sample_sizes_are_strict(text):
    with pytest.raises(InputError, match="whole number > 0"):
        parse_sample_size(text, path="studies.tsv", line=2)


def test_cli_numbers_are_strict(capsys):
    assert cli_float("-40") == -40.0
    with pytest.raises(SystemExit):
        main(["label", "4_2", "-78", "-50"])
    assert "not a number: '4_2'" in capsys.readouterr().err


def test_study_table_counts_take_ascii_digits_only():
    assert _whole_number("12", "s.tsv", 2, "n") == 12
    with pytest.raises(InputError, match="whole number"):
        _whole_number("\u00b2", "s.tsv", 2, "n")
