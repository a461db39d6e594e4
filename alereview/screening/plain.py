"""Plain decision files: a CSV (or TSV) with ``record_id, stage, reviewer, decision, reason``.

``record_id`` is the record's stable key (``alereview.identity.record_key``: ``doi:...``,
``pmid:...``, ``ti:...``, as in ``to_screen.tsv``) or its ``record_id`` in
``results/records/records.tsv`` (e.g. ``embase-00012``). Optional columns ``doi``, ``pmid``,
``title``, ``year``, ``authors`` help match records whose key changed. ``stage`` may be empty
(the file's stage from config) or name a stage; rows of the other stage are skipped, so one
file can hold both stages and be listed under both. ``decision``: include, exclude, maybe or
not_retrieved (full text only), in any of the usual spellings (included, yes, 1, ...).
"""

from __future__ import annotations

from alereview.errors import InputError
from alereview.screening.csv_rows import first_of, read_rows, require_columns
from alereview.screening.votes import STAGES, Vote, check_reviewer, normalize_decision

_STAGE_WORDS = {
    "title_abstract": {"title_abstract", "title/abstract", "title_and_abstract", "tiab", "ta", "screening", "abstract"},
    "full_text": {"full_text", "fulltext", "full-text", "ft", "eligibility"},
}


def normalize_stage(word, *, path=None, line=None, record=None) -> str:
    """``title_abstract`` or ``full_text`` for a stage word; InputError otherwise."""
    key = "_".join(str(word).strip().lower().split())
    for stage, words in _STAGE_WORDS.items():
        if key in words or key.replace("_", "-") in words:
            return stage
    raise InputError(f"unknown stage {str(word)!r}; expected one of {list(STAGES)}", path=path, line=line, record=record, field="stage")


def read_plain_csv(path, stage, reviewers, arbiter="", reviewer=""):
    """Votes of a plain decision file for ``stage``.

    Parameters
    ----------
    path : str or Path
    stage : {'title_abstract', 'full_text'}
    reviewers : list of str
    arbiter : str
    reviewer : str, optional
        Used for rows whose ``reviewer`` is empty (config key ``reviewer`` of the file).

    Returns
    -------
    list of Vote
    """
    rows = read_rows(path)
    if rows:
        require_columns(path, rows, set(rows[0][1]), ("record_id", "record_key"), ("decision",))
    votes = []
    for line, row in rows:
        record = first_of(row, "record_id", "record_key")
        if not record and not first_of(row, "doi", "pmid", "title"):
            raise InputError("empty record_id", path=path, line=line, field="record_id")
        if row.get("stage") and normalize_stage(row["stage"], path=path, line=line, record=record) != stage:
            continue
        who = row.get("reviewer", "") or reviewer
        if not who:
            raise InputError(
                "empty reviewer (or set the config key 'reviewer' of this file)", path=path, line=line, record=record, field="reviewer"
            )
        check_reviewer(who, reviewers, arbiter, path=path, line=line, record=record)
        decision = normalize_decision(row.get("decision", ""), path=path, line=line, record=record, stage=stage)
        identity = {
            "record_id": record,
            "doi": first_of(row, "doi"),
            "pmid": first_of(row, "pmid"),
            "title": first_of(row, "title"),
            "year": first_of(row, "year"),
            "authors": first_of(row, "authors"),
        }
        reason = first_of(row, "reason", "exclusion_reason")
        votes.append(Vote(stage, who, decision, reason, str(path), line, record or identity["title"][:60], identity))
    return votes
