"""The review queue: uncertain pairs ranked for a person, and the evidence behind every pair.

A person can screen a few dozen pairs, not thousands. The grey-zone pairs of
:mod:`~alereview.dedup.rules` are ranked by :func:`likelihood`, the chance that the two
records are one, from a logistic model of the field evidence (:func:`features`), and only
the most likely ``ceil(review_share * records)`` are listed (default 1 % of the records),
most likely first. The rest stay apart, like pairs decided different, and are counted in
``counts.json`` (``uncertain_beyond_queue``): the benchmarks
(``bench/dedup_accuracy.py``) show how rarely a true pair lies that low.

The weights were fitted (``bench/dedup_learn.py``: L2 logistic regression on the candidate
pairs of the two labelled sets of ``../shared`` and the synthetic sets, every set weighted
equally) and are listed in :data:`WEIGHTS` so that every rank can be recomputed by hand.

:func:`evidence` writes the same fields as text for ``clusters.tsv`` and the queue:
``+`` agrees, ``-`` differs, a number for a similarity; missing fields are left out.

Examples
--------
>>> from alereview.dedup.scoring import PairScores
>>> evidence(PairScores(title=0.97, authors=1.0, first_author=1, year_diff=0, pages=1, doi=0))
'title 0.97; authors 1.00; first_author +; year +; pages +; doi -'
"""

from __future__ import annotations

import math

from alereview.dedup.scoring import PairScores

# Fitted by bench/dedup_learn.py (see the module docstring); the intercept is "bias".
WEIGHTS = {
    "bias": -12.1,
    "title": 6.4,
    "authors": 2.3,
    "first_author": 3.2,
    "journal": 2.0,
    "year": 1.8,
    "pages": 3.8,
    "volume": 1.3,
    "issue": 3.1,
    "doi": 1.7,
    "pmid": 0.0,
    "numbers": -0.0,
    "generic": -4.1,
}
FEATURES = tuple(name for name in WEIGHTS if name != "bias")


def _sign(value) -> float:
    """+1 agrees, -1 differs, 0 unknown."""
    if value is None:
        return 0.0
    return 1.0 if value == 1 else -1.0


def features(s: PairScores) -> dict:
    """The model's inputs: similarities in [0, 1] (0 when unknown) and agreement signs."""
    year = None if s.year_diff is None else int(s.year_diff == 0)
    return {
        "title": s.title or 0.0,
        "authors": 0.0 if s.authors is None else 2.0 * s.authors - 1.0,
        "first_author": _sign(s.first_author),
        "journal": 0.0 if s.journal is None else 2.0 * s.journal - 1.0,
        "year": _sign(year),
        "pages": _sign(s.pages),
        "volume": _sign(s.volume),
        "issue": _sign(s.issue),
        "doi": _sign(s.doi),
        "pmid": _sign(s.pmid),
        "numbers": _sign(s.numbers),
        "generic": float(s.generic),
    }


def likelihood(s: PairScores, weights: dict = WEIGHTS) -> float:
    """The modelled probability that the pair is one record (for ranking, not deciding)."""
    x = features(s)
    z = weights["bias"] + sum(weights[name] * x[name] for name in FEATURES)
    return 1.0 / (1.0 + math.exp(-z))


def evidence(s: PairScores) -> str:
    """The field evidence of a pair as short text (``+`` agrees, ``-`` differs)."""
    parts = []
    if s.title is not None:
        parts.append(f"title {s.title:.2f}")
    elif s.cross_language:
        parts.append("title other script")
    if s.authors is not None:
        parts.append(f"authors {s.authors:.2f}")
    if s.first_author is not None:
        parts.append(f"first_author {'+' if s.first_author == 1 else '-'}")
    if s.journal is not None:
        parts.append(f"journal {s.journal:.2f}")
    if s.year_diff is not None:
        parts.append("year +" if s.year_diff == 0 else f"year off by {s.year_diff}")
    for name in ("volume", "issue", "pages", "doi", "pmid", "numbers"):
        value = getattr(s, name)
        if value is not None:
            parts.append(f"{name} {'+' if value == 1 else '-'}")
    if s.generic:
        parts.append("generic title")
    return "; ".join(parts)


def queue_size(n_records: int, review_share: float) -> int:
    """How many uncertain pairs a person is given: ``ceil(review_share * n_records)``."""
    return int(math.ceil(review_share * n_records)) if n_records else 0


def rank(pairs: list, limit: int) -> tuple[list, list]:
    """Split ``(likelihood, key, ...)`` tuples into the queue (most likely first, at most
    ``limit``) and the rest; ties are broken by ``key`` (the record ids)."""
    ordered = sorted(pairs, key=lambda p: (-round(p[0], 12), p[1]))
    return ordered[:limit], ordered[limit:]
