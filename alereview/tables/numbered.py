"""The review's published tables, built from its data.

* The study tables (Table 1, and any more the review configures in ``tables.studies``): columns
  of the study table (``studies.table``) and counts from the coordinates
  (:mod:`alereview.tables.studies`).
* MINORS scores of the non-randomised studies (``quality.minors``), items × studies, with the
  aggregate score computed.
* The cluster and jackknife tables are written by the ALE stage; here they get their formatted
  versions.

Tables are numbered in the order the review has them (:func:`table_numbers`). Each is written
as TSV (the data, via :func:`alereview.tsv.write_tsv`) and beside it as Markdown (``.md``),
HTML (``.html``, for the reports), LaTeX (``.tex``) and Word (``.docx``,
:mod:`alereview.tables.word`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from alereview.tables.word import write_table_docx
from alereview.errors import InputError
from alereview.layout import table_outputs
from alereview.logs import get_logger
from alereview.tables.quality import MINORS_ITEMS, read_minors
from alereview.tables.studies import (
    build_data,
    build_display,
    default_spec,
    read_study_table,
    study_label,
    study_rows,
    summary_sentence,
    table_specs,
)
from alereview.tables.formats import (
    experiment_display,
    format_number,
    format_p,
    html_document,
    markdown_text,
    to_html_fragment,
    to_latex,
    to_markdown,
)
from alereview.tsv import atomic_write_text, read_tsv, write_tsv

log = get_logger(__name__)

TABLE3_NOTES = (
    "Items are scored 0 (not reported), 1 (reported but inadequate) or 2 (reported and adequate); "
    "items 9-12 apply to comparative studies only. The ideal score is 16 for non-comparative and "
    "24 for comparative studies (Slim et al. 2003).",
)


def table_numbers(study_tables, minors=False, clusters=True, jackknife=True) -> dict:
    """The number of each table, in the order the report shows them.

    Study tables come first (1..k), then MINORS, the clusters and the jackknife, each only when
    the review has it.

    Examples
    --------
    >>> table_numbers(["table1_studies"], minors=False)
    {'table1_studies': 1, 'table4_clusters': 2, 'table5_jackknife': 3}
    """
    names = list(study_tables) + (["table3_minors"] if minors else []) + (["table4_clusters"] if clusters else [])
    names += ["table5_jackknife"] if jackknife else []
    return {name: number for number, name in enumerate(names, start=1)}


def numbered(title: str, number=None) -> str:
    """``Table 2. Title`` (just the title without a number)."""
    return f"Table {number}. {title}".strip() if number else title


def build_table3(minors: pd.DataFrame, studies: pd.DataFrame, minors_path="minors") -> pd.DataFrame:
    """Table 3, MINORS: one row per item and an aggregate row, one column per study.

    Parameters
    ----------
    minors : pandas.DataFrame
        From :func:`alereview.tables.quality.read_minors`.
    studies : pandas.DataFrame
        The studies (``study_id``, and ``study``, ``ref`` when the table has them), for the
        columns' names (:func:`alereview.tables.studies.study_label`).
    minors_path : str
        For error messages.

    Raises
    ------
    InputError
        For a study in the MINORS file that the study table does not have.
    """
    known = {row["study_id"]: row for row in studies.to_dict("records")}
    columns = {}
    for study_id in minors.index:
        if study_id not in known:
            raise InputError(f"study {study_id!r} is not in the study table", path=minors_path, record=study_id, field="study_id")
        columns[study_id] = study_label(known[study_id])
    rows = []
    for number, criterion in enumerate(MINORS_ITEMS, start=1):
        row = {"item": str(number), "criterion": criterion}
        for study_id, label in columns.items():
            value = minors.at[study_id, f"item_{number}"]
            row[label] = "" if pd.isna(value) else str(int(value))
        rows.append(row)
    total = {"item": "total", "criterion": "Aggregate score"}
    total.update({label: str(int(minors.at[s, "total"])) for s, label in columns.items()})
    rows.append(total)
    return pd.DataFrame(rows, columns=["item", "criterion", *columns.values()])


# --- Tables of the ALE stage: formatted versions ------------------------------------------

#: Columns of a cluster table shown in Table 4, in this order, with their headers. Others
#: (voxel counts, sub-peaks, gyrus shares) stay in the TSV.
_CLUSTER_HEADERS = {
    "contrast": "Contrast",
    "analysis": "Contrast",
    "cluster": "Cluster",
    "volume_mm3": "Volume (mm³)",
    "x": "x",
    "y": "y",
    "z": "z",
    "peak_ale": "Peak ALE",
    "p": "p",
    "z_score": "Z",
    "cluster_p_fwe": "Cluster p (FWE)",
    "hemisphere": "Hemisphere",
    "lobe": "Lobe",
    "gyrus": "Gyrus",
    "ba": "BA",
    "label": "Label",
}


def table4_display(table4: pd.DataFrame, titles=None) -> pd.DataFrame:
    """Table 4 (clusters) with the MNI peak as one column, p in scientific notation.

    Tolerant of the columns present: the known ones that hold values are shown, with readable
    headers; a table with none of them is shown as it is.
    """
    titles = titles or {}
    df = table4.copy()
    known = [c for c in _CLUSTER_HEADERS if c in df.columns and (df[c] != "").any()]
    df = df[known] if known else df
    out = pd.DataFrame(index=df.index)
    for column in df.columns:
        if column in ("x", "y", "z") and {"x", "y", "z"} <= set(df.columns):
            if column == "x":
                out["MNI peak (x, y, z)"] = [f"{a}, {b}, {c}" for a, b, c in zip(df["x"], df["y"], df["z"])]
            continue
        header = _CLUSTER_HEADERS.get(column, column)
        values = df[column]
        if column in ("contrast", "analysis"):
            values = values.map(lambda v: titles.get(v, v))
        elif column == "p":
            values = values.map(format_p)
        elif column == "peak_ale":
            values = values.map(lambda v: format_number(v, 4))
        elif column == "z_score":
            values = values.map(lambda v: format_number(v, 2))
        elif column == "cluster_p_fwe":
            values = values.map(format_p)
        out[header] = values
    return out.reset_index(drop=True)


def experiment_label(study: str, ref: str = "") -> str:
    """An experiment's label, once (:func:`~alereview.tables.formats.experiment_display`), citing the reference number.

    Examples
    --------
    >>> experiment_label("Lee et al. (lee2019): words > rest", "20")
    'Lee et al. (20): words > rest'
    >>> experiment_label("Lee et al., 2019: words > rest", "20")
    'Lee et al., 2019: words > rest (20)'
    >>> experiment_label("Ahmad et al. (Ahmad2003): Ahmad2003")
    'Ahmad et al. (Ahmad2003)'
    """
    study = experiment_display(study)
    if not ref:
        return study
    cited, replaced = re.subn(r"\([\w.-]+\)(?=:|$)", f"({ref})", study, count=1)
    return cited if replaced else f"{study} ({ref})"


def table5_display(table5: pd.DataFrame, titles=None) -> list:
    """Table 5 (jackknife), one block per contrast: left-out experiment × cluster, Y/N, counts.

    Accepts the long layout ``contrast, order, study, ref, cluster, cluster_label, survived``
    (pivoted here); a table without those columns is returned as one block as it is. Clusters
    are keyed by their number (two clusters may share a label), and headed ``number. label``.

    Returns
    -------
    list of (str, pandas.DataFrame)
        (contrast title, its table); the last row of each table counts the Y.
    """
    titles = titles or {}
    if not {"contrast", "study", "cluster_label", "survived"} <= set(table5.columns):
        return [("", table5.reset_index(drop=True))]
    blocks = []
    for contrast, part in table5.groupby("contrast", sort=False):
        part = part.copy()
        if "cluster" not in part.columns:  # an older table: clusters in order of first appearance
            part["cluster"] = part["cluster_label"].map({k: str(i) for i, k in enumerate(dict.fromkeys(part["cluster_label"]), 1)})
        clusters = list(dict.fromkeys(zip(part["cluster"].astype(str), part["cluster_label"])))
        key = "order" if "order" in part.columns else "study"
        experiments = part.drop_duplicates(key)
        if key == "order":
            experiments = experiments.sort_values("order", key=lambda s: s.astype(int))
        block = pd.DataFrame(
            {"Left-out experiment": [experiment_label(r["study"], r.get("ref", "")) for r in experiments.to_dict("records")]}
        )
        cells = {(str(k), str(c)): v for k, c, v in zip(part[key], part["cluster"], part["survived"])}
        for number, label in clusters:
            header = f"{number}. {label}" if label else number
            block[header] = [cells.get((str(k), number), "") for k in experiments[key]]
        counts = {"Left-out experiment": f"Kept (of {len(block)})"}
        for column in block.columns[1:]:
            counts[column] = str(int((block[column] == "Y").sum()))
        blocks.append((titles.get(contrast, contrast), pd.concat([block, pd.DataFrame([counts])], ignore_index=True)))
    return blocks


def table4_blocks(table4: pd.DataFrame, titles=None) -> list:
    """Table 4 split by contrast (the paper's sub-headings): list of (title, table)."""
    titles = titles or {}
    column = next((c for c in ("contrast", "analysis") if c in table4.columns), None)
    if column is None:
        return [("", table4_display(table4, titles))]
    blocks = []
    for key, part in table4.groupby(column, sort=False):
        if "x" in part.columns and not (part["x"] != "").any():
            # An analysis without clusters: its row says so (the ALE stage's note), not empty cells.
            notes = [n for n in part.get("note", pd.Series(dtype=str)) if n] or ["no cluster survived the threshold"]
            blocks.append((titles.get(key, key), pd.DataFrame({"Result": notes[:1]})))
        else:
            blocks.append((titles.get(key, key), table4_display(part.drop(columns=[column]), titles)))
    return blocks


# --- Writing -------------------------------------------------------------------------------


def write_formatted(display, outputs: dict, title="", notes=(), simulated=False) -> None:
    """Write the Markdown, HTML and LaTeX versions of a table to ``outputs["md"]``,
    ``outputs["html"]`` and (when given) ``outputs["tex"]``.

    ``display`` is a DataFrame, or a list of (sub-title, DataFrame) blocks printed in turn
    under the title, with the notes after the last one.
    """
    blocks = [("", display)] if isinstance(display, pd.DataFrame) else list(display)
    label = "tab:" + re.sub(r"\W+", "_", Path(outputs["md"]).stem)
    md, tex, fragments = [f"**{markdown_text(title)}**\n"] if title else [], [], []
    if not blocks:
        blocks = [("", pd.DataFrame({"": ["No rows."]}))]
    for i, (subtitle, frame) in enumerate(blocks):
        last = i == len(blocks) - 1
        md.append(
            (f"*{markdown_text(subtitle)}*\n\n" if subtitle else "")
            + to_markdown(frame, notes=notes if last else (), simulated=simulated and last)
        )
        tex.append(
            to_latex(
                frame,
                title=f"{title} {subtitle}".strip() if subtitle else title,
                notes=notes if last else (),
                simulated=simulated and last,
                label=label if i == 0 else "",
            )
        )
        fragments.append(
            to_html_fragment(
                frame, title=f"{title} {subtitle}".strip() if subtitle else title, notes=notes if last else (), simulated=simulated and last
            )
        )
    atomic_write_text(outputs["md"], "\n".join(md))
    if outputs.get("tex"):
        atomic_write_text(outputs["tex"], "\n".join(tex))
    atomic_write_text(outputs["html"], html_document("\n".join(fragments), title))
    if outputs.get("docx"):
        write_table_docx(blocks, outputs["docx"], title=title, notes=notes, simulated=simulated)


def write_table3(minors_path, studies: pd.DataFrame, outputs: dict, number=None, simulated=False) -> list:
    """Table 3 (MINORS) to ``outputs`` (``tsv``, ``md``, ``html``, ``tex``); returns the files written."""
    table3 = build_table3(read_minors(minors_path), studies, minors_path)
    write_tsv(table3, outputs["tsv"])
    display = table3.rename(columns={"item": "Item", "criterion": "Criterion"})
    write_formatted(
        display,
        outputs,
        title=numbered("Risk of bias of the non-randomized studies (MINORS).", number),
        notes=TABLE3_NOTES,
        simulated=simulated,
    )
    return [outputs[e] for e in ("tsv", "md", "tex", "html", "docx") if e in outputs]


def write_study_tables(studies_path, out_dir, minors_path=None, simulated=False, tables=None, foci_path=None, numbers=None) -> list[Path]:
    """Build the study tables (and Table 3) and write each as TSV, Markdown, HTML and LaTeX.

    Parameters
    ----------
    studies_path : str or Path or None
        The study table; None for a review without one (coordinates only).
    out_dir : str or Path
    minors_path : str or Path, optional
        MINORS scores: Table 3.
    simulated : bool
    tables : dict, optional
        Config ``tables`` (which study tables, their columns, headers and notes).
    foci_path : str or Path, optional
        The coordinates stage's ``foci_mni.tsv``, for the columns computed from the coordinates.
    numbers : dict, optional
        Table name → number (:func:`table_numbers`); by default study tables 1..k, then Table 3.

    Returns
    -------
    list of Path
        The files written.
    """
    specs = table_specs(tables)
    numbers = numbers or table_numbers([s.name for s in specs], minors=bool(minors_path))
    studies = read_study_table(studies_path) if studies_path else None
    foci = read_tsv(foci_path) if foci_path else None
    written = []
    for spec in specs:
        written += write_study_table(
            spec, studies, foci, table_outputs(out_dir, spec.name), numbers.get(spec.name), simulated, studies_path
        )
    if minors_path:
        written += write_table3(
            minors_path, study_rows(studies, foci), table_outputs(out_dir, "table3_minors"), numbers.get("table3_minors"), simulated
        )
    log.info("wrote %d table files to %s", len(written), out_dir)
    return written


def write_study_table(spec, studies, foci, outputs: dict, number=None, simulated=False, studies_path="studies") -> list:
    """One study table to ``outputs`` (``tsv``, ``md``, ``html``, ``tex``); returns the files written.

    ``spec`` is a :class:`~alereview.tables.studies.StudyTableSpec`, its config item (a dict) or
    None for the default table; ``studies`` is the study table (None without one), ``foci`` the coordinates' ``foci_mni.tsv``
    (None without coordinates).
    """
    if not spec:
        spec = default_spec()
    elif isinstance(spec, dict):
        spec = table_specs({"studies": [spec]})[0]
    rows = study_rows(studies, foci)
    data = build_data(spec, rows, studies_path)
    lines = [int(i) + 2 for i in rows.index] if studies is not None else None
    notes = (summary_sentence(spec, data, studies_path, lines), *spec.notes)
    write_tsv(data, outputs["tsv"])
    write_formatted(
        build_display(spec, data), outputs, title=numbered(spec.title or "Included studies.", number), notes=notes, simulated=simulated
    )
    return [outputs[e] for e in ("tsv", "md", "tex", "html", "docx") if e in outputs]


ALE_TITLES = {"clusters": "Clusters of the ALE meta-analyses (MNI peaks).", "jackknife": "Jackknife sensitivity analysis."}


def format_ale_table(kind, tsv_path, outputs: dict, titles=None, simulated=False, number=None) -> None:
    """Write the formatted versions (``outputs``: ``md``, ``html``, ``tex``) of the cluster table
    (``kind="clusters"``) or the jackknife table (``"jackknife"``).

    ``number`` is the table's number in the review (:func:`table_numbers`).
    """
    table = read_tsv(tsv_path)
    if kind == "clusters":
        display = table4_blocks(table, titles)
        notes = (
            "Peak ALE: the highest ALE value in the cluster; p: its uncorrected p value. "
            "Labels from the Talairach Daemon atlas at the peak (nearest grey matter).",
        )
        if table.empty:
            notes += ("No cluster survived the threshold in any analysis.",)
    elif kind == "jackknife":
        display = table5_display(table, titles)
        notes = (
            "Y: the cluster is still found when the experiment is left out; N: it is not. "
            "Clusters are numbered as in the cluster table. "
            "The last row of each contrast counts the analyses that kept the cluster.",
        )
    else:
        raise ValueError(f"unknown table kind {kind!r}")
    write_formatted(display, outputs, title=numbered(ALE_TITLES[kind], number), notes=notes, simulated=simulated)
