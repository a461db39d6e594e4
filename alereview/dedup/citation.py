"""Rules that read the citation when a title, an author list or a venue name is garbled.

Predicates used by :func:`alereview.dedup.rules.decide` (they decide nothing alone):

:func:`same_place`
    The same full page range (a real range, or an article number ``e0123``): one place in
    a volume.
:func:`full_citation`
    Title, year, volume, first and last page agree, no issue or strong field differs: one
    article, whatever its author list says (``Wu, Ching-yi`` / ``Ching-yi, Wu``, a surname
    ``null``, a study group, initials in another order, a list cut short).
:func:`reprint`
    A long title, the same authors, journal, volume and year, but another issue or first
    page: the article printed again later in the volume (or its record given another
    issue). Generic and headed titles never qualify: "Remarks from the Editor" in two issues
    of one volume are two items (:mod:`~alereview.dedup.generic` decides those).
:func:`venue_only_conflict`
    Title, authors and year agree and only the venue's name differs ("Americas Conference on
    Information Systems" / "AMCIS 2017 Proceedings"): the name alone is not enough to split,
    unless one venue is a conference and the other a journal (a conference paper and its
    journal version are two records).
:func:`title_prefix`
    One title is the other cut at a word boundary (at the colon: ``How to conduct reviews``
    / ``How to conduct reviews: a guide in 6 steps``): with the same DOI, one article.
:func:`venue_year_conflict`
    Years differ and so do the venues, one of them a conference: a paper presented at two
    conferences in two years, or a conference paper and its later journal version. Strong
    evidence against (proceedings carry no epub year).
"""

from __future__ import annotations

import re

from alereview.dedup.prepare import NormRecord
from alereview.dedup.scoring import PairScores

# Venue words of proceedings (on normalised journal titles).
_CONFERENCE = re.compile(
    r"\b(?:proceedings|proc|conference|conf|symposium|workshop|congress|colloquium|meeting|amcis|icis|ecis|pacis|hicss)\b"
)
#: A reprinted article's title is at least this long (short titles recur: columns, headings).
REPRINT_MIN_CHARS = 40
#: A title cut short keeps at least this many words.
PREFIX_MIN_WORDS = 3


def is_conference(journal_norm: str) -> bool:
    """True when a normalised venue name is a conference's (proceedings, symposium, ...)."""
    return bool(journal_norm) and bool(_CONFERENCE.search(journal_norm))


def same_place(a: NormRecord, b: NormRecord) -> bool:
    """The same full page range, or the same article number (e0123): one place in a volume."""
    if not a.pages or a.pages != b.pages:
        return False
    return "-" in a.pages or bool(re.fullmatch(r"e\d+", a.first_page))


def full_citation(s: PairScores, a: NormRecord, b: NormRecord, strong: list, title_same: float) -> bool:
    """Title (>= ``title_same``), year, volume and full page range agree, nothing strong or
    the issue differs, and the title is not generic: the authors need not agree."""
    return (
        not s.generic
        and s.title is not None
        and s.title >= title_same
        and not strong
        and s.year_diff == 0
        and s.volume == 1
        and s.pages == 1
        and s.issue != 0
        and same_place(a, b)
    )


def reprint(s: PairScores, a: NormRecord, strong: list, soft: list, title: float, authors_same: float) -> bool:
    """A long, non-generic title (>= ``title``), the same first author and authors
    (>= ``authors_same``), journal, volume and year, and only the issue or the first page
    differing."""
    return (
        not s.generic
        and set(strong) <= {"pages"}
        and not soft
        and s.title is not None
        and s.title >= title
        and len(a.title) >= REPRINT_MIN_CHARS
        and s.first_author == 1
        and s.authors is not None
        and s.authors >= authors_same
        and s.volume == 1
        and s.journal is not None
        and s.journal >= 0.9
        and s.year_diff == 0
        and (s.issue == 0 or s.pages == 0)
    )


def venue_only_conflict(
    s: PairScores, a: NormRecord, b: NormRecord, strong: list, soft: list, title_same: float, authors_same: float
) -> bool:
    """Only the venue's name differs: title (>= ``title_same``), year, first author and
    authors (>= ``authors_same``) agree, and both venues are conferences or both journals."""
    return (
        not strong
        and soft == ["journal"]
        and s.title is not None
        and s.title >= title_same
        and s.year_diff == 0
        and s.first_author == 1
        and s.authors is not None
        and s.authors >= authors_same
        and s.numbers != 0
        and is_conference(a.journal) == is_conference(b.journal)
    )


def title_prefix(a: NormRecord, b: NormRecord) -> bool:
    """One (non-CJK) title is the other cut at a word boundary, keeping at least
    :data:`PREFIX_MIN_WORDS` words."""
    if a.cjk or b.cjk or not a.title or not b.title:
        return False
    short, long_ = sorted((a.title, b.title), key=len)
    return len(short) < len(long_) and len(short.split()) >= PREFIX_MIN_WORDS and long_.startswith(short) and long_[len(short)] == " "


def venue_year_conflict(s: PairScores, a: NormRecord, b: NormRecord) -> bool:
    """Different years and differently named venues, at least one of them a conference."""
    return bool(s.year_diff) and s.journal is not None and s.journal < 0.9 and (is_conference(a.journal) or is_conference(b.journal))
