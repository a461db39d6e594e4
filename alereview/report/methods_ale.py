"""Sentences of the methods text about the ALE settings an older analysis may be re-run with.

Voxel-level FDR (GingerALE's pID and pN, Genovese et al. 2002) and a fixed-FWHM kernel
(GingerALE 1.x) are settings for re-running published analyses with their own choices
(:mod:`alereview.ale.fdr`, ``ale.kernel.fwhm_mm``); the text says so, and says that
cluster-level FWE with sample-size kernels is today's recommendation.
"""

from __future__ import annotations

FDR_NAMES = {"pid": ("Benjamini-Hochberg", "pID", "benjamini1995controlling"), "pn": ("Benjamini-Yekutieli", "pN", "benjamini2001control")}


def fdr_text(q: float, variant: str, min_volume_mm3: float, cite) -> str:
    """The FDR threshold an analysis used (``threshold.json``): rate, procedure, volume, and why."""
    name, gingerale, key = FDR_NAMES[variant]
    volume = float(min_volume_mm3 or 0)
    size = f" with clusters of at least {volume:g} mm³" if volume else ""
    return (
        f"a voxel-level false discovery rate q < {float(q):g} over the voxel p-values of the ALE map within "
        f"the mask ({name} procedure {cite.cite(key, 'genovese2002thresholding')}, GingerALE's {gingerale}){size}, "
        f"no Monte Carlo simulation being needed; this setting re-runs an older analysis with its own threshold, cluster-level "
        f"family-wise error correction being the current recommendation {cite.cite('eickhoff2012activation', 'eickhoff2016behavior')}"
    )


def fixed_kernel_sentence(fwhm_mm: float, cite) -> str:
    """The kernel sentence when every experiment has one FWHM (replaces NiMARE's description)."""
    return (
        f"Each experiment's modeled activation map was computed with a Gaussian kernel of a fixed {float(fwhm_mm):g} mm "
        f"full width at half maximum, the same for every experiment whatever its sample size, as in GingerALE 1.x "
        f"{cite.cite('turkeltaub2002meta')}, and the maximum over an experiment's foci taken "
        f"{cite.cite('turkeltaub2012minimizing')}; this setting re-runs an older analysis with its own kernel, the "
        f"sample-size kernel {cite.cite('eickhoff2009coordinate')} being the current method."
    )


def fixed_kernel_detail(summary: dict) -> str:
    """``"fixed kernel FWHM 10 mm"`` for an analysis whose ``threshold.json`` names one, else ""."""
    fwhm = summary.get("kernel_fwhm_mm")
    return f"fixed kernel FWHM {float(fwhm):g} mm for every experiment" if fwhm is not None else ""
