"""Similarity scores of a candidate pair, field by field, with rapidfuzz.

Each score is ``None`` when either record lacks the field: a missing field is no evidence
either way (the decision rules treat it so). Scores in [0, 1]:

``title``
    Indel similarity (``rapidfuzz.fuzz.ratio``) of the normalised titles. CJK titles are
    compared character by character (spaces removed), so two different Chinese titles that
    share most characters still score below the strict CJK thresholds of the rules. A CJK
    title against a Latin one (a translated title) scores ``None`` and sets ``cross_language``.
``authors``
    Share of the shorter author list (first 10) whose surname and first initial are found in
    the other list (Jaro-Winkler >= 0.92 on surnames); "et al." lists are shorter, not wrong.
    Names in Chinese characters against transliterated ones are compared by their pinyin
    surnames (:mod:`~alereview.dedup.names`). Initials in another order, surname and given
    name swapped, placeholders (``null``) and study groups are tolerated
    (:mod:`~alereview.dedup.people`); a list of groups against a list of people is unknown.
``first_author``
    1 when the first authors' surnames agree (Jaro-Winkler >= 0.92) and initials do not
    contradict, else 0.
``journal``
    1 when the titles are equal or one abbreviates the other word by word, else their
    token-sort similarity; unknown when one is in Chinese (Japanese, Korean) characters and
    the other in Latin letters.
``year_diff``
    Absolute difference of the years (epub and print years often differ by one).
``pages``, ``volume``, ``issue``, ``doi``, ``pmid``
    1 when equal, 0 when different (DOIs of a Cochrane review's versions are equal:
    :func:`review_doi`) (first pages compared without letter prefixes when the
    digits agree: ``e103114`` vs ``103114``; multi-range pages as sets of first pages).
``generic`` (a flag, not a score)
    True when either title is generic (:mod:`~alereview.dedup.generic`).
``numbers``
    0 when the titles differ in their numbers (digits, Roman numerals from II, number words):
    "Phase I/II" vs "Phase II", "Five-year" vs "Six-year follow-up" are different reports
    however similar the rest; 1 when the titles are not identical but their numbers agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import JaroWinkler

from alereview.dedup.normalize import is_cjk, journals_match
from alereview.dedup.people import same_person
from alereview.dedup.prepare import NormRecord

SURNAME_SIMILARITY = 0.92
MAX_AUTHORS = 10


@dataclass(frozen=True)
class PairScores:
    """The field scores of one pair (see the module docstring)."""

    title: float | None = None
    cross_language: bool = False
    authors: float | None = None
    first_author: int | None = None
    journal: float | None = None
    year_diff: int | None = None
    pages: int | None = None
    volume: int | None = None
    issue: int | None = None
    doi: int | None = None
    pmid: int | None = None
    numbers: int | None = None
    partial: bool = False
    generic: bool = False

    FIELDS = (
        "title",
        "authors",
        "first_author",
        "journal",
        "year_diff",
        "pages",
        "volume",
        "issue",
        "doi",
        "pmid",
        "numbers",
    )

    def as_row(self) -> dict:
        """The scores as text for a table: 3 decimals, empty when unknown."""
        row = {}
        for name in self.FIELDS:
            value = getattr(self, name)
            row[f"score_{name}"] = "" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))
        return row


def _same_surname(a: str, b: str) -> bool:
    return a == b or JaroWinkler.normalized_similarity(a, b) >= SURNAME_SIMILARITY


def _author_match(x, y) -> bool:
    return _same_surname(x[0], y[0]) and (not x[1] or not y[1] or x[1] == y[1])


def _robust_match(x, dx, y, dy) -> bool:
    # Initials in another order, surname and given name swapped (alereview.dedup.people).
    return same_person(x, dx, y, dy, _same_surname)


def author_scores(a, b, details_a=None, details_b=None) -> tuple[float | None, int | None]:
    """``(authors, first_author)`` scores of two ``(surname, initial)`` lists.

    With ``details_a`` and ``details_b`` (:func:`~alereview.dedup.people.parse_people`'s
    ``(initials, given name)`` beside each name), a name that does not match as written is
    also compared with initials in any order and surname and given name swapped.
    """
    if not a or not b:
        return None, None
    robust = details_a is not None and details_b is not None
    first = _author_match(a[0], b[0]) or (robust and _robust_match(a[0], details_a[0], b[0], details_b[0]))
    if len(a) <= len(b):
        short, long_, d_short, d_long = a, b, details_a, details_b
    else:
        short, long_, d_short, d_long = b, a, details_b, details_a
    short = short[:MAX_AUTHORS]
    long_ = long_[: MAX_AUTHORS * 3]
    exact = {name for name, _ in long_}
    found = 0
    for position, x in enumerate(short):
        # Exact surnames are the rule; Jaro-Winkler only for the spelling variants.
        as_written = (
            x[0] in exact
            and any(x[0] == y[0] and (not x[1] or not y[1] or x[1] == y[1]) for y in long_)
            or any(_author_match(x, y) for y in long_)
        )
        found += as_written or (robust and any(_robust_match(x, d_short[position], y, d_long[k]) for k, y in enumerate(long_)))
    return found / len(short), int(first)


def journal_score(a: NormRecord, b: NormRecord) -> float | None:
    """1 for equal or abbreviated-equal journal titles, else their token-sort similarity."""
    if not a.journal or not b.journal or is_cjk(a.journal) != is_cjk(b.journal):
        # 中国针灸 and Zhongguo Zhen Jiu cannot be compared letter by letter.
        return None
    best = 0.0
    for journal_a, words_a in a.journal_alts or ((a.journal, a.journal_words),):
        for journal_b, words_b in b.journal_alts or ((b.journal, b.journal_words),):
            if journal_a == journal_b or journals_match(words_a, words_b):
                return 1.0
            best = max(best, fuzz.token_sort_ratio(journal_a, journal_b) / 100.0)
    return best


MIN_PREFIX_CHARS = 40
PREFIX_SCORE = 0.9


def title_score(a: NormRecord, b: NormRecord) -> float:
    """Similarity of two titles: the best of the whole titles, their language parts, and
    a truncation credit (``PREFIX_SCORE``) when one title is the other without its subtitle."""
    score = fuzz.ratio(a.title, b.title) / 100.0
    if score >= 0.97:
        return score
    if a.title_parts or b.title_parts:
        for x in a.title_parts or (a.title,):
            for y in b.title_parts or (b.title,):
                score = max(score, fuzz.ratio(x, y) / 100.0)
    short, long_ = sorted((a.title, b.title), key=len)
    if not a.cjk and len(short) >= MIN_PREFIX_CHARS and long_.startswith(short) and long_[len(short)] == " ":
        score = max(score, PREFIX_SCORE)
    return score


_NUMBER_WORDS = frozenset(
    "ii iii iv vi vii viii ix xi xii one two three four five six seven eight nine ten "
    "eleven twelve first second third fourth fifth sixth seventh eighth ninth tenth".split()
)


def title_numbers(title: str) -> tuple[str, ...]:
    """The numbers of a normalised title, sorted (digits, Roman numerals, number words)."""
    return tuple(sorted(w for w in title.split() if w.isdigit() or w in _NUMBER_WORDS))


def numbers_score(a: NormRecord, b: NormRecord) -> int | None:
    """0 when two (non-identical, non-CJK) titles differ in their numbers, else 1."""
    if not a.title or not b.title or a.title == b.title or a.cjk or b.cjk:
        return None
    short, long_ = sorted((a.title, b.title), key=len)
    numbers_short, numbers_long = title_numbers(short), title_numbers(long_)
    if long_.startswith(short):
        # A truncated title only lacks numbers; it cannot contradict the full one.
        numbers_long = title_numbers(long_[: len(short)])
    return int(numbers_short == numbers_long)


def _page_digits(page: str) -> str:
    return page.lstrip("abcdefghijklmnopqrstuvwxyz")


def pages_score(a: NormRecord, b: NormRecord) -> int | None:
    """1 when the first pages agree, 0 when not (end pages are too often garbled to count:
    ``119-27; quiz 128`` is ``119-128`` elsewhere)."""
    if not a.first_page or not b.first_page:
        return None
    if a.first_page == b.first_page or _page_digits(a.first_page) == _page_digits(b.first_page):
        return 1
    # Articles printed in several parts list their ranges in any order.
    return int(bool(a.page_starts) and a.page_starts == b.page_starts)


_COCHRANE_VERSION = re.compile(r"^(10\.1002/14651858\.cd\d+)(?:\.pub\d+)?$")


def review_doi(doi: str) -> str:
    """A DOI without the version of a Cochrane review (``.pub2``, ``.pub3``): the versions of
    one review are one record, as the review number (CD...) says.

    Examples
    --------
    >>> review_doi("10.1002/14651858.cd002273.pub3")
    '10.1002/14651858.cd002273'
    """
    match = _COCHRANE_VERSION.match(doi or "")
    return match.group(1) if match else doi


def _equal_or_none(x, y) -> int | None:
    if not x or not y:
        return None
    return int(x == y)


def score_pair(a: NormRecord, b: NormRecord, low_title: float = 0.0) -> PairScores:
    """Compare two normalised records field by field.

    With ``low_title`` > 0, a pair whose titles score below it, with no shared identifier
    and not the same volume and pages, is returned with ``partial=True`` and without the
    (costlier) author and journal scores: no rule can call it the same.
    """
    cross = bool(a.title and b.title and a.cjk != b.cjk)
    if not a.title or not b.title or cross:
        title = None
    else:
        title = title_score(a, b)
    year_diff = abs(a.year - b.year) if a.year is not None and b.year is not None else None
    pages, volume = pages_score(a, b), _equal_or_none(a.volume, b.volume)
    doi, pmid = _equal_or_none(review_doi(a.doi), review_doi(b.doi)), _equal_or_none(a.pmid, b.pmid)
    if title is not None and title < low_title and doi != 1 and pmid != 1 and not (pages == 1 and volume == 1):
        return PairScores(
            title=title, year_diff=year_diff, pages=pages, volume=volume, doi=doi, pmid=pmid, partial=True, generic=a.generic or b.generic
        )
    if a.group_only != b.group_only:
        # A study group against its members: no evidence either way.
        authors, first_author = None, None
    elif a.cjk_names == b.cjk_names:
        authors, first_author = author_scores(a.authors, b.authors, a.author_details, b.author_details)
    else:
        authors, first_author = author_scores(a.latin_authors, b.latin_authors)
    return PairScores(
        title=title,
        cross_language=cross,
        authors=authors,
        first_author=first_author,
        journal=journal_score(a, b),
        year_diff=year_diff,
        pages=pages,
        volume=volume,
        issue=_equal_or_none(a.issue, b.issue),
        doi=doi,
        pmid=pmid,
        numbers=numbers_score(a, b),
        generic=a.generic or b.generic,
    )
