"""prisma.csv: no template placeholder left, the meta-analysis box filled from the coordinates,
and a first version's wording (no "New studies" unless the review is an update)."""

import csv

import pandas as pd

from alereview.figures.prisma import plot_prisma, read_prisma
from alereview.screening.prisma import meta_analysis_studies, prisma_table
from alereview.screening.workflow import run_prisma

from conftest import TEST_DATA
from test_prisma import screened  # noqa: F401 - the screened corpus fixture


def _rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["data"]: row for row in csv.DictReader(handle)}


def _foci(path, studies):
    rows = [{"analysis": a, "experiment_id": f"{s}_{a}", "study_id": s, "x": "0", "y": "0", "z": "0"} for s, a in studies]
    pd.DataFrame(rows).to_csv(path, sep="\t", index=False)
    return path


def test_no_placeholder_and_the_meta_analysis_counted(screened):  # noqa: F811
    # Two studies with coordinates, one of them in two analyses: 2 studies in the meta-analysis.
    foci = _foci(screened / "foci_mni.tsv", [("kim2015", "reading"), ("osei2018", "reading"), ("osei2018", "spelling")])
    run_prisma(
        screened / "decisions.tsv",
        screened / "unique.tsv",
        screened / "clusters.tsv",
        screened / "records.tsv",
        screened / "prisma.csv",
        databases=["PubMed", "Embase", "CNKI"],
        foci_path=foci,
    )
    rows = _rows(screened / "prisma.csv")
    assert not [key for key, row in rows.items() if "xxx" in row["n"]]
    assert rows["register_specific_results"]["n"] == "" and rows["other_excluded"]["n"] == "0"
    assert rows["total_studies_ma"]["n"] == "2" and rows["total_reports_ma"]["n"] == "2"
    # A first version: the included box is not "New studies".
    assert rows["new_studies"]["boxtext"] == "Studies included in review"
    assert rows["new_reports"]["boxtext"] == "Reports of included studies"


def test_an_update_keeps_the_new_studies_wording():
    rows = list(csv.DictReader(prisma_table({"previous_studies": 14, "new_studies": 3}).splitlines()))
    by_key = {row["data"]: row for row in rows}
    assert by_key["new_studies"]["boxtext"] == "New studies included in review"
    assert by_key["total_studies_ma"]["n"] == "0"  # not known without coordinates: 0, as the template


def test_meta_analysis_studies_counts_each_study_once(tmp_path):
    foci = _foci(tmp_path / "f.tsv", [("a", "x"), ("a", "y"), ("b", "x"), ("c", "y")])
    assert meta_analysis_studies(foci) == 3


def test_first_version_diagram_says_studies_included(tmp_path):
    plot_prisma(read_prisma(TEST_DATA / "figures" / "prisma_new.csv"), [tmp_path / "p.svg"], dpi=60)
    svg = (tmp_path / "p.svg").read_text(encoding="utf-8")
    assert "Studies included in review" in svg and "New studies included" not in svg
    plot_prisma(read_prisma(TEST_DATA / "figures" / "prisma_update.csv"), [tmp_path / "u.svg"], dpi=60)
    assert "New studies included in review" in (tmp_path / "u.svg").read_text(encoding="utf-8")
