"""Web of Science plain-text exports (``FN``/``VR`` header, two-letter tags, ``ER``, ``EF``).

A record runs from ``PT`` to ``ER``; a value continues on lines indented by three spaces (one
author per line under ``AU``).
"""

from __future__ import annotations

import re

from alereview.errors import InputError
from alereview.search.fields import clean, doi_of, empty_record, join_authors, language_code, pages_of, year_of

_TAG = re.compile(r"^([A-Z][A-Z0-9])(?: (.*))?$")
_LIST_TAGS = {"AU", "AF", "BA", "BF", "CA", "GP", "ED"}


def parse_wos(text: str, path=None) -> list:
    """Records of a WoS plain-text export as ``{tag: [lines]}`` dicts, checking the structure.

    Raises
    ------
    InputError
        A tag outside a record, a record without ``ER``, or a continuation line with no tag.
    """
    records, current, tag, count = [], None, None, 0
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip()
        if not line:
            continue
        if line.startswith("   "):
            if current is None or tag is None:
                raise InputError(
                    "continuation line without a tag",
                    path=path,
                    line=number,
                    record=count if current is not None else count + 1,
                    field="(continuation)",
                )
            current[tag].append(line.strip())
            continue
        match = _TAG.match(line)
        if match is None:
            raise InputError(
                f"not a WoS tag line: {line[:60]!r}",
                path=path,
                line=number,
                record=count if current is not None else count + 1,
                field=line[:2],
            )
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag in ("FN", "VR") and current is None:
            tag = None
            continue
        if tag == "EF":
            if current is not None:
                raise InputError("end of file (EF) inside a record", path=path, line=number, record=count, field="ER")
            tag = None
            continue
        if tag == "PT":
            if current is not None:
                raise InputError("record has no 'ER' before the next 'PT'", path=path, line=number, record=count, field="ER")
            count += 1
            current = {}
        elif current is None:
            raise InputError(f"tag {tag} before 'PT'", path=path, line=number, record=count + 1, field=tag)
        if tag == "ER":
            records.append(current)
            current, tag = None, None
            continue
        current.setdefault(tag, []).append(value)
    if current is not None:
        raise InputError("last record has no 'ER'", path=path, record=count, field="ER")
    return records


def _joined(fields, tag) -> str:
    values = fields.get(tag, [])
    return clean(" ".join(values)) if tag not in _LIST_TAGS else join_authors(values)


def read_wos(text: str, path=None) -> list:
    """Records of a Web of Science plain-text export."""
    if not text.lstrip().startswith(("FN ", "PT ", "VR ")):
        raise InputError("not a Web of Science plain-text export (no 'FN' header or 'PT' tag)", path=path, line=1, field="FN")
    out = []
    for fields in parse_wos(text, path):
        record = empty_record()
        record["title"] = _joined(fields, "TI")
        record["authors"] = _joined(fields, "AU") or _joined(fields, "CA")
        record["year"] = year_of(_joined(fields, "PY")) or year_of(_joined(fields, "EA"))
        record["journal"] = _joined(fields, "SO")
        record["volume"] = _joined(fields, "VL")
        record["issue"] = _joined(fields, "IS")
        record["pages"] = pages_of(_joined(fields, "BP"), _joined(fields, "EP")) or _joined(fields, "AR")
        record["doi"] = doi_of(_joined(fields, "DI"))
        record["pmid"] = _joined(fields, "PM")
        record["abstract"] = _joined(fields, "AB")
        record["language"] = language_code(_joined(fields, "LA"))
        out.append(record)
    return out
