"""The screening gate: the analyses wait until every record has its decisions.

The workflow's ``screening_gate`` checkpoint calls :func:`pass_gate`. While records lack a
decision it fails with a message that says how many records await which stage and where their
list is (``to_screen.tsv``, written by the earlier rule, so it survives the failure). With
every decision in place it writes ``included.tsv`` and ``gate.json``.

``gate.json`` holds only what the analyses depend on — that screening is complete and which
records are included — so that an update whose new records are all excluded leaves it, and
``included.tsv``, byte-identical; Snakemake's checksum test after the checkpoint then re-runs
no coordinate or ALE job (see ``rules/screening.smk``).
"""

from __future__ import annotations

import pandas as pd

from alereview.screening.matching import member_identities
from alereview.screening.votes import STAGE_LABELS, STAGES

INCLUDED_COLUMNS = [
    "record_key",
    "title",
    "authors",
    "year",
    "journal",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "sources",
    "decided_by",
    "identities",
]


#: Columns of the study-table template written at the gate: what a reviewer fills in next.
TEMPLATE_COLUMNS = ["study_id", "study", "record_key", "doi", "pmid", "title", "authors", "year", "n"]


class ScreeningIncomplete(RuntimeError):
    """Records still lack decisions; the message says how many, at which stage, and where."""


def pending_message(to_screen: pd.DataFrame, to_screen_path, ris_path=None) -> str:
    """What the gate tells the reviewer when records await decisions (``""`` when none)."""
    if to_screen.empty:
        return ""
    counts = to_screen["stage"].value_counts()
    parts = [f"{counts[s]} record(s) await {STAGE_LABELS[s]} screening" for s in STAGES if s in counts]
    waiting = sorted({w.strip() for cell in to_screen["awaiting"] for w in str(cell).split(",") if w.strip()})
    lists = f"{to_screen_path}" + (f" (for Rayyan: {ris_path})" if ris_path else "")
    return (
        f"screening is not complete: {'; '.join(parts)} (decisions missing from: "
        f"{', '.join(waiting) or 'the reviewers'}). The list is {lists}; screen them, add the "
        "exported decisions to config screening.title_abstract / screening.full_text, and run "
        "again. Nothing decided so far is changed."
    )


def included_table(decisions: pd.DataFrame, unique: pd.DataFrame, members: pd.DataFrame | None = None) -> pd.DataFrame:
    """The included records with their key, fields and every identity they can be found by.

    ``identities`` lists the keys of all the cluster's records (``; ``-joined, sorted), so a
    study table that refers to a record by an older key still finds it after an update.
    """
    final = decisions[(decisions["stage"] == "full_text") & (decisions["decision"] == "include")]
    by_key = {row["record_key"]: row for row in unique.to_dict("records")}
    cluster_of = {row["record_key"]: row.get("cluster_id") for row in unique.to_dict("records")}
    identities = {}
    if members is not None and len(final):
        key_of_cluster = {cluster_of[k]: k for k in final["record_key"] if k in cluster_of}
        for row in members[members["cluster_id"].isin(list(key_of_cluster))].to_dict("records"):
            identities.setdefault(key_of_cluster[row["cluster_id"]], set()).update(member_identities(row))
    rows = []
    for decision in final.sort_values("record_key").to_dict("records"):
        key = decision["record_key"]
        record = by_key[key]
        row = {c: str(record.get(c, "") or "") for c in INCLUDED_COLUMNS}
        row.update(
            record_key=key,
            decided_by=decision["decided_by"],
            identities="; ".join(sorted(identities.get(key, set()) | member_identities(record) | {key})),
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=INCLUDED_COLUMNS)


def pass_gate(
    decisions: pd.DataFrame,
    to_screen: pd.DataFrame,
    unique: pd.DataFrame,
    members=None,
    to_screen_path="results/screening/to_screen.tsv",
    ris_path=None,
):
    """Check that screening is complete and return what the analyses may use.

    Returns
    -------
    included : pandas.DataFrame
        :func:`included_table`.
    gate : dict
        For ``gate.json``: ``status``, ``n_included``, ``included`` (record keys).

    Raises
    ------
    ScreeningIncomplete
        When ``to_screen`` lists any record.
    """
    message = pending_message(to_screen, to_screen_path, ris_path)
    if message:
        raise ScreeningIncomplete(message)
    included = included_table(decisions, unique, members)
    gate = {"status": "complete", "n_included": int(len(included)), "included": list(included["record_key"])}
    return included, gate


def studies_template(included: pd.DataFrame) -> pd.DataFrame:
    """A study table to fill in: one row per included record, linked by its record key.

    ``study_id`` is suggested as the first author's surname and the year (``Smith2019``,
    ``Smith2019b`` when repeated); ``study`` as "Smith et al. (2019)"; ``n`` is left empty.
    Add your own columns (design, population, ...) and name them in config ``tables``.
    """
    rows, seen = [], {}
    for record in included.to_dict("records"):
        surname = (record.get("authors") or "").split(";")[0].split(",")[0].strip()
        stem = "".join(ch for ch in surname.title() if ch.isalnum()) or "Study"
        stem += str(record.get("year") or "")
        seen[stem] = seen.get(stem, 0) + 1
        study_id = stem if seen[stem] == 1 else f"{stem}{chr(ord('a') + seen[stem] - 1)}"
        several = ";" in (record.get("authors") or "")
        label = f"{surname or study_id}{' et al.' if several else ''} ({record.get('year') or 'n.d.'})"
        rows.append(
            {
                "study_id": study_id,
                "study": label,
                "n": "",
                **{c: record.get(c, "") for c in ("record_key", "doi", "pmid", "title", "authors", "year")},
            }
        )
    return pd.DataFrame(rows, columns=TEMPLATE_COLUMNS)
