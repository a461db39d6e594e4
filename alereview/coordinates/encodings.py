"""Decoding Sleuth files the way their authors wrote them: UTF-8, UTF-16, Mac Roman or Windows-1252.

Sleuth files are written by hand over years, by Mac and Windows text editors: UTF-8 with or
without a byte-order mark, UTF-16, Mac Roman (``°`` as byte 0xA1) or Windows-1252, with LF, CRLF
or CR-only line ends (all three may occur in one file). The bytes are decoded as exports are
(:func:`alereview.search.exports.encoding.decode`: byte-order mark, UTF-8, then the plausible
readings of charset-normalizer's and our candidates), with Mac Roman and Windows-1252 as the
candidates tried first, ranked by :func:`typical_score`: letters with accents inside names and
the symbols of a methods text (``° ± µ – ’``) are what a right reading gives; ``¡``, ``¸``, ``√``
after a digit or inside a word are what a wrong one gives. A file that is not UTF-8 is read with
a warning that names the encoding chosen and, where the other reading differs, the line and
both readings of it.
"""

from __future__ import annotations

import codecs

from alereview.errors import InputError
from alereview.logs import get_logger
from alereview.search.exports.encoding import decode

LOGGER = get_logger(__name__)

#: Single-byte encodings of hand-written Sleuth files, tried first.
SLEUTH_ENCODINGS = ("mac_roman", "cp1252")
_ACCENTED = "áàâäãåçéèêëíìîïñóòôöõøúùûüýÿßæœ"
_SYMBOLS = "°±µ×–—‘’“”…·"
_NAMES = {"mac-roman": "Mac Roman", "cp1252": "Windows-1252", "utf-16": "UTF-16", "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE"}


def encoding_name(encoding: str) -> str:
    """How messages name an encoding: ``Mac Roman``, ``Windows-1252``, ``UTF-16 LE``, else its codec name."""
    name = codecs.lookup(encoding).name
    return _NAMES.get(name, name)


def typical_score(text: str) -> int:
    """Non-ASCII characters a label plausibly holds, minus the others.

    Examples
    --------
    >>> typical_score("41° C, Müller"), typical_score("41¡ C, M¸ller")
    (2, -2)
    """
    score = 0
    for index, char in enumerate(text):
        if ord(char) < 128:
            continue
        before = text[index - 1] if index else " "
        if char in _ACCENTED or char in _SYMBOLS or (char.lower() in _ACCENTED and not before.isalpha()):
            score += 1
        else:
            score -= 1
    return score


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` / ``utf-16-be`` when every other byte is NUL (ASCII text in UTF-16), else None."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    if sample[1::2].count(0) > 0.9 * (len(sample) // 2):
        return "utf-16-le"
    if sample[0::2].count(0) > 0.9 * (len(sample) // 2):
        return "utf-16-be"
    return None


def _first_difference(a: str, b: str) -> tuple[int, str, str]:
    """(line, line in ``a``, line in ``b``) of the first line the two readings differ on."""
    for number, (x, y) in enumerate(zip(a.split("\n"), b.split("\n")), start=1):
        if x != y:
            return number, x.strip(), y.strip()
    return 0, "", ""


def _single_byte(data: bytes, path) -> tuple[str, str]:
    readings = {enc: data.decode(enc, errors="replace") for enc in SLEUTH_ENCODINGS}
    order = tuple(sorted(SLEUTH_ENCODINGS, key=lambda enc: -typical_score(readings[enc])))
    text, used = decode(data, "auto", path, quiet=True, preferred=order)
    other = next((enc for enc in order if codecs.lookup(enc).name != codecs.lookup(used).name), None)
    message = f"{path}: not UTF-8; read as {encoding_name(used)}"
    if other is not None:
        line, mine, theirs = _first_difference(text, readings[other].replace("\r\n", "\n").replace("\r", "\n"))
        if line:
            message += f" (line {line}: {mine!r}; as {encoding_name(other)} it would read {theirs!r})"
    LOGGER.warning("%s. Save it as UTF-8 to be sure", message)
    return text, used


def read_sleuth_text(path) -> tuple[list, str]:
    """The lines of a Sleuth file (line ends LF, CRLF or CR) and the encoding used.

    Raises
    ------
    InputError
        The file cannot be read, or it is binary (naming the line of its first NUL byte).
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror}", path=path) from None
    utf16 = None if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else _utf16_without_bom(data)
    if utf16:
        try:
            text = data.decode(utf16).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError as error:
            raise InputError(
                f"looks like {encoding_name(utf16)} but is not valid {encoding_name(utf16)}",
                path=path,
                line=data[: error.start].decode(utf16, errors="replace").count("\n") + 1,
            ) from None
        LOGGER.warning("%s: read as %s (no byte-order mark)", path, encoding_name(utf16))
        return text.split("\n"), utf16
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        offset = data.index(b"\x00")
        line = data[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
        raise InputError("not a text file: a NUL byte (binary data)", path=path, line=line)
    try:
        data.decode("utf-8")
        is_utf8 = True
    except UnicodeDecodeError:
        is_utf8 = False
    if is_utf8 or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, used = decode(data, "auto", path, quiet=True)
        if used == "utf-16":
            LOGGER.warning("%s: read as UTF-16 (byte-order mark)", path)
    else:
        text, used = _single_byte(data, path)
    return text.split("\n"), used
