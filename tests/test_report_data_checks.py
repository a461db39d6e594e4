"""The report shows data_checks.tsv: every check, its count and what was done."""

import pandas as pd

import pytest

from alereview.coordinates.datachecks import CHECKS, display_table
from alereview.report import methods
from alereview.report.html import build_report

from report_fixtures import report_config, report_files


@pytest.fixture()
def fast_kernel(monkeypatch):
    monkeypatch.setattr(methods, "nimare_kernel_description", lambda: "An ALE kernel \\citep{eickhoff2012activation} was used.")


def checks_table():
    rows = [{"check": check, "analysis": "post_gt_pre", "count": "0", "details": ""} for check in CHECKS]
    rows[0].update(count="1", details="Smith, 2010: a: line 5: focus (1, 200, 3) MNI is outside the brain <b>")
    return pd.DataFrame(rows)


def test_display_table_says_what_was_done():
    shown = display_table(checks_table())
    assert len(shown) == len(CHECKS) and shown["Count"].tolist()[0] == "1"
    assert shown["Done"].tolist()[0] == "dropped, with a warning each" and set(shown["Done"][1:]) == {""}


def test_report_shows_the_data_checks(fast_kernel, tmp_path):
    files = report_files(tmp_path)
    files["coordinates_checks_tsv"] = tmp_path / "data_checks.tsv"
    checks_table().to_csv(files["coordinates_checks_tsv"], sep="\t", index=False)
    page = build_report(report_config(), files, tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Data checks of the coordinates (data_checks.tsv)" in page
    assert "dropped, with a warning each" in page and "outside the brain &lt;b&gt;" in page
