"""The decision rules: is a scored pair the same record, different, or for a human to judge?

Rules are tried in order; the first that applies decides, and its name is written beside the
pair in ``clusters.tsv`` so that every merge can be explained. ``t`` is the title score.

Identifiers
    ``doi``      same DOI and titles agree (t >= ``title_grey``) or one is the other cut at a
                 word boundary (at its colon), or a title is missing, or
                 the titles are in different scripts (a Chinese article's Chinese and English
                 records) with years within ``max_year_gap`` and no page conflict.
    ``pmid``     same PMID, same conditions.
    ``id_title_conflict`` (uncertain) same DOI/PMID but titles that differ (an erratum, a
                 garbled title); ``shared_id`` (different) when t < ``shared_id_title``: a
                 supplement's DOI given to each of its abstracts.
Contradictions (evidence against, even when titles agree; :func:`contradictions`)
    strong: a DOI mismatch (two DOIs: preprint and article, erratum, or two papers: at most
    uncertain, unless everything else agrees: ``full_agreement``), a PMID mismatch, years more than
    ``max_year_gap`` apart, different first pages, different numbers in the titles (Part II /
    Part III, Phase I/II / Phase II), a year apart *and* in different volumes (a conference
    abstract and the later article), a year apart *and* at differently named venues one of
    which is a conference (``venue_year``: a paper at two conferences in two years). Soft, outweighed when the venue otherwise agrees:
    different volumes, clearly different journals (score < ``journal_different``), different
    author lists. Conference abstracts published under one title in two journals stay apart.
``title_authors``
    t >= ``title_same``, years within ``max_year_gap``, authors agree (first author or
    >= ``authors_same`` of the shorter list) or, missing on one side, another field agrees
    (pages, volume or journal) or the titles are identical; and no contradiction.
``full_citation``
    t >= ``title_same``, same year, volume and full page range (first and last page, or the
    article number), no different issue, no strong contradiction, not a generic title:
    the authors need not agree (garbled lists: :mod:`~alereview.dedup.citation`).
``reprint``
    a title of 40 characters or more with t >= ``full_agreement_title``, the same first
    author and authors (>= ``authors_same``), journal, volume and year, and only the issue
    or the first page different: the article printed again in a later issue.
``venue_conflict``
    only the venue's name differs: t >= ``title_same``, same year, first author and authors
    agree, and both venues are conferences or both journals (a journal conflict alone does
    not split).
``title_venue``
    t >= ``title_venue``, same year, authors do not differ, and the venue agrees: same first
    page, or same volume and journal.
``cjk_title`` (Chinese, Japanese, Korean titles)
    t >= ``cjk_title_same`` (default: identical after normalisation), years within the gap, no
    contradiction, and one more agreeing field (first author, first page, or journal). Titles
    that differ by one character (针刺 vs 电针) are different studies as often as not: at most
    uncertain (``cjk_title_grey``), and different when the first pages, years or issues differ.
``cross_language``
    A Chinese and an English title of one article (without a shared DOI): same year, volume
    and full page range (or article number), no different issue, no contradiction, and the
    volume or the first author (names in characters read as pinyin surnames) agreeing.
    Uncertain otherwise; journal names are not compared across scripts.
``full_agreement``
    only the first pages differ, and everything else agrees: t >= ``full_agreement_title``,
    first author, authors >= ``full_agreement_authors``, volume (or, when one record is
    paginated from 1 as online-first articles are, no different volume), journal, year, no
    different issue. Or only the DOIs differ (a title of 40 characters or more, the same first page,
    no different volume): the DOI of another record attached to one export.
``review_id``
    only the years differ, titles and authors agree, and the pages are the same Cochrane
    review number (CD...), which survives the review's updates.
``generic_citation`` (generic titles: Editorial, Reply, Erratum, ...; :mod:`~alereview.dedup.generic`;
    tried before every rule but the identifiers)
    t >= ``title_grey``, the same volume and first page, and no field of the citation
    different: DOI, PMID, volume, issue, first page, year (beyond ``max_year_gap``), first
    author or journal. Any of those different: ``generic_split:<fields>`` (different);
    the same first page or volume but not both, or the same year and issue:
    ``generic_grey`` (uncertain); a headed title with a topic of two words or more
    ("Introduction to the minitrack on ...") and t >= ``title_same``, the same year, first
    author and venue, nothing different: ``generic_topic`` (same);
    nothing of the citation to compare: ``generic_no_citation`` (different).
``citation``
    same year, volume and full page range (a real range, or an article number e0123), no
    different issue, and the same first author with
    >= ``citation_authors`` of the authors (or, without authors, the same journal and
    t >= ``citation_title``): one article under two titles (original and translation).
Uncertain (to ``uncertain_pairs.tsv``)
    t >= ``title_grey`` with at most one strong and two contradictions in all (not different
    pages or ids *and* different authors or issue), or too little
    agreement, or a CJK pair with t >= ``cjk_title_grey``. ``different`` otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alereview.dedup.citation import full_citation, reprint, same_place, title_prefix, venue_only_conflict, venue_year_conflict
from alereview.dedup.prepare import NormRecord
from alereview.dedup.scoring import PairScores

SAME, UNCERTAIN, DIFFERENT = "same", "uncertain", "different"

# Rule strength: when a record is joined to its cluster by several pairs, the strongest
# rule is reported (and union-find processes stronger pairs first).
RULE_ORDER = (
    "manual",
    "doi",
    "pmid",
    "title_authors",
    "cjk_title",
    "title_venue",
    "generic_citation",
    "generic_topic",
    "full_citation",
    "venue_conflict",
    "full_agreement",
    "reprint",
    "review_id",
    "citation",
    "cross_language",
)


@dataclass(frozen=True)
class Thresholds:
    """Thresholds of the decision rules (``dedup.thresholds`` in the config)."""

    title_same: float = 0.95
    title_venue: float = 0.90
    title_grey: float = 0.80
    authors_same: float = 0.70
    journal_different: float = 0.50
    cjk_title_same: float = 1.0
    cjk_title_grey: float = 0.90
    max_year_gap: int = 1
    citation_authors: float = 0.8
    shared_id_title: float = 0.6
    citation_title: float = 0.6
    full_agreement_title: float = 0.98
    full_agreement_authors: float = 0.9

    @property
    def lowest_title(self) -> float:
        """Below this title score (and without shared ids or citation) no rule says same."""
        return min(self.title_grey, self.cjk_title_grey, self.citation_title, self.shared_id_title)

    @classmethod
    def from_config(cls, values: dict | None) -> Thresholds:
        """Thresholds with the config's values replacing the defaults."""
        return cls(**(values or {}))


def contradictions(s: PairScores, limits: Thresholds) -> tuple[list[str], list[str]]:
    """Fields that speak against the pair being one record: ``(strong, soft)``.

    Strong: DOI or PMID mismatch, a year gap, different first pages, different numbers in
    the titles, or a year apart and in different volumes. Soft (exports garble these
    often: a supplement number as volume, a translated journal title): volume, journal, and
    author lists that differ in the first author and most others.
    """
    strong, soft = [], []
    if s.doi == 0:
        strong.append("doi")
    if s.pmid == 0:
        strong.append("pmid")
    if s.year_diff is not None and s.year_diff > limits.max_year_gap:
        strong.append("year")
    if s.pages == 0:
        strong.append("pages")
    if s.numbers == 0 and s.pages != 1:
        # (Parts I and II of a paper have different pages; on the same page, a number lost
        # in the markup of a formula, "alpha(v)beta(3)", is the likelier explanation.)
        strong.append("numbers")
    if s.year_diff and s.volume == 0:
        # A conference abstract and the article that followed it a year later.
        strong.append("year_volume")
    if s.volume == 0:
        soft.append("volume")
    if s.journal is not None and s.journal < limits.journal_different:
        soft.append("journal")
    if s.first_author == 0 and (s.authors is not None and s.authors < limits.authors_same):
        soft.append("authors")
    return strong, soft


def _authors_agree(s: PairScores, limits: Thresholds) -> bool:
    if s.authors is None:
        # No authors to compare: another field must agree, or the titles be identical.
        venue = s.pages == 1 or s.volume == 1 or (s.journal is not None and s.journal >= 0.9)
        return venue or (s.title is not None and s.title >= 0.99)
    return s.first_author == 1 or s.authors >= limits.authors_same


def _soft_explained(s: PairScores, soft: list[str]) -> bool:
    """A soft contradiction is outweighed by the venue agreeing otherwise: the same pages,
    or the same volume (for a journal title written differently), or the same journal (for
    a garbled volume)."""
    if not soft or (s.pages == 1 and "authors" not in soft):
        return True
    if soft == ["journal"]:
        return s.volume == 1
    if soft == ["volume"]:
        return s.journal is not None and s.journal >= 0.9
    return False


def _shared_id(s: PairScores, a: NormRecord, b: NormRecord, titles_agree: bool, limits: Thresholds) -> tuple[str, str]:
    # The same DOI or PMID: the titles decide whether it is one article.
    rule = "doi" if s.doi == 1 else "pmid"
    if (titles_agree or title_prefix(a, b)) and not s.cross_language:
        # (One title may be the other cut at its colon.)
        return SAME, rule
    if s.cross_language and (s.year_diff is None or s.year_diff <= limits.max_year_gap) and s.pages != 0:
        # The Chinese and the English record of one article share its DOI.
        return SAME, rule
    if s.title is not None and s.title < limits.shared_id_title:
        # A supplement's DOI given to each of its abstracts.
        return DIFFERENT, "shared_id"
    return UNCERTAIN, "id_title_conflict"


def decide(s: PairScores, a: NormRecord, b: NormRecord, limits: Thresholds = Thresholds()) -> tuple[str, str]:
    """The decision on one pair and the name of the rule that made it.

    Returns
    -------
    tuple of str
        ``(decision, rule)``, decision one of ``same``, ``uncertain``, ``different``.
    """
    t = s.title
    if s.partial:
        return DIFFERENT, "title"
    titles_agree = t is None or t >= limits.title_grey
    if s.doi == 1 or s.pmid == 1:
        return _shared_id(s, a, b, titles_agree, limits)
    strong, soft = contradictions(s, limits)
    if venue_year_conflict(s, a, b):
        # Proceedings carry no epub year: two years and two venues are two papers.
        strong.append("venue_year")
    if s.cross_language:
        # Journal and author names are not comparable across scripts (中国针灸 / Zhongguo Zhen Jiu).
        return _cross_language(s, a, b, strong + [f for f in soft if f == "volume"])
    if t is None:
        return DIFFERENT, "no_title"
    if s.generic and t >= limits.title_grey:
        return _generic(s, a, b, limits)
    authors_agree = _authors_agree(s, limits)
    explained = _soft_explained(s, soft)
    if a.cjk:
        if (
            t >= limits.cjk_title_same
            and not strong
            and "authors" not in soft
            and explained
            and (s.first_author == 1 or s.pages == 1 or (s.journal is not None and s.journal >= 0.9))
        ):
            return SAME, "cjk_title"
        if t >= limits.cjk_title_grey and not strong and s.issue != 0:
            return UNCERTAIN, "cjk_title_grey"
        return DIFFERENT, "cjk_title"
    if t >= limits.title_same and not strong and authors_agree and explained:
        return SAME, "title_authors"
    if full_citation(s, a, b, strong, limits.title_same):
        # Title, year, volume, first and last page: one article, whatever the authors say.
        return SAME, "full_citation"
    if venue_only_conflict(s, a, b, strong, soft, limits.title_same, limits.authors_same):
        return SAME, "venue_conflict"
    if strong == ["pages"] and _full_agreement(s, limits, volume=not _online_first(a, b)):
        return SAME, "full_agreement"
    if strong == ["doi"] and not soft and _full_agreement(s, limits, volume=False) and s.pages == 1 and len(a.title) >= 40:
        # Everything agrees, down to the first page, but a DOI: the DOI of another record
        # (a supplement's, a sister journal's) was attached to one export.
        return SAME, "full_agreement"
    if reprint(s, a, strong, soft, limits.full_agreement_title, limits.authors_same):
        return SAME, "reprint"
    if strong == ["year"] and t >= limits.title_same and authors_agree and _cochrane_id(a) and a.first_page == b.first_page:
        return SAME, "review_id"
    if (
        t >= limits.title_venue
        and s.year_diff in (0, None)
        and not strong
        and authors_agree
        and explained
        and (s.pages == 1 or (s.volume == 1 and s.journal is not None and s.journal >= 0.9))
    ):
        return SAME, "title_venue"
    if _same_citation(s, a, b, strong, limits):
        return SAME, "citation"
    if (
        t >= limits.title_grey
        and len(strong) <= 1
        and len(strong) + len(soft) <= 2
        and not (strong and ("authors" in soft or s.issue == 0))
    ):
        return UNCERTAIN, "grey:" + ("+".join(strong + soft) if strong or soft else "weak")
    return DIFFERENT, "title" if t < limits.title_grey else "contradictions"


def _full_agreement(s: PairScores, limits: Thresholds, volume: bool = True) -> bool:
    # Everything but the pages agrees: a typo in the pages, a supplement reprint, or the
    # English edition of a Chinese journal paginated on its own. (``volume=False``: a
    # missing volume is enough.)
    return (
        s.title >= limits.full_agreement_title
        and s.first_author == 1
        and s.authors is not None
        and s.authors >= limits.full_agreement_authors
        and (s.volume == 1 if volume else s.volume != 0)
        and s.journal is not None
        and s.journal >= 0.9
        and s.year_diff == 0
        and s.issue != 0
    )


def _online_first(a: NormRecord, b: NormRecord) -> bool:
    # An article online before print is paginated from 1 ("1-6"), and its record often has
    # no volume yet; the printed one starts further on.
    return (a.first_page == "1") != (b.first_page == "1")


def _cochrane_id(rec: NormRecord) -> bool:
    # Cochrane reviews keep their CD number across updated versions published years apart.
    return bool(re.fullmatch(r"cd\d{4,}", rec.first_page))


def _same_citation(s: PairScores, a: NormRecord, b: NormRecord, strong: list[str], limits: Thresholds) -> bool:
    # One article under two titles (an original and a translation, or two translations):
    # the same authors, year, volume and full page range leave no room for another article.
    if strong or s.year_diff != 0 or s.volume != 1 or s.pages != 1 or s.issue == 0 or not same_place(a, b):
        return False
    if s.authors is None:
        # Without authors, the journal and a title that still resembles must stand in.
        return s.journal is not None and s.journal >= 0.9 and s.title is not None and s.title >= limits.citation_title
    return s.first_author == 1 and s.authors >= limits.citation_authors


def _cross_language(s: PairScores, a: NormRecord, b: NormRecord, against: list[str]) -> tuple[str, str]:
    # Same article indexed with its Chinese title in one database and its English one in
    # another: the bibliographic coordinates, and the authors' surnames (names in characters
    # read in pinyin), tie them; a different issue or first author splits them.
    against = list(against)
    if s.issue == 0:
        against.append("issue")
    if s.first_author == 0 and s.authors is not None and s.authors < 0.5:
        against.append("authors")
    if against or s.year_diff != 0 or not same_place(a, b):
        return DIFFERENT, "cross_language"
    if s.volume == 1 or (s.first_author == 1 and s.authors is not None and s.authors >= 0.5):
        return SAME, "cross_language"
    return UNCERTAIN, "cross_language_grey"


def t_ge(s: PairScores, value: float) -> bool:
    """True when the title score is known and at least ``value``."""
    return s.title is not None and s.title >= value


def _generic(s: PairScores, a: NormRecord, b: NormRecord, limits: Thresholds) -> tuple[str, str]:
    # "Editorial", "Reply", "Erratum" by the same editor in the same journal, issue after
    # issue: title and authors prove nothing, the citation decides. Any field of it that
    # differs splits the pair; the same volume and first page join it; less is for a person
    # only when part of the citation agrees, else the records are kept apart.
    against = [name for name in ("doi", "pmid", "volume", "issue", "pages") if getattr(s, name) == 0]
    if s.year_diff is not None and s.year_diff > limits.max_year_gap:
        against.append("year")
    if s.first_author == 0:
        against.append("authors")
    if s.journal is not None and s.journal < limits.journal_different:
        against.append("journal")
    if against:
        return DIFFERENT, "generic_split:" + "+".join(against)
    if s.volume == 1 and s.pages == 1:
        return SAME, "generic_citation"
    if (
        a.title_topic
        and b.title_topic
        and len(a.title_topic.split()) >= 2
        and t_ge(s, limits.title_same)
        and s.year_diff == 0
        and s.first_author == 1
        and s.journal is not None
        and s.journal >= 0.9
    ):
        # A headed title with a topic (a minitrack's introduction): one a year at one venue.
        return SAME, "generic_topic"
    if s.pages == 1 or s.volume == 1 or (s.issue == 1 and s.year_diff == 0):
        return UNCERTAIN, "generic_grey"
    return DIFFERENT, "generic_no_citation"
