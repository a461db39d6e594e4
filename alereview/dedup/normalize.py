"""Normalisation of bibliographic fields for duplicate detection.

Exports of different databases describe the same article differently: case, punctuation,
HTML entities and markup, diacritics, Greek letters spelled out or not, full given names or
initials, "et al.", abbreviated page ranges (``123-9``), abbreviated journal titles, DOIs as
URLs, and titles in Chinese. Every function here maps such variants to one comparable form,
building on :mod:`alereview.identity` (``normalize_text``, ``normalize_doi``).

Examples
--------
>>> expand_pages("123-9")
('123', '123-129')
>>> parse_authors("Smith, John A.; van der Berg, K; et al.")
[('smith', 'j'), ('berg', 'k')]
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

from alereview.identity import normalize_doi  # noqa: F401 (re-exported: dedup.prepare imports it from here)
from alereview.identity import normalize_text as _identity_normalize_text

# Greek letters are written as symbols in one export and spelled out in another.
_GREEK = {
    "α": "alpha",
    "β": "beta",
    "γ": "gamma",
    "δ": "delta",
    "ε": "epsilon",
    "ζ": "zeta",
    "η": "eta",
    "θ": "theta",
    "ι": "iota",
    "κ": "kappa",
    "λ": "lambda",
    "μ": "mu",
    "ν": "nu",
    "ξ": "xi",
    "π": "pi",
    "ρ": "rho",
    "σ": "sigma",
    "τ": "tau",
    "φ": "phi",
    "χ": "chi",
    "ψ": "psi",
    "ω": "omega",
    "Δ": "delta",
    "Ω": "omega",
    "µ": "mu",
}
_GREEK_RE = re.compile("|".join(map(re.escape, _GREEK)))
_TAG = re.compile(r"<[^>]+>")
_INLINE_TAG = re.compile(r"</?(?:i|b|u|em|strong|sup|sub|span|scp|sc)(?:\s[^>]*)?>", re.IGNORECASE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_ET_AL = re.compile(r"\bet\.?\s*al\b\.?|\band others\b|等$", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?\s*){1,4}$")
# Words that abbreviated journal titles drop.
_JOURNAL_STOP = frozenset("the of and in for on de la le des du der und fur a an et y journal j".split())
# Translated titles are bracketed in MEDLINE ("[Reading in ...]"); some exports add
# a trailing description such as "(Chinese)" or a final period.
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH = re.compile(r"\b(?:" + "|".join(_MONTHS) + r")[a-z]*\b")
# Surname particles written or dropped at will ("von Pawel" / "Pawel", "Van Schil" / "Schil").
_PARTICLES = frozenset("von van der den de da di del della le la du dos das ten ter vander".split())
_BRACKETED = re.compile(r"^\s*\[(.*)\]\s*\.?\s*$", re.DOTALL)
_TRAILING_NOTE = re.compile(r"\s*[\(\[](?:(?:in )?(?:chinese|english|author'?s transl)|abstract[^\)\]]*)[\)\]]\s*\.?\s*$", re.IGNORECASE)


_LETTER = re.compile(r"[^\W\d_]")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_WORD = re.compile(r"[\W_]+")


def is_cjk(text) -> bool:
    """True when at least a third of the letters of ``text`` are Chinese, Japanese or Korean."""
    if not text or str(text).isascii():
        return False
    text = str(text)
    cjk = len(_CJK.findall(text))
    return cjk > 0 and cjk * 3 >= len(_LETTER.findall(text))


def normalize_text(text) -> str:
    """:func:`alereview.identity.normalize_text`, with a fast path for plain ASCII text.

    Examples
    --------
    >>> normalize_text("Café-Study, <i>fMRI</i>") == _identity_normalize_text("Café-Study, <i>fMRI</i>")
    True
    """
    if text is None:
        return ""
    text = str(text)
    if text.isascii() and "&" not in text and "<" not in text:
        return " ".join(_NON_WORD.sub(" ", text.lower()).split())
    return _identity_normalize_text(text)


def clean_markup(text) -> str:
    """Decode HTML entities (twice: exports double-escape) and drop tags; NFKC (full width)."""
    if text is None:
        return ""
    text = str(text)
    if text.isascii() and "&" not in text and "<" not in text:
        return text
    text = html.unescape(html.unescape(text))
    # Inline markup joins what it wraps (Ca<sup>2+</sup> is Ca2+); other tags separate words.
    text = _INLINE_TAG.sub("", text)
    text = _TAG.sub(" ", text)
    # NFKC maps full-width Latin letters and digits (common in Chinese exports) to ASCII.
    return unicodedata.normalize("NFKC", text)


def normalize_title(title) -> str:
    """A title for comparison: unbracketed, markup- and accent-free, Greek spelled out.

    CJK titles keep their characters but lose all spaces, because Chinese exports space
    (or do not space) words arbitrarily; they are then compared character by character.

    Examples
    --------
    >>> normalize_title("[Effect of &lt;i&gt;β&lt;/i&gt;-blockers on the heart].")
    'effect of beta blockers on the heart'
    >>> normalize_title("针刺 治疗：脑卒中")
    '针刺治疗脑卒中'
    """
    text = clean_markup(title).strip()
    match = _BRACKETED.match(text)
    if match:
        text = match.group(1)
    text = _TRAILING_NOTE.sub("", text)
    text = _GREEK_RE.sub(lambda m: f" {_GREEK[m.group(0)]} ", text)
    text = normalize_text(text)
    if is_cjk(text):
        text = text.replace(" ", "")
    return text


_PART_SPLIT = re.compile(r"\s=\s|;\s|\s/\s|\[|\]")
MIN_PART_CHARS = 25
MIN_CJK_PART_CHARS = 6


def title_parts(title) -> tuple[str, ...]:
    """The normalised parts of a title that holds two languages (``Utilidad de ...; Are
    antimicrobials useful ...``, ``Original = Translation``, ``Original [Translation]``).

    Empty when the title has a single part; parts shorter than 25 characters (6 for Chinese,
    Japanese or Korean) are dropped.
    """
    text = clean_markup(title)
    if not _PART_SPLIT.search(text):
        return ()
    pieces = [normalize_title(p) for p in _PART_SPLIT.split(text)]
    # (A Chinese title of 6 characters says as much as a Latin one of 25.)
    pieces = [p for p in pieces if len(p) >= MIN_PART_CHARS or (len(p) >= MIN_CJK_PART_CHARS and is_cjk(p))]
    return tuple(pieces) if len(pieces) > 1 else ()


def compact(text: str) -> str:
    """``text`` without spaces (for prefixes used as blocking keys)."""
    return text.replace(" ", "")


def normalize_year(year) -> str:
    """The four-digit year in ``year`` (``"2019 Mar"`` -> ``"2019"``), else ``""``."""
    match = re.search(r"(1[5-9]|20)\d\d", str(year or ""))
    return match.group(0) if match else ""


def normalize_volume(volume) -> str:
    """The leading number of a volume (``"9 (8) (no pagination)"`` -> ``"9"``), else the text."""
    text = normalize_text(volume)
    if text in ("na", "nan", "none"):
        return ""
    match = re.match(r"\D*?(\d+)", text)
    return match.group(1).lstrip("0") or "0" if match else text


_PAGES_ABBREVIATION = re.compile(r"^\s*(?:pp\.?\s*|p\.\s*|p\s+)(?=\d)")


def expand_pages(pages) -> tuple[str, str]:
    """First page and full page range, with abbreviated end pages expanded.

    Returns
    -------
    tuple of str
        ``(first_page, range)``; ``first_page`` is lower-case alphanumeric (``e103114``,
        ``s31``); both are ``""`` when ``pages`` is empty or ``NA``.

    Examples
    --------
    >>> expand_pages("1260-70")
    ('1260', '1260-1270')
    >>> expand_pages("S31--S32")
    ('s31', 's31-s32')
    """
    text = clean_markup(pages).lower().strip()
    if text in ("", "na", "nan", "none", "n/a"):
        return "", ""
    # "742-8; discussion 748-9": the article's own pages come first.
    text = re.split(r"[;,+]", text)[0].strip()
    # Spreadsheets turn "21-8" into "21-Aug": read month names back as numbers (the first
    # page survives; the end page may not).
    text = _MONTH.sub(lambda m: str(_MONTHS.index(m.group(0)[:3]) + 1), text)
    parts = re.split(r"\s*(?:-+|–|—|~|\bto\b)\s*", text, maxsplit=1)
    # "pp. 5-11", "p5": the abbreviation of "pages" is not part of the page.
    parts[0] = _PAGES_ABBREVIATION.sub("", parts[0])
    # A page is a number with at most a short letter prefix or suffix: e103114, S31, P63, 12a.
    match = re.search(r"[a-z]{0,3}\d+[a-z]?", parts[0])
    if not match:
        return "", ""
    start = re.sub(r"(?<![0-9])0+(?=\d)", "", match.group(0))
    if len(parts) < 2:
        return start, start
    parts[1] = _PAGES_ABBREVIATION.sub("", parts[1])
    match = re.search(r"[a-z]{0,3}\d+[a-z]?", parts[1])
    end = re.sub(r"(?<![0-9])0+(?=\d)", "", match.group(0)) if match else ""
    start_digits = re.match(r"^([a-z]*)(\d+)$", start)
    end_digits = re.match(r"^([a-z]*)(\d+)$", end)
    if start_digits and end_digits:
        prefix, first = start_digits.groups()
        last = end_digits.group(2)
        if len(last) < len(first):
            last = first[: len(first) - len(last)] + last
        end = prefix + last
    if not end or end == start:
        return start, start
    return start, f"{start}-{end}"


def split_author_list(authors: str) -> list[str]:
    """The names of an author list, in any of the forms :func:`parse_authors` accepts."""
    if _CJK.search(authors):
        # Chinese exports separate names with ; , or the ideographic comma, or with spaces.
        return re.split(r"[;,\u3001\uff0c\uff1b\s]+", unicodedata.normalize("NFKC", authors))
    if ";" in authors:
        return authors.split(";")
    if re.search(r"\s+and\s+", authors) and "," in authors:
        return re.split(r"\s+and\s+", authors)
    if "," in authors:
        # "Smith J, Lee K" (Vancouver) or a single "Smith, John"
        pieces = [p.strip() for p in authors.split(",")]
        if all(len(p.split()) >= 2 for p in pieces) and any(_INITIALS.match(p.split()[-1]) for p in pieces):
            return pieces
        return [authors]
    return [authors]


#: Placeholders some exports write for a missing surname or given name.
NULL_NAMES = frozenset({"null", "nan", "none", "unknown", "anonymous", "anon", "n a"})


def parse_name(name: str) -> tuple[str, str] | None:
    """``(surname key, given names)`` of one author's name, normalised, or ``None``.

    The surname key is the surname's words joined, particles dropped; the given names are
    words (a run of capital initials, ``JA``, as one word per initial). A placeholder
    (:data:`NULL_NAMES`) in place of a surname or a given name is no name: ``null, John
    Smith`` is read as ``John Smith``.

    Examples
    --------
    >>> parse_name("Smith JA")
    ('smith', 'j a')
    >>> parse_name("null, Ching-yi Wu")
    ('wu', 'ching yi')
    """
    name = _ET_AL.sub("", clean_markup(name)).strip(" .,")
    if not name or normalize_text(name) in NULL_NAMES:
        return None
    if _CJK.search(name):
        # Chinese names are written surname-first without separator: keep the whole name.
        return normalize_text(name).replace(" ", ""), ""
    if "," in name:
        surname, given = name.split(",", 1)
        if normalize_text(surname) in NULL_NAMES:
            return parse_name(given.replace(",", " "))
        if normalize_text(given) in NULL_NAMES:
            given = ""
    else:
        tokens = [t for t in name.split() if normalize_text(t) not in NULL_NAMES] or [""]
        name = " ".join(tokens)
        if len(tokens) >= 2 and _INITIALS.match(tokens[-1]) and tokens[-1].isupper():
            surname, given = " ".join(tokens[:-1]), " ".join(tokens[-1].replace(".", ""))  # "Smith JA"
        elif len(tokens) >= 2 and len(tokens[0]) >= 2 and tokens[0].isupper() and not tokens[-1].isupper():
            surname, given = tokens[0], " ".join(tokens[1:])  # "WANG Wei" (surname first)
        elif len(tokens) >= 2:
            surname, given = tokens[-1], " ".join(tokens[:-1])  # "John A. Smith"
        else:
            surname, given = name, ""
    words = normalize_text(surname).split()
    while len(words) > 1 and words[0] in _PARTICLES:
        words = words[1:]
    surname_key = "".join(words)
    return (surname_key, normalize_text(given)) if surname_key else None


def _parse_one(name: str) -> tuple[str, str] | None:
    parsed = parse_name(name)
    if parsed is None:
        return None
    # Only the first initial is comparable: "John A." in one export is "J" in another.
    surname_key, given = parsed
    return surname_key, given[:1]


def parse_authors(authors) -> list[tuple[str, str]]:
    """``(surname, first initial)`` for each author, "et al." dropped.

    Accepts ``Surname, Initials; ...`` (the records contract), ``Surname, Given and ...``
    (BibTeX), ``Surname AB, Surname C`` (Vancouver) and Chinese names.
    """
    return list(_parse_authors_cached(str(authors).strip() if authors else ""))


@lru_cache(maxsize=65536)
def _parse_authors_cached(text: str) -> tuple[tuple[str, str], ...]:
    if not text or text.lower() in ("na", "nan", "none", "anonymous", "[anonymous]"):
        return ()
    parsed = []
    for piece in split_author_list(text):
        one = _parse_one(piece)
        if one:
            parsed.append(one)
    return tuple(parsed)


@lru_cache(maxsize=65536)
def normalize_journal(journal) -> str:
    """A journal title for comparison: words only, "&" as "and", place notes dropped.

    Examples
    --------
    >>> normalize_journal("Cardiology (Switzerland)")
    'cardiology'
    >>> normalize_journal("JPEN. Journal of Parenteral &amp; Enteral Nutrition")
    'jpen journal of parenteral and enteral nutrition'
    """
    text = clean_markup(journal)
    if text.strip().lower() in ("", "na", "nan", "none"):
        return ""
    text = re.sub(r"\s*[\(\[][^)\]]*[\)\]]", " ", text)  # "(Switzerland)", "[Electronic Resource]"
    text = re.split(r"\s=\s", text)[0]  # "Zhonghua ... = Chinese journal ..."
    head = re.split(r"\s*[:/]\s", text)[0]  # ": official journal of the ..."
    if len(head.split()) >= 2:
        text = head
    text = text.replace("&", " and ")
    text = normalize_text(text)
    if is_cjk(text):
        text = text.replace(" ", "")
    return text


def page_starts(pages) -> frozenset:
    """First pages of every range of a multi-range field (``233-8, 230-5, 246-51``)."""
    text = clean_markup(pages)
    pieces = re.split(r"[;,+]", text)
    if len(pieces) < 2:
        return frozenset()
    return frozenset(p for p in (expand_pages(piece)[0] for piece in pieces) if p)


def journal_alternatives(journal) -> tuple[str, ...]:
    """Normalised alternative titles of a journal given as ``A = B = C`` (MEDLINE style)."""
    text = clean_markup(journal)
    pieces = re.split(r"\s=\s", text)
    if len(pieces) < 2:
        return ()
    return tuple(n for n in (normalize_journal(p) for p in pieces) if n)


def _abbreviates(short: str, long_: str) -> bool:
    # ISO 4 abbreviations keep the first letter and drop letters: dtsch < deutsche.
    if not short or not long_ or short[0] != long_[0]:
        return False
    position = 0
    for ch in short:
        position = long_.find(ch, position) + 1
        if position == 0:
            return False
    return True


def journal_words(journal_norm: str) -> tuple[str, ...]:
    """The significant words of a normalised journal title (stop words and "journal" dropped)."""
    return tuple(w for w in journal_norm.split() if w not in _JOURNAL_STOP)


def journals_match(words_a: tuple[str, ...], words_b: tuple[str, ...]) -> bool:
    """True when one title abbreviates the other (``curr opin lipidol`` ~ ``current opinion
    in lipidology``): word by word, each a prefix of the other's; a shorter title may stop
    early (``j trauma`` ~ ``journal of trauma injury infection and critical care``)."""
    if not words_a or not words_b:
        return False
    if "".join(words_a) == "".join(words_b):
        return True
    return all(a.startswith(b) or b.startswith(a) or _abbreviates(a, b) or _abbreviates(b, a) for a, b in zip(words_a, words_b))
