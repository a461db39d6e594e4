"""NiMARE's ALE, recomputed without importing NiMARE, for the many leave-one-out jobs.

Importing NiMARE costs 3-5 s of CPU per process (it imports nilearn's datasets, scikit-learn
and matplotlib), about 85% of a leave-one-out job. This module recomputes, with the same
arithmetic in the same order, what a job needs from :class:`nimare.meta.cbma.ALE`: the ALE map
(``1 - exp(sum log1p(-MA))``, float32 MA) and the cluster-forming ALE value of a voxel p from
the approximate null histogram (Eickhoff et al. 2012). ``tests/test_ale_engine.py`` checks both
are identical to NiMARE's on several datasets; the reported analyses themselves are fitted by
NiMARE (:func:`alereview.ale.run.fit`).

Only NiMARE's default template mask (``ale_2mm``) is covered (any other mask goes through
NiMARE); kernels are the sample-size kernel or one fixed FWHM for every experiment
(``ALEKernel(fwhm=...)``, GingerALE 1.x), both checked against NiMARE.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import numba
import numpy as np
from scipy import ndimage

from alereview.ale.montecarlo import NullModel

INV_STEP_SIZE = 100000


def template_mask_path() -> Path:
    """NiMARE's ``ale_2mm`` brain mask, located without importing NiMARE."""
    spec = importlib.util.find_spec("nimare")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "templates" / "MNI152_2x2x2_brainmask.nii.gz"


def load_template_mask():
    """``(mask, affine, zooms)`` of the ``ale_2mm`` template (mask: bool 3D array)."""
    import nibabel as nib

    image = nib.load(str(template_mask_path()))
    data = np.asarray(image.dataobj)
    return data != 0, np.asarray(image.affine), image.header.get_zooms()[:3]


def ale_kernel(sample_size: int, zooms, fwhm: float | None = None) -> np.ndarray:
    """The kernel of an experiment, as :func:`nimare.meta.utils.get_ale_kernel`.

    With ``fwhm`` None, Eickhoff et al.'s (2009) kernel for ``sample_size`` subjects; with a
    number, a Gaussian of that FWHM in mm whatever the sample size (GingerALE 1.x).
    """
    if fwhm is None:
        uncertain_templates = 5.7 / (2.0 * np.sqrt(2.0 / np.pi)) * np.sqrt(8.0 * np.log(2.0))
        uncertain_subjects = (11.6 / (2 * np.sqrt(2 / np.pi)) * np.sqrt(8 * np.log(2))) / np.sqrt(sample_size)
        fwhm = np.sqrt(uncertain_subjects**2 + uncertain_templates**2)
    fwhm_vox = fwhm / np.sqrt(np.prod(zooms))
    sigma_vox = fwhm_vox * np.sqrt(2.0) / (np.sqrt(2.0 * np.log(2.0)) * 2.0)
    data = np.zeros((31, 31, 31))
    data[15, 15, 15] = 1.0
    kernel = ndimage.gaussian_filter(data, sigma_vox, mode="constant")
    low = np.min(np.where(kernel > np.spacing(1))[0])
    high = np.max(np.where(kernel > np.spacing(1))[0])
    return kernel[low : high + 1, low : high + 1, low : high + 1]


def mm_to_ijk(xyz, affine) -> np.ndarray:
    """Voxel indices of MNI coordinates, rounded to the nearest voxel (as current NiMARE)."""
    inverse = np.linalg.inv(affine)
    return np.round(np.asarray(xyz, float) @ inverse[:3, :3].T + inverse[:3, 3]).astype(int)


@numba.njit(cache=True)
def _nearest_bin(value, inv_step_size, n_bins):  # pragma: no cover - compiled
    scaled = value * inv_step_size
    floor = np.floor(scaled)
    index = int(floor) + int(scaled - floor >= 0.5)
    if index < 0:
        return 0
    if index >= n_bins:
        return n_bins - 1
    return index


@numba.njit(cache=True)
def _study_histogram(values, n_zero, recip, inv_step_size, n_bins):  # pragma: no cover - compiled
    histogram = np.zeros(n_bins, dtype=np.float64)
    for i in range(values.shape[0]):
        histogram[_nearest_bin(values[i], inv_step_size, n_bins)] += 1.0
    histogram[0] += n_zero
    histogram *= recip
    return histogram


@numba.njit(cache=True)
def _combine(ale_idx, ale_probs, exp_idx, exp_probs, centers, inv_step_size, n_bins, out):  # pragma: no cover - compiled
    for i in range(n_bins):
        out[i] = 0.0
    for i_exp in range(exp_idx.shape[0]):
        one_minus = 1.0 - centers[exp_idx[i_exp]]
        probability = exp_probs[i_exp]
        for i_ale in range(ale_idx.shape[0]):
            score = 1.0 - one_minus * (1.0 - centers[ale_idx[i_ale]])
            out[_nearest_bin(score, inv_step_size, n_bins)] += probability * ale_probs[i_ale]
    return out


def _experiment_ma_values(scratch, mask, kernel32, ijk):
    """In-mask MA values (float32, each voxel once) of one experiment; ``scratch`` stays zero."""
    radius = kernel32.shape[0] // 2
    boxes = []
    for i, j, k in ijk:
        low = (i - radius, j - radius, k - radius)
        box = tuple(slice(max(c, 0), min(c + 2 * radius + 1, size)) for c, size in zip(low, scratch.shape))
        if any(b.start >= b.stop for b in box):
            continue
        kbox = tuple(slice(b.start - c, b.stop - c) for b, c in zip(box, low))
        np.maximum(scratch[box], kernel32[kbox], out=scratch[box])
        boxes.append(box)
    values = []
    for box in boxes:
        part = scratch[box]
        values.append(part[mask[box] & (part > 0)])
        part[...] = 0.0
    return np.concatenate(values) if values else np.zeros(0, np.float32)


@dataclass
class FastALE:
    """An ALE fitted without NiMARE: the map, and what thresholds and the Monte Carlo need."""

    ale: np.ndarray
    mask: np.ndarray
    affine: np.ndarray
    model: NullModel
    histogram_bins: np.ndarray
    null_histogram: np.ndarray

    def cluster_forming_ale(self, p: float) -> float:
        """ALE value of voxel p (NiMARE's ``_p_to_summarystat`` on the approximate null)."""
        tail = np.cumsum(self.null_histogram[::-1])[::-1]
        tail /= tail[0]
        below = np.flatnonzero(tail <= p)
        if below.size == 0:
            return self.histogram_bins[-1]
        return self.histogram_bins[np.maximum(0, below[0] - 1)]

    def p_map(self) -> np.ndarray:
        """The voxel p map (3D float32, 1 outside the mask), as NiMARE's ``nullhist_to_p``.

        The upper tail of the approximate null at each voxel's ALE bin (rounded half away from
        zero), clipped below at the smallest non-zero tail; ALE 0 has p 1.
        """
        weights = self.null_histogram / np.sum(self.null_histogram)
        tail = np.cumsum(weights[::-1])[::-1]
        tail /= np.max(tail)
        smallest = np.min(tail[tail != 0])
        values = np.asarray(self.ale[self.mask], dtype=np.float64)
        inv_step = 1 / (self.histogram_bins[1] - self.histogram_bins[0])
        p = np.ones(values.shape)
        positive = values > 0
        scaled = values[positive] * inv_step
        index = np.floor(scaled + 0.5).astype(int)  # scaled >= 0: NiMARE's _round2
        index[index >= len(tail)] = len(tail) - 1
        p[positive] = tail[index]
        p = np.maximum(smallest, np.minimum(p, 1.0))
        volume = np.ones(self.mask.shape, dtype=np.float32)
        volume[self.mask] = p.astype(np.float32)
        return volume


def prepare_experiments(ordered, mask, affine, zooms, fwhm: float | None = None):
    """Log-kernels, voxel indices and in-mask MA values of experiments, in the order given.

    ``fwhm``: one kernel FWHM (mm) for every experiment; None: the sample-size kernel.
    """
    kernels, log_kernels, ijks, ma_values = {}, [], [], []
    scratch = np.zeros(mask.shape, dtype=np.float32)
    for experiment in ordered:
        n = int(experiment.n) if fwhm is None else 0
        if n not in kernels:
            kernel32 = ale_kernel(n, zooms, fwhm).astype(np.float32)
            kernels[n] = (kernel32, np.log1p(-kernel32))
        ijk = mm_to_ijk(experiment.mni, affine)
        ijks.append(ijk)
        log_kernels.append(kernels[n][1])
        ma_values.append(_experiment_ma_values(scratch, mask, kernels[n][0], ijk))
    return log_kernels, ijks, ma_values


def histogram_bins(ma_values):
    """The approximate null's bins (NiMARE's ``ALE._determine_histogram_bins``) and bin width."""
    step = 1 / INV_STEP_SIZE
    max_ma = np.array([values.max() if values.size else 0.0 for values in ma_values], dtype=np.float32)
    max_ma = np.ceil(max_ma * INV_STEP_SIZE) / INV_STEP_SIZE
    max_possible = 1.0 - np.prod(1.0 - max_ma, axis=0)
    bins = np.round(np.arange(0, max_possible + (1.5 * step), step), 5)
    centers = bins.astype(np.float64)
    return bins, centers, 1 / (centers[1] - centers[0])


def add_to_null(histogram, values, n_voxels: int, centers, inv_step, buffer):
    """The approximate null with one more experiment (NiMARE's ``_compute_null_approximate``).

    Returns the new histogram and the array free for the next call's buffer.
    """
    study = _study_histogram(values, n_voxels - values.shape[0], 1.0 / n_voxels, inv_step, len(centers))
    if histogram is None:
        return study.copy(), buffer
    ale_idx = np.where(histogram > 0)[0]
    exp_idx = np.where(study > 0)[0]
    _combine(ale_idx, histogram[ale_idx], exp_idx, study[exp_idx], centers, inv_step, len(centers), buffer)
    return buffer, histogram


def fitted_ale(mask, affine, log_kernels, ijks, bins, histogram, voxel_p: float, connectivity: int) -> FastALE:
    """A :class:`FastALE` from prepared experiments and their null histogram."""
    n_foci = np.array([len(ijk) for ijk in ijks])
    model = NullModel(mask, log_kernels, n_foci, 0.0, connectivity)
    fitted = FastALE(model.ale_volume(np.concatenate(ijks)), mask, affine, model, bins, histogram)
    model.cluster_forming_ale = fitted.cluster_forming_ale(voxel_p)
    return fitted


def fit_fast(experiments, voxel_p: float, connectivity: int = 6, fwhm: float | None = None) -> FastALE:
    """Fit ALE on ``ale_2mm`` as NiMARE does, with the Monte Carlo model at ``voxel_p``.

    Experiments are taken in NiMARE's order (sorted ids ``<slug>-1``), which fixes the order of
    floating-point sums. ``fwhm``: one kernel FWHM in mm (NiMARE's ``kernel__fwhm``).
    """
    mask, affine, zooms = load_template_mask()
    ordered = sorted(experiments, key=lambda e: f"{e.slug}-1")
    log_kernels, ijks, ma_values = prepare_experiments(ordered, mask, affine, zooms, fwhm)
    bins, centers, inv_step = histogram_bins(ma_values)
    n_voxels = int(mask.sum())
    histogram, buffer = None, np.zeros(len(centers), dtype=np.float64)
    for values in ma_values:
        histogram, buffer = add_to_null(histogram, values, n_voxels, centers, inv_step, buffer)
    return fitted_ale(mask, affine, log_kernels, ijks, bins, histogram, voxel_p, connectivity)
