"""Rayyan exports: ``articles.ris`` or ``articles.csv`` with Rayyan's data in the notes.

Rayyan writes every collaborator's decision, the labels and the exclusion reasons into the
record's notes (RIS ``N1``, CSV ``notes``), as pipe-separated parts::

    RAYYAN-INCLUSION: {"AB"=>"Included", "CD"=>"Excluded"} | RAYYAN-LABELS: a,b |
    RAYYAN-EXCLUSION-REASONS: wrong population,no coordinates | USER-NOTES: {...}

The inclusion part is a Ruby hash; mapping ``=>`` to ``:`` makes it JSON. Exclusion reasons
belong to the record, not to a reviewer, so they go with every "Excluded" vote. A record
without a ``RAYYAN-INCLUSION`` part has not been screened yet and gives no vote.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from alereview.errors import InputError
from alereview.screening.csv_rows import first_of, read_rows
from alereview.screening.votes import Vote, check_reviewer, normalize_decision

_INCLUSION = re.compile(r"RAYYAN-INCLUSION:\s*(\{.*?\})")
_REASONS = re.compile(r"RAYYAN-EXCLUSION-REASONS:\s*([^|]*)")
_KEY = re.compile(r"ALEREVIEW-RECORD-KEY:\s*(\S+)")
_RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_YEAR = re.compile(r"(\d{4})")
_DOI_IN_URL = re.compile(r"(10\.\d{4,9}/\S+)")


def parse_notes(notes: str, *, path=None, line=None, record=None):
    """The decisions and exclusion reasons in Rayyan notes.

    Returns
    -------
    decisions : dict
        Reviewer -> Rayyan's word (``Included``, ``Excluded``, ``Maybe``), in file order.
    reasons : list of str
        Exclusion reasons, as given.

    Examples
    --------
    >>> parse_notes('RAYYAN-INCLUSION: {"A"=>"Included", "B"=>"Excluded"} | '
    ...             'RAYYAN-EXCLUSION-REASONS: wrong population,animal study')
    ({'A': 'Included', 'B': 'Excluded'}, ['wrong population', 'animal study'])
    """
    decisions = {}
    for match in _INCLUSION.finditer(notes or ""):
        try:
            parsed = json.loads(match.group(1).replace("=>", ":"))
        except ValueError as error:
            raise InputError(
                f"unreadable RAYYAN-INCLUSION {match.group(1)!r}: {error}", path=path, line=line, record=record, field="RAYYAN-INCLUSION"
            ) from error
        if not isinstance(parsed, dict):
            raise InputError(
                "RAYYAN-INCLUSION is not a reviewer => decision map", path=path, line=line, record=record, field="RAYYAN-INCLUSION"
            )
        decisions.update({str(k).strip(): str(v) for k, v in parsed.items()})
    reasons = []
    for match in _REASONS.finditer(notes or ""):
        reasons += [r.strip() for r in match.group(1).split(",") if r.strip()]
    return decisions, reasons


def _votes(identity, notes, stage, reviewers, arbiter, path, line, label):
    # alereview's to_screen.ris puts the record key in the notes; Rayyan keeps it.
    key = _KEY.search(notes or "")
    if key:
        identity = {**identity, "record_key": key.group(1)}
    decisions, reasons = parse_notes(notes, path=path, line=line, record=label)
    votes = []
    for reviewer, word in decisions.items():
        check_reviewer(reviewer, reviewers, arbiter, path=path, line=line, record=label)
        decision = normalize_decision(word, path=path, line=line, record=label, field_name="RAYYAN-INCLUSION", stage=stage)
        reason = "; ".join(reasons) if decision == "exclude" else ""
        votes.append(Vote(stage, reviewer, decision, reason, str(path), line, label, identity))
    return votes


def _year(text) -> str:
    match = _YEAR.search(text or "")
    return match.group(1) if match else ""


def _doi(doi, url) -> str:
    if doi:
        return doi
    match = _DOI_IN_URL.search(url or "")
    return match.group(1) if match and "doi" in (url or "").lower() else ""


def read_ris_entries(path):
    """RIS records as ``(line of TY, {tag: [values]})``; continuation lines join the last tag."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text ({error.reason} at byte {error.start})", path=path) from error
    entries, current, start, last_tag = [], None, None, None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        match = _RIS_LINE.match(line)
        if match:
            tag, value = match.group(1), (match.group(2) or "").strip()
            if tag == "TY":
                current, start = {}, number
            elif current is None:
                raise InputError(f"tag {tag} before the first 'TY  -'", path=path, line=number, field=tag)
            if tag == "ER":
                entries.append((start, current))
                current, last_tag = None, None
                continue
            current.setdefault(tag, []).append(value)
            last_tag = tag
        elif line.strip() and current is not None and last_tag:
            current[last_tag][-1] += " " + line.strip()
    if current is not None:
        raise InputError("record not closed by 'ER  -'", path=path, line=start)
    return entries


def read_rayyan_ris(path, stage, reviewers, arbiter=""):
    """Votes of a Rayyan RIS export (``articles.ris``).

    Parameters
    ----------
    path : str or Path
    stage : {'title_abstract', 'full_text'}
    reviewers : list of str
        Configured reviewers; a decision by anyone else (or the arbiter) is an error.
    arbiter : str

    Returns
    -------
    list of Vote
    """
    votes = []
    for line, tags in read_ris_entries(path):
        get = lambda *names, tags=tags: next((tags[n][0] for n in names if tags.get(n) and tags[n][0]), "")
        title = get("TI", "T1", "CT")
        identity = {
            "title": title,
            "year": _year(get("PY", "Y1", "DA")),
            "authors": "; ".join(tags.get("AU", []) or tags.get("A1", [])),
            "doi": _doi(get("DO"), get("UR")),
            "pmid": "",
        }
        label = get("AN") or title[:60]
        notes = " | ".join(tags.get("N1", []))
        votes += _votes(identity, notes, stage, reviewers, arbiter, path, line, label)
    return votes


def read_rayyan_csv(path, stage, reviewers, arbiter=""):
    """Votes of a Rayyan CSV export (``articles.csv``: key, title, authors, year, doi, notes, ...).

    Authors in Rayyan's CSV are joined by `` and ``; only the first author's surname is used.
    """
    votes = []
    for line, row in read_rows(path):
        authors = first_of(row, "authors", "author")
        identity = {
            "title": first_of(row, "title"),
            "year": _year(first_of(row, "year", "date")),
            "authors": authors.split(" and ")[0],
            "doi": _doi(first_of(row, "doi"), first_of(row, "url")),
            "pmid": first_of(row, "pmid", "pubmed_id"),
        }
        label = first_of(row, "key", "title")[:60]
        votes += _votes(identity, first_of(row, "notes"), stage, reviewers, arbiter, path, line, label)
    return votes
