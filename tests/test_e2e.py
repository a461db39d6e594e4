"""The whole default review, run once (``snakemake --cores 2`` in a copy), against the paper.

Every figure compared here is computed by the workflow from the committed inputs; the expected
values come from the paper's facts in ``examples/reference_review/facts/``.
"""

import json

import pandas as pd
import pytest

from conftest import REPO

pytestmark = pytest.mark.e2e

FACTS = REPO / "examples" / "reference_review" / "facts"


def _tsv(path):
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)


def _prisma(results):
    table = pd.read_csv(results / "prisma" / "prisma.csv", dtype=str, keep_default_na=False)
    return dict(zip(table["data"], table["n"]))


def test_records_and_duplicates_match_the_paper(default_review_local):
    records = _tsv(default_review_local / "records" / "records.tsv")
    unique = _tsv(default_review_local / "dedup" / "unique.tsv")
    facts = dict(_tsv(FACTS / "prisma_counts.tsv")[["prisma2020_key", "n"]].values)
    assert len(records) == int(facts["database_results"])
    assert len(records) - len(unique) == int(facts["duplicates"])
    assert records["source"].nunique() == 8


def test_prisma_flow_is_the_papers(default_review_local):
    prisma = _prisma(default_review_local)
    facts = dict(_tsv(FACTS / "prisma_counts.tsv")[["prisma2020_key", "n"]].values)
    # The template holds the full-text exclusions as "Reason, n; Reason, n": they add up.
    reasons = [part.rsplit(",", 1) for part in prisma.pop("dbr_excluded").split(";") if part.strip()]
    assert len(reasons) > 1
    assert sum(int(n) for _, n in reasons) == int(facts.pop("dbr_excluded"))
    for key, expected in facts.items():
        assert int(prisma[key]) == int(expected), key


def test_screening_agreement_and_included_studies(default_review_local):
    agreement = _tsv(default_review_local / "screening" / "agreement.tsv")
    assert len(agreement) == 2
    included = _tsv(default_review_local / "screening" / "included.tsv")
    studies = _tsv(REPO / "examples" / "reference_review" / "studies.tsv")
    assert sorted(included["record_key"]) == sorted(studies["record_key"])
    to_screen = _tsv(default_review_local / "screening" / "to_screen.tsv")
    assert to_screen.empty


def test_table1_equals_the_papers(default_review_local):
    built = _tsv(default_review_local / "tables" / "table1_studies.tsv")
    paper = _tsv(FACTS / "table1_studies.tsv")
    assert built.to_dict("records") == paper.to_dict("records")


def test_coordinates_have_the_papers_experiments_and_foci(default_review_local):
    summary = _tsv(default_review_local / "coordinates" / "summary.tsv").set_index("analysis")
    expected = {"post_gt_pre": (16, 133), "post_lt_pre": (10, 45), "patients_gt_hc": (6, 61), "patients_lt_hc": (4, 14)}
    for analysis, (experiments, foci) in expected.items():
        assert int(summary.loc[analysis, "experiments"]) == experiments, analysis
        assert int(summary.loc[analysis, "foci"]) == foci, analysis


def _nearest_cluster(clusters, peak):
    distances = (((clusters[["x", "y", "z"]].astype(float) - peak[["x", "y", "z"]].astype(float).to_numpy()) ** 2).sum(axis=1)) ** 0.5
    return clusters.loc[distances.idxmin()], float(distances.min())


def test_ale_and_jackknife_reproduce_tables_4_and_5(default_review_local):
    """Each of the paper's 15 clusters is found near its peak, with its jackknife count."""
    table4, table5 = _tsv(FACTS / "table4_clusters.tsv"), _tsv(FACTS / "table5_jackknife.tsv")
    exact = 0
    for analysis, paper in table4.groupby("contrast"):
        clusters = _tsv(default_review_local / "ale" / analysis / "clusters.tsv")
        jackknife = _tsv(default_review_local / "jackknife" / f"{analysis}.tsv").iloc[:-1]
        assert len(clusters) == len(paper), analysis
        for _, peak in paper.iterrows():
            ours, distance = _nearest_cluster(clusters, peak)
            assert distance <= 8, f"{analysis} cluster {peak['cluster']}: nearest peak {distance:.1f} mm away"
            column = next(c for c in jackknife.columns if c.split(" ")[0] == ours["cluster"])
            survived = int((jackknife[column] == "Y").sum())
            published = table5[(table5["contrast"] == analysis) & (table5["cluster"] == peak["cluster"])]
            expected = int((published["survived"] == "Y").sum())
            assert abs(survived - expected) <= 1, f"{analysis} {peak['gyrus']}: {survived} vs {expected}"
            exact += survived == expected
    assert exact >= 14
    assert _tsv(default_review_local / "ale" / "patients_lt_hc" / "clusters.tsv").empty


def test_tables_4_and_5_and_the_report_exist(default_review_local):
    table4 = _tsv(default_review_local / "tables" / "table4_clusters.tsv")
    assert set(table4["contrast"]) >= {"post_gt_pre", "post_lt_pre", "patients_gt_hc"}
    table5 = _tsv(default_review_local / "tables" / "table5_jackknife.tsv")
    assert not table5.empty
    # Reference numbers come from the study table (studies.table, ref): the published ones.
    published = _tsv(FACTS / "table5_jackknife.tsv")
    published = published[published["contrast"].isin(set(table5["contrast"]))]
    key = ["contrast", "order", "ref"]
    assert table5[key].drop_duplicates().values.tolist() == published[key].drop_duplicates().values.tolist()
    jackknife = _tsv(default_review_local / "jackknife" / "post_gt_pre.tsv")
    assert len(jackknife) == 16 + 1  # one row per left-out experiment, then the counts
    report = (default_review_local / "report.html").read_text(encoding="utf-8")
    assert "simulated" in report.lower()
    assert json.loads((default_review_local / "search" / "pubmed.json").read_text())["count"] > 0


def test_snakemake_report_holds_every_figure_and_table(default_review_local, tmp_path):
    import subprocess
    import zipfile

    archive = tmp_path / "report.zip"
    result = subprocess.run(
        ["snakemake", "--report", str(archive)], cwd=default_review_local.parent, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    names = zipfile.ZipFile(archive).namelist()
    figures = sorted(p.name for p in (default_review_local / "figures").glob("*.png"))
    for name in figures + ["table1_studies.html", "table4_clusters.html", "table5_jackknife.html"]:
        assert any(n.endswith(name) for n in names), name
