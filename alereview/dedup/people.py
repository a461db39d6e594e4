"""Author lists read robustly, and two authors compared despite the ways exports garble them.

The same author list reaches the records in forms that :func:`~alereview.dedup.normalize.parse_authors`
alone reads as different people:

* surname and given name swapped (``Wu, Ching-yi`` / ``Ching-yi, Wu``): two names are the
  same person when each one's surname is the other's given name;
* a placeholder for a missing part (``null, Ching-yi Wu``, ``Wu, null``): read without it
  (:data:`~alereview.dedup.normalize.NULL_NAMES`);
* a study group as an author (``ACCORD Study Group; Gerstein, H. C.`` / ``Gerstein, H. C.``):
  groups (:func:`is_group`) are set apart from the people; a list of groups only is compared
  with another list of groups only, and is no evidence either way against a list of people;
* initials in another order (``Smith, J. A.`` / ``Smith, A. J.``): the same surname with any
  initial in common.

Examples
--------
>>> people = parse_people("ACCORD Study Group; null, Ching-yi Wu; Smith JA")
>>> people.names, people.groups
((('wu', 'c'), ('smith', 'j')), ('accordstudygroup',))
>>> same_person(("wu", "c"), people.details[0], ("chingyi", "w"), (("w",), "wu"))
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from alereview.dedup.normalize import clean_markup, normalize_text, parse_name, split_author_list

# Words of collective authors ("ACCORD Study Group", "NICE Guideline Development Committee").
_GROUP = re.compile(
    r"\b(?:group|groups|consortium|collaborat\w*|investigators?|committee|trialists|network|society|association|"
    r"team|council|task\s+force|working\s+party|study|studies|program|programme|initiative|foundation|institute|"
    r"organi[sz]ation|alliance|registry|panel|board|writing|centre|center|department|university|hospital)\b",
    re.IGNORECASE,
)
_NO_AUTHOR = frozenset({"", "na", "nan", "none", "anonymous", "[anonymous]"})


class People(NamedTuple):
    """An author list: ``names`` as ``(surname, first initial)``; ``details`` beside each name:
    ``(initials, given name)`` (every initial, and the given names joined without spaces);
    ``groups`` the collective authors; ``group_only`` when the list names groups and no one."""

    names: tuple
    details: tuple
    groups: tuple
    group_only: bool


def is_group(name: str) -> bool:
    """True when one author's name is a collective author: two words or more, one of them a
    word of organisations (group, consortium, investigators, committee, ...)."""
    text = clean_markup(name)
    return len(text.split()) >= 2 and bool(_GROUP.search(text))


def parse_people(authors) -> People:
    """The people and groups of an author list (any form :func:`~alereview.dedup.normalize.parse_authors`
    accepts).

    When the list names groups only, ``names`` holds the groups (surname = the group's
    words joined, no initial), so that two records of one group's report still compare.
    """
    return _parse_cached(str(authors).strip() if authors else "")


@lru_cache(maxsize=65536)
def _parse_cached(text: str) -> People:
    if text.lower() in _NO_AUTHOR:
        return People((), (), (), False)
    names, details, groups = [], [], []
    for piece in split_author_list(text):
        if is_group(piece) and "," not in piece.strip().rstrip(","):
            groups.append(normalize_text(piece).replace(" ", ""))
            continue
        parsed = parse_name(piece)
        if parsed is None:
            continue
        surname, given = parsed
        words = given.split()
        names.append((surname, given[:1]))
        details.append((tuple(w[0] for w in words), "".join(words)))
    groups = [g for g in groups if g]
    if not names and groups:
        return People(tuple((g, "") for g in groups), tuple(((), "") for _ in groups), tuple(groups), True)
    return People(tuple(names), tuple(details), tuple(groups), False)


def same_person(x, dx, y, dy, same_surname=None) -> bool:
    """True when two parsed authors can be one person: the same surname and compatible
    initials (any initial in common, or one side without), or surname and given name swapped.

    Parameters
    ----------
    x, y : tuple
        ``(surname, first initial)``.
    dx, dy : tuple
        Their ``(initials, given name)`` details.
    same_surname : callable, optional
        How two surnames are compared (default: equality).
    """
    equal = same_surname or (lambda p, q: p == q)
    if equal(x[0], y[0]):
        if not x[1] or not y[1] or x[1] == y[1]:
            return True
        return bool(set(dx[0]) & set(dy[0]))
    # "Wu, Ching-yi" and "Ching-yi, Wu": each one's surname is the other's given name.
    return bool(dx[1] and dy[1]) and equal(x[0], dy[1]) and equal(y[0], dx[1])
