"""The default review's viewers, Word tables and `snakemake --report` (one whole run, shared by the e2e tests)."""

import subprocess
import zipfile

import pandas as pd
import pytest
from docx import Document

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

#: report.html of the default review before the viewers (measured 2026-12-08: 8,940,694 bytes);
#: the viewers may at most double it.
REPORT_BYTES_BEFORE = 8_940_694


def test_report_has_a_viewer_per_analysis_with_clusters_and_stays_small(default_review_local):
    page = (default_review_local / "report.html").read_text(encoding="utf-8")
    with_clusters = [
        path.parent.name
        for path in (default_review_local / "ale").glob("*/clusters.tsv")
        if path.parent.name != "contrasts" and len(pd.read_csv(path, sep="\t"))
    ]
    assert with_clusters
    assert page.count('class="nv-viewer"') == len(with_clusters)
    for name in with_clusters:
        assert f'id="viewer-{name}"' in page
    size = (default_review_local / "report.html").stat().st_size
    print(f"\nreport.html: {size:,} bytes ({size / REPORT_BYTES_BEFORE:.2f}x before the viewers)")
    assert size <= 2 * REPORT_BYTES_BEFORE


def test_word_tables_match_their_tsv(default_review_local):
    tables = default_review_local / "tables"
    for tsv in sorted(tables.glob("table*.tsv")):
        docx = tsv.with_suffix(".docx")
        assert docx.is_file(), docx.name
        document = Document(docx)
        assert document.paragraphs[0].text.startswith("Table ")
        assert document.tables
    table4 = pd.read_csv(tables / "table4_clusters.tsv", sep="\t", dtype=str, keep_default_na=False)
    cells = [cell.text for table in Document(tables / "table4_clusters.docx").tables for row in table.rows for cell in row.cells]
    for row in table4[table4["x"] != ""].itertuples():
        assert f"{row.x}, {row.y}, {row.z}" in cells
        assert row.volume_mm3 in cells
    methods = [p.text for p in Document(tables / "methods.docx").paragraphs]
    assert methods[0] == "Methods" and any("activation likelihood estimation" in p.lower() for p in methods)


def test_snakemake_report_holds_the_viewers_and_tables(default_review_local, tmp_path):
    archive = tmp_path / "report.zip"
    result = subprocess.run(
        ["snakemake", "--report", str(archive)], cwd=default_review_local.parent, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr[-3000:]
    names = zipfile.ZipFile(archive).namelist()
    for viewer in sorted((default_review_local / "viewers" / "analyses").glob("*.html")):
        assert any(n.endswith(f"/{viewer.name}") for n in names), viewer.name
    for table in ("table1_studies.html", "table4_clusters.html"):
        assert any(n.endswith(table) for n in names), table
