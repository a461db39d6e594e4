"""EndNote XML exports (EndNote, Zotero, Mendeley, VIP): ``<xml><records><record>...``.

EndNote wraps values in ``<style>`` elements and Zotero/Mendeley do not; reading every value
with ``itertext()`` handles both.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from alereview.errors import InputError
from alereview.search.fields import clean, doi_of, empty_record, join_authors, language_code, year_of


def _text(node, path) -> str:
    found = node.find(path)
    return clean("".join(found.itertext())) if found is not None else ""


def _line_of(text: str, record_index: int) -> int | None:
    """Line where the ``record_index``-th (1-based) ``<record>`` starts."""
    position = -1
    for _ in range(record_index):
        position = text.find("<record>", position + 1)
        if position < 0:
            return None
    return text.count("\n", 0, position) + 1


def _pmid(node) -> str:
    accession = _text(node, "accession-num")
    provider = " ".join(_text(node, p) for p in ("remote-database-name", "remote-database-provider", "database")).lower()
    if accession.isdigit() and any(word in provider for word in ("pubmed", "medline", "nlm")):
        return accession
    match = re.search(r"PMID:?\s*(\d{1,9})\b", _text(node, "notes"))
    return match.group(1) if match else ""


def record_from_xml(node) -> dict:
    """Map one ``<record>`` to the record fields."""
    record = empty_record()
    record["title"] = _text(node, "titles/title")
    record["authors"] = join_authors(clean("".join(a.itertext())) for a in node.findall("contributors/authors/author"))
    record["year"] = year_of(_text(node, "dates/year")) or year_of(_text(node, "dates/pub-dates/date"))
    record["journal"] = _text(node, "titles/secondary-title") or _text(node, "periodical/full-title") or _text(node, "periodical/abbr-1")
    record["volume"] = _text(node, "volume")
    record["issue"] = _text(node, "number") or _text(node, "issue")
    record["pages"] = _text(node, "pages")
    record["doi"] = doi_of(_text(node, "electronic-resource-num"))
    record["pmid"] = _pmid(node)
    record["abstract"] = _text(node, "abstract")
    record["language"] = language_code(_text(node, "language"))
    return record


def read_endnote_xml(text: str, path=None) -> list:
    """Records of an EndNote-style XML export."""
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as error:
        line, column = error.position
        record = text.count("<record>", 0, sum(len(part) + 1 for part in text.split("\n")[: line - 1]) + column)
        raise InputError(f"malformed XML: {error}", path=path, line=line, record=max(record, 1), field="xml") from None
    if root.tag != "xml" or root.find("records") is None:
        raise InputError(f"not EndNote XML: root <{root.tag}> without <records>", path=path, line=1, field="records")
    nodes = root.findall("records/record")
    expected = len(re.findall(r"<record[\s>]", text))
    if len(nodes) != expected:
        raise InputError(f"{expected} <record> elements but {len(nodes)} directly under <records>", path=path, field="record")
    return [record_from_xml(node) for node in nodes]
