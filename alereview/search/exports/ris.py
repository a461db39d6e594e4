"""RIS exports (EndNote, Embase, Scopus, Cochrane, Zotero, Web of Science RIS, CNKI), via rispy.

rispy drops records silently when a file is malformed (a missing ``ER``, a tag before ``TY``),
so the file's structure is checked first, record by record, and the number of records rispy
reads must equal the number of ``TY``..``ER`` blocks.
"""

from __future__ import annotations

import re

import rispy

from alereview.errors import InputError
from alereview.search.fields import clean, doi_of, empty_record, join_authors, language_code, pages_of, year_of

_TAG = re.compile(r"^([A-Z][A-Z0-9])  -(?: (.*))?$")
_PMID_NOTE = re.compile(r"PMID:?\s*(\d{1,9})\b")


def check_structure(text: str, path=None) -> int:
    """Count the records of a RIS text, raising on the first structural error.

    Raises
    ------
    InputError
        A tag before ``TY``, a ``TY`` inside an open record, a record without ``ER``, or a line
        that is neither a tag, a continuation nor blank outside a record.
    """
    count, open_line = 0, None
    for number, line in enumerate(text.split("\n"), start=1):
        match = _TAG.match(line.rstrip())
        if match is None:
            if open_line is None and line.strip():
                raise InputError(f"text outside a record: {line.strip()[:60]!r}", path=path, line=number, record=count + 1, field="TY")
            continue
        tag = match.group(1)
        if tag == "TY":
            if open_line is not None:
                raise InputError(
                    f"record started on line {open_line} has no 'ER  -' before the next 'TY'",
                    path=path,
                    line=number,
                    record=count,
                    field="ER",
                )
            count += 1
            open_line = number
        elif tag == "ER":
            if open_line is None:
                raise InputError("'ER' without a record", path=path, line=number, record=count + 1, field="ER")
            open_line = None
        elif open_line is None:
            raise InputError(f"tag {tag} before 'TY  -'", path=path, line=number, record=count + 1, field=tag)
    if open_line is not None:
        raise InputError(f"record started on line {open_line} has no 'ER  -'", path=path, record=count, field="ER")
    return count


def _first(entry, *keys) -> str:
    for key in keys:
        value = entry.get(key)
        if isinstance(value, list):
            value = value[0] if value else ""
        if clean(value):
            return clean(value)
    return ""


def _authors(entry) -> str:
    names = []
    for key in ("authors", "first_authors"):
        for value in entry.get(key, []) or []:
            names.extend(re.split(r"[;；]", value))
    return join_authors(names)


def _pmid(entry) -> str:
    provider = " ".join(clean(entry.get(k)) for k in ("name_of_database", "database_provider")).lower()
    accession = clean(entry.get("accession_number"))
    if accession.isdigit() and ("pubmed" in provider or "medline" in provider or "nlm" in provider):
        return accession
    # Cochrane CENTRAL gives the source database's accession: "PUBMED 31234567", "EMBASE ...".
    cochrane = re.fullmatch(r"PUBMED\s+(\d{1,9})", accession, re.IGNORECASE)
    if cochrane:
        return cochrane.group(1)
    # Embase (Elsevier) exports put the MEDLINE PMID of a record it shares with MEDLINE in C5.
    custom5 = clean(entry.get("custom5"))
    if custom5.isdigit() and "embase" in provider:
        return custom5
    for key in ("notes", "note"):
        for value in entry.get(key, []) if isinstance(entry.get(key), list) else [entry.get(key)]:
            match = _PMID_NOTE.search(clean(value))
            if match:
                return match.group(1)
    return ""


def record_from_ris(entry: dict) -> dict:
    """Map one rispy entry to the record fields."""
    record = empty_record()
    record["title"] = _first(entry, "title", "primary_title", "translated_title")
    record["authors"] = _authors(entry)
    record["year"] = year_of(_first(entry, "year", "publication_year", "date"))
    record["journal"] = _first(entry, "secondary_title", "journal_name", "alternate_title3", "alternate_title2", "alternate_title1")
    if not record["journal"] and clean(entry.get("type_of_reference")) == "THES":
        # A thesis's "journal" is its university (PB), as CNKI and Wanfang give it.
        record["journal"] = _first(entry, "publisher")
    record["volume"] = _first(entry, "volume")
    record["issue"] = _first(entry, "number")
    record["pages"] = pages_of(_first(entry, "start_page"), _first(entry, "end_page"))
    record["doi"] = doi_of(_first(entry, "doi")) or next((doi_of(u) for u in entry.get("urls", []) or [] if "doi.org/" in u), "")
    record["pmid"] = _pmid(entry)
    record["abstract"] = _first(entry, "abstract", "notes_abstract")
    record["language"] = language_code(_first(entry, "language"))
    return record


def read_ris(text: str, path=None) -> list:
    """Records of a RIS export.

    Parameters
    ----------
    text : str
        The decoded file (see :func:`~alereview.search.exports.encoding.decode`).
    path : str or Path, optional
        For error messages.
    """
    expected = check_structure(text, path)
    entries = rispy.loads(text, skip_unknown_tags=False)
    if len(entries) != expected:
        raise InputError(f"rispy read {len(entries)} records where the file holds {expected}", path=path)
    return [record_from_ris(entry) for entry in entries]
