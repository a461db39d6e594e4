"""The screening steps as the workflow runs them: read the inputs, compute, write the outputs.

Each function is one rule (``rules/screening.smk``) and one CLI step; the scripts in
``scripts/`` only unpack Snakemake's objects and call them.
"""

from __future__ import annotations

from pathlib import Path

from alereview.logs import get_logger
from alereview.screening.decisions import DECISION_COLUMNS, read_votes, screen
from alereview.screening.gate import INCLUDED_COLUMNS, TEMPLATE_COLUMNS, ScreeningIncomplete, included_table, pass_gate, studies_template
from alereview.screening.matching import RecordIndex, load_members
from alereview.screening.to_screen import COLUMNS as TO_SCREEN_COLUMNS
from alereview.screening.to_screen import to_screen_table, write_ris
from alereview.tsv import read_tsv, write_json, write_tsv
from alereview.screening.prisma import check_against_dedup, meta_analysis_studies, prisma_counts, write_prisma
from alereview.screening.versions import search_windows, split_versions
from alereview.tsv import read_json

LOG = get_logger(__name__)


def load_tables(unique_path, clusters_path, records_path=None):
    """The unique table and the members (records with their cluster)."""
    unique = read_tsv(unique_path)
    members = load_members(clusters_path, records_path) if clusters_path else None
    return members, unique


def load_index(unique_path, clusters_path, records_path=None):
    """The deduplicated records (:class:`RecordIndex`), their members and the unique table."""
    members, unique = load_tables(unique_path, clusters_path, records_path)
    return RecordIndex(unique, members, source=str(unique_path)), members, unique


def run_decisions(
    unique_path,
    clusters_path,
    records_path,
    screening_config,
    decisions_path,
    agreement_path,
    to_screen_path,
    to_screen_ris_path=None,
    base_dir=".",
):
    """Read every decision file, settle the decisions and write the screening tables.

    Parameters
    ----------
    unique_path, clusters_path, records_path : str or Path
        ``results/dedup/unique.tsv``, ``results/dedup/clusters.tsv``, ``results/records/records.tsv``.
    screening_config : dict
        Config section ``screening``.
    decisions_path, agreement_path, to_screen_path, to_screen_ris_path : str or Path
        Outputs.
    base_dir : str or Path
        Decision file paths are relative to it.

    Returns
    -------
    Screening
    """
    index, _, _ = load_index(unique_path, clusters_path, records_path)
    reviewers = list(screening_config["reviewers"])
    arbiter = screening_config.get("arbiter", "") or ""
    result = screen(index, read_votes(screening_config, base_dir), reviewers, arbiter)
    table = to_screen_table(result)
    write_tsv(result.decisions, decisions_path, columns=DECISION_COLUMNS)
    write_tsv(result.agreement, agreement_path)
    write_tsv(table, to_screen_path, columns=TO_SCREEN_COLUMNS)
    if to_screen_ris_path:
        write_ris(table, to_screen_ris_path)
    return result


def run_gate(
    decisions_path,
    to_screen_path,
    unique_path,
    clusters_path,
    records_path,
    included_path,
    gate_path,
    to_screen_ris_path=None,
    uncertain_path=None,
    template_path=None,
    planned_stop=False,
):
    """Pass the gate (write ``included.tsv`` and ``gate.json``) or stop before the analyses.

    Parameters
    ----------
    uncertain_path : str or Path, optional
        ``results/dedup/uncertain_pairs.tsv``: how many pairs await a decision is told at a stop.
    template_path : str or Path, optional
        Where to write a study-table template of the included studies (:func:`studies_template`).
    planned_stop : bool
        While records await decisions, write ``gate.json`` with ``status: awaiting_decisions``
        and the message (and an empty ``included.tsv``) instead of raising: the workflow then
        stops as planned, before the analyses.

    Raises
    ------
    ScreeningIncomplete
        While records await decisions, unless ``planned_stop``.
    """
    decisions = read_tsv(decisions_path)
    to_screen = read_tsv(to_screen_path)
    members, unique = load_tables(unique_path, clusters_path, records_path)
    uncertain = count_undecided_pairs(uncertain_path)
    try:
        included, gate = pass_gate(decisions, to_screen, unique, members, to_screen_path, to_screen_ris_path)
    except ScreeningIncomplete as incomplete:
        if not planned_stop:
            raise
        message = str(incomplete) + uncertain_note(uncertain, uncertain_path)
        included, gate = included_table(decisions.iloc[0:0], unique), {"status": "awaiting_decisions", "message": message}
        LOG.warning("%s", message)
    write_tsv(included, included_path, columns=INCLUDED_COLUMNS)
    if template_path:
        write_tsv(studies_template(included), template_path, columns=TEMPLATE_COLUMNS)
    write_json(gate_path, gate)
    if gate["status"] == "complete":
        LOG.info("screening complete: %d included%s", gate["n_included"], uncertain_note(uncertain, uncertain_path))
    return gate


def count_undecided_pairs(uncertain_path) -> int:
    """Uncertain duplicate pairs without a decision (rows whose ``decision`` is empty)."""
    if not uncertain_path or not Path(uncertain_path).is_file():
        return 0
    pairs = read_tsv(uncertain_path)
    if "decision" in pairs.columns:
        pairs = pairs[pairs["decision"].str.strip() == ""]
    return int(len(pairs))


def uncertain_note(count: int, uncertain_path) -> str:
    """A sentence on the uncertain duplicate pairs that await a person's decision."""
    if not count:
        return ""
    return (
        f" Also, {count} uncertain duplicate pair(s) await a decision in {uncertain_path}: fill in "
        "its `decision` column (same/different) in a copy and name the copy in config "
        "dedup.manual_decisions."
    )


def run_prisma(
    decisions_path,
    unique_path,
    clusters_path,
    records_path,
    prisma_path,
    counts_path=None,
    pubmed_json=None,
    snapshot_dir=None,
    databases=(),
    foci_path=None,
):
    """Compute the PRISMA 2020 counts and write ``prisma.csv``; returns the counts.

    With ``foci_path`` (the coordinates' ``foci_mni.tsv``), the studies in the meta-analysis
    (``total_studies_ma``) are those with coordinates in at least one analysis.
    """

    decisions = read_tsv(decisions_path)
    members, unique = load_tables(unique_path, clusters_path, records_path)
    windows = search_windows(pubmed_json) if pubmed_json and Path(pubmed_json).is_file() else []
    versions = split_versions(members, unique, windows, snapshot_dir)
    if versions.is_update:
        LOG.info(
            "update after %s: %d new records, %d new deduplicated records",
            versions.previous_cutoff,
            len(versions.new_record_ids),
            len(versions.new_keys),
        )
    counts = prisma_counts(decisions, members, unique, versions, databases)
    if counts_path and not versions.is_update:
        check_against_dedup(counts, read_json(counts_path), counts_path)
    if foci_path:
        counts["total_studies_ma"] = counts["total_reports_ma"] = meta_analysis_studies(foci_path)
    write_prisma(counts, prisma_path, update=versions.is_update)
    return counts
