"""Strict numbers: the one parser of every number a researcher types (coordinates, sample sizes, scores).

Python's ``float`` and ``int`` accept more than a table means: ``float("4_2")`` is 42 (digit
separators), ``float("1e400")`` is ``inf``, ``float("nan")`` a number, ``int("٤٢")`` 42 (Arabic-Indic
digits). Here a number is ASCII digits with an optional sign, decimal point and exponent,
finite once read; the typographic minus (U+2212) of typeset tables counts as ``-``.

Examples
--------
>>> parse_number("-40.5"), parse_number("\u221212"), parse_number("1e2")
(-40.5, -12.0, 100.0)
>>> parse_number("4_2")
Traceback (most recent call last):
...
alereview.errors.InputError: not a number: '4_2' (digits, an optional sign, decimal point and exponent)
"""

from __future__ import annotations

import argparse
import math
import re

from alereview.errors import InputError

#: A decimal number as tables write it: ASCII digits only.
NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
#: A whole number: ASCII digits, optionally signed, optionally ``.0`` (``12.0`` from a spreadsheet).
WHOLE = re.compile(r"[+-]?[0-9]+(?:\.0*)?")
NOT_FINITE = {"nan", "inf", "infinity"}
MINUS_SIGNS = {"\u2212": "-", "\u2013": "-"}


def _clean(text) -> str:
    text = "" if text is None else str(text).strip()
    for sign, ascii_sign in MINUS_SIGNS.items():
        if text.startswith(sign):
            text = ascii_sign + text[1:]
    return text


def parse_number(text, what: str = "a number", **where) -> float:
    """A finite decimal number, or an :class:`InputError` (``where``: path, line, record, field).

    Raises
    ------
    InputError
        Empty, not a plain decimal number (``4_2``, ``nan``, ``inf``, ``0x10``) or out of range
        (``1e400``).
    """
    cleaned = _clean(text)
    if cleaned.lstrip("+-").lower() in NOT_FINITE:
        raise InputError(f"not {what}: {str(text).strip()!r} is not a finite number", **where)
    if not NUMBER.fullmatch(cleaned):
        raise InputError(f"not {what}: {str(text).strip()!r} (digits, an optional sign, decimal point and exponent)", **where)
    value = float(cleaned)
    if not math.isfinite(value):
        raise InputError(f"not {what}: {str(text).strip()!r} is out of range (not a finite number)", **where)
    return value


def parse_whole(text, what: str = "a whole number", **where) -> int:
    """A whole number (``12`` or ``12.0``), or an :class:`InputError` naming ``where``."""
    cleaned = _clean(text)
    if not WHOLE.fullmatch(cleaned):
        raise InputError(f"not {what}: {str(text).strip()!r}", **where)
    return int(cleaned.split(".")[0])


def is_number(text) -> bool:
    """True when :func:`parse_number` reads ``text``."""
    cleaned = _clean(text)
    return bool(NUMBER.fullmatch(cleaned)) and math.isfinite(float(cleaned))


def json_number(value, what: str = "a number", **where) -> float:
    """A number of a JSON file: a finite int or float (not true/false, NaN, Infinity), or a strict string."""
    if isinstance(value, bool):
        raise InputError(f"not {what}: {value!r}", **where)
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise InputError(f"not {what}: {value!r}", **where)
        return float(value)
    return parse_number(value, what, **where)


def cli_float(text: str) -> float:
    """An argparse ``type=`` for numbers: :func:`parse_number` (so ``4_2`` or ``nan`` is a usage error)."""
    try:
        return parse_number(text)
    except InputError as error:
        raise argparse.ArgumentTypeError(error.message) from None


def cli_int(text: str) -> int:
    """An argparse ``type=`` for whole numbers: :func:`parse_whole`."""
    try:
        return parse_whole(text)
    except InputError as error:
        raise argparse.ArgumentTypeError(error.message) from None
