"""Records in comparable form: every field normalised once, before any comparison.

:class:`NormRecord` holds what blocking, scoring and the rules read; building it is the only
place where the normalisers of :mod:`alereview.dedup.normalize` are applied.
"""

from __future__ import annotations

import re

from alereview.dedup.generic import mark_generic
from alereview.dedup.names import has_cjk_names, latin_authors
from alereview.dedup.normalize import (
    expand_pages,
    is_cjk,
    journal_alternatives,
    journal_words,
    normalize_doi,
    normalize_journal,
    normalize_title,
    normalize_volume,
    normalize_year,
    page_starts,
    title_parts,
)
from alereview.dedup.people import parse_people


def _int_or_none(text: str):
    return int(text) if text.isascii() and text.isdigit() else None  # "²".isdigit() is True


class NormRecord:
    """The comparable form of one record (built once, compared many times).

    Attributes are the normalised fields: ``title``, ``cjk`` (title in Chinese/Japanese/
    Korean), ``year`` (int or None), ``authors`` (``(surname, initial)`` tuples),
    ``journal``, ``journal_words``, ``volume``, ``issue``, ``first_page``, ``pages``, ``doi``,
    ``pmid``; ``author_details`` (``(initials, given name)`` beside each author),
    ``author_groups`` and ``group_only`` (:mod:`~alereview.dedup.people`); ``cjk_names`` (authors written in characters) and ``latin_authors`` (the same
    with pinyin surnames, :mod:`~alereview.dedup.names`); ``generic`` (a recurring generic
    title, :mod:`~alereview.dedup.generic`; set by :func:`prepare`).
    """

    __slots__ = (
        "index",
        "record_id",
        "source",
        "title",
        "title_parts",
        "cjk",
        "year",
        "authors",
        "journal",
        "journal_words",
        "journal_alts",
        "volume",
        "issue",
        "first_page",
        "pages",
        "page_starts",
        "doi",
        "pmid",
        "cjk_names",
        "latin_authors",
        "generic",
        "author_details",
        "author_groups",
        "group_only",
        "title_topic",
    )

    def __init__(self, index, row: dict):
        self.index = index
        self.record_id = row.get("record_id", "")
        self.source = row.get("source", "")
        raw_title = row.get("title", "")
        self.title = normalize_title(raw_title)
        self.title_parts = title_parts(raw_title)
        self.cjk = is_cjk(self.title)
        self.year = _int_or_none(normalize_year(row.get("year", "")))
        people = parse_people(row.get("authors", ""))
        self.authors, self.author_details = people.names, people.details
        self.author_groups, self.group_only = people.groups, people.group_only
        self.cjk_names = has_cjk_names(self.authors)
        self.latin_authors = latin_authors(self.authors) if self.cjk_names else self.authors
        self.journal = normalize_journal(row.get("journal", ""))
        self.journal_words = journal_words(self.journal)
        self.journal_alts = tuple((alt, journal_words(alt)) for alt in journal_alternatives(row.get("journal", "")))
        self.volume = normalize_volume(row.get("volume", ""))
        self.issue = normalize_volume(row.get("issue", ""))
        self.first_page, self.pages = expand_pages(row.get("pages", ""))
        self.page_starts = page_starts(row.get("pages", ""))
        self.doi = normalize_doi(row.get("doi", ""))
        pmid = re.sub(r"\D", "", str(row.get("pmid", "") or ""))
        self.pmid = pmid.lstrip("0")
        self.generic = False
        self.title_topic = ""


def prepare(rows) -> list[NormRecord]:
    """Normalise every record (``rows``: dicts with the columns of ``records.tsv``) and mark
    the generic titles (a title is generic also when it recurs among these records)."""
    records = [NormRecord(index, row) for index, row in enumerate(rows)]
    mark_generic(records)
    return records
