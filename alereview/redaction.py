"""Keeping the NCBI API key out of every message, log line, URL and file.

The key is sent to NCBI only. But servers echo it: NCBI's HTTP 429 reply is a JSON that holds
the request's ``api-key``, and error pages may quote the request URL. :func:`redact` removes
the key's value (as sent, and URL-encoded) and any ``api_key``/``api-key``/``apikey`` value
(also URL-encoded) from a text; the search modules' exceptions redact their own message and
their loggers carry :class:`RedactingFilter`.
"""

from __future__ import annotations

import logging
import os
import re
import urllib.parse

REDACTED = "[redacted]"
#: ``api_key=...``, ``"api-key":"..."``, ``apikey: ...``, ``api%5Fkey%3D...`` (any case).
_ECHO = re.compile(r"(?i)(api(?:[_-]|%5f|%2d)?key)(\\?[\"']?\s*(?:[:=]|%3a|%3d)\s*\\?[\"']?)([^\"'&\s,;}<>\\]+)")


def known_secrets() -> list:
    """The API key values in use: ``$NCBI_API_KEY`` and ``Bio.Entrez.api_key`` (non-empty)."""
    values = [os.environ.get("NCBI_API_KEY") or ""]
    try:
        from Bio import Entrez

        values.append(Entrez.api_key or "")
    except ImportError:  # pragma: no cover - Biopython is a dependency
        pass
    return sorted({v for v in values if len(v) >= 4}, key=len, reverse=True)


def redact(text, secrets=None) -> str:
    """``text`` without API key values.

    Examples
    --------
    >>> redact('HTTP 429: {"error":"API rate limit exceeded","api-key":"0123abcd"}', secrets=[])
    'HTTP 429: {"error":"API rate limit exceeded","api-key":"[redacted]"}'
    >>> redact("GET /esearch.fcgi?db=pubmed&api_key=s3cr3t&term=x", secrets=[])
    'GET /esearch.fcgi?db=pubmed&api_key=[redacted]&term=x'
    >>> redact("key s3cr3tvalue seen", secrets=["s3cr3tvalue"])
    'key [redacted] seen'
    """
    text = str(text)
    for secret in known_secrets() if secrets is None else secrets:
        for form in {secret, urllib.parse.quote(secret, safe=""), urllib.parse.quote_plus(secret)}:
            text = text.replace(form, REDACTED)
    return _ECHO.sub(lambda m: m.group(1) + m.group(2) + REDACTED, text)


class RedactingFilter(logging.Filter):
    """A logging filter that redacts a record's formatted message (and drops its args)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


def protect(logger: logging.Logger) -> logging.Logger:
    """Add a :class:`RedactingFilter` to ``logger`` (once) and return it."""
    if not any(isinstance(f, RedactingFilter) for f in logger.filters):
        logger.addFilter(RedactingFilter())
    return logger
