"""Thresholds of an ALE map: which voxels form clusters, and which clusters survive.

Three methods, as in GingerALE:

``uncorrected``
    Voxels above the cluster-forming threshold (voxel p, uncorrected), then clusters of at
    least ``min_volume_mm3`` (inclusive: the reference review's smallest cluster is exactly
    400 mm3 at a 400 mm3 bound).
``cluster_fwe``
    The same cluster-forming voxels; a cluster survives when its size is rarer than
    ``cluster_p`` among the largest clusters of the Monte Carlo null (family-wise error at the
    cluster level; Eickhoff et al. 2012). GingerALE applies no minimum volume here; a non-zero
    ``min_volume_mm3`` is applied on top when configured.
``voxel_fwe``
    Voxels whose ALE is rarer than ``voxel_fwe_p`` among the Monte Carlo maximum ALE values,
    then clusters of at least ``min_volume_mm3``.
``fdr``
    Voxel-level false discovery rate ``fdr_q`` on the ALE map's voxel p-values
    (:mod:`alereview.ale.fdr`: ``fdr_variant`` ``pid`` = Benjamini-Hochberg, ``pn`` =
    Benjamini-Yekutieli, GingerALE's pID and pN), then clusters of at least ``min_volume_mm3``.
    No Monte Carlo. For re-running older analyses; cluster-level FWE is the recommendation.

The kernel: ``fwhm_mm`` None is the Eickhoff et al. (2009) kernel whose width follows each
experiment's sample size; a number is one FWHM in mm for every experiment (GingerALE 1.x,
NiMARE's ``ALEKernel(fwhm=...)``). It travels with these settings because every job that
refits an analysis (Monte Carlo chunks, jackknife, fail-safe N) needs it.

The cluster-forming threshold is an ALE value: the one NiMARE's approximate null gives for the
voxel p (``ALE._p_to_summarystat``); a voxel forms clusters when its ALE is larger. The Monte
Carlo uses the same value, so observed and null clusters are defined alike.

Connectivity: 6 (faces, the default of NiMARE >= 0.0.13 and nilearn), 18 (faces and edges:
SPM, Eickhoff's MATLAB ALE, NiMARE <= 0.0.12) or 26 (faces, edges, corners). GingerALE's
manual does not state its neighbourhood; the default here is 6, matching the NiMARE and nilearn
tools used beside it (Jackknife, FocusCounter, cluster tables).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from alereview.config import section_defaults
from alereview.errors import ConfigError
from alereview.ale.fdr import VARIANTS, fdr_voxels
from alereview.ale.montecarlo import structure
from alereview.ale.early_stop import EarlyStop

METHODS = ("uncorrected", "cluster_fwe", "voxel_fwe", "fdr")


#: The schema's defaults of the ``ale`` section: the one home of every threshold default.
_DEFAULTS = section_defaults("ale")
_THRESHOLD = _DEFAULTS["threshold"]
_MONTECARLO = _DEFAULTS["montecarlo"]


@dataclass(frozen=True)
class ThresholdSettings:
    """How an analysis is thresholded (see the module docstring).

    Attributes
    ----------
    method : str
        ``uncorrected``, ``cluster_fwe``, ``voxel_fwe`` or ``fdr``.
    voxel_p : float
        Cluster-forming voxel p (uncorrected).
    min_volume_mm3 : float
        Smallest cluster kept, inclusive.
    cluster_p : float
        Cluster-level FWE p a cluster must be below (``cluster_fwe``).
    voxel_fwe_p : float
        Voxel-level FWE p a voxel must be below (``voxel_fwe``).
    iterations : int
        Monte Carlo iterations (FWE methods).
    chunks : int
        Pieces the Monte Carlo is split into (separate jobs in the workflow).
    connectivity : int
        6, 18 or 26.
    fdr_q : float
        False discovery rate (``fdr``).
    fdr_variant : str
        ``pid`` or ``pn`` (``fdr``).
    fwhm_mm : float or None
        One kernel FWHM for every experiment; None: the sample-size kernel.
    """

    method: str = _THRESHOLD["method"]
    voxel_p: float = float(_THRESHOLD["voxel_p"])
    min_volume_mm3: float = float(_THRESHOLD["min_volume_mm3"])
    cluster_p: float = float(_THRESHOLD["cluster_p"])
    voxel_fwe_p: float = float(_THRESHOLD["voxel_fwe_p"])
    iterations: int = int(_MONTECARLO["iterations"])
    chunks: int = int(_MONTECARLO["chunks"])
    connectivity: int = int(_DEFAULTS["connectivity"])
    early_stop: bool = bool(_MONTECARLO["early_stop"]["enabled"])
    early_stop_tolerance: float = float(_MONTECARLO["early_stop"]["tolerance"])
    early_stop_check_every: int = int(_MONTECARLO["early_stop"]["check_every"])
    fdr_q: float = float(_THRESHOLD["fdr_q"])
    fdr_variant: str = _THRESHOLD["fdr_variant"]
    fwhm_mm: float | None = _DEFAULTS["kernel"]["fwhm_mm"]

    def __post_init__(self):
        if self.method not in METHODS:
            raise ConfigError("ale.threshold.method", f"{self.method!r} is not one of {list(METHODS)}")
        if self.connectivity not in (6, 18, 26):
            raise ConfigError("ale.connectivity", f"{self.connectivity!r}: expected 6, 18 or 26")
        if self.chunks < 1 or self.chunks > max(self.iterations, 1):
            raise ConfigError("ale.montecarlo.chunks", f"{self.chunks} chunks for {self.iterations} iterations")
        if self.fdr_variant not in VARIANTS:
            raise ConfigError("ale.threshold.fdr_variant", f"{self.fdr_variant!r} is not one of {list(VARIANTS)}")
        if self.fwhm_mm is not None and not (np.isfinite(self.fwhm_mm) and self.fwhm_mm > 0):
            raise ConfigError("ale.kernel.fwhm_mm", f"{self.fwhm_mm!r}: expected a positive number of mm, or null")
        if self.early_stop and self.chunks != 1:
            raise ConfigError("ale.montecarlo.early_stop.enabled", f"early stopping needs one chunk (montecarlo.chunks is {self.chunks})")

    def used(self) -> dict:
        """The settings this method uses, as a dict (``ThresholdSettings(**used)`` rebuilds it).

        The workflow's jobs take these as ``params``, so that changing a setting an analysis
        does not use (the Monte Carlo size of an uncorrected analysis) re-runs nothing.
        """
        keys = ["method", "voxel_p", "min_volume_mm3", "connectivity"]
        if self.method == "fdr":
            keys += ["fdr_q", "fdr_variant"]
        if self.fwhm_mm is not None:
            keys.append("fwhm_mm")
        if self.needs_montecarlo:
            keys += ["cluster_p" if self.method == "cluster_fwe" else "voxel_fwe_p", "iterations", "chunks", "early_stop"]
            if self.early_stop:
                keys += ["early_stop_tolerance", "early_stop_check_every"]
        return {key: getattr(self, key) for key in keys}

    def early_stop_rule(self):
        """The :class:`~alereview.ale.early_stop.EarlyStop` of these settings, or None."""
        if not (self.early_stop and self.needs_montecarlo):
            return None

        p = self.cluster_p if self.method == "cluster_fwe" else self.voxel_fwe_p
        return EarlyStop(self.method, p, self.early_stop_tolerance, self.early_stop_check_every)

    @property
    def needs_montecarlo(self) -> bool:
        return self.method in ("cluster_fwe", "voxel_fwe")

    @property
    def needs_p(self) -> bool:
        """Whether thresholding reads the voxel p map (``fdr``)."""
        return self.method == "fdr"

    def kernel_text(self) -> str:
        """The kernel in words."""
        if self.fwhm_mm is None:
            return "sample-size kernel (Eickhoff et al. 2009)"
        return f"fixed {self.fwhm_mm:g} mm FWHM kernel"

    def describe(self, iterations_run: int | None = None) -> str:
        """The threshold in words, for tables and logs (with the iterations an early stop ran).

        A fixed-FWHM kernel is named at the end; the sample-size kernel, the default, is not.
        """
        volume = f", clusters >= {self.min_volume_mm3:g} mm3" if self.min_volume_mm3 else ""
        kernel = f", {self.kernel_text()}" if self.fwhm_mm is not None else ""
        if self.method == "uncorrected":
            text = f"voxel p < {self.voxel_p:g} (uncorrected){volume}"
        elif self.method == "cluster_fwe":
            text = (
                f"cluster-level FWE p < {self.cluster_p:g} at cluster-forming voxel p < {self.voxel_p:g}"
                f"{volume}, {self._iterations_text(iterations_run)} Monte Carlo iterations"
            )
        elif self.method == "fdr":
            name = {"pid": "pID, Benjamini-Hochberg", "pn": "pN, Benjamini-Yekutieli"}[self.fdr_variant]
            text = f"voxel-level FDR q < {self.fdr_q:g} ({name}){volume}"
        else:
            text = f"voxel-level FWE p < {self.voxel_fwe_p:g}{volume}, {self._iterations_text(iterations_run)} Monte Carlo iterations"
        return f"{text}, {self.connectivity}-connectivity{kernel}"

    def _iterations_text(self, iterations_run=None) -> str:
        if not self.early_stop:
            return str(self.iterations)
        if iterations_run is None:
            return f"up to {self.iterations} (early stop)"
        return f"{iterations_run} of up to {self.iterations} (early stop)"


def settings_from_config(ale_config: dict, analysis: str | None = None) -> ThresholdSettings:
    """Threshold settings from the ``ale`` config section, with an analysis' overrides.

    ``ale.overrides.<analysis>`` may replace any key of ``ale.threshold``, and ``fwhm_mm``
    (the kernel, ``ale.kernel.fwhm_mm``).
    """
    threshold = {**_THRESHOLD, **(ale_config.get("threshold") or {})}
    if analysis is not None:
        threshold.update((ale_config.get("overrides") or {}).get(analysis) or {})
    montecarlo = {**_MONTECARLO, **(ale_config.get("montecarlo") or {})}
    early = {**_MONTECARLO["early_stop"], **(montecarlo.get("early_stop") or {})}
    kernel = {**_DEFAULTS["kernel"], **(ale_config.get("kernel") or {})}
    return ThresholdSettings(
        method=threshold["method"],
        voxel_p=float(threshold["voxel_p"]),
        min_volume_mm3=float(threshold["min_volume_mm3"]),
        cluster_p=float(threshold["cluster_p"]),
        voxel_fwe_p=float(threshold["voxel_fwe_p"]),
        iterations=int(montecarlo["iterations"]),
        chunks=int(montecarlo["chunks"]),
        connectivity=int(ale_config.get("connectivity", _DEFAULTS["connectivity"])),
        early_stop=bool(early["enabled"]),
        early_stop_tolerance=float(early["tolerance"]),
        early_stop_check_every=int(early["check_every"]),
        fdr_q=float(threshold["fdr_q"]),
        fdr_variant=str(threshold["fdr_variant"]),
        fwhm_mm=_fwhm(threshold.get("fwhm_mm", kernel["fwhm_mm"])),
    )


def _fwhm(value) -> float | None:
    return None if value is None else float(value)


def voxel_volume(affine) -> float:
    """Volume of one voxel in mm3."""
    return round(float(abs(np.linalg.det(np.asarray(affine)[:3, :3]))), 6)


def null_p(values, null) -> np.ndarray:
    """Upper-tail p of ``values`` in a Monte Carlo null: share of null maxima >= value.

    Clipped to ``[1/n, 1 - 1/n]`` as :func:`nimare.stats.null_to_p` does, so a p of 0 is never
    claimed from a finite simulation.
    """
    null = np.sort(np.asarray(null, dtype=np.float64))
    values = np.asarray(values, dtype=np.float64)
    p = 1.0 - np.searchsorted(null, values, side="left") / len(null)
    smallest = 1.0 / len(null)
    return np.clip(p, smallest, 1.0 - smallest)


def critical_cluster_size(null_sizes, cluster_p: float) -> int:
    """Smallest cluster size (voxels) whose cluster-level FWE p is below ``cluster_p``."""
    sizes = np.arange(0, int(np.max(null_sizes)) + 2)
    p = null_p(sizes, null_sizes)
    return int(sizes[np.argmax(p < cluster_p)]) if np.any(p < cluster_p) else int(sizes[-1])


def label_by_volume(binary: np.ndarray, connectivity: int, ale: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Connected components numbered 1..n by descending size, as GingerALE numbers clusters.

    Ties are broken by the higher peak ALE (when ``ale`` is given), then by the first voxel
    in C order, so the numbering never depends on scipy's scan order alone.

    Returns
    -------
    labels : numpy.ndarray of int32
        0 outside clusters.
    sizes : numpy.ndarray of int
        Voxels of cluster 1..n.
    """
    raw, n = ndimage.label(binary, structure(connectivity))
    if n == 0:
        return np.zeros(binary.shape, dtype=np.int32), np.zeros(0, dtype=int)
    flat = raw.ravel()
    sizes = np.bincount(flat)[1:]
    # First voxel and peak of each component from its voxels alone (scipy's per-label minimum
    # and maximum sort the whole volume).
    inside = np.flatnonzero(flat)
    component = flat[inside] - 1
    _, first_index = np.unique(component, return_index=True)
    first = inside[first_index]
    peaks = np.zeros(n)
    if ale is not None:
        peaks[:] = -np.inf
        np.maximum.at(peaks, component, ale.ravel()[inside])
    order = np.lexsort((first, -peaks, -sizes))  # last key sorts first
    relabel = np.zeros(n + 1, dtype=np.int32)
    relabel[order + 1] = np.arange(1, n + 1, dtype=np.int32)
    return relabel[raw], sizes[order]


@dataclass
class Thresholded:
    """Result of thresholding one ALE map.

    Attributes
    ----------
    labels : numpy.ndarray of int32
        Surviving clusters numbered 1..n by descending volume; 0 elsewhere.
    sizes : numpy.ndarray of int
        Voxels per surviving cluster.
    cluster_p : numpy.ndarray of float
        Cluster-level FWE p per surviving cluster (NaN unless ``cluster_fwe``).
    cluster_forming_ale : float
        The ALE value of the cluster-forming voxel p.
    min_cluster_voxels : int
        Smallest surviving size in voxels: from the minimum volume, or the FWE critical size.
    description : str
        The threshold in words.
    fdr_voxel_p : float
        ``fdr``: the voxel p at and below which voxels survive (NaN when none does, or for
        another method). ``cluster_forming_ale`` is then the smallest surviving ALE.
    """

    labels: np.ndarray
    sizes: np.ndarray
    cluster_p: np.ndarray
    cluster_forming_ale: float
    min_cluster_voxels: int
    description: str
    fdr_voxel_p: float = float("nan")


def apply_threshold(
    ale: np.ndarray,
    mask: np.ndarray,
    affine,
    settings: ThresholdSettings,
    cluster_forming_ale: float,
    null=None,
    p: np.ndarray | None = None,
) -> Thresholded:
    """Threshold a 3D ALE map.

    Parameters
    ----------
    ale : numpy.ndarray, 3D
        ALE values (0 outside the mask).
    mask : numpy.ndarray of bool, 3D
    affine : array-like
        Voxel-to-MNI affine (for the voxel volume).
    settings : ThresholdSettings
    cluster_forming_ale : float
        ALE value of ``settings.voxel_p`` (see the module docstring).
    null : alereview.ale.montecarlo.NullDistribution, optional
        Required for the FWE methods.
    p : numpy.ndarray, 3D, optional
        The voxel p map of ``ale``; required for ``fdr``.
    """
    if settings.needs_montecarlo and null is None:
        raise ValueError(f"{settings.method} needs a Monte Carlo null distribution")
    if settings.needs_p and p is None:
        raise ValueError(f"{settings.method} needs the voxel p map")
    if null is not None and null.connectivity != settings.connectivity:
        raise ValueError(f"the null distribution uses {null.connectivity}-connectivity, the settings {settings.connectivity}")
    voxel_mm3 = voxel_volume(affine)
    fdr_voxel_p = float("nan")
    min_voxels = int(np.ceil(settings.min_volume_mm3 / voxel_mm3 - 1e-9)) if settings.min_volume_mm3 else 0
    if settings.method == "voxel_fwe":
        supra = np.zeros(ale.shape, dtype=bool)
        supra[mask] = null_p(ale[mask], null.max_stat) < settings.voxel_fwe_p
    elif settings.method == "fdr":
        supra, fdr_voxel_p = fdr_voxels(p, mask, settings.fdr_q, settings.fdr_variant)
        cluster_forming_ale = float(ale[supra].min()) if supra.any() else float("nan")
    else:
        supra = mask & (ale > cluster_forming_ale)
    labels, sizes = label_by_volume(supra, settings.connectivity, ale)
    p_values = np.full(len(sizes), np.nan)
    if settings.method == "cluster_fwe":
        p_values = null_p(sizes, null.max_size)
        min_voxels = max(min_voxels, critical_cluster_size(null.max_size, settings.cluster_p))
        keep = (p_values < settings.cluster_p) & (sizes >= min_voxels)
    else:
        keep = sizes >= max(min_voxels, 1)
    # Survivors keep their descending-volume order; renumber them 1..m.
    relabel = np.zeros(len(sizes) + 1, dtype=np.int32)
    relabel[1:][keep] = np.arange(1, int(keep.sum()) + 1, dtype=np.int32)
    return Thresholded(
        labels=relabel[labels],
        sizes=sizes[keep],
        cluster_p=p_values[keep],
        cluster_forming_ale=float(cluster_forming_ale),
        min_cluster_voxels=int(min_voxels),
        description=settings.describe(),
        fdr_voxel_p=fdr_voxel_p,
    )
