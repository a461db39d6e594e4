"""Study identity from the labels of Sleuth experiments.

A Sleuth file names each experiment by a comment line only; which experiments come from one
study (one paper, one sample) must be read from how the label is written. The conventions of
real GingerALE files (see ``docs/coordinates.md``)::

    Smith, 2010: faces > houses              Author, Year: condition
    Smith et al., 2010; faces > houses       Author et al., Year; condition
    (11) Franklin, 2011(a): NI>N             (N) Author, Year: condition (N: the review's study number)
    (2)Clausse(2013): high uncertain         (N)Author(Year): condition
    Smith (2010): faces                      Author (Year)
    Paulus, 2002a / Li, 2013(b) / X 2013 (a) a letter after the year tells papers of one year apart
    15893474-1                               a PubMed id with an experiment suffix
    Lee et al. (lee2019): words              alereview's own: an explicit study id in brackets

Two labels are one study when their study parts agree on every part both give: the review's
number, the authors (first author, co-authors, letters only, case and accents ignored, ``et al.``
dropped), the year and what follows it (``a``, ``(b)``). A label without a year takes the year of
the one study with its number and authors (``(3)Guo`` and ``(3)Guo(2013)``). Authors that differ
are never one study; neither are the same authors with different numbers or years.

A study part with no year, number, PubMed id or explicit id (``Author here``, ``Exp 2``, no label
at all) cannot be told apart: each such experiment is its own study, and the reader says so once
per file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from alereview.coordinates.model import slugify

_NUMBER = re.compile(r"^\(\s*(\d{1,4})\s*\)\s*")
_PMID = re.compile(r"^(\d{7,9})(?:\s*[-_./]\s*[A-Za-z0-9]+)?$")
_EXPLICIT = re.compile(r"^(.*?)\s*\(([A-Za-z0-9_.-]+)\)\s*$")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_ET_AL = re.compile(r"\bet\.?\s*al\b\.?", re.IGNORECASE)


@dataclass(frozen=True)
class StudyParts:
    """What a label's study part says about its study (``None`` where it says nothing)."""

    text: str
    number: str | None = None
    authors: str | None = None
    year: str | None = None
    suffix: str = ""
    pmid: str | None = None
    explicit: str | None = None

    @property
    def identified(self) -> bool:
        """Whether the study can be told from the text: an id, a PubMed id, a year or a number with authors."""
        return bool(self.explicit or self.pmid or self.year or (self.number and self.authors))


def _letters(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z]+", "", text.lower())


def _is_explicit_id(token: str) -> bool:
    """``lee2019`` is an id; ``2013``, ``2013a``, ``a``, ``ab`` and ``12`` are years, suffixes, numbers."""
    return not (re.fullmatch(r"(?:19|20)\d{2}[a-z]?", token, re.IGNORECASE) or re.fullmatch(r"[A-Za-z]{1,2}", token) or token.isdigit())


def parse_study(text: str) -> StudyParts:
    """The parts of a label's study part (see the module's conventions).

    Examples
    --------
    >>> parts = parse_study("(11) Franklin, 2011(a)")
    >>> parts.number, parts.authors, parts.year, parts.suffix
    ('11', 'franklin', '2011', 'a')
    >>> parts = parse_study("(2)Clausse(2013)")
    >>> parts.number, parts.authors, parts.year, parts.suffix
    ('2', 'clausse', '2013', '')
    >>> parse_study("Huettel et al., 2006").authors, parse_study("15893474-1").pmid
    ('huettel', '15893474')
    """
    text = " ".join(str(text).split())
    if _PMID.match(text):
        return StudyParts(text, pmid=_PMID.match(text).group(1))
    explicit = _EXPLICIT.match(text)
    if explicit and explicit.group(1) and _is_explicit_id(explicit.group(2)):
        return StudyParts(text, explicit=explicit.group(2))
    number = _NUMBER.match(text)
    rest = text[number.end() :] if number else text
    year = _YEAR.search(rest)
    authors = rest[: year.start()] if year else rest
    authors = _letters(_ET_AL.sub(" ", authors).replace("&", " and ")) or None
    suffix = _letters(rest[year.end() :]) if year else ""
    return StudyParts(text, number.group(1) if number else None, authors, year.group(1) if year else None, suffix)


def _key(parts: StudyParts, index: int) -> tuple:
    if parts.explicit:
        return ("id", parts.explicit)
    if parts.pmid:
        return ("pmid", parts.pmid)
    if not parts.identified:
        return ("own", index)
    return ("label", parts.number, parts.authors, parts.year, parts.suffix)


def _fill_years(keys: list) -> list:
    """``(3)Guo`` takes the key of ``(3)Guo(2013)`` when that is the only study of number 3 and Guo."""
    dated = {}
    for key in keys:
        if key[0] == "label" and key[3] is not None:
            dated.setdefault((key[1], key[2]), set()).add(key)
    filled = []
    for key in keys:
        if key[0] == "label" and key[3] is None and key[1] is not None and len(dated.get((key[1], key[2]), ())) == 1:
            key = next(iter(dated[(key[1], key[2])]))
        filled.append(key)
    return filled


def study_ids(texts, lines, unnamed=()) -> tuple[list, list]:
    """A study id for each experiment's study part, and the experiments that are their own study.

    Parameters
    ----------
    texts : list of str
        The study part of each experiment's label, in file order.
    lines : list of int
        Each experiment's header line (names the studies that cannot be told apart).
    unnamed : collection of int
        Indices of experiments the file gives no name (each its own study).

    Returns
    -------
    ids : list of str
        Filesystem-safe ids (letters, digits, ``_``, ``.``, ``-``), equal for experiments of one
        study, different otherwise: the explicit id, else the slug of the study's most complete
        text (``2_clausse_2013``), ``_line<N>`` added for an experiment that is its own study.
    own : list of int
        Indices of the experiments whose study cannot be told from the label.
    """
    parts = [parse_study(text) for text in texts]
    unnamed = set(unnamed)
    keys = _fill_years([("own", i) if i in unnamed else _key(p, i) for i, p in enumerate(parts)])
    best = {}
    for key, part in zip(keys, parts):
        if key not in best or (part.year and not best[key].year):
            best[key] = part
    ids, taken = {}, {}
    for index, key in enumerate(keys):
        if key in ids:
            continue
        part = best[key]
        base = part.explicit or slugify(part.text) + (f"_line{lines[index]}" if key[0] == "own" else "")
        candidate, k = base, 1
        while candidate in taken and taken[candidate] != key:
            k += 1
            candidate = f"{base}_{k}"
        ids[key], taken[candidate] = candidate, key
    own = [i for i, key in enumerate(keys) if key[0] == "own"]
    return [ids[key] for key in keys], own


def number_conflicts(texts) -> list[tuple[str, str]]:
    """Pairs of study parts with one study number and the same authors but different years.

    Examples
    --------
    >>> number_conflicts(["(38)Pushkarskaya, 2015", "(38)Pushkarskaya, 2010", "(2)Guo(2013)"])
    [('(38)Pushkarskaya, 2015', '(38)Pushkarskaya, 2010')]
    """
    first, found = {}, []
    for text in texts:
        part = parse_study(text)
        if not (part.number and part.authors and part.year):
            continue
        key = (part.number, part.authors)
        if key in first and parse_study(first[key]).year != part.year and first[key] not in [a for a, _ in found]:
            found.append((first[key], text))
        first.setdefault(key, text)
    return found
