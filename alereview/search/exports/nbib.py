"""MEDLINE/NBIB exports (PubMed, CBM), read with ``Bio.Medline``.

``Bio.Medline`` accepts malformed lines silently (``"bad line"`` becomes a tag ``bad``), so
the structure is checked first: every line is a tag (``XXXX- value``, tag padded to four
characters), an indented continuation, or blank between records.
"""

from __future__ import annotations

import io
import re

from Bio import Medline

from alereview.errors import InputError
from alereview.search.fields import clean, doi_of, empty_record, join_authors, language_code, year_of

_TAG = re.compile(r"^([A-Z][A-Z0-9 ]{1,3})- ?(.*)$")
_SHORT_NAME = re.compile(r"^(.+?) ([A-Z]{1,4})$")
_EDAT = re.compile(r"^(\d{4})/(\d{2})/(\d{2})")


def check_structure(text: str, path=None) -> int:
    """Count the records (blocks separated by blank lines); raise on a malformed line."""
    count, in_record = 0, False
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            in_record = False
            continue
        if line.startswith("      ") and in_record:
            continue
        if _TAG.match(line) is None or len(line) < 6 or line[4] != "-":
            raise InputError(
                f"not a MEDLINE tag line: {line.strip()[:60]!r}",
                path=path,
                line=number,
                record=count if in_record else count + 1,
                field=line[:4].strip() or "(blank tag)",
            )
        if not in_record:
            count += 1
            in_record = True
    return count


def surname_initials(name: str) -> str:
    """``"de Hoon MJ"`` → ``"de Hoon, MJ"``; names of another form are kept as given."""
    name = clean(name)
    match = _SHORT_NAME.match(name)
    return f"{match.group(1)}, {match.group(2)}" if match else name


def _one(record, tag) -> str:
    value = record.get(tag, "")
    return clean(value if isinstance(value, str) else " ".join(value))


def record_from_medline(entry: dict) -> dict:
    """Map one ``Bio.Medline`` record to the record fields."""
    record = empty_record()
    record["title"] = _one(entry, "TI") or _one(entry, "BTI")
    record["authors"] = join_authors(surname_initials(a) for a in entry.get("AU", []))
    if not record["authors"]:
        record["authors"] = join_authors(entry.get("FAU", []) or entry.get("CN", []))
    record["year"] = year_of(_one(entry, "DP"))
    record["journal"] = _one(entry, "JT") or _one(entry, "TA")
    record["volume"] = _one(entry, "VI")
    record["issue"] = _one(entry, "IP")
    record["pages"] = _one(entry, "PG")
    ids = list(entry.get("AID", [])) + ([entry["LID"]] if isinstance(entry.get("LID"), str) else list(entry.get("LID", [])))
    record["doi"] = next((doi_of(v) for v in ids if v.strip().endswith("[doi]")), "")
    record["pmid"] = _one(entry, "PMID")
    record["abstract"] = _one(entry, "AB")
    languages = entry.get("LA", [])
    record["language"] = language_code("; ".join(languages) if isinstance(languages, list) else languages)
    match = _EDAT.match(_one(entry, "EDAT"))
    record["entry_date"] = f"{match.group(1)}-{match.group(2)}-{match.group(3)}" if match else ""
    return record


def read_nbib(text: str, path=None) -> list:
    """Records of a MEDLINE/NBIB export."""
    expected = check_structure(text, path)
    entries = list(Medline.parse(io.StringIO(text)))
    if len(entries) != expected:
        raise InputError(f"Bio.Medline read {len(entries)} records where the file holds {expected}", path=path)
    return [record_from_medline(entry) for entry in entries]
