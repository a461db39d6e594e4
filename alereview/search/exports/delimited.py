"""CSV (or tab- or semicolon-separated) exports with a header row.

Header names are matched case-insensitively against the names databases use, English and
Chinese (CNKI, Wanfang, VIP): ``Title``/``题名``, ``Authors``/``作者``, ``Year``/``年``,
``Journal``/``Source``/``刊名``, ``Volume``/``卷``, ``Issue``/``期``, ``Pages``/``页码``,
``DOI``, ``PMID``, ``Abstract``/``摘要``, ``Language``/``语种``. CNKI's bilingual headers
(``Title-题名``) match on either half. A thesis's ``journal`` is its degree-granting institution
(``学位授予单位``), a proceedings paper's its conference, when the journal cell is empty.
"""

from __future__ import annotations

import csv
import io
import re

from alereview.errors import InputError
from alereview.search.fields import clean, doi_of, empty_record, join_authors, language_code, pages_of, year_of

#: Field → accepted header names (lower case).
COLUMN_NAMES = {
    "title": ["title", "article title", "document title", "ti", "primary title", "题名", "标题", "篇名", "题目", "中文题名"],
    "authors": ["authors", "author", "author(s)", "author full names", "au", "作者", "著者", "责任者", "作者名称"],
    "year": [
        "year",
        "publication year",
        "published year",
        "pubyear",
        "py",
        "年",
        "年份",
        "出版年",
        "年代",
        "pubtime",
        "发表时间",
        "出版时间",
        "date",
        "publication date",
    ],
    "journal": [
        "journal",
        "source",
        "source title",
        "journal/book",
        "journal title",
        "publication title",
        "publication",
        "so",
        "刊名",
        "期刊",
        "期刊名称",
        "来源",
        "文献来源",
        "出版物名称",
    ],
    "volume": ["volume", "vl", "vol", "roll", "卷", "卷号"],
    "issue": ["issue", "number", "is", "period", "期", "期号"],
    "pages": ["pages", "page", "pg", "pagecount", "页码", "页"],
    "start_page": ["page start", "start page", "first page", "bp", "起始页"],
    "end_page": ["page end", "end page", "last page", "ep", "结束页"],
    "doi": ["doi", "di", "doi号"],
    "pmid": ["pmid", "pubmed id", "pm", "pubmed"],
    "abstract": ["abstract", "ab", "summary", "摘要", "中文摘要"],
    "language": ["language", "la", "语种", "语言"],
    # Where theses and proceedings name their "journal": used when the journal cell is empty.
    "journal_fallback": [
        "学位授予单位",
        "授予单位",
        "degree-granting institution",
        "institution",
        "university",
        "会议名称",
        "conference name",
        "publisher",
        "出版者",
        "出版单位",
    ],
}
_LOOKUP = {name: field for field, names in COLUMN_NAMES.items() for name in names}


def map_header(header) -> dict:
    """Field → column index, from a header row (first matching column wins)."""
    mapping = {}
    for index, name in enumerate(header):
        name = clean(name).lstrip("\ufeff").lower()
        candidates = [name] + [part.strip() for part in re.split(r"[-–/]", name) if part.strip()]
        for candidate in candidates:
            field = _LOOKUP.get(candidate)
            if field and field not in mapping:
                mapping[field] = index
                break
    return mapping


def _check_unique_header(header, path=None) -> None:
    """Refuse a header that names a column twice (which of the two would be read is a guess)."""
    seen = {}
    for index, name in enumerate(header, start=1):
        key = clean(name).lstrip("\ufeff").casefold()
        if not key:
            continue
        if key in seen:
            first = clean(header[seen[key] - 1]).lstrip("\ufeff")
            raise InputError(
                f"column {first!r} appears twice in the header (columns {seen[key]} and {index}, "
                f"{first!r} and {clean(name)!r}); rename or remove one",
                path=path,
                line=1,
                field=first,
            )
        seen[key] = index


def _dialect(text: str):
    first = text.split("\n", 1)[0]
    counts = {sep: first.count(sep) for sep in (",", "\t", ";")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def read_csv(text: str, path=None) -> list:
    """Records of a CSV export.

    Raises
    ------
    InputError
        A column named twice in the header, no title column, a row with more cells than the
        header, or a quote left open at the end of the file.
    """
    delimiter = _dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error as error:
        raise InputError(
            f"malformed CSV: {error}", path=path, line=reader.line_num, record=max(reader.line_num - 1, 1), field="(quoting)"
        ) from None
    if not rows:
        raise InputError("empty file: no header row", path=path, line=1, field="header")
    header = rows[0]
    _check_unique_header(header, path)
    mapping = map_header(header)
    if "title" not in mapping:
        raise InputError(f"no title column; the header has {[clean(h) for h in header]}", path=path, line=1, field="header")
    records = []
    for row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise InputError(
                f"{len(row)} cells where the header has {len(header)} (a '{delimiter}' inside an unquoted value?)",
                path=path,
                record=len(records) + 1,
                field=clean(header[-1]),
            )
        cells = row + [""] * (len(header) - len(row))

        def get(field, cells=cells):
            return clean(cells[mapping[field]]) if field in mapping else ""

        record = empty_record()
        record["title"] = get("title")
        authors = get("authors")
        record["authors"] = join_authors(re.split(r"[;；]", authors)) if re.search(r"[;；]", authors) else authors
        record["year"] = year_of(get("year"))
        record["journal"] = get("journal") or get("journal_fallback")
        record["volume"] = get("volume")
        record["issue"] = get("issue")
        record["pages"] = get("pages") or pages_of(get("start_page"), get("end_page"))
        record["doi"] = doi_of(get("doi"))
        record["pmid"] = get("pmid")
        record["abstract"] = get("abstract")
        record["language"] = language_code(get("language"))
        records.append(record)
    return records
