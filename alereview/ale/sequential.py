"""Cluster-level FWE decisions by sequential Monte Carlo, for the checks that re-threshold.

The jackknife and the fail-safe N re-threshold an analysis many times but ask only whether
each cluster survives, not for the whole null distribution. A cluster of ``s`` voxels survives
cluster-level FWE when its p, the share of Monte Carlo iterations whose largest cluster has at
least ``s`` voxels (:func:`alereview.ale.thresholds.null_p`), is below ``cluster_p``. After
``m`` of the ``n`` iterations the full computation would run, with ``e`` of them at least
``s`` (the iterations are seeded one by one, so they are the first ``m`` of the full run):

exact stops (the full computation's decision, no error)
    ``e >= cluster_p * n``: the full p cannot fall below ``cluster_p`` (does not survive);
    ``e + (n - m) < cluster_p * n``: it cannot reach it (survives).
statistical stops (error at most ``alpha`` per decision)
    the one-sided Clopper-Pearson bound of the exceedance probability at confidence
    ``1 - alpha / L`` (``L`` looks, one every ``check_every`` iterations: Bonferroni over the
    looks) is below ``cluster_p`` (survives) or its lower bound above it (does not survive).
    A decision is wrong only if the true p lies on the other side of ``cluster_p``, which has
    probability at most ``alpha`` whatever the true p.

A size still undecided after ``n`` iterations gets the full computation's rule on the same
``n`` iterations (:func:`full_decisions`), so it equals the full computation exactly. Only
the sizes of clusters that overlap a cluster of the full analysis are asked about
(:func:`relevant_clusters`): the others cannot change a survival table.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
from scipy import stats

from alereview.ale import montecarlo
from alereview.ale.thresholds import critical_cluster_size, label_by_volume, null_p, voxel_volume
from alereview.logs import get_logger

LOG = get_logger(__name__)


@dataclass(frozen=True)
class SequentialRule:
    """When a sequential Monte Carlo stops (see the module docstring).

    Attributes
    ----------
    alpha : float
        Largest probability that a decision taken before the last iteration is wrong.
    check_every : int
        Iterations between looks.
    """

    alpha: float = 0.001
    check_every: int = 50

    @classmethod
    def from_config(cls, section: dict | None):
        """The rule of ``checks.sequential``, or None when ``enabled`` is false."""
        section = section or {}
        if not section.get("enabled", True):
            return None
        return cls(float(section.get("alpha", 0.001)), int(section.get("check_every", 50)))

    def looks(self, n_max: int) -> int:
        return max(1, math.ceil(n_max / self.check_every))


#: The rule at the config's defaults (``checks.sequential``).
DEFAULT_RULE = SequentialRule()


def upper_bound(exceed, m: int, level: float) -> np.ndarray:
    """One-sided Clopper-Pearson upper bound of a binomial p (``exceed`` of ``m``), at ``1 - level``."""
    exceed = np.asarray(exceed, dtype=float)
    return np.where(exceed >= m, 1.0, stats.beta.ppf(1.0 - level, exceed + 1, np.maximum(m - exceed, 1e-12)))


def lower_bound(exceed, m: int, level: float) -> np.ndarray:
    """One-sided Clopper-Pearson lower bound of a binomial p, at ``1 - level``."""
    exceed = np.asarray(exceed, dtype=float)
    return np.where(exceed <= 0, 0.0, stats.beta.ppf(level, np.maximum(exceed, 1e-12), m - exceed + 1))


def full_decisions(sizes, null_sizes, cluster_p: float, min_voxels: int) -> np.ndarray:
    """Survival of clusters of ``sizes`` as :func:`~alereview.ale.thresholds.apply_threshold` decides it."""
    sizes = np.asarray(sizes, dtype=np.int64)
    smallest = max(int(min_voxels), critical_cluster_size(null_sizes, cluster_p))
    return (null_p(sizes, null_sizes) < cluster_p) & (sizes >= smallest)


@dataclass
class Decisions:
    """Survival of each size asked about, and what deciding it cost."""

    survives: dict
    iterations: int
    early: int


def _stops(exceed, m: int, n_max: int, cluster_p: float, level: float):
    """``(survive, fail)`` boolean arrays: sizes whose decision is known after ``m`` iterations."""
    limit = cluster_p * n_max
    exact = 1.0 / n_max < cluster_p < 1.0 - 1.0 / n_max
    fail = (exceed >= limit) & exact
    survive = ((exceed + (n_max - m)) < limit) & exact
    survive |= upper_bound(exceed, m, level) < cluster_p
    fail |= lower_bound(exceed, m, level) > cluster_p
    return survive & ~fail, fail


def decide_sizes(
    model, sizes, cluster_p: float, min_voxels: int, n_max: int, seed: int, stream: str, rule: SequentialRule, threads: int = 1
) -> Decisions:
    """Whether clusters of each of ``sizes`` survive, from as few iterations as the rule allows.

    Parameters
    ----------
    model : alereview.ale.montecarlo.NullModel
        The (re-thresholded) analysis.
    sizes : iterable of int
        Cluster sizes in voxels.
    cluster_p, min_voxels : float, int
        The analysis' cluster-level FWE p and smallest size (from ``min_volume_mm3``).
    n_max, seed, stream
        The full computation's iterations and random stream.
    rule : SequentialRule
    threads : int
    """
    wanted = sorted({int(s) for s in sizes})
    survives = {s: False for s in wanted if s < max(int(min_voxels), 1)}
    pending = np.array([s for s in wanted if s not in survives], dtype=np.int64)
    if not len(pending):
        return Decisions(survives, 0, len(survives))
    level = rule.alpha / rule.looks(n_max)
    sizes_seen, done, start = np.zeros(0, dtype=np.int64), 0, time.perf_counter()
    total = len(pending)
    while len(pending) and done < n_max:
        block = range(done, min(n_max, done + rule.check_every))
        maxima = montecarlo.run_iterations(model, seed, stream, block, threads)
        sizes_seen = np.concatenate([sizes_seen, maxima[:, 1].astype(np.int64)])
        done = block.stop
        if done == n_max:
            break
        exceed = (sizes_seen[None, :] >= pending[:, None]).sum(axis=1)
        survive, fail = _stops(exceed, done, n_max, cluster_p, level)
        survives.update({int(s): True for s in pending[survive]})
        survives.update({int(s): False for s in pending[fail]})
        pending = pending[~(survive | fail)]
        LOG.info(
            "Monte Carlo %s: %d of up to %d iterations, %d of %d cluster sizes decided, %.1f it/s",
            stream,
            done,
            n_max,
            total - len(pending),
            total,
            done / max(time.perf_counter() - start, 1e-9),
        )
    early = len(wanted) - len(pending)
    if len(pending):
        decided = full_decisions(pending, sizes_seen, cluster_p, min_voxels)
        survives.update({int(s): bool(d) for s, d in zip(pending, decided)})
    return Decisions(survives, done, early)


def relevant_clusters(labels: np.ndarray, full_labels: np.ndarray) -> np.ndarray:
    """Labels (1-based) of the clusters of ``labels`` that share a voxel with a full cluster."""
    return np.unique(labels[(labels > 0) & (full_labels > 0)])


def keep_clusters(labels: np.ndarray, keep) -> np.ndarray:
    """``labels`` with only the clusters in ``keep``, renumbered 1..n in their order."""
    relabel = np.zeros(int(labels.max()) + 1 if labels.size else 1, dtype=np.int32)
    keep = [int(c) for c in keep]
    relabel[keep] = np.arange(1, len(keep) + 1, dtype=np.int32)
    return relabel[labels]


def surviving_relevant(
    fast, full_labels, settings, seed: int, stream: str, rule: SequentialRule, threads: int = 1, n_max: int | None = None, known=None
):
    """Labels of the clusters of a re-fitted analysis that overlap the full analysis and survive.

    ``fast`` is a :class:`~alereview.ale.engine.FastALE`; ``settings`` a cluster-FWE
    :class:`~alereview.ale.thresholds.ThresholdSettings`. ``known`` (size -> survives) holds
    decisions taken another way (:mod:`alereview.ale.coupled`); the others are decided by
    :func:`decide_sizes`. Returns ``(labels, decisions)``.
    """
    supra = fast.mask & (fast.ale > fast.model.cluster_forming_ale)
    labels, sizes = label_by_volume(supra, settings.connectivity, fast.ale)
    relevant = relevant_clusters(labels, full_labels)
    min_voxels = int(np.ceil(settings.min_volume_mm3 / voxel_volume(fast.affine) - 1e-9)) if settings.min_volume_mm3 else 0
    known = dict(known or {})
    asked = [int(sizes[c - 1]) for c in relevant if int(sizes[c - 1]) not in known]
    decisions = decide_sizes(fast.model, asked, settings.cluster_p, min_voxels, n_max or settings.iterations, seed, stream, rule, threads)
    known.update(decisions.survives)
    keep = [c for c in relevant if known[int(sizes[c - 1])]]
    return keep_clusters(labels, keep), decisions
