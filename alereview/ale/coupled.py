"""One Monte Carlo of the full analysis that bounds the null of every leave-one-out analysis.

A leave-one-out analysis' Monte Carlo relocates the foci of the experiments it keeps. Drop
one experiment's foci from an iteration of the full analysis and what remains is an iteration
of the leave-one-out analysis (every focus is drawn independently and uniformly in the mask).
In that coupled iteration the leave-one-out log sum is the full one minus the dropped
experiment's ``log1p(-MA) <= 0``, so its ALE is nowhere larger than the full ALE: every voxel
above the leave-one-out cluster-forming ALE ``t_j`` is above ``t_j`` in the full iteration too,
and its largest cluster is no larger than the full iteration's largest cluster at ``t_j``.

So one Monte Carlo of the full analysis, keeping in each iteration its largest cluster at every
leave-one-out threshold ``t_j`` (a union-find over the voxels in descending ALE gives them all
in one pass), gives for each left-out experiment ``j`` an exceedance count ``B`` whose
expectation is at least the leave-one-out's p. When the Clopper-Pearson upper bound of ``B``
(confidence ``1 - alpha``) is below ``cluster_p``, the leave-one-out cluster survives with
error at most ``alpha``, with no Monte Carlo of its own. Thresholds are lowered by a relative
``1e-6`` so that float rounding of the sums can only loosen the bound.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numba
import numpy as np

from alereview.ale import montecarlo
from alereview.ale.iteration import Workspace, candidate_ale
from alereview.ale.sequential import upper_bound

#: Relative margin taken off each threshold (see the module docstring).
MARGIN = 1e-6


@numba.njit(cache=True, nogil=True)
def _root(parent, index):  # pragma: no cover - compiled
    while parent[index] != index:
        parent[index] = parent[parent[index]]
        index = parent[index]
    return index


@numba.njit(cache=True, nogil=True)
def _largest_at(voxels, ale, thresholds, shape, offsets, slot):  # pragma: no cover - compiled
    """Largest cluster of ``ale > t`` for each ``t`` of ``thresholds`` (descending).

    ``voxels`` (flat, in the box of ``shape``) and ``ale`` are sorted by descending ALE;
    ``slot`` (int32, box size) is zero on entry and on exit.
    """
    nx, ny, nz = shape[0], shape[1], shape[2]
    n = voxels.shape[0]
    parent = np.empty(n, dtype=np.int64)
    size = np.zeros(n, dtype=np.int64)
    out = np.zeros(thresholds.shape[0], dtype=np.int64)
    largest, added = 0, 0
    for t in range(thresholds.shape[0]):
        while added < n and ale[added] > thresholds[t]:
            v = voxels[added]
            parent[added], size[added] = added, 1
            slot[v] = added + 1
            root = added
            i, rest = divmod(v, ny * nz)
            j, k = divmod(rest, nz)
            for o in range(offsets.shape[0]):
                a, b, c = i + offsets[o, 0], j + offsets[o, 1], k + offsets[o, 2]
                if 0 <= a < nx and 0 <= b < ny and 0 <= c < nz:
                    other = slot[(a * ny + b) * nz + c]
                    if other > 0:
                        r = _root(parent, other - 1)
                        if r != root:
                            if size[r] > size[root]:
                                r, root = root, r
                            parent[r] = root
                            size[root] += size[r]
            largest = max(largest, size[root])
            added += 1
        out[t] = largest
    for index in range(added):
        slot[voxels[index]] = 0
    return out


def largest_at(model, workspace: Workspace, ijk: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """One iteration's largest cluster (voxels) at each of ``thresholds`` (descending).

    ``model.cluster_forming_ale`` must not exceed the smallest threshold (it sets the candidates).
    """
    _, voxels, ale = candidate_ale(model, workspace, ijk)
    order = np.argsort(-ale, kind="stable")
    return _largest_at(voxels[order], ale[order], thresholds, model.shape, model.offsets, workspace.labels)


def bound_null(model, thresholds, seed: int, stream: str, n_iters: int, threads: int = 1) -> np.ndarray:
    """``(n_iters, len(thresholds))`` largest clusters of the full analysis at each threshold.

    ``model`` is the full analysis' :class:`~alereview.ale.montecarlo.NullModel`; its
    ``cluster_forming_ale`` is replaced by the smallest threshold. Columns follow ``thresholds``.
    """
    thresholds = np.asarray(thresholds, dtype=np.float64) * (1.0 - MARGIN)
    order = np.argsort(-thresholds, kind="stable")
    descending = thresholds[order]
    low = montecarlo.NullModel(model.mask, model.log_kernels, model.n_foci, float(descending[-1]), model.connectivity)
    out = np.zeros((n_iters, len(thresholds)), dtype=np.int64)
    threads = max(1, min(int(threads), n_iters))
    progress = montecarlo.Progress(f"Monte Carlo {stream} (bound of {len(thresholds)} leave-one-out nulls)", n_iters)

    def work(worker: int):
        workspace = Workspace(low.shape, int(low.n_foci.sum()))
        for iteration in range(worker, n_iters, threads):
            ijk = low.random_ijk(montecarlo.iteration_rng(seed, stream, iteration))
            out[iteration, order] = largest_at(low, workspace, ijk, descending)
            progress.add()

    with ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(work, worker) for worker in range(threads)]:
            future.result()
    return out


def certified(bound_sizes: np.ndarray, sizes, cluster_p: float, min_voxels: int, alpha: float) -> dict:
    """size -> True for the sizes the bound proves to survive (at ``1 - alpha``); others absent."""
    out = {}
    n = len(bound_sizes)
    for size in {int(s) for s in sizes}:
        if size < max(int(min_voxels), 1) or n == 0:
            continue
        exceed = int((bound_sizes >= size).sum())
        if float(upper_bound(exceed, n, alpha)) < cluster_p:
            out[size] = True
    return out
