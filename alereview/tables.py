"""The review's published tables, built from its data.

* Table 1, characteristics of the included studies, and Table 2, MRI acquisition and analysis:
  columns of the study table (``studies.table``).
* Table 3, MINORS scores of the non-randomised studies (``quality.minors``), items × studies,
  with the aggregate score computed.
* Tables 4 (clusters) and 5 (jackknife) are written by the ALE stage; here they get their
  formatted versions.

Each table is written as TSV (the data, via :func:`alereview.tsv.write_tsv`) and beside it as
Markdown (``.md``), HTML (``.html``, for the reports) and LaTeX (``.tex``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from alereview.errors import InputError
from alereview.logs import get_logger
from alereview.quality import MINORS_ITEMS, read_minors
from alereview.table_format import format_number, format_p, html_document, to_html_fragment, to_latex, to_markdown
from alereview.tsv import atomic_write_text, read_tsv, write_tsv

log = get_logger(__name__)

TABLE1_COLUMNS = [
    "ref", "study", "disease", "design", "n_treat", "n_control", "age_treat", "age_control",
    "sex_treat_m_f", "sex_control_m_f", "treatment", "control", "regimen", "experiments",
    "fmri_measure", "secondary_outcomes",
]
TABLE2_COLUMNS = [
    "ref", "study", "tesla", "scanner", "seed_region", "threshold", "space",
    "n_coordinates_act_deact", "software", "method",
]
#: Columns holding a count, or "-" when the study has no such group.
_COUNT_COLUMNS = ("ref", "n_treat", "n_control", "experiments")
MISSING = "-"

TABLE1_NOTES = (
    "RCT, randomized controlled trial; Non-RCT, non-randomized controlled trial; T, treatment "
    "group; C, control group; MA, manual acupuncture; EA, electro-acupuncture; ConV, conventional "
    "treatment; SA, sham acupuncture; HC, healthy controls; ALFF, amplitude of low-frequency "
    "fluctuation; fALFF, fractional ALFF; ReHo, regional homogeneity; FMA, Fugl-Meyer assessment; "
    "BI, Barthel index; MBI, modified Barthel index; NDS, neurological deficit score; ADL, "
    "activities of daily living; SYTD, Shengyang Tongdu needling; XNKQ, Xingnao Kaiqiao needling."
)
TABLE2_NOTES = (
    "Space: the coordinate space the study reported (Talairach foci are converted to MNI before "
    "the ALE). Foci: activation/deactivation foci reported. SPM, Statistical Parametric Mapping.",
)
TABLE3_NOTES = (
    "Items are scored 0 (not reported), 1 (reported but inadequate) or 2 (reported and adequate); "
    "items 9-12 apply to comparative studies only. The ideal score is 16 for non-comparative and "
    "24 for comparative studies (Slim et al. 2003).",
)


def read_studies(path) -> pd.DataFrame:
    """Read and check the study table.

    Raises
    ------
    InputError
        For a missing column, a repeated ``study_id`` or a count that is neither a
        non-negative integer nor ``-`` (naming the line and field).
    """
    df = read_tsv(path)
    needed = ["study_id", *dict.fromkeys(TABLE1_COLUMNS + TABLE2_COLUMNS)]
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise InputError(f"missing column(s) {missing}", path=path, field=missing[0])
    for index, row in enumerate(df.to_dict("records"), start=2):
        for column in _COUNT_COLUMNS:
            value = row[column].strip()
            if not (value.isdigit() or (value == MISSING and column != "ref")):
                raise InputError(f"expected a whole number{' or -' if column != 'ref' else ''}, got {value!r}", path=path, line=index, field=column)
    duplicated = df["study_id"][df["study_id"].duplicated()]
    if len(duplicated):
        line = int(duplicated.index[0]) + 2
        raise InputError(f"study_id {duplicated.iloc[0]!r} appears twice", path=path, line=line, field="study_id")
    return df


def study_label(row) -> str:
    """``Study (ref)``, as the paper's tables name a study."""
    return f"{row['study']} ({row['ref']})"


def build_table1(studies: pd.DataFrame) -> pd.DataFrame:
    """Table 1, characteristics of the included studies, in the study table's order."""
    return studies.loc[:, TABLE1_COLUMNS].reset_index(drop=True)


def build_table2(studies: pd.DataFrame) -> pd.DataFrame:
    """Table 2, MRI acquisition and analysis, in the study table's order."""
    return studies.loc[:, TABLE2_COLUMNS].reset_index(drop=True)


def table1_summary(table1: pd.DataFrame) -> str:
    """One sentence of totals for Table 1's footnote, computed from the table.

    Examples
    --------
    >>> t = pd.DataFrame({"design": ["RCT", "Non-RCT"], "n_treat": ["10", "8"],
    ...                   "n_control": ["12", "-"], "control": ["HC", "None"]})
    >>> table1_summary(t)
    '2 studies (1 RCT, 1 Non-RCT); 18 patients in treatment groups, 12 in control groups (12 healthy controls).'
    """
    designs = table1["design"].value_counts(sort=False)
    design_text = ", ".join(f"{n} {d}" for d, n in designs.items())

    def total(column, mask=None):
        values = table1[column] if mask is None else table1.loc[mask, column]
        return sum(int(v) for v in values if str(v).isdigit())

    n_hc = total("n_control", table1["control"].str.upper() == "HC")
    return (f"{len(table1)} studies ({design_text}); {total('n_treat')} patients in treatment groups, "
            f"{total('n_control')} in control groups ({n_hc} healthy controls).")


def table1_display(table1: pd.DataFrame) -> pd.DataFrame:
    """Table 1 as the paper prints it: groups side by side as ``T/C``."""

    def pair(a, b):
        return a if b in ("", MISSING) else f"{a} / {b}"

    return pd.DataFrame({
        "Study": [study_label(r) for r in table1.to_dict("records")],
        "Disease": table1["disease"],
        "Design": table1["design"],
        "Sample size (T/C)": [pair(a, b) for a, b in zip(table1["n_treat"], table1["n_control"])],
        "Age, years ± SD (T/C)": [pair(a, b) for a, b in zip(table1["age_treat"], table1["age_control"])],
        "Sex, M/F (T; C)": [a if b in ("", MISSING) else f"{a}; {b}" for a, b in zip(table1["sex_treat_m_f"], table1["sex_control_m_f"])],
        "Comparison (T vs C)": [f"{a} vs {b}" for a, b in zip(table1["treatment"], table1["control"])],
        "Regimen": table1["regimen"],
        "Experiments": table1["experiments"],
        "fMRI measure": table1["fmri_measure"],
        "Secondary outcomes": table1["secondary_outcomes"],
    })


def table2_display(table2: pd.DataFrame) -> pd.DataFrame:
    """Table 2 with readable headers."""
    return pd.DataFrame({
        "Study": [study_label(r) for r in table2.to_dict("records")],
        "Field strength": table2["tesla"], "Scanner": table2["scanner"],
        "Seed regions": table2["seed_region"], "Threshold": table2["threshold"],
        "Space": table2["space"], "Foci (act./deact.)": table2["n_coordinates_act_deact"],
        "Software": table2["software"], "Method": table2["method"],
    })


def build_table3(minors: pd.DataFrame, studies: pd.DataFrame, minors_path="minors") -> pd.DataFrame:
    """Table 3, MINORS: one row per item and an aggregate row, one column per study.

    Parameters
    ----------
    minors : pandas.DataFrame
        From :func:`alereview.quality.read_minors`.
    studies : pandas.DataFrame
        The study table, for the studies' names and reference numbers.
    minors_path : str
        For error messages.

    Raises
    ------
    InputError
        For a study in the MINORS file that the study table does not have.
    """
    known = studies.set_index("study_id")
    columns = {}
    for study_id in minors.index:
        if study_id not in known.index:
            raise InputError(f"study {study_id!r} is not in the study table", path=minors_path, record=study_id, field="study_id")
        columns[study_id] = study_label({"study": known.at[study_id, "study"], "ref": known.at[study_id, "ref"]})
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
    "contrast": "Contrast", "analysis": "Contrast", "cluster": "Cluster", "volume_mm3": "Volume (mm³)",
    "x": "x", "y": "y", "z": "z", "peak_ale": "Peak ALE", "p": "p", "z_score": "Z",
    "cluster_p_fwe": "Cluster p (FWE)", "hemisphere": "Hemisphere", "lobe": "Lobe",
    "gyrus": "Gyrus", "ba": "BA", "label": "Label",
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
    """An experiment's label citing the paper's reference number, as the paper does.

    Examples
    --------
    >>> experiment_label("Xie et al. (ref20_xie): post > pre (MA)", "20")
    'Xie et al. (20): post > pre (MA)'
    >>> experiment_label("Xie et al., 2012: post > pre", "20")
    'Xie et al., 2012: post > pre (20)'
    """
    if not ref:
        return study
    cited, replaced = re.subn(r"\([\w-]+\)(?=:)", f"({ref})", study, count=1)
    return cited if replaced else f"{study} ({ref})"


def table5_display(table5: pd.DataFrame, titles=None) -> list:
    """Table 5 (jackknife), one block per contrast: left-out experiment × cluster, Y/N, counts.

    Accepts the long layout ``contrast, order, study, ref, cluster, cluster_label, survived``
    (pivoted here); a table without those columns is returned as one block as it is.

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
        labels = list(dict.fromkeys(part["cluster_label"]))
        keys = ["order"] if "order" in part.columns else ["study"]
        experiments = part.drop_duplicates(keys)
        if "order" in part.columns:
            experiments = experiments.sort_values("order", key=lambda s: s.astype(int))
        block = pd.DataFrame({"Left-out experiment": [
            experiment_label(r["study"], r.get("ref", "")) for r in experiments.to_dict("records")]})
        for i, label in enumerate(labels, start=1):
            lookup = part[part["cluster_label"] == label].set_index(keys[0])["survived"]
            block[f"{i}. {label}"] = [lookup.get(k, "") for k in experiments[keys[0]]]
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

def write_formatted(display, md_path, tex_path=None, title="", notes=(), simulated=False) -> None:
    """Write the Markdown, HTML (beside it, ``.html``) and LaTeX versions of a table.

    ``display`` is a DataFrame, or a list of (sub-title, DataFrame) blocks printed in turn
    under the title, with the notes after the last one.
    """
    blocks = [("", display)] if isinstance(display, pd.DataFrame) else list(display)
    label = "tab:" + re.sub(r"\W+", "_", Path(md_path).stem)
    md, tex, fragments = [f"**{title}**\n"] if title else [], [], []
    if not blocks:
        blocks = [("", pd.DataFrame({"": ["No rows."]}))]
    for i, (subtitle, frame) in enumerate(blocks):
        last = i == len(blocks) - 1
        md.append((f"*{subtitle}*\n\n" if subtitle else "")
                  + to_markdown(frame, notes=notes if last else (), simulated=simulated and last))
        tex.append(to_latex(frame, title=f"{title} {subtitle}".strip() if subtitle else title,
                            notes=notes if last else (), simulated=simulated and last,
                            label=label if i == 0 else ""))
        fragments.append(to_html_fragment(frame, title=f"{title} {subtitle}".strip() if subtitle else title,
                                          notes=notes if last else (), simulated=simulated and last))
    atomic_write_text(md_path, "\n".join(md))
    if tex_path:
        atomic_write_text(tex_path, "\n".join(tex))
    atomic_write_text(Path(md_path).with_suffix(".html"), html_document("\n".join(fragments), title))


def write_study_tables(studies_path, out_dir, minors_path=None, simulated=False) -> list[Path]:
    """Build Tables 1-3 and write each as TSV, Markdown and LaTeX into ``out_dir``.

    Returns
    -------
    list of Path
        The files written.
    """
    out_dir = Path(out_dir)
    studies = read_studies(studies_path)
    written = []
    table1 = build_table1(studies)
    write_tsv(table1, out_dir / "table1_studies.tsv")
    write_formatted(table1_display(table1), out_dir / "table1_studies.md", out_dir / "table1_studies.tex",
                    title="Table 1. Characteristics of the included studies.",
                    notes=(table1_summary(table1), TABLE1_NOTES), simulated=simulated)
    written += [out_dir / f"table1_studies.{e}" for e in ("tsv", "md", "tex", "html")]
    table2 = build_table2(studies)
    write_tsv(table2, out_dir / "table2_mri.tsv")
    write_formatted(table2_display(table2), out_dir / "table2_mri.md", out_dir / "table2_mri.tex",
                    title="Table 2. MRI acquisition and analysis.", notes=TABLE2_NOTES, simulated=simulated)
    written += [out_dir / f"table2_mri.{e}" for e in ("tsv", "md", "tex", "html")]
    if minors_path:
        table3 = build_table3(read_minors(minors_path), studies, minors_path)
        write_tsv(table3, out_dir / "table3_minors.tsv")
        display = table3.rename(columns={"item": "Item", "criterion": "Criterion"})
        write_formatted(display, out_dir / "table3_minors.md", out_dir / "table3_minors.tex",
                        title="Table 3. Risk of bias of the non-randomized studies (MINORS).",
                        notes=TABLE3_NOTES, simulated=simulated)
        written += [out_dir / f"table3_minors.{e}" for e in ("tsv", "md", "tex", "html")]
    log.info("wrote %d table files to %s", len(written), out_dir)
    return written


def format_ale_table(kind, tsv_path, md_path, tex_path=None, titles=None, simulated=False) -> None:
    """Write the formatted versions of Table 4 (``kind="clusters"``) or 5 (``"jackknife"``)."""
    table = read_tsv(tsv_path)
    if kind == "clusters":
        display = table4_blocks(table, titles)
        title = "Table 4. Clusters of the ALE meta-analyses (MNI peaks)."
        notes = ("Peak ALE: the highest ALE value in the cluster; p: its uncorrected p value. "
                 "Labels from the Talairach Daemon atlas at the peak (nearest grey matter).",)
        if table.empty:
            notes += ("No cluster survived the threshold in any analysis.",)
    elif kind == "jackknife":
        display = table5_display(table, titles)
        title = "Table 5. Jackknife sensitivity analysis."
        notes = ("Y: the cluster is still found when the experiment is left out; N: it is not. "
                 "The last row of each contrast counts the analyses that kept the cluster.",)
    else:
        raise ValueError(f"unknown table kind {kind!r}")
    write_formatted(display, md_path, tex_path, title=title, notes=notes, simulated=simulated)


# --- Command line --------------------------------------------------------------------------

def _run(args) -> int:
    if args.format:
        format_ale_table(args.format, args.input, Path(args.out_dir) / (Path(args.input).stem + ".md"),
                         Path(args.out_dir) / (Path(args.input).stem + ".tex"), simulated=args.simulated)
        return 0
    for path in write_study_tables(args.input, args.out_dir, args.minors, simulated=args.simulated):
        print(path)
    return 0


def register(subparsers) -> None:
    """Add ``alereview tables``."""
    parser = subparsers.add_parser(
        "tables", help="build Tables 1-3 from the study table (and MINORS), or format Table 4/5",
        description="Build Tables 1-3 (TSV, Markdown, LaTeX) from a study table and MINORS scores; "
                    "with --format, write the Markdown/LaTeX of a cluster or jackknife table.")
    parser.add_argument("input", help="the study table (TSV), or with --format the table to format")
    parser.add_argument("--minors", help="MINORS scores (TSV: study_id, item_1..item_12) for Table 3")
    parser.add_argument("--out-dir", default="results/tables", help="where to write (default: %(default)s)")
    parser.add_argument("--format", choices=["clusters", "jackknife"], help="format an ALE table instead")
    parser.add_argument("--simulated", action="store_true", help="say in every table that inputs are simulated")
    parser.set_defaults(handler=_run)
