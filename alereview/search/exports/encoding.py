"""Reading export files whatever their encoding: UTF-8 with or without BOM, GB18030/GBK.

Chinese databases (CNKI, Wanfang, VIP, CBM) often export GBK or GB18030; Windows tools add a
UTF-8 byte-order mark, which must not be taken for part of the first record's first tag.
"""

from __future__ import annotations

import codecs
import re

from alereview.errors import InputError

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _mostly_cjk(text: str) -> bool:
    """True when most non-ASCII characters of ``text`` are CJK (a GB18030 reading makes sense)."""
    non_ascii = [ch for ch in text if ord(ch) > 127]
    if not non_ascii:
        return True
    return sum(1 for ch in non_ascii if _CJK.match(ch)) >= 0.9 * len(non_ascii)


def decode(data: bytes, encoding: str = "auto", path=None) -> tuple:
    """Decode an export's bytes.

    Parameters
    ----------
    data : bytes
        The file's content.
    encoding : str
        ``auto`` to sniff (UTF-8 BOM, UTF-16 BOM, UTF-8, GB18030, then Windows-1252), or a
        Python codec name.
    path : str or Path, optional
        For error messages.

    Returns
    -------
    text : str
        The text, without a byte-order mark, with ``\\n`` line ends.
    encoding : str
        The encoding used, e.g. ``utf-8-sig``, ``utf-8``, ``gb18030``.

    Raises
    ------
    InputError
        When the bytes are not valid in the given encoding (naming the line).
    """
    if encoding and encoding.lower() != "auto":
        try:
            codecs.lookup(encoding)
        except LookupError as error:
            raise InputError(f"unknown encoding {encoding!r}", path=path, field="encoding") from error
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise InputError(f"not valid {encoding}: byte {data[error.start]:#04x} at offset {error.start}",
                             path=path, line=_line_of(data, error.start), field="encoding") from None
        return _normalise(text), encoding
    if data.startswith(codecs.BOM_UTF8):
        used = "utf-8-sig"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        used = "utf-16"
    else:
        used = None
    if used:
        try:
            return _normalise(data.decode(used)), used
        except UnicodeDecodeError as error:
            raise InputError(f"starts with a {used} byte-order mark but is not valid {used}",
                             path=path, line=_line_of(data, error.start), field="encoding") from None
    try:
        return _normalise(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
        if _mostly_cjk(text):
            return _normalise(text), "gb18030"
    except UnicodeDecodeError:
        pass
    try:
        return _normalise(data.decode("cp1252")), "cp1252"
    except UnicodeDecodeError:
        return _normalise(data.decode("latin-1")), "latin-1"


def _normalise(text: str) -> str:
    text = text.lstrip("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path, encoding: str = "auto") -> tuple:
    """Read and :func:`decode` a file; returns ``(text, encoding)``."""
    try:
        data = open(path, "rb").read()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path=path) from error
    return decode(data, encoding, path)
