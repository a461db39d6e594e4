"""The checks in report.html: power warnings, the contribution table, fail-safe N, PRISMA-S; only what the review has."""

import pandas as pd
import pytest

from alereview.checks.prisma_s import prisma_s_items
from alereview.report import methods
from alereview.report.checks import check_files, checks_section, prisma_s_section
from alereview.report.html import Report, build_report
from alereview.tsv import write_tsv

from report_fixtures import report_config, report_files


@pytest.fixture(autouse=True)
def fast_kernel(monkeypatch):
    monkeypatch.setattr(methods, "nimare_kernel_description", lambda: "An ALE kernel was used.")


def check_tables(root):
    """Small check outputs for the reference review's analyses."""
    files = {}
    power = pd.DataFrame(
        [
            {
                "analysis": "post_lt_pre",
                "title": "Post- < pre-acupuncture",
                "n_experiments": 10,
                "method": "uncorrected",
                "threshold": "voxel p < 0.001",
                "few_experiments": "Y",
                "uncorrected": "Y",
                "warnings": "Post- < pre-acupuncture (post_lt_pre) has 10 experiments, fewer than 17.",
            }
        ]
    )
    clusters = pd.DataFrame(
        [
            {
                "analysis": "post_lt_pre",
                "cluster": 1,
                "x": 8,
                "y": -60,
                "z": 64,
                "n_voxels": 119,
                "n_experiments": 10,
                "n_contributing": 1,
                "n_with_foci": 1,
                "top_experiment": "Xie et al.: post < pre",
                "top_share": 0.93,
                "second_share": 0.04,
                "dominant": "Y",
                "few": "Y",
                "flag": "one experiment contributes 93% (> 50%)",
            }
        ]
    )
    experiments = pd.DataFrame(
        [
            {
                "analysis": "post_lt_pre",
                "cluster": 1,
                "rank": 1,
                "experiment": "Xie et al.: post < pre",
                "slug": "xie",
                "n_subjects": 9,
                "n_foci": 4,
                "foci_in_cluster": 1,
                "contribution": 0.5,
                "share": 0.93,
                "contributes": "Y",
            },
            {
                "analysis": "post_lt_pre",
                "cluster": 1,
                "rank": 2,
                "experiment": "Ping et al.: post < pre",
                "slug": "ping",
                "n_subjects": 9,
                "n_foci": 4,
                "foci_in_cluster": 0,
                "contribution": 0.02,
                "share": 0.04,
                "contributes": "N",
            },
        ]
    )
    failsafe = pd.DataFrame(
        [
            {
                "analysis": "post_lt_pre",
                "cluster": 1,
                "x": 8,
                "y": -60,
                "z": 64,
                "n_experiments": 10,
                "fsn": 18,
                "fsn_text": "18",
                "censored": "N",
                "max_tested": 100,
                "min_robust": 20,
                "robust": "N",
                "method": "uncorrected",
                "iterations_per_test": 0,
                "tests": 8,
            }
        ]
    )
    for role, table in (
        ("checks_power_tsv", power),
        ("checks_contributions_tsv", clusters),
        ("checks_contributions_experiments_tsv", experiments),
        ("checks_failsafe_tsv", failsafe),
    ):
        files[role] = root / f"{role}.tsv"
        write_tsv(table, files[role])
    files["prisma_s_tsv"] = root / "prisma_s.tsv"
    write_tsv(
        prisma_s_items(report_config(), {"query": "stroke AND acupuncture", "windows": []}, None, {"records": 3292}), files["prisma_s_tsv"]
    )
    return {role: str(path) for role, path in files.items()}


def test_checks_section_shows_warnings_contributions_and_failsafe(tmp_path):
    report = Report()
    checks_section(report, report_config(), check_tables(tmp_path))
    page = "".join(report.parts)
    assert "Post- &lt; pre-acupuncture (post_lt_pre) has 10 experiments, fewer than 17." in page
    assert "Companion to the cluster table" in page and "Xie et al.: post &lt; pre 93%" in page
    assert "Ping et al." not in page  # below the contribution share
    assert "one experiment contributes 93% (&gt; 50%)" in page and "8, -60, 64" in page
    assert "Fail-safe N" in page and '<td class="num">18</td>' in page and "Robust (N &gt;= 2k)" in page


def test_missing_check_outputs_are_said(tmp_path):
    report = Report()
    config = report_config()
    checks_section(report, config, check_files(config, tmp_path))
    page = "".join(report.parts)
    assert "results/checks/power.tsv" in page and "results/checks/contributions.tsv" in page and "results/checks/failsafe.tsv" in page


def test_prisma_s_section_lists_the_items(tmp_path):
    report = Report()
    prisma_s_section(report, check_tables(tmp_path))
    page = "".join(report.parts)
    assert "Search reporting (PRISMA-S)" in page and "Full search strategies" in page and "stroke AND acupuncture" in page
    assert "Peer review" in page and "checks.prisma_s.peer_review" in page


def test_check_files_follow_the_config():
    config = report_config()
    files = check_files(config, "res")
    assert files["checks_failsafe_tsv"] == "res/checks/failsafe.tsv" and files["prisma_s_tsv"] == "res/checks/prisma_s.tsv"
    assert files["post_gt_pre:experiments_tsv"] == "res/ale/post_gt_pre/experiments.tsv"
    config["checks"]["failsafe"]["enabled"] = False
    config["checks"]["contributions"]["enabled"] = False
    files = check_files(config, "res")
    assert "checks_failsafe_tsv" not in files and "checks_contributions_tsv" not in files and "checks_power_tsv" in files
    coordinates_only = {"review": {"id": "r", "title": "R"}, "analyses": {"a": {"title": "A"}}}
    assert "prisma_s_tsv" not in check_files(coordinates_only, "res")


def test_the_report_holds_the_checks_and_prisma_s(tmp_path):
    files = report_files(tmp_path)
    files.update(check_tables(tmp_path))
    page = build_report(report_config(), files, tmp_path / "report.html").read_text(encoding="utf-8")
    for anchor in ('id="prisma-s"', 'id="checks"', 'id="checks-power"', 'id="checks-contributions"', 'id="checks-failsafe"'):
        assert anchor in page
    assert (
        page.index('id="search"')
        < page.index('id="prisma-s"')
        < page.index('id="analyses"')
        < page.index('id="checks"')
        < page.index('id="methods"')
    )
    assert "(Post- &lt; pre-acupuncture cluster 1 (N = 18))" in page  # the methods text names the cluster below 2k
