"""The screening steps as the workflow runs them: read the inputs, compute, write the outputs.

Each function is one rule (``rules/screening.smk``) and one CLI step; the scripts in
``scripts/`` only unpack Snakemake's objects and call them.
"""

from __future__ import annotations

from pathlib import Path

from alereview.logs import get_logger
from alereview.screening.decisions import DECISION_COLUMNS, read_votes, screen
from alereview.screening.gate import INCLUDED_COLUMNS, pass_gate
from alereview.screening.matching import RecordIndex, load_members
from alereview.screening.to_screen import COLUMNS as TO_SCREEN_COLUMNS
from alereview.screening.to_screen import to_screen_table, write_ris
from alereview.tsv import read_tsv, write_json, write_tsv

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


def run_decisions(unique_path, clusters_path, records_path, screening_config, decisions_path,
                  agreement_path, to_screen_path, to_screen_ris_path=None, base_dir="."):
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


def run_gate(decisions_path, to_screen_path, unique_path, clusters_path, records_path,
             included_path, gate_path, to_screen_ris_path=None):
    """Pass the gate (write ``included.tsv`` and ``gate.json``) or raise ScreeningIncomplete."""
    decisions = read_tsv(decisions_path)
    to_screen = read_tsv(to_screen_path)
    members, unique = load_tables(unique_path, clusters_path, records_path)
    included, gate = pass_gate(decisions, to_screen, unique, members, to_screen_path, to_screen_ris_path)
    write_tsv(included, included_path, columns=INCLUDED_COLUMNS)
    write_json(gate_path, gate)
    LOG.info("screening complete: %d included", gate["n_included"])
    return gate


def run_prisma(decisions_path, unique_path, clusters_path, records_path, prisma_path,
               counts_path=None, pubmed_json=None, snapshot_dir=None, databases=()):
    """Compute the PRISMA 2020 counts and write ``prisma.csv``; returns the counts."""
    from alereview.prisma import check_against_dedup, prisma_counts, write_prisma
    from alereview.screening.versions import search_windows, split_versions
    from alereview.tsv import read_json

    decisions = read_tsv(decisions_path)
    members, unique = load_tables(unique_path, clusters_path, records_path)
    windows = search_windows(pubmed_json) if pubmed_json and Path(pubmed_json).is_file() else []
    versions = split_versions(members, unique, windows, snapshot_dir)
    if versions.is_update:
        LOG.info("update after %s: %d new records, %d new deduplicated records",
                 versions.previous_cutoff, len(versions.new_record_ids), len(versions.new_keys))
    counts = prisma_counts(decisions, members, unique, versions, databases)
    if counts_path and not versions.is_update:
        check_against_dedup(counts, read_json(counts_path), counts_path)
    write_prisma(counts, prisma_path)
    return counts
