"""The Word versions of the tables and of the methods text, opened with python-docx."""

import re

import pandas as pd
import pytest
from docx import Document

from alereview.tables.word import write_methods_docx, write_table_docx
from alereview.tables.formats import SIMULATED_NOTE
from alereview.layout import table_outputs
from alereview.tables.numbered import format_ale_table, write_study_tables

from report_fixtures import CLUSTERS, JACKKNIFE, QUALITY, report_config


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    write_study_tables(QUALITY / "studies.tsv", out, QUALITY / "minors.tsv", simulated=True, tables=report_config()["tables"])
    for kind, source, name, number in (("clusters", CLUSTERS, "table4_clusters", 4), ("jackknife", JACKKNIFE, "table5_jackknife", 5)):
        format_ale_table(kind, source, table_outputs(out, name), simulated=True, number=number)
    return out


def _cells(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def _markdown_blocks(path):
    """The pipe tables of a Markdown table file: list of rows (header first), separator rows dropped."""
    blocks, current = [], []
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("|"):
            if not re.match(r"^\|(:?-+:?\|)+$", line):
                cells = re.split(r"(?<!\\)\|", line.strip()[1:-1])
                current.append([cell.strip().replace("\\|", "|") for cell in cells])
        elif current:
            blocks.append(current)
            current = []
    return blocks


NAMES = ["table1_studies", "table2_mri", "table3_minors", "table4_clusters", "table5_jackknife"]


@pytest.mark.parametrize("name", NAMES)
def test_caption_blocks_and_notes_as_in_the_other_versions(tables, name):
    document = Document(tables / f"{name}.docx")
    caption = document.paragraphs[0]
    assert caption.style.name == "Caption"
    number = int(re.match(r"table(\d)", name).group(1))
    assert caption.text.startswith(f"Table {number}. ")
    assert f"**{caption.text}**" in (tables / f"{name}.md").read_text(encoding="utf-8")
    # Each block holds exactly the cells of the Markdown (and HTML) version, in order.
    assert [_cells(t) for t in document.tables] == _markdown_blocks(tables / f"{name}.md")
    texts = [p.text for p in document.paragraphs]
    assert SIMULATED_NOTE in texts
    assert texts.index(SIMULATED_NOTE) > 0
    # Header rows bold, between rules.
    first = document.tables[0].rows[0].cells[0]
    assert all(run.bold for run in first.paragraphs[0].runs)
    assert 'w:top w:val="single"' in first._tc.xml and 'w:bottom w:val="single"' in first._tc.xml


def test_table4_numbers_equal_the_tsv(tables):
    tsv = pd.read_csv(CLUSTERS, sep="\t", dtype=str)
    document = Document(tables / "table4_clusters.docx")
    subtitles = [p.text for p in document.paragraphs if p.runs and p.runs[0].italic]
    assert subtitles == list(dict.fromkeys(tsv["contrast"]))
    for contrast, table in zip(subtitles, document.tables):
        expected = tsv[tsv["contrast"] == contrast]
        rows = [dict(zip(_cells(table)[0], row)) for row in _cells(table)[1:]]
        assert len(rows) == len(expected)
        for row, (_, want) in zip(rows, expected.iterrows()):
            assert row["Cluster"] == want["cluster"]
            assert row["Volume (mm³)"] == want["volume_mm3"]
            assert [int(v) for v in row["MNI peak (x, y, z)"].split(",")] == [int(want[a]) for a in "xyz"]
            assert float(row["Peak ALE"]) == pytest.approx(float(want["peak_ale"]), abs=5e-5)
            assert float(row["p"]) == pytest.approx(float(want["p"]), rel=5e-3)


def test_table5_marks_equal_the_tsv(tables):
    tsv = pd.read_csv(JACKKNIFE, sep="\t", dtype=str)
    document = Document(tables / "table5_jackknife.docx")
    marks = {"Y", "N"}
    counted = sum(cell in marks for table in document.tables for row in _cells(table)[1:] for cell in row)
    assert counted == tsv["survived"].isin(marks).sum()
    survived = sum(cell == "Y" for table in document.tables for row in _cells(table)[1:] for cell in row)
    assert survived == (tsv["survived"] == "Y").sum()


def test_table1_counts_equal_the_tsv(tables):
    tsv = pd.read_csv(tables / "table1_studies.tsv", sep="\t", dtype=str, keep_default_na=False)
    rows = _cells(Document(tables / "table1_studies.docx").tables[0])
    header, body = rows[0], rows[1:]
    assert len(body) == len(tsv)
    assert [row[header.index("Experiments")] for row in body] == list(tsv["experiments"])
    assert [row[header.index("Sample size (T/C)")].split("/")[0].strip() for row in body] == list(tsv["n_treat"])


def test_cells_are_text_and_files_are_byte_stable(tmp_path):
    frame = pd.DataFrame({"Study": ["<b>x</b> & {y}", "z"], "n": ["12", "3.5"]})
    first = write_table_docx(frame, tmp_path / "a.docx", title="Table 9. T.", notes=("A note.",))
    second = write_table_docx(frame, tmp_path / "b.docx", title="Table 9. T.", notes=("A note.",))
    assert first.read_bytes() == second.read_bytes()
    document = Document(first)
    assert _cells(document.tables[0]) == [["Study", "n"], ["<b>x</b> & {y}", "12"], ["z", "3.5"]]
    assert document.tables[0].rows[1].cells[1].paragraphs[0].alignment == 2  # numbers right-aligned
    assert [p.text for p in document.paragraphs][-1] == "A note."


def test_wide_tables_are_landscape(tables):
    section = Document(tables / "table1_studies.docx").sections[0]
    assert section.page_width > section.page_height


def test_methods_docx(tmp_path):
    out = write_methods_docx(["First paragraph [1].", "Second."], ["Eickhoff SB et al. 2012."], tmp_path / "methods.docx", simulated=True)
    texts = [p.text for p in Document(out).paragraphs]
    assert texts[0] == "Methods" and SIMULATED_NOTE in texts
    assert "First paragraph [1]." in texts and "Second." in texts
    assert texts[-1] == "1. Eickhoff SB et al. 2012."
