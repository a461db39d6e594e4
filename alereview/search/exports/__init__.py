"""Readers of other databases' exports, one per format, behind :func:`read_export`.

Formats: ``ris`` (EndNote, Embase, Scopus, Cochrane, Zotero, CNKI), ``wos`` (Web of Science
plain text), ``nbib`` (MEDLINE, via ``Bio.Medline``), ``endnote_xml`` (EndNote, Zotero,
Mendeley, VIP) and ``csv`` (a header row; English and Chinese column names). Encodings are
sniffed (:mod:`~alereview.search.exports.encoding`) unless given.
"""

from __future__ import annotations

import re
from pathlib import Path

from alereview.errors import InputError
from alereview.logs import get_logger
from alereview.search.exports.delimited import read_csv
from alereview.search.exports.encoding import read_text
from alereview.search.exports.endnote_xml import read_endnote_xml
from alereview.search.exports.nbib import read_nbib
from alereview.search.exports.ris import read_ris
from alereview.search.exports.wos import read_wos

LOG = get_logger(__name__)

READERS = {
    "ris": read_ris,
    "wos": read_wos,
    "nbib": read_nbib,
    "endnote_xml": read_endnote_xml,
    "csv": read_csv,
}


def sniff_format(text: str) -> str:
    """Guess an export's format from its first lines.

    Examples
    --------
    >>> sniff_format("TY  - JOUR\\nTI  - x\\nER  - \\n")
    'ris'
    >>> sniff_format("FN Clarivate Analytics Web of Science\\nVR 1.0\\n")
    'wos'
    """
    head = text.lstrip()[:2000]
    if re.match(r"(FN|VR|PT) ", head):
        return "wos"
    if re.search(r"^TY  -", head, re.MULTILINE):
        return "ris"
    if re.match(r"PMID- ", head) or re.match(r"[A-Z]{2,4} *- ", head):
        return "nbib"
    if head.startswith("<") and "<record" in text[:20000]:
        return "endnote_xml"
    return "csv"


def _warn_if_suspicious(records, path, fmt) -> None:
    """Warn (naming the file) for an export without records and for records without a title."""
    if not records:
        LOG.warning("%s: no records read as %s: an export with no hits, or not the export meant?", path, fmt)
    untitled = [r["source_index"] for r in records if not str(r.get("title", "")).strip()]
    if untitled:
        shown = ", ".join(map(str, untitled[:5])) + (" ..." if len(untitled) > 5 else "")
        LOG.warning(
            "%s, record %s, field 'title': %d record(s) without a title (they can only be matched by DOI or PMID)",
            path,
            shown,
            len(untitled),
        )


def read_export(path, fmt: str = "auto", encoding: str = "auto") -> tuple:
    """Read one export file.

    Parameters
    ----------
    path : str or Path
    fmt : str
        One of :data:`READERS`, or ``auto`` to sniff.
    encoding : str
        ``auto`` or a codec name.

    Returns
    -------
    records : list of dict
        Record fields plus ``source_index`` (1-based position in the file).
    info : dict
        ``file``, ``format``, ``encoding`` (as detected or given) and ``records`` (the count).

    Raises
    ------
    InputError
        Naming the file, the record and the field of the first problem.
    """
    if Path(path).is_dir():
        raise InputError("is a folder, not an export file", path=path)
    text, used = read_text(path, encoding)
    if not text.strip():
        raise InputError("empty file: no records (is this the export?)", path=path, line=1)
    fmt = sniff_format(text) if fmt in (None, "", "auto") else fmt
    if fmt not in READERS:
        raise InputError(f"unknown format {fmt!r}; expected one of {sorted(READERS)}", path=path, field="format")
    records = READERS[fmt](text, path)
    for index, record in enumerate(records, start=1):
        record["source_index"] = index
    _warn_if_suspicious(records, path, fmt)
    info = {"file": str(Path(path)), "format": fmt, "encoding": used, "records": len(records)}
    return records, info
