"""A careful E-utilities client: ESearch with the history server and batched EFetch.

Biopython 1.88's ``Entrez.esearch``/``efetch`` hard-code NCBI's URL (tests need a local
stand-in) and retry naively (HTTP 5xx/429 at once, never a 200 holding ``<ERROR>`` or a
truncated reply). This client sends the same parameters Biopython does (``tool``, ``email``,
``api_key``, POST for long ID lists), takes ``tool``/``email``/``api_key`` from ``Bio.Entrez``'s
settings (see :func:`configure_entrez`), and checks every reply before accepting it: HTTP
status, ``<ERROR>`` elements, well-formed XML of the expected kind and, for EFetch, that the
PMIDs returned are exactly those asked for. Failures worth retrying raise
:class:`~alereview.search.ratelimit.TransientError` inside :func:`call_with_retries`.

The API key is sent to NCBI only: it is never logged, never put in an error message (URLs are
not quoted in errors) and never written to a file.
"""

from __future__ import annotations

import http.client
import os
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from Bio import Entrez

from alereview.logs import get_logger
from alereview.redaction import protect
from alereview.search.pubmed_xml import article_pmids
from alereview.search.ratelimit import (
    EntrezFailure,
    RateLimiter,
    RetryCounter,
    RetryPolicy,
    TransientError,
    call_with_retries,
    parse_retry_after,
)
from alereview.search.snapshot import eutils_date

LOG = protect(get_logger(__name__))

NCBI_EUTILS = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
TOOL = "alereview"
#: PubMed's ESearch returns at most this many IDs (``retstart`` may not exceed 9,998).
ESEARCH_CAP = 9999


def configure_entrez(email: str = "", tool: str = TOOL, api_key=None) -> None:
    """Set ``Bio.Entrez``'s ``email``, ``tool`` and ``api_key`` (from ``$NCBI_API_KEY`` if None)."""
    Entrez.email = email or None
    Entrez.tool = tool
    Entrez.api_key = api_key if api_key is not None else (os.environ.get("NCBI_API_KEY") or None)


@dataclass
class ESearchReply:
    """One ESearch reply: the raw bytes and what the search needs from them."""

    raw: bytes
    count: int
    pmids: list
    webenv: str
    query_key: str
    query_translation: str
    warnings: list = None


def _snippet(body: bytes, size: int = 120) -> str:
    text = body[:size].decode("utf-8", "replace")
    return " ".join(text.split())


def _error_texts(root) -> list:
    return [" ".join("".join(e.itertext()).split()) for e in root.iter("ERROR")]


def parse_xml_reply(body: bytes, expected_root: str):
    """Parse a reply as XML with root ``expected_root``; transient errors otherwise.

    Raises
    ------
    TransientError
        ``not XML``, ``truncated XML``, an ``<ERROR>`` reply, or an unexpected root element.
    """
    stripped = body.lstrip()
    if not stripped.startswith(b"<"):
        raise TransientError(f"not XML: {_snippet(body)!r}")
    head = stripped[:300].lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise TransientError(f"not XML (an HTML page): {_snippet(body)!r}")
    try:
        root = ET.fromstring(body)
    except ET.ParseError as error:
        raise TransientError(f"truncated or malformed XML ({error}) after {len(body)} bytes") from error
    errors = _error_texts(root)
    if errors:
        raise TransientError(f"<ERROR> in reply: {'; '.join(errors)}")
    if root.tag != expected_root:
        raise TransientError(f"unexpected XML: <{root.tag}> where <{expected_root}> was expected")
    return root


def parse_esearch(body: bytes) -> ESearchReply:
    """Read an ESearch reply (raises :class:`TransientError` on a bad one)."""
    root = parse_xml_reply(body, "eSearchResult")
    count = root.findtext("Count")
    if count is None or not count.strip().isdigit():
        raise TransientError("ESearch reply without <Count>")
    return ESearchReply(
        raw=body,
        count=int(count),
        pmids=[(e.text or "").strip() for e in root.findall("IdList/Id")],
        webenv=(root.findtext("WebEnv") or "").strip(),
        query_key=(root.findtext("QueryKey") or "").strip(),
        query_translation=" ".join((root.findtext("QueryTranslation") or "").split()),
        # e.g. PhraseNotFound (a typo in the query?) or "Restrictions achieved" (over the cap).
        warnings=[
            f"{e.tag}: {' '.join(''.join(e.itertext()).split())}"
            for parent in ("ErrorList", "WarningList")
            for e in root.findall(f"{parent}/*")
        ],
    )


def check_efetch(body: bytes, expected_pmids) -> None:
    """Check an EFetch reply: PubMed XML holding exactly ``expected_pmids``, in any order.

    Raises
    ------
    TransientError
        Bad XML, an ``<ERROR>``, or PMIDs missing or unexpected.
    """
    root = parse_xml_reply(body, "PubmedArticleSet")
    returned = article_pmids(root)
    expected = [str(p) for p in expected_pmids]
    if sorted(returned) != sorted(expected):
        missing = sorted(set(expected) - set(returned), key=int)
        extra = sorted(set(returned) - set(expected), key=int)
        raise TransientError(
            f"PMID mismatch: asked {len(expected)}, got {len(returned)}; "
            f"missing {missing[:5]}{'...' if len(missing) > 5 else ''}, "
            f"unexpected {extra[:5]}{'...' if len(extra) > 5 else ''}"
        )


class EntrezClient:
    """Requests to E-utilities, paced, checked and retried.

    Parameters
    ----------
    base_url : str
        E-utilities base URL (``.../entrez/eutils/``).
    email : str
        Contact address NCBI asks for.
    api_key : str, optional
        Defaults to ``$NCBI_API_KEY``; raises the rate from 3 to 10 requests/s.
    timeout : float
        Seconds before a silent connection counts as dropped.
    policy : RetryPolicy, optional
    limiter : RateLimiter, optional
        Defaults to NCBI's rate for the key (or its absence).
    """

    def __init__(self, base_url=NCBI_EUTILS, email="", api_key=None, timeout=60.0, policy=None, limiter=None, tool=TOOL):
        configure_entrez(email, tool, api_key)
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.timeout = float(timeout)
        self.policy = policy or RetryPolicy()
        self.limiter = limiter or RateLimiter.for_ncbi(bool(Entrez.api_key))
        self.retries = RetryCounter()
        self.requests = 0

    def _params(self, params: dict) -> dict:
        params = dict(params)
        params["tool"] = Entrez.tool
        if Entrez.email:
            params["email"] = Entrez.email
        if Entrez.api_key:
            params["api_key"] = Entrez.api_key
        return params

    def request(self, utility: str, params: dict, post: bool = False) -> bytes:
        """One attempt: the reply body of ``utility`` (e.g. ``efetch.fcgi``), or an error.

        Raises
        ------
        TransientError
            HTTP 429 (with its ``Retry-After``), 5xx, a dropped or timed-out connection.
        EntrezFailure
            Any other HTTP error (a bad request is not retried).
        """
        data = urllib.parse.urlencode(self._params(params))
        url = self.base_url + utility
        # As Biopython: POST when the query string would be long (a long query or ID list).
        if post or len(data) > 1000:
            req = urllib.request.Request(url, data=data.encode("utf-8"), method="POST")
        else:
            req = urllib.request.Request(f"{url}?{data}", method="GET")
        self.limiter.wait()
        self.requests += 1
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as reply:
                return reply.read()
        except urllib.error.HTTPError as error:
            body = error.read() if error.fp is not None else b""
            if error.code == 429:
                raise TransientError(
                    f"HTTP 429 (rate limit): {_snippet(body)!r}", retry_after=parse_retry_after(error.headers.get("Retry-After"))
                ) from None
            if error.code >= 500:
                raise TransientError(
                    f"HTTP {error.code}: {_snippet(body)!r}", retry_after=parse_retry_after(error.headers.get("Retry-After"))
                ) from None
            raise EntrezFailure(f"{utility}: HTTP {error.code} {error.reason}: {_snippet(body)!r}") from None
        except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError) as error:
            reason = getattr(error, "reason", None) or error
            raise TransientError(f"connection failed: {type(error).__name__}: {reason}") from None

    def esearch(self, term: str, datetype: str, mindate, maxdate, retmax: int = ESEARCH_CAP, what: str = "ESearch") -> ESearchReply:
        """ESearch PubMed over a date window with the history server (``usehistory=y``)."""
        params = {
            "db": "pubmed",
            "term": term,
            "usehistory": "y",
            "retmax": retmax,
            "datetype": datetype,
            "mindate": eutils_date(mindate),
            "maxdate": eutils_date(maxdate),
        }

        def attempt():
            return parse_esearch(self.request("esearch.fcgi", params))

        return call_with_retries(attempt, self.policy, what, self.retries)

    def efetch_history(self, webenv: str, query_key: str, retstart: int, pmids, what: str) -> bytes:
        """EFetch PubMed XML for ``pmids`` from the history server, checked against ``pmids``."""
        if retstart + len(pmids) > ESEARCH_CAP:
            raise EntrezFailure(f"{what}: retstart {retstart} + {len(pmids)} passes PubMed's cap of {ESEARCH_CAP}")
        params = {
            "db": "pubmed",
            "WebEnv": webenv,
            "query_key": query_key,
            "retstart": retstart,
            "retmax": len(pmids),
            "rettype": "xml",
            "retmode": "xml",
        }
        return self._efetch(params, pmids, what)

    def efetch_ids(self, pmids, what: str) -> bytes:
        """EFetch PubMed XML for an explicit list of PMIDs (POST), checked against it."""
        params = {"db": "pubmed", "id": ",".join(str(p) for p in pmids), "rettype": "xml", "retmode": "xml"}
        return self._efetch(params, pmids, what, post=True)

    def _efetch(self, params, pmids, what, post=False) -> bytes:
        def attempt():
            body = self.request("efetch.fcgi", params, post=post)
            check_efetch(body, pmids)
            return body

        return call_with_retries(attempt, self.policy, what, self.retries)
