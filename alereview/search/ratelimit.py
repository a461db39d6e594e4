"""Pacing and retrying requests to NCBI E-utilities.

NCBI allows 3 requests per second without an API key and 10 with one; over the limit it answers
HTTP 429, sometimes with ``Retry-After``. Transient failures (429, 5xx, dropped connections,
a 200 whose body is an ``<ERROR>``, truncated or non-XML replies) are retried with exponential
backoff; the delays are parameters so that tests against a local stand-in run in seconds.
"""

from __future__ import annotations

import email.utils
import threading
import time
from dataclasses import dataclass

from alereview.errors import ServiceFailure
from alereview.logs import get_logger
from alereview.redaction import protect, redact

LOG = protect(get_logger(__name__))

#: Seconds between requests: NCBI's 3/s without a key and 10/s with one, plus a margin
#: (exactly 1/3 s is sometimes answered with 429; Biopython uses 0.37 s for the same reason).
INTERVAL_NO_KEY = 0.37
INTERVAL_WITH_KEY = 0.11


class TransientError(Exception):
    """A failed request worth retrying.

    Parameters
    ----------
    message : str
        What went wrong (HTTP status, ``<ERROR>`` text, parse error).
    retry_after : float, optional
        Seconds the server asked us to wait (``Retry-After``).
    """

    def __init__(self, message, retry_after=None):
        super().__init__(redact(message))  # servers echo the API key (NCBI's 429 JSON does)
        self.retry_after = retry_after


class EntrezFailure(ServiceFailure):
    """A request that failed for good: after the last try, or with a non-transient error.

    Its message never holds the API key (:func:`~alereview.redaction.redact`).
    """

    def __init__(self, message=""):
        super().__init__(redact(message))


class RateLimiter:
    """Space calls at least ``interval`` seconds apart (thread-safe, monotonic clock).

    Parameters
    ----------
    interval : float
        Minimum seconds between the starts of two requests.
    """

    def __init__(self, interval: float):
        self.interval = float(interval)
        self._next = 0.0
        self._lock = threading.Lock()

    @classmethod
    def for_ncbi(cls, has_api_key: bool) -> RateLimiter:
        """The limiter NCBI requires: 3 requests/s, or 10 with an API key."""
        return cls(INTERVAL_WITH_KEY if has_api_key else INTERVAL_NO_KEY)

    def wait(self) -> None:
        """Block until the next request may start."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self.interval
        if start > now:
            time.sleep(start - now)


def parse_retry_after(value) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date), or None.

    Examples
    --------
    >>> parse_retry_after("3")
    3.0
    >>> parse_retry_after(None) is None
    True
    """
    if value is None:
        return None
    value = str(value).strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


@dataclass
class RetryPolicy:
    """How often and how patiently to retry.

    Parameters
    ----------
    max_tries : int
        Attempts in all (1 = no retry).
    backoff : float
        Delay before the second attempt, in seconds; doubled at every further attempt.
    backoff_max : float
        Upper bound of one delay (a server's ``Retry-After`` may ask for longer and is honoured
        up to ``retry_after_max``).
    retry_after_max : float
        The longest ``Retry-After`` honoured; longer requests are cut to this.
    """

    max_tries: int = 5
    backoff: float = 2.0
    backoff_max: float = 60.0
    retry_after_max: float = 300.0

    def delay(self, attempt: int, retry_after=None) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based).

        Examples
        --------
        >>> RetryPolicy(backoff=1.0, backoff_max=10).delay(3)
        4.0
        >>> RetryPolicy(backoff=1.0).delay(1, retry_after=7)
        7.0
        """
        delay = min(self.backoff * 2 ** (attempt - 1), self.backoff_max)
        if retry_after is not None:
            delay = max(delay, min(float(retry_after), self.retry_after_max))
        return delay


class RetryCounter:
    """Counts retries across a whole search, for the provenance."""

    def __init__(self):
        self.count = 0
        self.by_kind = {}

    def add(self, message: str) -> None:
        self.count += 1
        kind = message.split(":")[0]
        self.by_kind[kind] = self.by_kind.get(kind, 0) + 1


def call_with_retries(function, policy: RetryPolicy, what: str, counter: RetryCounter | None = None, sleep=time.sleep):
    """Call ``function()`` until it succeeds, retrying :class:`TransientError` with backoff.

    Parameters
    ----------
    function : callable
        Makes one attempt; raises :class:`TransientError` for failures worth retrying.
    policy : RetryPolicy
    what : str
        Names the request in messages, e.g. ``"EFetch batch 3 of 24 (PMIDs 500-999)"``.
    counter : RetryCounter, optional
        Incremented at every retry.
    sleep : callable
        ``time.sleep``, replaceable in tests.

    Raises
    ------
    EntrezFailure
        After ``policy.max_tries`` failed attempts, naming ``what`` and the last error.
    """
    for attempt in range(1, policy.max_tries + 1):
        try:
            return function()
        except TransientError as error:
            if attempt >= policy.max_tries:
                raise EntrezFailure(f"{what} failed after {attempt} tries: {error}") from error
            delay = policy.delay(attempt, error.retry_after)
            LOG.warning("%s: %s; retry %d of %d in %.1f s", what, error, attempt, policy.max_tries - 1, delay)
            if counter is not None:
                counter.add(str(error))
            sleep(delay)
    raise EntrezFailure(f"{what}: no attempt made (max_tries={policy.max_tries})")
