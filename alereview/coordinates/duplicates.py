"""Duplicate and near-duplicate experiments: the same results entered twice inflate the ALE.

Two experiments of one analysis are compared by their MNI foci:

- **identical**: the same foci (to 0.01 mm, in any order) and the same sample size: one
  experiment entered twice, under two names;
- **same foci**: the same foci with different sample sizes;
- **near-identical**: at least ``fraction`` (default 90 %) of the foci of the two experiments
  together lie within ``distance_mm`` (default 1 mm) of a focus of the other one (a copy
  with a typo, or a contrast and its re-analysis).

Config ``coordinates.duplicate_experiments``: ``error`` (default) stops the stage naming both
experiments; ``warn`` logs them and goes on (for experiments the reviewer checked are distinct).
Every pair found is listed in the data-checks table either way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from alereview.errors import InputError
from alereview.logs import get_logger

LOGGER = get_logger(__name__)


@dataclass
class DuplicatePair:
    """Two experiments of ``analysis`` with (nearly) the same foci."""

    analysis: str
    first: object
    second: object
    kind: str  # "identical", "same foci" or "near-identical"
    shared: float  # fraction of the two experiments' foci within the distance of the other's

    def describe(self) -> str:
        what = {
            "identical": "identical foci and sample size",
            "same foci": f"identical foci (n = {self.first.n} and {self.second.n})",
            "near-identical": f"near-identical foci ({self.shared:.0%} within the distance of the other's)",
        }[self.kind]
        return f"{self.first.name} and {self.second.name}: {what}"


def _place(experiment) -> str:
    where = experiment.where()
    return f"{where.get('path') or '?'} " + (f"line {where['line']}" if "line" in where else f"record {where.get('record', '?')}")


def _matches(experiments, distance_mm: float) -> dict:
    """``{(i, j): set of focus indices (global) with a partner in the other experiment}``, i < j."""
    from scipy.spatial import cKDTree

    points = np.vstack([e.mni for e in experiments])
    owner = np.repeat(np.arange(len(experiments)), [len(e.mni) for e in experiments])
    pairs = cKDTree(points).query_pairs(distance_mm + 1e-9, output_type="ndarray")
    found = {}
    for p, q in pairs:
        a, b = owner[p], owner[q]
        if a == b:
            continue
        key = (min(a, b), max(a, b))
        found.setdefault(key, set()).update((int(p), int(q)))
    return found


def _same_foci(a, b) -> bool:
    if a.mni.shape != b.mni.shape:
        return False
    round_a = np.round(a.mni, 2)[np.lexsort(np.round(a.mni, 2).T[::-1])]
    round_b = np.round(b.mni, 2)[np.lexsort(np.round(b.mni, 2).T[::-1])]
    return bool(np.array_equal(round_a, round_b))


def find_duplicates(experiments, distance_mm: float = 1.0, fraction: float = 0.9) -> list[DuplicatePair]:
    """Pairs of experiments of the same analysis (``contrast``) with (nearly) the same foci.

    Parameters
    ----------
    experiments : list of Experiment
        With ``mni`` set.
    distance_mm, fraction : float
        Near-identical: at least ``fraction`` of the foci of both within ``distance_mm`` of the other's.

    Returns
    -------
    list of DuplicatePair
        In the order of the experiments.
    """
    pairs = []
    by_analysis = {}
    for experiment in experiments:
        by_analysis.setdefault(experiment.contrast, []).append(experiment)
    for analysis, group in by_analysis.items():
        if len(group) < 2:
            continue
        for (i, j), matched in sorted(_matches(group, distance_mm).items()):
            a, b = group[i], group[j]
            shared = len(matched) / (len(a.mni) + len(b.mni))
            if _same_foci(a, b):
                pairs.append(DuplicatePair(analysis, a, b, "identical" if a.n == b.n else "same foci", 1.0))
            elif shared >= fraction:
                pairs.append(DuplicatePair(analysis, a, b, "near-identical", shared))
    return pairs


def check_duplicates(experiments, policy: str = "error", distance_mm: float = 1.0, fraction: float = 0.9) -> list:
    """Find duplicates (:func:`find_duplicates`); raise on the first (``error``) or warn for each.

    Raises
    ------
    InputError
        With ``policy="error"``, naming both experiments, where they are, and how many pairs in all.
    """
    pairs = find_duplicates(experiments, distance_mm, fraction)
    for pair in pairs:
        message = (
            f"analysis {pair.analysis!r}: {pair.describe()} ({_place(pair.first)}; {_place(pair.second)}); "
            "the same experiment entered twice?"
        )
        if policy == "error":
            others = f" ({len(pairs) - 1} more such pair(s))" if len(pairs) > 1 else ""
            raise InputError(
                f"{message}{others} Remove one, or set coordinates.duplicate_experiments: warn if they are distinct experiments",
                field="experiment",
                **pair.second.where(),
            )
        LOGGER.warning("%s", message)
    return pairs
