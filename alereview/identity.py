"""Stable identities of bibliographic records, that survive re-runs and search updates.

Screening decisions, the study table and search updates refer to records by these keys, never
by row numbers: ``doi:<normalised DOI>``, else ``pmid:<PMID>``, else ``ti:<hash>`` of the
normalised title, year and first author's surname.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata

_TAG = re.compile(r"<[^>]+>")
_DOI_PREFIX = re.compile(r"^(?:https?://)?(?:dx\.)?(?:doi\.org/)?(?:doi:\s*)?", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalize_text(text) -> str:
    """Lower-case, entity- and markup-free, diacritic-free text with single spaces.

    CJK characters are kept as they are (they carry the meaning); punctuation of every script
    becomes a space.

    Examples
    --------
    >>> normalize_text("Reading &amp; <i>fMRI</i>: Café-study")
    'reading fmri cafe study'
    """
    if text is None:
        return ""
    text = html.unescape(str(text))
    text = _TAG.sub(" ", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _NON_WORD.sub(" ", text.lower()).replace("_", " ")
    return " ".join(text.split())


def normalize_doi(doi) -> str:
    """Return a DOI without URL or ``doi:`` prefix, percent-escaped brackets decoded, lower-case.

    Examples
    --------
    >>> normalize_doi("https://doi.org/10.1016/J.NEUROIMAGE.2021.118436")
    '10.1016/j.neuroimage.2021.118436'
    """
    if doi is None:
        return ""
    doi = str(doi).strip()
    doi = _DOI_PREFIX.sub("", doi)
    doi = doi.replace("%28", "(").replace("%29", ")").replace("%2F", "/").replace("%2f", "/")
    doi = doi.strip().rstrip(".").lower()
    return doi if doi.startswith("10.") else ""


def first_author_surname(authors) -> str:
    """Normalised surname of the first author in ``"Surname, Initials; ..."`` form."""
    if not authors:
        return ""
    first = str(authors).split(";")[0]
    surname = first.split(",")[0]
    return normalize_text(surname)


def record_key(doi="", pmid="", title="", year="", authors="") -> str:
    """The stable identity of a record.

    Parameters
    ----------
    doi, pmid, title, year, authors : str
        Fields of the record (``authors`` as ``"Surname, I.; Surname, I."``).

    Returns
    -------
    str
        ``doi:...``, ``pmid:...`` or ``ti:<12 hex digits>``.

    Examples
    --------
    >>> record_key(doi="DOI: 10.1000/ABC")
    'doi:10.1000/abc'
    >>> record_key(pmid=" 123 ")
    'pmid:123'
    """
    doi = normalize_doi(doi)
    if doi:
        return f"doi:{doi}"
    pmid = str(pmid or "").strip()
    if pmid:
        return f"pmid:{pmid}"
    return title_key(normalize_text(title), year, first_author_surname(authors))


def title_key(normalised_title, year, surname) -> str:
    """The ``ti:`` key of a record without DOI and PMID, from its already normalised parts.

    Parameters
    ----------
    normalised_title : str
        :func:`normalize_text` of the title.
    year : str
    surname : str
        :func:`first_author_surname` of the authors (or a variant of it).
    """
    basis = "|".join([normalised_title, str(year or "").strip(), surname])
    return "ti:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
