"""Covidence CSV exports.

Covidence exports one list at a time ("Irrelevant", "Excluded", "Included" / "Extraction"),
with columns Title, Authors, Abstract, Published Year, Journal, Volume, Issue, Pages,
Accession Number, DOI, Covidence #, Study, Notes, Tags, and no per-reviewer votes: the decision
is the list's, already settled in Covidence. So the config gives each file's ``decision``, and
the votes carry the reviewer ``consensus``. Full-text exclusions carry their reason in Notes as
``Exclusion reason: Wrong outcomes;``.
"""

from __future__ import annotations

import re

from alereview.errors import InputError
from alereview.screening.csv_rows import first_of, read_rows, require_columns
from alereview.screening.votes import CONSENSUS, EXCLUDE, Vote, normalize_decision

_REASON = re.compile(r"Exclusion reason:\s*([^;|\n]+)", re.IGNORECASE)
_YEAR = re.compile(r"(\d{4})")


def _year(text) -> str:
    match = _YEAR.search(text)
    return match.group(1) if match else ""


def read_covidence_csv(path, stage, decision):
    """Votes of a Covidence CSV export whose records all carry ``decision``.

    Parameters
    ----------
    path : str or Path
    stage : {'title_abstract', 'full_text'}
    decision : str
        The list the file was exported from (``include``, ``exclude``, ``not_retrieved``; the
        config key ``decision`` of the file).

    Returns
    -------
    list of Vote
    """
    if not decision:
        raise InputError(
            "a Covidence export holds one list; say which with the config key 'decision' of this file (include, exclude or not_retrieved)",
            path=path,
            field="decision",
        )
    decision = normalize_decision(decision, path=path, field_name="decision", stage=stage)
    rows = read_rows(path)
    if rows:
        require_columns(path, rows, set(rows[0][1]), ("title",))
    votes = []
    for line, row in rows:
        reasons = [m.strip() for m in _REASON.findall(row.get("notes", ""))]
        accession = first_of(row, "accession_number")
        identity = {
            "title": first_of(row, "title"),
            "year": _year(first_of(row, "published_year", "year")),
            "authors": first_of(row, "authors"),
            "doi": first_of(row, "doi"),
            "pmid": accession if accession.isdigit() else "",
            "record_key": first_of(row, "record_key"),
        }
        label = first_of(row, "covidence_#", "covidence", "study", "title")[:60]
        reason = "; ".join(reasons) if decision == EXCLUDE else ""
        votes.append(Vote(stage, CONSENSUS, decision, reason, str(path), line, label, identity))
    return votes
