"""Generic titles: "Editorial", "Reply", "Erratum", ... recur issue after issue.

Two records titled "Editorial" by the same editor in the same journal are as often two
editorials as one; their title and authors say nothing, only the citation can. A title is
*generic* when

* every word of it is a word of such recurring items (:data:`GENERIC_WORDS`: "editorial",
  "reply", "erratum", "corrigendum", "preface", "book review", "letter to the editor",
  "in this issue", ...), or
* it opens with the heading of an editorial item (:data:`HEADING`): "Introduction to the
  minitrack on ...", "Introduction to the special issue on ...", "Remarks from the editor",
  "Message from the president", "From the editor-in-chief": one such item each issue or
  each year, its topic (the rest of the title, :func:`title_topic`) often the same, or
* it is short (at most :data:`RECURRING_MAX_WORDS` words) and *recurs* in the records being
  deduplicated: found in at least :data:`RECURRING_MIN_RECORDS` records that cite at least
  two different places (two different first pages, or two different volumes; a field
  missing in one copy is not another place). This is learnt from each run's own data, so
  a journal's own recurring heading ("Highlights", "Clinical images") is caught too.

The decision rules (:mod:`~alereview.dedup.rules`) then ask for the citation: a different DOI,
volume, issue, first page or year splits the pair; the same volume and first page (and no
contradiction) joins it; a headed title with a topic (a minitrack's introduction) is also
joined by the same year, first author and venue when nothing differs.

Examples
--------
>>> is_generic_title("letter to the editor")
True
>>> is_generic_title("reply to smith et al")
False
"""

from __future__ import annotations

import re
from collections import defaultdict

GENERIC_WORDS = frozenset(
    """
    editorial editorials editor editors editor's introduction introductory letter letters to the from of a an
    and in on for this issue issues reply replies response responses author authors s erratum errata corrigendum
    corrigenda correction corrections preface foreword forward book books review reviews reviewed commentary
    comment comments retraction retracted notice note notes news obituary announcement announcements
    acknowledgment acknowledgement acknowledgments acknowledgements reviewer reviewers index contents table
    abstracts abstract highlights guest invited discussion proceedings message president presidential calendar
    events correspondence reader readers summary overview perspective perspectives viewpoint remarks welcome
    expression concern addendum re update updates information instructions volume year new report reports
    conference meeting annual society news column correct incorrect
    编者按 勘误 更正 卷首语 编后语 前言 书评 致读者
    """.split()
)
_ITEMS = (
    r"minitrack|mini track|track|special (?:issue|section|theme|topic|focus|collection)|theme issue|focus issue|"
    r"symposium|mini symposium|workshop|session|panel|forum|section|issue|volume|supplement|cluster"
)
_ROLES = r"editors in chief|editor in chief|editors|editor|president|chairman|chairs|chair|guest editors?|publisher|dean"
#: Headings of editorial items, on normalised titles (lower case, punctuation as spaces).
HEADING = re.compile(
    r"^(?:(?:an? |the )?(?:introduction|preface|foreword|overview|editorial|guest editorial|welcome|"
    r"editor s (?:note|introduction|preface|comments?|remarks))"
    rf" (?:to|of|for|on) (?:the |this )?(?:\w+ )?(?:{_ITEMS})\b"
    r"|(?:an? |the )?(?:remarks|message|messages|note|notes|letter|comments?|words?|report|greetings?) (?:from|of|by) the "
    rf"(?:\w+ )?(?:{_ROLES})\b"
    rf"|from the (?:\w+ )?(?:{_ROLES})\b)"
)
RECURRING_MAX_WORDS = 6
RECURRING_MIN_RECORDS = 3


def is_generic_title(title_norm: str) -> bool:
    """True when every word of the normalised title is a word of recurring items."""
    words = title_norm.split()
    if not words:
        return False
    return all(word in GENERIC_WORDS for word in words) or title_norm in GENERIC_WORDS


def title_topic(title_norm: str) -> str | None:
    """The rest of a title that opens with an editorial heading (:data:`HEADING`), ``""`` when
    nothing follows it; ``None`` when the title has no such heading.

    Examples
    --------
    >>> title_topic("introduction to the minitrack on crowdsourcing and the gig economy")
    'on crowdsourcing and the gig economy'
    >>> title_topic("remarks from the editor")
    ''
    >>> title_topic("editorial decisions in neuroimaging journals") is None
    True
    """
    match = HEADING.match(title_norm)
    return title_norm[match.end() :].strip() if match else None


def recurring_titles(records) -> frozenset:
    """Short normalised titles that recur at different places among ``records`` (NormRecords)."""
    pages, volumes = defaultdict(set), defaultdict(set)
    counts = defaultdict(int)
    for rec in records:
        if rec.title and not rec.cjk and len(rec.title.split()) <= RECURRING_MAX_WORDS:
            counts[rec.title] += 1
            if rec.first_page:
                pages[rec.title].add(rec.first_page)
            if rec.volume:
                volumes[rec.title].add(rec.volume)
    # Two first pages, or two volumes, that are given and differ: a field merely missing in
    # one copy of a record is not another place.
    return frozenset(
        title for title, n in counts.items() if n >= RECURRING_MIN_RECORDS and (len(pages[title]) >= 2 or len(volumes[title]) >= 2)
    )


def mark_generic(records) -> int:
    """Set ``generic`` on every record whose title is generic, headed or recurring (and
    ``title_topic``, the rest of a headed title); return how many."""
    recurring = recurring_titles(records)
    marked = 0
    for rec in records:
        topic = title_topic(rec.title) if rec.title and not rec.cjk else None
        rec.title_topic = topic or ""
        rec.generic = bool(rec.title) and (is_generic_title(rec.title) or rec.title in recurring or topic is not None)
        marked += rec.generic
    return marked
