"""Voxel-level false discovery rate of an ALE map, as GingerALE's FDR thresholds.

Genovese, Lazar & Nichols (2002, NeuroImage 15:870-878) threshold a map at the largest voxel p
``p_(i)`` (the p-values of the ``V`` mask voxels sorted ascending) with

    p_(i) <= i / V * q / c(V),

and keep every voxel whose p is at most that ``p_(i)``. Two constants, GingerALE's two FDR
thresholds:

``pid``
    ``c(V) = 1``: Benjamini & Hochberg (1995), valid under independence or positive
    dependence of the tests (GingerALE's "pID").
``pn``
    ``c(V) = sum_{j=1..V} 1/j``: Benjamini & Yekutieli (2001), valid under any dependence
    (GingerALE's "pN", more conservative).

The p-values are those of the ALE map itself (NiMARE's approximate null: Eickhoff et al.
2012), over every voxel of the mask, those of ALE 0 (p = 1) included. No Monte Carlo is needed.
FDR thresholds were GingerALE's default until 2012; Eickhoff et al. (2012, 2016) recommend
cluster-level FWE instead. They are here to re-run older analyses with their own settings.
"""

from __future__ import annotations

import numpy as np

VARIANTS = ("pid", "pn")


def fdr_constant(n_tests: int, variant: str) -> float:
    """``c(V)``: 1 for ``pid``, the harmonic number of ``V`` for ``pn``."""
    if variant not in VARIANTS:
        raise ValueError(f"FDR variant {variant!r}: expected one of {list(VARIANTS)}")
    if variant == "pid":
        return 1.0
    return float(np.sum(1.0 / np.arange(1, n_tests + 1, dtype=np.float64)))


def fdr_threshold(p_values, q: float, variant: str = "pid") -> float:
    """The voxel p at and below which voxels survive FDR ``q``; NaN when none does.

    Parameters
    ----------
    p_values : array-like
        The p-value of every voxel of the mask.
    q : float
        The false discovery rate controlled, in (0, 1).
    variant : str
        ``pid`` (Benjamini-Hochberg) or ``pn`` (Benjamini-Yekutieli).

    Returns
    -------
    float
        The largest ``p_(i)`` with ``p_(i) <= i / V * q / c(V)``; NaN when no voxel meets it.
    """
    p = np.sort(np.asarray(p_values, dtype=np.float64).ravel())
    if p.size == 0:
        return float("nan")
    bound = np.arange(1, p.size + 1, dtype=np.float64) / p.size * q / fdr_constant(p.size, variant)
    passing = np.flatnonzero(p <= bound)
    return float(p[passing[-1]]) if passing.size else float("nan")


def fdr_voxels(p_map: np.ndarray, mask: np.ndarray, q: float, variant: str = "pid") -> tuple[np.ndarray, float]:
    """The mask voxels that survive FDR ``q``, and the voxel p threshold.

    Returns
    -------
    (numpy.ndarray of bool, float)
        Surviving voxels (the shape of ``p_map``; none outside the mask) and the threshold
        (NaN when no voxel survives).
    """
    threshold = fdr_threshold(p_map[mask], q, variant)
    supra = np.zeros(p_map.shape, dtype=bool)
    if np.isfinite(threshold):
        supra[mask] = np.asarray(p_map[mask], dtype=np.float64) <= threshold
    return supra, threshold
