"""Agreement between the two reviewers: raw agreement and Cohen's kappa, per stage.

Kappa corrects raw agreement for the agreement expected by chance from each reviewer's own
rates; with the heavy exclusion rates of title/abstract screening, chance agreement is high and
kappa can be low although the reviewers rarely disagree, so both are reported (with the
number of records both decided). Bands after Landis & Koch (1977, Biometrics 33:159).
"""

from __future__ import annotations

from collections import Counter

import pandas as pd

from alereview.screening.votes import STAGES

COLUMNS = [
    "stage",
    "reviewer_1",
    "reviewer_2",
    "n",
    "agreements",
    "raw_agreement",
    "kappa",
    "kappa_band",
    "conflicts",
    "settled_by_arbiter",
    "pending",
]

# (upper bound inclusive, label), Landis & Koch 1977.
_BANDS = [(0.0, "poor"), (0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial"), (1.0, "almost perfect")]


def cohen_kappa(first, second) -> float:
    """Cohen's kappa of two raters' labels on the same items.

    Parameters
    ----------
    first, second : sequence
        Labels, item by item.

    Returns
    -------
    float
        ``(p_o - p_e) / (1 - p_e)``; ``nan`` when there are no items or chance agreement is 1
        (both raters used one and the same label throughout, so kappa is undefined).

    Examples
    --------
    >>> round(cohen_kappa(["in", "in", "out", "out"], ["in", "out", "out", "out"]), 3)
    0.5
    """
    first, second = list(first), list(second)
    if len(first) != len(second):
        raise ValueError("the two raters labelled different numbers of items")
    n = len(first)
    if n == 0:
        return float("nan")
    observed = sum(a == b for a, b in zip(first, second)) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[label] * count_b[label] for label in set(count_a) | set(count_b)) / (n * n)
    if expected == 1:
        return float("nan")
    return (observed - expected) / (1 - expected)


def landis_koch(kappa) -> str:
    """Landis & Koch's name for a kappa value (``""`` when undefined).

    Examples
    --------
    >>> landis_koch(0.72)
    'substantial'
    """
    if kappa != kappa:  # nan
        return ""
    for upper, label in _BANDS:
        if kappa <= upper + 1e-12:
            return label
    return _BANDS[-1][1]


def agreement_row(stage, votes, finals, pending, reviewers, arbiter="") -> dict:
    """One stage's agreement statistics.

    Parameters
    ----------
    stage : str
    votes : dict
        ``{record_key: {reviewer: Vote}}`` from :func:`~alereview.screening.adjudication.adjudicate`.
    finals : dict
        ``{record_key: Final}``.
    pending : dict
        Records still awaiting a reviewer.
    reviewers : list of str
    arbiter : str
    """
    first_name, second_name = (list(reviewers) + [""])[:2]
    pairs = [
        (v[first_name].decision, v[second_name].decision) for v in votes.values() if first_name in v and second_name and second_name in v
    ]
    n = len(pairs)
    agreements = sum(a == b for a, b in pairs)
    # A shared "maybe" agrees on the label but settles nothing: it still needs the arbiter.
    conflicts = sum(not (a == b and a != "maybe") for a, b in pairs)
    kappa = cohen_kappa([a for a, _ in pairs], [b for _, b in pairs])
    return {
        "stage": stage,
        "reviewer_1": first_name,
        "reviewer_2": second_name,
        "n": n,
        "agreements": agreements,
        "raw_agreement": round(agreements / n, 4) if n else float("nan"),
        "kappa": round(kappa, 4) if kappa == kappa else float("nan"),
        "kappa_band": landis_koch(kappa),
        "conflicts": conflicts,
        "settled_by_arbiter": sum(f.decided_by.endswith("(arbiter)") for f in finals.values()),
        "pending": len(pending),
    }


def agreement_table(per_stage, reviewers, arbiter="") -> pd.DataFrame:
    """The ``agreement.tsv`` table: one row per stage, in review order."""
    rows = [agreement_row(stage, *per_stage[stage], reviewers, arbiter) for stage in STAGES if stage in per_stage]
    return pd.DataFrame(rows, columns=COLUMNS)
