"""Formatted versions of the workflow's tables: Markdown (pipe tables) and LaTeX (booktabs).

The TSV stays the data; these are what a manuscript or a report shows. Every formatted table
carries its title, its footnotes and, for simulated inputs, a note that says so.
"""

from __future__ import annotations

import html
import re

import pandas as pd

SIMULATED_NOTE = "Built from simulated inputs (review.simulated_inputs is true): not results of real data."

_NUMBER = re.compile(r"^[-+−]?\d+(\.\d+)?([eE][-+]?\d+)?$")


def _cell_text(value) -> str:
    """A cell as one line of plain text ("" for a missing value)."""
    text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    if text in ("<NA>", "nan"):
        text = ""
    return re.sub(r"[\r\n\x85\u2028\u2029]+", " ", text)


#: Markdown's inline syntax: escaped so that input text shows as written (no emphasis, code,
#: links, images, raw HTML); ``_`` only where it could open or close emphasis (not inside words).
_MD_INLINE = re.compile(r"[\\`*\[\]|]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
#: What starts a block at the beginning of a line: a heading, quote, list item, rule or HTML.
_MD_BLOCK_START = re.compile(r"^([#>+=~-]|\d+[.)])")


def markdown_text(text) -> str:
    r"""Input text as Markdown that shows it as written: inline syntax escaped, a tag's ``<`` as ``&lt;``.

    Raw HTML (``<script>``, ``<img onerror=...>``) from a study name or a title never passes
    into a Markdown table; line breaks become spaces.

    Examples
    --------
    >>> print(markdown_text('<b>x</b> *y* [l](javascript:z) a_b _c_'))
    &lt;b>x&lt;/b> \*y\* \[l\](javascript:z) a_b \_c\_
    """
    line = re.sub(r"&(?=#?[A-Za-z0-9]+;)", "&amp;", _cell_text(text))  # an entity shows as written
    line = re.sub(r"<(?=[A-Za-z/!?])", "&lt;", line)  # what could open a tag or comment; "p < 0.001" stays
    return _MD_INLINE.sub(lambda m: "\\" + m.group(0), line)


def markdown_paragraph(text) -> str:
    r""":func:`markdown_text` that cannot start a block (heading, quote, list, HTML block) either.

    Examples
    --------
    >>> print(markdown_paragraph("# not a heading"), markdown_paragraph("  1. not a list"), sep=" | ")
    \# not a heading | 1\. not a list
    """
    escaped = markdown_text(text).strip()  # no indented code block either
    match = _MD_BLOCK_START.match(escaped)
    if match:
        mark = match.group(1)
        escaped = mark[:-1] + "\\" + mark[-1] + escaped[match.end() :]
    return escaped


def _cell_md(value) -> str:
    return markdown_text(value)


def to_markdown(df: pd.DataFrame, title: str = "", notes=(), simulated: bool = False) -> str:
    """A table as GitHub/Pandoc Markdown with a bold title and footnotes.

    Numeric columns are right-aligned. ``notes`` are printed under the table, one per
    paragraph; the simulated-data note comes first when ``simulated`` is true.

    Examples
    --------
    >>> print(to_markdown(pd.DataFrame({"a": ["x"], "n": ["3"]}), title="T"))
    **T**
    <BLANKLINE>
    | a | n |
    |:--|--:|
    | x | 3 |
    <BLANKLINE>
    """
    lines = []
    if title:
        lines += [f"**{markdown_text(title)}**", ""]
    header = [_cell_md(c) for c in df.columns]
    rows = [[_cell_md(v) for v in row] for row in df.itertuples(index=False)]
    aligns = []
    for j in range(len(header)):
        column = [r[j] for r in rows if r[j] not in ("", "-", "–")]
        numeric = bool(column) and all(_NUMBER.match(c) for c in column)
        aligns.append("--:" if numeric else ":--")
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "|".join(aligns) + "|")
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    all_notes = ([SIMULATED_NOTE] if simulated else []) + [n for n in notes if n]
    if all_notes:
        lines.append("")
        lines += [f"{markdown_paragraph(n)}\n" for n in all_notes]
    else:
        lines.append("")
    return "\n".join(lines)


_LATEX_SPECIAL = {
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "\\": r"\textbackslash{}",
    "±": r"$\pm$",
    "≥": r"$\geq$",
    "≤": r"$\leq$",
    "³": r"\textsuperscript{3}",
    "−": "--",
}


def _cell_tex(value) -> str:
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in _cell_text(value))


def to_latex(df: pd.DataFrame, title: str = "", notes=(), simulated: bool = False, label: str = "") -> str:
    """A table as a LaTeX ``table`` float with booktabs rules and footnotes.

    Needs ``\\usepackage{booktabs}`` in the manuscript.
    """
    columns = "l" * len(df.columns)
    out = ["\\begin{table}[htbp]", "\\centering", "\\small"]
    if title:
        out.append(f"\\caption{{{_cell_tex(title)}}}")
    if label:
        out.append(f"\\label{{{re.sub(r'[^A-Za-z0-9:_.-]+', '_', label)}}}")
    out += [f"\\begin{{tabular}}{{{columns}}}", "\\toprule", " & ".join(_cell_tex(c) for c in df.columns) + " \\\\", "\\midrule"]
    out += [" & ".join(_cell_tex(v) for v in row) + " \\\\" for row in df.itertuples(index=False)]
    out += ["\\bottomrule", "\\end{tabular}"]
    all_notes = ([SIMULATED_NOTE] if simulated else []) + [n for n in notes if n]
    for note in all_notes:
        out.append(f"\\par\\footnotesize {_cell_tex(note)}")
    out.append("\\end{table}")
    return "\n".join(out) + "\n"


def format_p(value) -> str:
    """A p value for a table: 3 significant digits, scientific below 0.001.

    Examples
    --------
    >>> format_p("0.00000004071122")
    '4.07e-08'
    >>> format_p("0.0123")
    '0.0123'
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{number:.3g}" if number >= 1e-3 else f"{number:.2e}"


def format_number(value, digits: int = 3) -> str:
    """A float with ``digits`` decimals; text that is not a number is returned as it is."""
    try:
        return f"{float(value):.{digits}f}"
    except (TypeError, ValueError):
        return str(value)


TABLE_CSS = (
    "table.alereview{border-collapse:collapse;font:13px/1.35 system-ui,sans-serif;margin:0.4em 0 0.8em}"
    "table.alereview th,table.alereview td{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}"
    "table.alereview thead th{border-bottom:2px solid #333;border-top:2px solid #333}"
    "table.alereview td.num{text-align:right}"
    "p.table-note{font:12px/1.35 system-ui,sans-serif;color:#444;margin:0.2em 0}"
    "p.table-note.simulated{color:#8a1c1c;font-weight:600}"
)


def to_html_fragment(df: pd.DataFrame, title: str = "", notes=(), simulated: bool = False) -> str:
    """A table as an HTML fragment (``<table class="alereview">`` with caption and notes)."""
    out = ['<table class="alereview">']
    if title:
        out.append(f'<caption style="text-align:left;font-weight:600;padding-bottom:4px">{html.escape(title)}</caption>')
    out.append("<thead><tr>" + "".join(f"<th>{html.escape(_cell_text(c))}</th>" for c in df.columns) + "</tr></thead><tbody>")
    for row in df.itertuples(index=False):
        cells = []
        for value in row:
            text = _cell_text(value)
            css = ' class="num"' if _NUMBER.match(text) else ""
            cells.append(f"<td{css}>{html.escape(text)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    if simulated:
        out.append(f'<p class="table-note simulated">{html.escape(SIMULATED_NOTE)}</p>')
    out += [f'<p class="table-note">{html.escape(n)}</p>' for n in notes if n]
    return "\n".join(out)


def html_document(body: str, title: str) -> str:
    """A standalone HTML page around table fragments (for the Snakemake report)."""
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{TABLE_CSS}</style></head><body>\n{body}\n</body></html>\n"
    )


def experiment_display(name: str) -> str:
    """An experiment's name with its label shown once.

    An experiment whose condition only repeats its study's label or id (``Ahmad et al.
    (Ahmad2003): Ahmad2003``, as Sleuth files without contrast names give it) is shown by the
    study part alone.

    Examples
    --------
    >>> experiment_display("Ahmad et al. (Ahmad2003): Ahmad2003")
    'Ahmad et al. (Ahmad2003)'
    >>> experiment_display("Lee2019: Lee2019"), experiment_display("Lee et al.: words > rest")
    ('Lee2019', 'Lee et al.: words > rest')
    """
    name = str(name)
    study, sep, condition = name.partition(": ")
    if not sep:
        return name
    match = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", study)
    names = {study.strip().casefold()}
    if match:
        names |= {match.group(1).strip().casefold(), match.group(2).strip().casefold()}
    return study.strip() if condition.strip().casefold() in names else name
