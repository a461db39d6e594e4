"""One Monte Carlo iteration, compiled: kernel boxes in, the three null maxima out.

What :meth:`alereview.ale.montecarlo.NullModel.ale_volume` followed by
:meth:`~alereview.ale.montecarlo.NullModel.maxima` computes, without ever building the ALE
volume, in the mask's bounding box:

1. Kernel boxes (numba). Each experiment's ``log1p(-MA)`` is added to a float64 volume of log
   sums, experiment after experiment, so every voxel receives the same additions in the same
   order as in ``ale_volume``. A focus whose box overlaps no other box of its experiment adds
   its kernel; where boxes of one experiment overlap, the first focus holding a voxel adds the
   minimum of their ``log1p(-kernel)`` (the maximum MA) and the others add 0 there. Loops use
   unsigned indices (no negative-index test), so they vectorise. No transcendental function is
   evaluated here. The touched part of every row of the volume is recorded.
2. One pass over the touched rows (numba) finds the smallest log sum in the mask (the largest
   ALE: ``1 - exp`` is decreasing) and the *candidates*: mask voxels whose ALE could exceed
   the cluster-forming threshold (``1 - exp(s) > 0.999 t``, a margin thousands of times wider
   than float32 rounding). It resets what it read to zero for the next iteration.
3. The exact ALE of the few candidates and of the minimum (NumPy's ``1 - exp`` cast to float32,
   the same ufunc as ``ale_volume``), the exact test ``ale > t``, then clusters of the
   supra-threshold voxels by a flood fill over them alone (numba), with sizes and masses
   summed in C order as ``numpy.bincount`` does in :meth:`maxima`.

The result is bit-identical to the volume path (``tests/test_ale_iteration.py``), 5-10 times
faster on one core. Each :class:`Workspace` owns its volumes, so threads running iterations in
parallel share nothing (the compiled functions release the GIL).
"""

from __future__ import annotations

import numba
import numpy as np
from numba import uint64

#: Candidates are voxels with ALE above this share of the cluster-forming ALE (see step 2).
CANDIDATE_SHARE = 0.999


def neighbour_offsets(connectivity: int) -> np.ndarray:
    """``(n, 3)`` voxel offsets of the 6-, 18- or 26-neighbourhood."""
    offsets = [(a, b, c) for a in (-1, 0, 1) for b in (-1, 0, 1) for c in (-1, 0, 1) if (a, b, c) != (0, 0, 0)]
    limit = {6: 1, 18: 2, 26: 3}[connectivity]
    return np.array([o for o in offsets if sum(map(abs, o)) <= limit], dtype=np.int64)


class Workspace:
    """The volumes one thread needs for its iterations (zero between iterations)."""

    def __init__(self, shape, n_foci: int):
        size = int(np.prod(shape))
        self.log_sums = np.zeros(size, dtype=np.float64)
        self.labels = np.zeros(size, dtype=np.int32)
        self.row_low = np.full(int(shape[0]) * int(shape[1]), int(shape[2]), dtype=np.int64)
        self.row_high = np.zeros(int(shape[0]) * int(shape[1]), dtype=np.int64)
        self.first = np.zeros(n_foci + 1, dtype=np.int64)
        self.others = np.zeros(max(64, 8 * n_foci), dtype=np.int64)
        self.candidates = np.zeros(4096, dtype=np.int64)
        self.candidate_sums = np.zeros(4096, dtype=np.float64)

    def grow(self):
        """Double the candidate buffers (after an iteration found more than they hold)."""
        self.candidates = np.zeros(2 * len(self.candidates), dtype=np.int64)
        self.candidate_sums = np.zeros(2 * len(self.candidate_sums), dtype=np.float64)


@numba.njit(cache=True, nogil=True)
def _overlaps(ijk, n_foci, kernel_of_exp, kernel_size, first, others):  # pragma: no cover - compiled
    """CSR lists of the foci of the same experiment whose boxes overlap each focus' box.

    ``others[first[f]:first[f + 1]]`` are the foci overlapping ``f``. ``others`` must hold
    every pair twice; returns False (nothing written beyond it) when it is too short.
    """
    start = 0
    count = 0
    capacity = others.shape[0]
    for exp in range(n_foci.shape[0]):
        reach = kernel_size[kernel_of_exp[exp]]  # boxes of side `reach` overlap when |d| < reach
        stop = start + n_foci[exp]
        for f in range(start, stop):
            first[f] = count
            for g in range(start, stop):
                if g != f and (
                    abs(ijk[f, 0] - ijk[g, 0]) < reach and abs(ijk[f, 1] - ijk[g, 1]) < reach and abs(ijk[f, 2] - ijk[g, 2]) < reach
                ):
                    if count < capacity:
                        others[count] = g
                    count += 1
        start = stop
    first[ijk.shape[0]] = count
    return count <= capacity


@numba.njit(cache=True, nogil=True)
def _combine_box(values, focus, ijk, size, offset, kernel_data, first, others):  # pragma: no cover - compiled
    """``values`` (a ``size**3`` box around ``focus``): the minimum of the kernels of the focus
    and of the later foci overlapping it, 0 where an earlier overlapping focus adds instead."""
    cube = size * size * size
    for c in range(uint64(0), uint64(cube)):
        values[c] = kernel_data[uint64(offset) + c]
    # Later foci first (the minimum), then earlier ones (0 where they add).
    for earlier in (False, True):
        for index in range(first[focus], first[focus + 1]):
            other = others[index]
            if (other < focus) != earlier:
                continue
            di, dj, dk = ijk[other, 0] - ijk[focus, 0], ijk[other, 1] - ijk[focus, 1], ijk[other, 2] - ijk[focus, 2]
            c_lo, c_hi = max(0, dk), min(size, dk + size)
            for a in range(max(0, di), min(size, di + size)):
                for b in range(max(0, dj), min(size, dj + size)):
                    row = uint64((a * size + b) * size)
                    if earlier:
                        for c in range(uint64(c_lo), uint64(c_hi)):
                            values[row + c] = 0.0
                    else:
                        # Its (a - di, b - dj, c - dk) is our (a, b, c).
                        other_row = uint64(offset + ((a - di) * size + (b - dj)) * size - dk)
                        for c in range(uint64(c_lo), uint64(c_hi)):
                            values[row + c] = min(values[row + c], kernel_data[other_row + c])


@numba.njit(cache=True, nogil=True)
def _add_boxes(
    log_sums, row_low, row_high, shape, ijk, n_foci, kernel_of_exp, kernel_data, kernel_offset, kernel_size, first, others
):  # pragma: no cover - compiled
    """Add every experiment's ``log1p(-MA)`` to the flat ``log_sums``, one pass over the boxes.

    Within an experiment a voxel's MA is the maximum over the foci whose boxes hold it, i.e.
    the minimum of their ``log1p(-kernel)``. The first of those foci (in focus order) adds that
    minimum, the others add 0 there; a focus overlapping no other adds its kernel. So every
    voxel receives one addition per experiment, in experiment order, as in ``ale_volume``.
    ``row_low[r]:row_high[r]`` grows to cover what was touched of row ``r`` (``i * ny + j``).
    """
    nx, ny, nz = shape[0], shape[1], shape[2]
    values = np.empty(kernel_size.max() ** 3, dtype=np.float32)
    start = 0
    for exp in range(n_foci.shape[0]):
        kernel = kernel_of_exp[exp]
        size = kernel_size[kernel]
        radius = size // 2
        for focus in range(start, start + n_foci[exp]):
            i0, j0, k0 = ijk[focus, 0] - radius, ijk[focus, 1] - radius, ijk[focus, 2] - radius
            source, offset = kernel_data, kernel_offset[kernel]
            if first[focus] != first[focus + 1]:
                _combine_box(values, focus, ijk, size, offset, kernel_data, first, others)
                source, offset = values, 0
            c_lo, c_hi = max(0, -k0), min(size, nz - k0)
            for a in range(max(0, -i0), min(size, nx - i0)):
                for b in range(max(0, -j0), min(size, ny - j0)):
                    # Unsigned indices: no negative-index wraparound test, so the loop vectorises.
                    base = uint64(offset + (a * size + b) * size)
                    line = (i0 + a) * ny + (j0 + b)
                    row_low[line] = min(row_low[line], k0 + c_lo)
                    row_high[line] = max(row_high[line], k0 + c_hi)
                    row = uint64(line * nz + k0)
                    for c in range(uint64(c_lo), uint64(c_hi)):
                        log_sums[row + c] += source[base + c]
        start += n_foci[exp]


@numba.njit(cache=True, nogil=True)
def _scan(log_sums, row_low, row_high, nz, outside, cut, candidates, candidate_sums):  # pragma: no cover - compiled
    """Smallest in-mask log sum, candidates below ``cut`` (C order); resets ``log_sums``.

    Only the touched part of each row is read (``row_low``/``row_high``, reset too): elsewhere
    the log sum is 0 (ALE 0).

    ``outside`` is 0 in the mask and +inf outside it, so that the loop has no branch but the
    rare candidate's. Returns ``(n_candidates, smallest)``; ``n_candidates`` may exceed the
    buffers' length, in which case only the first ones were stored (the caller grows the
    buffers and re-runs).
    """
    smallest = 0.0
    n = 0
    capacity = candidates.shape[0]
    for line in range(row_low.shape[0]):
        low, high = row_low[line], row_high[line]
        if low >= high:
            continue
        row_low[line], row_high[line] = nz, 0
        for v in range(uint64(line * nz + low), uint64(line * nz + high)):
            s = log_sums[v] + outside[v]
            log_sums[v] = 0.0
            smallest = min(smallest, s)
            if s < cut:
                if n < capacity:
                    candidates[n] = v
                    candidate_sums[n] = s
                n += 1
    return n, smallest


@numba.njit(cache=True, nogil=True)
def _largest_cluster(voxels, excess, shape, offsets, labels):  # pragma: no cover - compiled
    """Largest size and mass of the clusters of flat ``voxels`` (ascending); ``labels`` stays zero.

    A cluster's mass is the sum of its voxels' ``excess`` in ascending voxel order, the order
    of ``numpy.bincount``.
    """
    nx, ny, nz = shape[0], shape[1], shape[2]
    n = voxels.shape[0]
    for index in range(n):
        labels[voxels[index]] = -1
    stack = np.empty(n, dtype=np.int64)
    n_clusters = 0
    for index in range(n):
        if labels[voxels[index]] != -1:
            continue
        n_clusters += 1
        labels[voxels[index]] = n_clusters
        stack[0] = voxels[index]
        top = 1
        while top > 0:
            top -= 1
            v = stack[top]
            i, rest = divmod(v, ny * nz)
            j, k = divmod(rest, nz)
            for o in range(offsets.shape[0]):
                a, b, c = i + offsets[o, 0], j + offsets[o, 1], k + offsets[o, 2]
                if 0 <= a < nx and 0 <= b < ny and 0 <= c < nz:
                    w = (a * ny + b) * nz + c
                    if labels[w] == -1:
                        labels[w] = n_clusters
                        stack[top] = w
                        top += 1
    sizes = np.zeros(n_clusters + 1, dtype=np.int64)
    masses = np.zeros(n_clusters + 1, dtype=np.float64)
    for index in range(n):
        label = labels[voxels[index]]
        sizes[label] += 1
        masses[label] += excess[index]
        labels[voxels[index]] = 0
    return sizes[1:].max(), masses[1:].max()


def candidate_cut(cluster_forming_ale: float) -> float:
    """Log sums below this are candidates: ALE above ``CANDIDATE_SHARE`` of the threshold."""
    if cluster_forming_ale <= 0:
        return 0.0  # every touched voxel
    return float(np.log1p(-CANDIDATE_SHARE * float(cluster_forming_ale)))


def iteration_maxima(model, workspace: Workspace, ijk: np.ndarray) -> tuple[float, int, float]:
    """Maximum ALE, cluster size and cluster mass of the foci at ``ijk`` (one iteration).

    Parameters
    ----------
    model : alereview.ale.montecarlo.NullModel
    workspace : Workspace
        This thread's volumes (``Workspace(model.shape, n_foci)``).
    ijk : numpy.ndarray of int, (n_foci, 3)
        Every experiment's foci (voxels of the mask), in model order.

    Returns
    -------
    tuple
        As :meth:`~alereview.ale.montecarlo.NullModel.maxima` of the ALE volume.
    """
    max_stat, voxels, ale = candidate_ale(model, workspace, ijk)
    threshold = model.cluster_forming_ale
    supra = ale > threshold
    if not supra.any():
        return max_stat, 0, 0.0
    excess = ale[supra].astype(np.float64) - threshold
    size, mass = _largest_cluster(voxels[supra], excess, model.shape, model.offsets, workspace.labels)
    return max_stat, int(size), float(mass)


def candidate_ale(model, workspace: Workspace, ijk: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """Steps 1-3 of an iteration: its maximum ALE, and the candidates' flat voxels and ALE.

    Candidates are the mask voxels (flat indices in ``model``'s box, ascending) whose ALE may
    exceed ``model.cluster_forming_ale``; ``ale`` is their exact float32 ALE.
    """
    ijk = np.ascontiguousarray(ijk - model.box_low, dtype=np.int64)
    cut = candidate_cut(model.cluster_forming_ale)
    while not _overlaps(ijk, model.n_foci64, model.kernel_of_exp, model.kernel_size, workspace.first, workspace.others):
        workspace.others = np.zeros(2 * len(workspace.others), dtype=np.int64)
    while True:
        _add_boxes(
            workspace.log_sums,
            workspace.row_low,
            workspace.row_high,
            model.shape,
            ijk,
            model.n_foci64,
            model.kernel_of_exp,
            model.kernel_data,
            model.kernel_offset,
            model.kernel_size,
            workspace.first,
            workspace.others,
        )
        n, smallest = _scan(
            workspace.log_sums,
            workspace.row_low,
            workspace.row_high,
            model.shape[2],
            model.outside,
            cut,
            workspace.candidates,
            workspace.candidate_sums,
        )
        if n <= len(workspace.candidates):
            break
        while len(workspace.candidates) < n:
            workspace.grow()
    # The same ufunc and casts as NullModel.ale_volume, on the voxels that matter.
    max_stat = float((1.0 - np.exp(np.array([smallest]))).astype(np.float32)[0])
    ale = (1.0 - np.exp(workspace.candidate_sums[:n])).astype(np.float32)
    return max_stat, workspace.candidates[:n].copy(), ale
