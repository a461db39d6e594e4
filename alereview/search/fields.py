"""Field normalisers shared by every source: the record columns, years, languages, authors.

Values are kept as the source gives them (no case folding, no expansion of abbreviations);
only white space is collapsed and a few fields take one canonical form: ``year`` four digits,
``language`` ISO 639-1 where known, ``authors`` joined by ``"; "``.
"""

from __future__ import annotations

import re

#: The columns of ``records.tsv``, in order (docs/architecture.md).
RECORD_COLUMNS = [
    "record_id",
    "source",
    "title",
    "authors",
    "year",
    "journal",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "abstract",
    "language",
    "entry_date",
    "source_file",
    "source_format",
    "source_index",
]
#: The bibliographic fields a reader fills (the others are added when records are gathered).
FIELDS = ["title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "pmid", "abstract", "language", "entry_date"]

_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d|21\d\d)(?!\d)")
_DOI = re.compile(r"10\.\d{4,9}/\S+")

# ISO 639-2 (bibliographic and terminologic), English and Chinese names → ISO 639-1.
_LANGUAGES = {
    "en": ["eng", "english", "英文", "英语"],
    "zh": ["chi", "zho", "chinese", "中文", "汉语", "chinese (simplified)", "chinese (traditional)"],
    "ja": ["jpn", "japanese", "日文", "日语"],
    "ko": ["kor", "korean", "韩文"],
    "de": ["ger", "deu", "german"],
    "fr": ["fre", "fra", "french"],
    "es": ["spa", "spanish"],
    "it": ["ita", "italian"],
    "pt": ["por", "portuguese"],
    "ru": ["rus", "russian"],
    "nl": ["dut", "nld", "dutch"],
    "pl": ["pol", "polish"],
    "tr": ["tur", "turkish"],
    "sv": ["swe", "swedish"],
    "da": ["dan", "danish"],
    "no": ["nor", "norwegian"],
    "fi": ["fin", "finnish"],
    "cs": ["cze", "ces", "czech"],
    "hu": ["hun", "hungarian"],
    "el": ["gre", "ell", "greek"],
    "he": ["heb", "hebrew"],
    "ar": ["ara", "arabic"],
    "fa": ["per", "fas", "persian"],
    "uk": ["ukr", "ukrainian"],
    "hr": ["hrv", "scr", "croatian"],
    "sr": ["srp", "scc", "serbian"],
    "ro": ["rum", "ron", "romanian"],
    "bg": ["bul", "bulgarian"],
    "sk": ["slo", "slk", "slovak"],
    "sl": ["slv", "slovenian"],
    "lt": ["lit", "lithuanian"],
    "th": ["tha", "thai"],
    "vi": ["vie", "vietnamese"],
    "id": ["ind", "indonesian"],
    "ms": ["may", "msa", "malay"],
    "hi": ["hin", "hindi"],
}
_LANGUAGE_CODES = {name: code for code, names in _LANGUAGES.items() for name in names + [code]}


def clean(value) -> str:
    """Text with runs of white space (tabs, newlines) collapsed to one space; None → ``""``.

    Examples
    --------
    >>> clean("  Reading\\n\\tand  fMRI ")
    'Reading and fMRI'
    """
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = " ".join(str(v) for v in value if v is not None)
    return " ".join(str(value).split())


def year_of(value) -> str:
    """The first plausible four-digit year in ``value``, else ``""``.

    Examples
    --------
    >>> year_of("1998 Dec-1999 Jan")
    '1998'
    >>> year_of("2020///")
    '2020'
    """
    match = _YEAR.search(clean(value))
    return match.group(1) if match else ""


def language_code(value) -> str:
    """ISO 639-1 code of a language given as a code or a name, else the value as given.

    Several languages (``"eng; chi"``) keep their order, joined by ``"; "``.

    Examples
    --------
    >>> language_code("eng")
    'en'
    >>> language_code("Chinese")
    'zh'
    >>> language_code("Klingon")
    'Klingon'
    """
    text = clean(value)
    if not text:
        return ""
    parts = [p.strip() for p in re.split(r"[;,/]", text) if p.strip()]
    return "; ".join(_LANGUAGE_CODES.get(p.lower(), p) for p in parts)


# "Wilson J.C." / "van der Berg JC" (Embase, MEDLINE AU): a surname, then initials only.
_SURNAME_INITIALS = re.compile(r"^(?P<surname>[^\W\d][^,;]*?)\s+(?P<initials>(?:[A-Z]\.?-?){1,4})$")


def author_name(name) -> str:
    """One author as ``Surname, Initials`` when given as ``Surname Initials``, else as given.

    Examples
    --------
    >>> author_name("Wilson J.C.")
    'Wilson, J.C.'
    >>> author_name("Wang Wei")
    'Wang Wei'
    """
    name = clean(name)
    match = _SURNAME_INITIALS.match(name)
    return f"{match['surname']}, {match['initials']}" if match else name


def join_authors(names) -> str:
    """Author names as ``Surname, Initials`` joined by ``"; "``, empty names dropped."""
    return "; ".join(n for n in (author_name(x) for x in names) if n)


def doi_of(value) -> str:
    """A DOI found in ``value`` (a bare DOI, ``doi:``, a doi.org URL, or ``... [doi]``), else ``""``.

    Examples
    --------
    >>> doi_of("https://doi.org/10.1016/j.x.2020.01.002")
    '10.1016/j.x.2020.01.002'
    >>> doi_of("10.1000/abc [doi]")
    '10.1000/abc'
    """
    text = clean(value).replace("%2F", "/").replace("%2f", "/")
    match = _DOI.search(text)
    if not match:
        return ""
    return match.group(0).rstrip(".,;")


def pages_of(start, end="", given="") -> str:
    """Pages as ``start-end`` from their parts, else as given."""
    start, end = clean(start), clean(end)
    if start and end and end != start:
        return f"{start}-{end}"
    return start or clean(given)


def empty_record() -> dict:
    """A record with every bibliographic field empty."""
    return {name: "" for name in FIELDS}
