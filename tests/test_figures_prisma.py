"""The PRISMA 2020 flow diagram from the PRISMA2020 template CSV: new review and update layouts."""

import csv

import pytest

from alereview.errors import InputError
from alereview.figures.prisma import parse_list, plot_prisma, read_prisma

from conftest import TEST_DATA

DATA = TEST_DATA / "figures"


def test_new_review_layout_holds_every_count(tmp_path):
    prisma = read_prisma(DATA / "prisma_new.csv")
    plot_prisma(prisma, [tmp_path / "p.png", tmp_path / "p.svg"], dpi=60, simulated=True)
    svg = (tmp_path / "p.svg").read_text(encoding="utf-8")
    for text in (
        "3,292",
        "937",
        "2,355",
        "2,278",
        "Reports assessed for eligibility",
        "14",
        "Not resting-state fMRI",
        "Identification",
        "Screening",
        "Included",
        "Simulated inputs",
    ):
        assert text in svg, text
    assert "Previous studies" not in svg and "via other" not in svg


def test_update_layout_with_previous_studies_and_other_methods(tmp_path):
    plot_prisma(read_prisma(DATA / "prisma_update.csv"), [tmp_path / "p.svg"])
    svg = (tmp_path / "p.svg").read_text(encoding="utf-8")
    for text in (
        "Previous studies",
        "Studies included in previous",
        "Total studies included in review",
        "Identification of new studies via other",
        "Citation searching",
    ):
        assert text in svg, text


def test_counts_never_wrap_away_from_n():
    prisma = read_prisma(DATA / "prisma_new.csv")
    assert prisma["duplicates"]["n"] == "937"
    assert parse_list("Wrong design, 20; No coordinates, 43") == [("Wrong design", "20"), ("No coordinates", "43")]
    assert parse_list("Other reasons") == [("Other reasons", "")]
    assert parse_list("0") == []  # the R package's bare total


def _rewrite(tmp_path, key, value):
    with open(DATA / "prisma_new.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["data"] == key:
            row["n"] = value
    path = tmp_path / "prisma.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_bad_count_names_line(tmp_path):
    with pytest.raises(InputError) as excinfo:
        read_prisma(_rewrite(tmp_path, "duplicates", "about 900"))
    assert excinfo.value.field == "n" and excinfo.value.line == 14


def test_missing_required_count(tmp_path):
    with pytest.raises(InputError, match="records_screened"):
        read_prisma(_rewrite(tmp_path, "records_screened", "NA"))


def test_no_exclusions_and_no_update(tmp_path):
    path = _rewrite(tmp_path, "dbr_excluded", "0")
    plot_prisma(read_prisma(path), [tmp_path / "p.svg"])
    svg = (tmp_path / "p.svg").read_text(encoding="utf-8")
    assert "Reports excluded (n\u00a0=\u00a00)<" in svg  # no reasons, no colon
    # A new review has no total box, even when the CSV fills total_studies.
    assert "Total studies included in review" not in svg


def test_cli_draws_the_diagram(tmp_path):
    from alereview.cli import main

    assert (
        main(["figures", "prisma", str(DATA / "prisma_new.csv"), "--out-dir", str(tmp_path), "--dpi", "50", "--vector-format", "pdf"]) == 0
    )
    assert (tmp_path / "prisma.png").is_file() and (tmp_path / "prisma.pdf").read_bytes().startswith(b"%PDF")
