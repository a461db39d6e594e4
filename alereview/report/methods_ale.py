"""Sentences of the methods text about the ALE settings an older analysis may be re-run with.

Voxel-level FDR (GingerALE's pID and pN, Genovese et al. 2002) and a fixed-FWHM kernel
(GingerALE 1.x) are settings for re-running published analyses with their own choices
(:mod:`alereview.ale.fdr`, ``ale.kernel.fwhm_mm``); the text says so, and says that
cluster-level FWE with sample-size kernels is today's recommendation.
"""

from __future__ import annotations

FDR_NAMES = {"pid": ("Benjamini-Hochberg", "pID", "benjamini1995controlling"),
             "pn": ("Benjamini-Yekutieli", "pN", "benjamini2001control")}


def threshold_text(threshold: dict, cite) -> str:
    """The ``ale.threshold`` section in words, citing what it rests on.

    Parameters
    ----------
    threshold : dict
        ``ale.threshold`` (or an analysis' resolved keys).
    cite : alereview.report.methods.Citations
    """
    method = threshold.get("method", "uncorrected")
    voxel_p = threshold.get("voxel_p", 0.001)
    volume = float(threshold.get("min_volume_mm3", 0) or 0)
    if method == "uncorrected":
        return f"an uncorrected voxel-level p < {voxel_p:g} with clusters of at least {volume:g} mm³"
    if method == "cluster_fwe":
        return f"a cluster-level family-wise error rate p < {threshold.get('cluster_p', 0.05):g} (cluster-forming voxel p < {voxel_p:g})"
    if method == "fdr":
        return fdr_text(threshold, cite)
    return f"a voxel-level family-wise error rate p < {threshold.get('voxel_fwe_p', 0.05):g}"


def fdr_text(threshold: dict, cite) -> str:
    """The FDR threshold: rate, procedure, minimum volume, and why it is used."""
    name, gingerale, key = FDR_NAMES[threshold.get("fdr_variant", "pid")]
    volume = float(threshold.get("min_volume_mm3", 0) or 0)
    size = f" with clusters of at least {volume:g} mm³" if volume else ""
    return (f"a voxel-level false discovery rate q < {threshold.get('fdr_q', 0.05):g} over the voxel p-values of the ALE map within "
            f"the mask ({name} procedure {cite.cite(key, 'genovese2002thresholding')}, GingerALE's {gingerale}){size}, "
            f"no Monte Carlo simulation being needed; this setting re-runs an older analysis with its own threshold, cluster-level "
            f"family-wise error correction being the current recommendation {cite.cite('eickhoff2012activation', 'eickhoff2016behavior')}")


def fixed_kernel_sentence(fwhm_mm: float, cite) -> str:
    """The kernel sentence when every experiment has one FWHM (replaces NiMARE's description)."""
    return (f"Each experiment's modeled activation map was computed with a Gaussian kernel of a fixed {float(fwhm_mm):g} mm "
            f"full width at half maximum, the same for every experiment whatever its sample size, as in GingerALE 1.x "
            f"{cite.cite('turkeltaub2002meta')}, and the maximum over an experiment's foci taken "
            f"{cite.cite('turkeltaub2012minimizing')}; this setting re-runs an older analysis with its own kernel, the "
            f"sample-size kernel {cite.cite('eickhoff2009coordinate')} being the current method.")


def fixed_kernel_detail(summary: dict) -> str:
    """``"fixed kernel FWHM 10 mm"`` for an analysis whose ``threshold.json`` names one, else ""."""
    fwhm = summary.get("kernel_fwhm_mm")
    return f"fixed kernel FWHM {float(fwhm):g} mm for every experiment" if fwhm is not None else ""
