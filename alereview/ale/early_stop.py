"""Stopping a Monte Carlo early, once its FWE threshold is known precisely enough.

The FWE threshold is a quantile of the null maxima: the ``1 - p`` quantile of the largest
cluster sizes (cluster-level FWE) or of the largest ALE values (voxel-level FWE). After ``n``
iterations the rank of that quantile is binomial, so a distribution-free confidence interval
of the threshold is the pair of order statistics at ranks ``n q -/+ z sqrt(n q (1 - q))``
(normal approximation; Conover 1999, ch. 3.2). The Monte Carlo stops at the first check where
that interval is narrower than ``tolerance`` times the threshold (NiMARE issue #866 asks for
this; GingerALE offers it as its "permutation" stopping rule).

Checks happen after every ``check_every`` iterations, always on iterations ``0..n-1`` in order,
so where it stops does not depend on threads or timing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

#: Column of the ``(n, 3)`` maxima array (ALE, cluster size, cluster mass) each method uses.
QUANTITY = {"cluster_fwe": 1, "voxel_fwe": 0}


@dataclass(frozen=True)
class EarlyStop:
    """When to stop a Monte Carlo.

    Attributes
    ----------
    method : str
        ``cluster_fwe`` or ``voxel_fwe``: which null maxima set the threshold.
    p : float
        The FWE p (``cluster_p`` or ``voxel_fwe_p``).
    tolerance : float
        Largest confidence-interval width accepted, as a share of the threshold.
    check_every : int
        Iterations between checks (and before the first).
    confidence : float
        Coverage of the interval.
    """

    method: str
    p: float
    tolerance: float
    check_every: int = 500
    confidence: float = 0.95

    def interval(self, maxima: np.ndarray) -> tuple[float, float, float]:
        """``(low, threshold, high)`` of the threshold after the iterations in ``maxima``."""
        values = np.sort(np.asarray(maxima)[:, QUANTITY[self.method]])
        n = len(values)
        q = 1.0 - self.p
        z = NormalDist().inv_cdf((1.0 + self.confidence) / 2.0)
        spread = z * math.sqrt(n * q * (1.0 - q))

        def at(rank):
            return float(values[min(max(int(rank), 0), n - 1)])

        return at(math.floor(n * q - spread) - 1), at(math.ceil(n * q) - 1), at(math.ceil(n * q + spread) - 1)

    def converged(self, maxima: np.ndarray) -> bool:
        """Whether the interval is narrower than ``tolerance`` times the threshold."""
        if len(maxima) == 0:
            return False
        low, threshold, high = self.interval(maxima)
        return threshold > 0 and (high - low) <= self.tolerance * threshold
