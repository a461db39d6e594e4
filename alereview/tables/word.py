"""Word (.docx) versions of the review's tables and of its methods text, for manuscripts.

A table is laid out as in the HTML version (:func:`alereview.tables.formats.to_html_fragment`):
its numbered caption above, each block under its sub-heading, a header row between two rules,
numbers right-aligned, a rule under the last row, then the notes (the simulated-data note first,
in red). Cells are text (python-docx escapes them), so input text never becomes markup. Files
are deterministic: the core properties carry no time stamp and no author.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from pathlib import Path

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from alereview.tables.formats import SIMULATED_NOTE
from alereview.tsv import atomic_write_bytes

_NUMBER = re.compile(r"^[-+−]?\d+(\.\d+)?([eE][-+]?\d+)?$")
#: Tables with more columns than this are laid out on a landscape page.
LANDSCAPE_COLUMNS = 7
_FIXED_TIME = _dt.datetime(2000, 1, 1, tzinfo=_dt.UTC)


def _text(value) -> str:
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    return "" if text in ("<NA>", "nan") else text.replace("\n", " ")


def _new_document(landscape: bool = False) -> Document:
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Calibri", Pt(10)
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    return document


def _rule(cell, edges, size=12) -> None:
    """Single lines on ``edges`` (``top``/``bottom``) of a cell (size in eighths of a point)."""
    properties = cell._tc.get_or_add_tcPr()
    borders = properties.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        properties.append(borders)
    for edge in edges:
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "single")
        element.set(qn("w:sz"), str(size))
        element.set(qn("w:space"), "0")
        element.set(qn("w:color"), "000000")
        borders.append(element)


def _fill(cell, text: str, bold=False, right=False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(9)


def add_table(document, frame: pd.DataFrame) -> None:
    """One block of a table: header between two rules, body, a rule under the last row."""
    columns = [_text(c) for c in frame.columns]
    rows = [[_text(v) for v in row] for row in frame.itertuples(index=False)]
    table = document.add_table(rows=1 + len(rows), cols=max(len(columns), 1))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    for j, header in enumerate(columns):
        cell = table.rows[0].cells[j]
        _fill(cell, header, bold=True)
        _rule(cell, ("top", "bottom"))
    for i, row in enumerate(rows, start=1):
        for j, text in enumerate(row):
            cell = table.rows[i].cells[j]
            _fill(cell, text, right=bool(_NUMBER.match(text)))
            if i == len(rows):
                _rule(cell, ("bottom",))


def _note(document, text: str, simulated=False) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(2)
    run = paragraph.add_run(text)
    run.font.size = Pt(8.5)
    if simulated:
        run.bold = True
        run.font.color.rgb = RGBColor(0x8A, 0x1C, 0x1C)


def _save(document, out_path) -> Path:
    """Write ``document`` atomically, with fixed core properties (byte-stable across runs)."""
    properties = document.core_properties
    properties.author = properties.last_modified_by = ""
    properties.created = properties.modified = _FIXED_TIME
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    atomic_write_bytes(out_path, _fixed_zip_times(buffer.getvalue()))
    return Path(out_path)


def _fixed_zip_times(data: bytes) -> bytes:
    """The same .docx (a zip) with every member dated 1980-01-01, so equal tables give equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def write_table_docx(blocks, out_path, title: str = "", notes=(), simulated: bool = False) -> Path:
    """A table as ``.docx``: caption, blocks (list of (sub-title, DataFrame)), notes.

    Parameters
    ----------
    blocks : DataFrame or list of (str, DataFrame)
        The displayed table (the same blocks as the HTML, Markdown and LaTeX versions).
    out_path : str or Path
    title : str
        The numbered caption (``"Table 1. Included studies."``).
    notes : sequence of str
        Printed under the table, after the simulated-data note when ``simulated``.
    simulated : bool

    Returns
    -------
    Path
    """
    blocks = [("", blocks)] if isinstance(blocks, pd.DataFrame) else list(blocks)
    if not blocks:
        blocks = [("", pd.DataFrame({"": ["No rows."]}))]
    width = max(len(frame.columns) for _, frame in blocks)
    document = _new_document(landscape=width > LANDSCAPE_COLUMNS)
    if title:
        caption = document.add_paragraph(style="Caption")
        caption.add_run(title).bold = True
    for subtitle, frame in blocks:
        if subtitle:
            heading = document.add_paragraph()
            heading.paragraph_format.space_before = Pt(6)
            heading.add_run(subtitle).italic = True
        add_table(document, frame)
    if simulated:
        _note(document, SIMULATED_NOTE, simulated=True)
    for note in notes:
        if note:
            _note(document, note)
    return _save(document, out_path)


def write_methods_docx(paragraphs, references, out_path, title: str = "Methods", simulated: bool = False) -> Path:
    """The report's methods paragraphs and their numbered references as ``.docx``."""
    document = _new_document()
    document.add_heading(title, level=1)
    if simulated:
        _note(document, SIMULATED_NOTE, simulated=True)
    for text in paragraphs:
        document.add_paragraph(_text(text))
    if references:
        document.add_heading("References", level=2)
        for i, reference in enumerate(references, start=1):
            document.add_paragraph(f"{i}. {_text(reference)}")
    return _save(document, out_path)
