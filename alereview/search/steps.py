"""The rules of stage 1 (``rules/search.smk``), one function each: ``steps.<step>(input,
output, params, log)`` runs the rule ``search_<step>`` (scripts/search_<step>.py)."""

from __future__ import annotations

from alereview.search.stage import run_build_records, run_import, run_pubmed


def pubmed(input, output, params, log):
    """Search PubMed (replaying frozen snapshots) -> ``pubmed.tsv`` and ``pubmed.json``."""
    run_pubmed(
        params.query,
        params.mindate,
        params.maxdate,
        params.snapshot_dir,
        output.tsv,
        output.json,
        datetype=params.datetype,
        **params.client,
    )


def exports(input, output, params, log):
    """Read one database export -> its records table and provenance JSON."""
    run_import(input[0], params.database, params.format, output.tsv, output.json, encoding=params.encoding)


def records(input, output, params, log):
    """Every source's records in one table, ``records.tsv``, with ``provenance.json``."""
    run_build_records(list(input.tables), list(input.infos), output.records, output.provenance, keep_ledger=True)
