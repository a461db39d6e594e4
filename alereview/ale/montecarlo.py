"""Monte Carlo null distributions for FWE correction, computed in chunks.

Each iteration relocates every focus to a random voxel of the mask (keeping each experiment's
number of foci and sample size, as NiMARE and GingerALE do), recomputes the ALE map and keeps
three maxima: the largest ALE value (voxel-level FWE), the largest cluster size and the largest
cluster mass above the cluster-forming threshold (cluster-level FWE).

Seeds are per iteration: iteration ``i`` of stream ``s`` (an analysis or a jackknife subset)
draws from ``SeedSequence([seed, crc32(s), i])``. The null distribution is therefore the same
whatever the number of chunks the iterations are split into, so chunks can run as separate jobs
(SLURM) and :func:`merge_chunks` gives exactly what one job running every iteration gives.

The ALE of an iteration is computed as NiMARE does (float32 modelled activation, the sum of
``log1p(-MA)`` over experiments in float64, ``1 - exp`` cast to float32) but on kernel-sized
boxes of a dense volume, in a compiled (numba) loop: within an experiment the MA map is the maximum over its foci, which in
the log domain is the minimum of the precomputed ``log1p(-kernel)``, so no transcendental
function is evaluated per focus. :meth:`NullModel.ale_volume` builds that map (the observed
ALE of :mod:`alereview.ale.engine`); the Monte Carlo iterations go through
:func:`alereview.ale.iteration.iteration_maxima`, which gives bit-identical maxima without
building the ALE volume, on as many threads as the job has (:func:`run_iterations`; the result
does not depend on their number). Progress (iterations done, it/s, time left) is logged every
10 s; :func:`run_null` can stop early (:mod:`alereview.ale.early_stop`).
"""

from __future__ import annotations

import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numba
import numpy as np
from scipy import ndimage

from alereview.ale.iteration import Workspace, iteration_maxima, neighbour_offsets
from alereview.errors import InputError
from alereview.logs import get_logger

LOG = get_logger(__name__)

#: scipy structuring-element connectivity for each neighbourhood size.
CONNECTIVITY = {6: 1, 18: 2, 26: 3}


def structure(connectivity: int) -> np.ndarray:
    """The 3x3x3 structuring element of a 6-, 18- or 26-neighbourhood."""
    if connectivity not in CONNECTIVITY:
        raise ValueError(f"connectivity must be 6, 18 or 26, got {connectivity}")
    return ndimage.generate_binary_structure(3, CONNECTIVITY[connectivity])


def iteration_rng(seed: int, stream: str, iteration: int) -> np.random.Generator:
    """The random generator of one iteration of one stream (independent of chunking)."""
    return np.random.default_rng(np.random.SeedSequence([int(seed), zlib.crc32(stream.encode("utf-8")), int(iteration)]))


def chunk_iterations(n_iters: int, n_chunks: int, chunk: int) -> range:
    """The iterations of chunk ``chunk`` (0-based) when ``n_iters`` are split in ``n_chunks``."""
    if not 0 <= chunk < n_chunks:
        raise ValueError(f"chunk {chunk} is not in 0..{n_chunks - 1}")
    return range(chunk * n_iters // n_chunks, (chunk + 1) * n_iters // n_chunks)


@dataclass
class NullModel:
    """What a Monte Carlo iteration needs, taken from a fitted NiMARE ALE estimator.

    Attributes
    ----------
    mask : numpy.ndarray of bool, 3D
        The analysis mask; random foci are drawn from its voxels.
    log_kernels : list of numpy.ndarray
        ``log1p(-kernel)`` (float32) of each experiment, in NiMARE's experiment order.
    n_foci : numpy.ndarray of int
        Foci per experiment, same order.
    cluster_forming_ale : float
        ALE value of the cluster-forming voxel p (NiMARE's approximate null); voxels with a
        larger ALE form clusters.
    connectivity : int
        6, 18 or 26.
    """

    mask: np.ndarray
    log_kernels: list
    n_foci: np.ndarray
    cluster_forming_ale: float
    connectivity: int = 6

    def __post_init__(self):
        self.null_ijk = np.argwhere(self.mask)
        self._structure = structure(self.connectivity)
        self._log_sums = np.zeros(self.mask.shape, dtype=np.float64)
        self._scratch = np.zeros(self.mask.shape, dtype=np.float32)
        # Kernels flattened into one array for the compiled loop; experiments of the same
        # sample size share one kernel.
        distinct, kernel_of_exp = [], []
        for kernel in self.log_kernels:
            index = next((i for i, known in enumerate(distinct) if known is kernel), None)
            if index is None:
                index = len(distinct)
                distinct.append(kernel)
            kernel_of_exp.append(index)
        self._kernel_of_exp = np.array(kernel_of_exp, dtype=np.int64)
        self._kernel_size = np.array([k.shape[0] for k in distinct], dtype=np.int64)
        self._kernel_offset = np.concatenate([[0], np.cumsum([k.size for k in distinct])[:-1]]).astype(np.int64)
        self._kernel_data = np.concatenate([np.ascontiguousarray(k, dtype=np.float32).ravel() for k in distinct])
        # What the compiled iteration (alereview.ale.iteration) reads.
        self.kernel_of_exp, self.kernel_size = self._kernel_of_exp, self._kernel_size
        self.kernel_offset, self.kernel_data = self._kernel_offset, self._kernel_data
        self.n_foci64 = np.asarray(self.n_foci, dtype=np.int64)
        # It works in the mask's bounding box (about half the template's volume): voxels
        # outside it are outside the mask, where the ALE is never read.
        low = self.null_ijk.min(axis=0) if len(self.null_ijk) else np.zeros(3, dtype=np.int64)
        high = self.null_ijk.max(axis=0) + 1 if len(self.null_ijk) else np.array(self.mask.shape)
        self.box_low = low.astype(np.int64)
        self.shape = (high - low).astype(np.int64)
        box = tuple(slice(int(lo), int(hi)) for lo, hi in zip(low, high))
        self.mask_flat = np.ascontiguousarray(self.mask[box], dtype=np.bool_).ravel()
        self.outside = np.where(self.mask_flat, 0.0, np.inf)
        self.offsets = neighbour_offsets(self.connectivity)

    @classmethod
    def from_estimator(cls, estimator, voxel_p: float, connectivity: int = 6) -> NullModel:
        """Build the model of a fitted :class:`nimare.meta.cbma.ALE`.

        Parameters
        ----------
        estimator : nimare.meta.cbma.ALE
            Fitted on the analysis' dataset.
        voxel_p : float
            Cluster-forming (uncorrected) voxel p.
        connectivity : int
            Cluster neighbourhood: 6, 18 or 26.
        """
        from nimare.meta.utils import get_ale_kernel

        mask_img = estimator.masker.mask_img
        mask = np.asarray(mask_img.dataobj).astype(bool)
        coordinates = estimator.inputs_["coordinates"]
        # NiMARE orders experiments by np.unique of their ids (compute_ale_ma).
        ids, counts = np.unique(coordinates["id"].to_numpy(), return_counts=True)
        sizes = coordinates.groupby("id")["sample_size"].first()
        kernels = {}
        log_kernels = []
        fwhm = getattr(estimator.kernel_transformer, "fwhm", None)  # a fixed-FWHM kernel (GingerALE 1.x)
        for exp_id in ids:
            n = int(sizes[exp_id]) if fwhm is None else 0
            if n not in kernels:
                _, kernel = get_ale_kernel(mask_img, sample_size=n) if fwhm is None else get_ale_kernel(mask_img, fwhm=fwhm)
                kernels[n] = np.log1p(-kernel.astype(np.float32))
            log_kernels.append(kernels[n])
        threshold = estimator._p_to_summarystat(voxel_p)
        return cls(mask, log_kernels, counts.astype(int), threshold, connectivity)

    def ale_volume(self, ijk: np.ndarray) -> np.ndarray:
        """The ALE map (3D, float32, zero outside the mask) of foci at voxel indices ``ijk``.

        ``ijk`` holds every experiment's foci, experiment after experiment, in model order.
        """
        self._log_sums.fill(0.0)
        _accumulate_log_sums(
            self._log_sums,
            self._scratch,
            np.ascontiguousarray(ijk, dtype=np.int64),
            self.n_foci.astype(np.int64),
            self._kernel_of_exp,
            self._kernel_data,
            self._kernel_offset,
            self._kernel_size,
        )
        ale = np.zeros(self.mask.shape, dtype=np.float32)
        ale[self.mask] = (1.0 - np.exp(self._log_sums[self.mask])).astype(np.float32)
        return ale

    def random_ijk(self, rng: np.random.Generator) -> np.ndarray:
        """Random mask voxels for every focus."""
        return self.null_ijk[rng.integers(0, len(self.null_ijk), size=int(self.n_foci.sum()))]

    def maxima(self, ale: np.ndarray) -> tuple[float, int, float]:
        """Maximum ALE, maximum cluster size (voxels) and mass above the cluster-forming ALE."""
        max_stat = float(ale.max())
        supra = ale > self.cluster_forming_ale
        if not supra.any():
            return max_stat, 0, 0.0
        # Label only the bounding box of supra-threshold voxels: much smaller than the volume.
        where = np.unravel_index(np.flatnonzero(supra), supra.shape)
        box = tuple(slice(int(axis.min()), int(axis.max()) + 1) for axis in where)
        labels, n = ndimage.label(supra[box], self._structure)
        sizes = np.bincount(labels.ravel())[1:]
        excess = np.where(labels > 0, ale[box].astype(np.float64) - self.cluster_forming_ale, 0.0)
        masses = np.bincount(labels.ravel(), weights=excess.ravel())[1:]
        return max_stat, int(sizes.max()), float(masses.max())


@numba.njit(cache=True)
def _accumulate_log_sums(
    log_sums, scratch, ijk, n_foci, kernel_of_exp, kernel_data, kernel_offset, kernel_size
):  # pragma: no cover - compiled
    """Add each experiment's ``log1p(-MA)`` to ``log_sums``; ``scratch`` is zero on entry and exit."""
    nx, ny, nz = log_sums.shape
    start = 0
    for exp in range(n_foci.shape[0]):
        kernel = kernel_of_exp[exp]
        size = kernel_size[kernel]
        radius = size // 2
        offset = kernel_offset[kernel]
        # Within an experiment MA is the maximum over foci, i.e. the minimum of log1p(-kernel).
        for focus in range(start, start + n_foci[exp]):
            i0, j0, k0 = ijk[focus, 0] - radius, ijk[focus, 1] - radius, ijk[focus, 2] - radius
            for a in range(max(0, -i0), min(size, nx - i0)):
                for b in range(max(0, -j0), min(size, ny - j0)):
                    base = offset + (a * size + b) * size
                    for c in range(max(0, -k0), min(size, nz - k0)):
                        value = kernel_data[base + c]
                        if value < scratch[i0 + a, j0 + b, k0 + c]:
                            scratch[i0 + a, j0 + b, k0 + c] = value
        # Then add the experiment once per voxel and reset the scratch volume.
        for focus in range(start, start + n_foci[exp]):
            i0, j0, k0 = ijk[focus, 0] - radius, ijk[focus, 1] - radius, ijk[focus, 2] - radius
            for a in range(max(0, -i0), min(size, nx - i0)):
                for b in range(max(0, -j0), min(size, ny - j0)):
                    for c in range(max(0, -k0), min(size, nz - k0)):
                        value = scratch[i0 + a, j0 + b, k0 + c]
                        if value != 0.0:
                            log_sums[i0 + a, j0 + b, k0 + c] += value
                            scratch[i0 + a, j0 + b, k0 + c] = 0.0
        start += n_foci[exp]


class Progress:
    """Logs iterations done of total, iterations per second and the time left (thread-safe)."""

    def __init__(self, label: str, total: int, every_seconds: float = 10.0):
        self.label, self.total, self.every = label, int(total), every_seconds
        self.done = 0
        self.start = self.last = time.perf_counter()
        self._lock = threading.Lock()

    def add(self, count: int = 1):
        with self._lock:
            self.done += count
            now = time.perf_counter()
            if self.done < self.total and now - self.last < self.every:
                return
            self.last = now
            rate = self.done / max(now - self.start, 1e-9)
            left = (self.total - self.done) / rate if rate else float("inf")
            LOG.info("%s: %d of %d iterations done, %.1f it/s, %.0f s left", self.label, self.done, self.total, rate, left)


def run_iterations(model: NullModel, seed: int, stream: str, iterations, threads: int = 1, progress: Progress | None = None) -> np.ndarray:
    """Maxima of the given iterations, ``(n, 3)``: ALE, cluster size, cluster mass.

    Iterations are dealt to ``threads`` threads (each with its own
    :class:`~alereview.ale.iteration.Workspace`; the compiled loops release the GIL). Every
    iteration draws from its own seed and its row is its own, so the result does not depend on
    the number of threads.
    """
    iterations = list(iterations)
    out = np.zeros((len(iterations), 3), dtype=np.float64)
    threads = max(1, min(int(threads), len(iterations)))

    def work(worker: int):
        workspace = Workspace(model.shape, int(model.n_foci.sum()))
        for position in range(worker, len(iterations), threads):
            ijk = model.random_ijk(iteration_rng(seed, stream, iterations[position]))
            out[position] = iteration_maxima(model, workspace, ijk)
            if progress is not None:
                progress.add()

    if threads == 1:
        work(0)
    else:
        with ThreadPoolExecutor(threads) as pool:
            for future in [pool.submit(work, worker) for worker in range(threads)]:
                future.result()
    return out


def _chunk_dict(model: NullModel, seed: int, stream: str, n_iters: int, iterations, maxima: np.ndarray) -> dict:
    return {
        "seed": int(seed),
        "stream": stream,
        "n_iters": int(n_iters),
        "cluster_forming_ale": float(model.cluster_forming_ale),
        "connectivity": int(model.connectivity),
        "iterations": list(iterations),
        "max_stat": [float(v) for v in maxima[:, 0]],
        "max_size": [int(v) for v in maxima[:, 1]],
        "max_mass": [float(v) for v in maxima[:, 2]],
    }


def run_chunk(model: NullModel, seed: int, stream: str, n_iters: int, n_chunks: int = 1, chunk: int = 0, threads: int = 1) -> dict:
    """Run one chunk of the Monte Carlo.

    Parameters
    ----------
    model : NullModel
        The analysis.
    seed : int
        The review's seed (``review.seed``).
    stream : str
        Names the analysis or jackknife subset, so that each has its own random numbers.
    n_iters, n_chunks, chunk : int
        Total iterations, the number of chunks they are split into and this chunk (0-based).
    threads : int
        Threads running the iterations (same result whatever their number).

    Returns
    -------
    dict
        ``iterations``, ``max_stat``, ``max_size``, ``max_mass`` (lists) and the settings that
        :func:`merge_chunks` checks (``seed``, ``stream``, ``n_iters``, ``cluster_forming_ale``,
        ``connectivity``).
    """
    iterations = chunk_iterations(n_iters, n_chunks, chunk)
    progress = Progress(f"Monte Carlo {stream} chunk {chunk + 1}/{n_chunks}", len(iterations))
    maxima = run_iterations(model, seed, stream, iterations, threads, progress)
    return _chunk_dict(model, seed, stream, n_iters, iterations, maxima)


@dataclass
class NullDistribution:
    """Merged Monte Carlo maxima, one entry per iteration (in iteration order)."""

    max_stat: np.ndarray
    max_size: np.ndarray
    max_mass: np.ndarray
    cluster_forming_ale: float
    connectivity: int

    @property
    def n_iters(self) -> int:
        return len(self.max_stat)


_SETTINGS = ("seed", "stream", "n_iters", "cluster_forming_ale", "connectivity")


def merge_chunks(chunks, sources=None) -> NullDistribution:
    """Merge chunks into one null distribution, checking they belong together and cover all.

    Parameters
    ----------
    chunks : list of dict
        From :func:`run_chunk` (any order).
    sources : list of str, optional
        File of each chunk, for error messages.

    Raises
    ------
    InputError
        Chunks of different settings, overlapping or missing iterations.
    """
    if not chunks:
        raise InputError("no Monte Carlo chunk to merge")
    sources = sources or [f"chunk {index}" for index in range(len(chunks))]
    reference = chunks[0]
    for chunk, source in zip(chunks[1:], sources[1:]):
        for key in _SETTINGS:
            if chunk[key] != reference[key]:
                raise InputError(
                    f"Monte Carlo chunk does not match {sources[0]}: {chunk[key]!r} != {reference[key]!r}", path=source, field=key
                )
    n_iters = reference["n_iters"]
    iterations = np.concatenate([np.asarray(chunk["iterations"], dtype=int) for chunk in chunks])
    if len(iterations) != n_iters or not np.array_equal(np.sort(iterations), np.arange(n_iters)):
        raise InputError(
            f"Monte Carlo chunks cover {len(np.unique(iterations))} distinct of {n_iters} iterations ({len(iterations)} in all)",
            path=sources[0],
            field="iterations",
        )
    order = np.argsort(iterations, kind="stable")

    def merged(key, dtype):
        return np.concatenate([np.asarray(chunk[key], dtype=dtype) for chunk in chunks])[order]

    return NullDistribution(
        max_stat=merged("max_stat", np.float64),
        max_size=merged("max_size", np.int64),
        max_mass=merged("max_mass", np.float64),
        cluster_forming_ale=float(reference["cluster_forming_ale"]),
        connectivity=int(reference["connectivity"]),
    )


def run_null(
    model: NullModel, seed: int, stream: str, n_iters: int, n_chunks: int = 1, threads: int = 1, early_stop=None
) -> NullDistribution:
    """All chunks in this process, merged (what a single job computes).

    Parameters
    ----------
    threads : int
        Threads running the iterations (same result whatever their number).
    early_stop : alereview.ale.early_stop.EarlyStop, optional
        Stop before ``n_iters`` once the FWE threshold is precise enough (one chunk only);
        the result then holds the iterations run (``n_iters`` of the distribution).
    """
    if early_stop is None:
        return merge_chunks([run_chunk(model, seed, stream, n_iters, n_chunks, chunk, threads) for chunk in range(n_chunks)])
    if n_chunks != 1:
        raise ValueError("early stopping needs the Monte Carlo in one chunk")
    progress = Progress(f"Monte Carlo {stream}", n_iters)
    maxima, done = np.zeros((0, 3)), 0
    while done < n_iters:
        block = range(done, min(n_iters, done + early_stop.check_every))
        maxima = np.vstack([maxima, run_iterations(model, seed, stream, block, threads, progress)])
        done = block.stop
        if done < n_iters and early_stop.converged(maxima):
            low, threshold, high = early_stop.interval(maxima)
            LOG.info(
                "Monte Carlo %s: stopped after %d of %d iterations: the null maxima's %g quantile is %g (%g%% interval %g-%g)",
                stream,
                done,
                n_iters,
                1 - early_stop.p,
                threshold,
                100 * early_stop.confidence,
                low,
                high,
            )
            break
    return merge_chunks([_chunk_dict(model, seed, stream, done, range(done), maxima)])
