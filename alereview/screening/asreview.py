"""ASReview LAB exports (CSV or TSV).

ASReview keeps the columns of the imported dataset and adds its own: ``record_id`` (ASReview's
row number in that dataset, *not* an identity: it changes when the dataset changes, so it is
never used to match records) and ``asreview_label`` (1 relevant, 0 irrelevant, blank not yet
labelled; ASReview 0.x wrote ``included``, with -1 for unlabelled). Records are matched by the
dataset's own columns: ``record_key`` (present when the dataset is alereview's
``to_screen.csv``), else DOI, PMID, title + year + first author. ASReview LAB is used by one
person per project, so each file is one reviewer's (config key ``reviewer``).
"""

from __future__ import annotations

from alereview.errors import InputError
from alereview.screening.csv_rows import first_of, read_rows
from alereview.screening.votes import Vote, check_reviewer, normalize_decision

_UNLABELLED = {"", "-1", "nan", "none", "null"}


def read_asreview_csv(path, stage, reviewer, reviewers, arbiter=""):
    """Votes of an ASReview LAB export.

    Parameters
    ----------
    path : str or Path
    stage : {'title_abstract', 'full_text'}
    reviewer : str
        Whose labels these are (config key ``reviewer``; defaults to the only reviewer).
    reviewers : list of str
    arbiter : str

    Returns
    -------
    list of Vote
        One per labelled record; unlabelled records give none.
    """
    if not reviewer:
        if len(reviewers) != 1:
            raise InputError(
                "an ASReview export is one reviewer's; say whose with the config key 'reviewer' of this file", path=path, field="reviewer"
            )
        reviewer = reviewers[0]
    check_reviewer(reviewer, reviewers, arbiter, path=path, line=None, record=None)
    rows = read_rows(path)
    columns = set(rows[0][1]) if rows else set()
    label_column = next((c for c in ("asreview_label", "included", "label_included", "final_included") if c in columns), None)
    if rows and label_column is None:
        raise InputError("no 'asreview_label' (or 'included') column", path=path, line=1, field="asreview_label")
    votes = []
    for line, row in rows:
        value = row[label_column].strip()
        if value.lower() in _UNLABELLED:
            continue
        if value.endswith(".0"):
            value = value[:-2]
        label = first_of(row, "record_key", "title")[:60] or f"row {line}"
        decision = normalize_decision(value, path=path, line=line, record=label, field_name=label_column, stage=stage)
        identity = {
            "record_key": first_of(row, "record_key"),
            "doi": first_of(row, "doi"),
            "pmid": first_of(row, "pmid", "pubmed_id"),
            "title": first_of(row, "title", "primary_title"),
            "year": first_of(row, "year", "publication_year"),
            "authors": first_of(row, "authors", "author_names", "first_authors"),
        }
        reason = first_of(row, "reason", "exclusion_reason", "asreview_note") if decision == "exclude" else ""
        votes.append(Vote(stage, reviewer, decision, reason, str(path), line, label, identity))
    return votes
