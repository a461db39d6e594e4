"""Reading export files whatever their encoding: UTF-8 (with or without BOM), GB18030/GBK, Windows-1252.

Chinese databases (CNKI, Wanfang, VIP, CBM) often export GBK or GB18030; Western tools
Windows-1252/Latin-1; Windows tools add a UTF-8 byte-order mark, which must not be taken for
part of the first record's first tag. Bytes alone do not tell these apart: "Müller" in
Windows-1252 is valid GB18030 too ("M黮ler"). So an encoding is chosen in two steps:

1. candidates: a byte-order mark, else valid UTF-8 (certain), else the readings of GB18030,
   Windows-1252 and those `charset-normalizer <https://github.com/jawah/charset_normalizer>`_
   ranks best;
2. a plausibility check of each reading (:func:`implausible`): CJK characters inside Latin
   words ("M黮ler") or runs of accented letters and symbols ("Õë´Ì", "MÃ¼ller") are what a
   wrong encoding produces, not what a bibliography holds.

The first plausible reading in the order GB18030, Windows-1252, then charset-normalizer's is
used; when another plausible reading gives a different text, or none is plausible, a warning
names the file. A declared encoding whose reading is implausible while another is plausible is
an error naming the file and line.
"""

from __future__ import annotations

import codecs
import re

from alereview.errors import InputError
from alereview.logs import get_logger

LOG = get_logger(__name__)

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: One CJK character between Latin letters, or one at a word's start followed by Latin letters.
_CJK_IN_LATIN = re.compile(rf"(?:(?<=[A-Za-z])[{_CJK}](?![{_CJK}])|(?<![{_CJK}A-Za-z])[{_CJK}](?=[A-Za-z]{{2}}))")
_CJK_ANY = re.compile(f"[{_CJK}]")
#: Characters a single-byte reading of multi-byte text produces (Latin-1 supplement, Latin
#: extended, and Windows-1252's extra symbols).
_SINGLE_BYTE = "\u0080-\u02ff\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_SINGLE_BYTE_RUN = re.compile(f"[{_SINGLE_BYTE}]{{3,}}")
_SINGLE_BYTE_ANY = re.compile(f"[{_SINGLE_BYTE}]")
#: UTF-8 read as a single-byte encoding: "Ã¼", "Ã©", "â€™".
_UTF8_AS_SINGLE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac[\u0080-\u00bf\u2018-\u201e\u2122]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
#: Preferred readings, in order, when several are plausible.
PREFERRED = ("gb18030", "cp1252")


def _line_of(data, offset: int) -> int:
    return data.count(b"\n" if isinstance(data, bytes) else "\n", 0, offset) + 1


def implausible(text: str):
    """Why ``text`` looks like a wrong decoding, or None.

    Returns
    -------
    tuple of (str, int) or None
        The reason (with an example) and the character offset of the example.

    Examples
    --------
    >>> implausible("AU  - Müller, K.") is None
    True
    >>> implausible("AU  - M黮ler K.")[0]
    "CJK characters inside Latin words (e.g. 'M黮ler')"
    >>> implausible("TI  - ÕëÖÎÁÆ")[0]
    "runs of accented letters and symbols (e.g. 'ÕëÖÎÁÆ')"
    """
    utf8 = _UTF8_AS_SINGLE.search(text)
    if utf8:
        word = re.search(r"\S*$", text[: utf8.start()]).group() + re.match(r"\S*", text[utf8.start() :]).group()
        return f"UTF-8 read as a single-byte encoding (e.g. {word!r})", utf8.start()
    control = _CONTROL.search(text)
    if control:
        return f"control characters (e.g. {text[max(control.start() - 5, 0) : control.end() + 5]!r})", control.start()
    inside = list(_CJK_IN_LATIN.finditer(text))
    if inside and len(inside) >= 0.3 * len(_CJK_ANY.findall(text)):
        first = inside[0].start()
        word = re.search(r"\S*$", text[:first]).group() + re.match(r"\S*", text[first:]).group()
        return f"CJK characters inside Latin words (e.g. {word!r})", first
    runs = list(_SINGLE_BYTE_RUN.finditer(text))
    in_runs = sum(len(m.group()) for m in runs)
    if runs and in_runs >= 0.3 * len(_SINGLE_BYTE_ANY.findall(text)):
        return f"runs of accented letters and symbols (e.g. {runs[0].group()[:12]!r})", runs[0].start()
    return None


def _decoded(data: bytes, encoding: str):
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _candidates(data: bytes, preferred=PREFERRED) -> list:
    """(encoding, text) readings: ``preferred`` (GB18030, Windows-1252), then charset-normalizer's best ones."""
    readings = [(enc, _decoded(data, enc)) for enc in preferred]
    try:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(data))
    except Exception:  # noqa: BLE001 - a detector failure leaves our own candidates
        matches = []
    if matches:
        best = min(m.chaos for m in matches)
        for match in matches:
            if match.chaos <= best + 0.02:
                name = codecs.lookup(match.encoding).name
                readings.append((name, str(match)))
    seen, unique = set(), []
    for enc, text in readings:
        if text is not None and codecs.lookup(enc).name not in seen:
            seen.add(codecs.lookup(enc).name)
            unique.append((codecs.lookup(enc).name, text))
    return unique


def _sniff(data: bytes, path=None, preferred=PREFERRED) -> tuple:
    """Choose an encoding for bytes that are not UTF-8; warns (naming ``path``) when not certain."""
    readings = _candidates(data, preferred)
    plausible = [(enc, text) for enc, text in readings if implausible(text) is None]
    where = path if path is not None else "export"
    if not plausible:
        enc, text = readings[0] if readings else ("latin-1", data.decode("latin-1"))
        reason = implausible(text)
        LOG.warning(
            "%s: no encoding gives a plausible text; read as %s, which gives %s (line %d): check the "
            "file, or give its encoding in config (search.exports[].encoding)",
            where,
            enc,
            reason[0] if reason else "?",
            _line_of(text, reason[1]) if reason else 0,
        )
        return text, enc
    enc, text = plausible[0]
    others = [other for other, alt in plausible[1:] if alt != text]
    if others:
        shown = ", ".join(others[:3]) + (f" (and {len(others) - 3} more)" if len(others) > 3 else "")
        LOG.warning(
            "%s: encoding not certain: read as %s; %s would also give a plausible but different text. "
            "Give the encoding in config (search.exports[].encoding) to be sure",
            where,
            enc,
            shown,
        )
    return text, enc


def _declared(data: bytes, encoding: str, path=None) -> tuple:
    try:
        codecs.lookup(encoding)
    except LookupError as error:
        raise InputError(f"unknown encoding {encoding!r}", path=path, field="encoding") from error
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            f"not valid {encoding}: byte {data[error.start]:#04x} at offset {error.start}",
            path=path,
            line=_line_of(data, error.start),
            field="encoding",
        ) from None
    problem = implausible(_normalise(text))
    if problem is None:
        return _normalise(text), encoding
    line = _line_of(_normalise(text), problem[1])
    alternative = decode(data, "auto", path, quiet=True)
    if alternative[0] != _normalise(text) and implausible(alternative[0]) is None:
        raise InputError(
            f"read as the declared {encoding}, the text shows {problem[0]}; it reads plausibly as "
            f"{alternative[1]}: set its encoding to {alternative[1]} or auto",
            path=path,
            line=line,
            field="encoding",
        )
    LOG.warning(
        "%s, line %d: read as the declared %s, the text shows %s", path if path is not None else "export", line, encoding, problem[0]
    )
    return _normalise(text), encoding


def decode(data: bytes, encoding: str = "auto", path=None, quiet: bool = False, preferred=PREFERRED) -> tuple:
    """Decode an export's bytes.

    Parameters
    ----------
    data : bytes
        The file's content.
    encoding : str
        ``auto`` to sniff (BOM, UTF-8, then the most plausible of GB18030, Windows-1252 and
        charset-normalizer's guesses), or a Python codec name.
    path : str or Path, optional
        For messages.
    quiet : bool
        No warning (used when checking a declared encoding against the sniffed one).
    preferred : tuple of str
        The readings tried first, in order, when the bytes are not UTF-8 (default
        :data:`PREFERRED`; Sleuth files: Mac Roman and Windows-1252).

    Returns
    -------
    text : str
        The text, without a byte-order mark, with ``\\n`` line ends.
    encoding : str
        The encoding used, e.g. ``utf-8-sig``, ``utf-8``, ``gb18030``, ``cp1252``.

    Raises
    ------
    InputError
        When the bytes are not valid in the given encoding (naming the line), or when the
        given encoding gives implausible text and another a plausible one.
    """
    if encoding and encoding.lower() != "auto":
        return _declared(data, encoding, path)
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        offset = data.index(b"\x00")
        raise InputError(
            f"not a text export: a binary file (NUL byte at offset {offset})", path=path, line=_line_of(data, offset), field="encoding"
        )
    if data.startswith(codecs.BOM_UTF8):
        used = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        used = "utf-16"
    else:
        used = None
    if used:
        try:
            return _normalise(data.decode(used)), used
        except UnicodeDecodeError as error:
            raise InputError(
                f"starts with a {used} byte-order mark but is not valid {used}",
                path=path,
                line=_line_of(data, error.start),
                field="encoding",
            ) from None
    try:
        return _normalise(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    if quiet:
        disabled, LOG.disabled = LOG.disabled, True
        try:
            text, used = _sniff(data, path, preferred)
        finally:
            LOG.disabled = disabled
    else:
        text, used = _sniff(data, path, preferred)
    return _normalise(text), used


def _normalise(text: str) -> str:
    text = text.lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path, encoding: str = "auto") -> tuple:
    """Read and :func:`decode` a file; returns ``(text, encoding)``."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path=path) from error
    return decode(data, encoding, path)
