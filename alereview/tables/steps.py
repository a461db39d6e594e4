"""The rules of the tables (``rules/tables.smk``), one function each: ``steps.<step>(input,
output, params, log)`` runs the rule ``tables_<step>`` (scripts/tables_<step>.py)."""

from __future__ import annotations

from alereview.layout import TABLE_FORMATS
from alereview.tables import ale_results, numbered
from alereview.tables.studies import read_study_table, study_rows
from alereview.tsv import read_tsv, write_tsv

FORMATS = TABLE_FORMATS


def _optional_tables(input):
    studies, foci = input.get("studies"), input.get("foci")
    return (read_study_table(studies) if studies else None), (read_tsv(foci) if foci else None), studies


def studies(input, output, params, log):
    """One study table (TSV, Markdown, HTML, LaTeX, Word) from the study table and/or the coordinates."""
    table, foci, path = _optional_tables(input)
    numbered.write_study_table(
        params.spec or None,
        table,
        foci,
        {ext: output[ext] for ext in FORMATS},
        number=params.number,
        simulated=params.simulated,
        studies_path=path or "studies",
    )


def minors(input, output, params, log):
    """MINORS scores (TSV, Markdown, HTML, LaTeX, Word), studies named as in the study table."""
    table, foci, _ = _optional_tables(input)
    numbered.write_table3(
        input.minors, study_rows(table, foci), {ext: output[ext] for ext in FORMATS}, number=params.number, simulated=params.simulated
    )


def clusters(input, output, params, log):
    """The cluster table of every analysis (TSV)."""
    write_tsv(ale_results.table4(params.analyses, input.clusters, input.thresholds), output[0])


def jackknife(input, output, params, log):
    """The jackknife table of every analysis with clusters (TSV)."""
    write_tsv(ale_results.table5(params.analyses, input.jackknife, input.clusters, input.experiments, input.studies or None), output[0])


def ale_format(input, output, params, log):
    """Markdown, HTML, LaTeX and Word versions of the cluster table or the jackknife table."""
    numbered.format_ale_table(
        params.kind,
        input.table,
        {ext: output[ext] for ext in FORMATS[1:]},
        titles=params.titles,
        simulated=params.simulated,
        number=params.number,
    )
