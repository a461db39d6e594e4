"""Warnings for analyses too small or thresholded too leniently to be trusted on their own.

Eickhoff et al. (2016, NeuroImage 137:70-85) simulated ALE analyses of known ground truth:
below about 17 experiments an analysis has little power, and its clusters are often driven by
one or two experiments; cluster-level FWE correction, the inference they recommend, behaves
well from about 20 experiments. Uncorrected voxel-level thresholds (with or without a minimum
cluster size) do not control false positives (Eickhoff et al. 2012; Müller et al. 2018, rule 7).

:func:`power_warnings` names each analysis concerned and says why; the rule logs every
warning, the report and the methods section repeat them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from alereview.logs import get_logger

LOG = get_logger(__name__)

COLUMNS = ["analysis", "title", "n_experiments", "method", "threshold", "few_experiments", "uncorrected", "warnings"]


@dataclass(frozen=True)
class PowerSettings:
    """Experiment counts below which an analysis is warned about."""

    min_experiments: int = 17
    min_experiments_cluster_fwe: int = 20

    @classmethod
    def from_config(cls, section: dict | None) -> PowerSettings:
        section = section or {}
        return cls(int(section.get("min_experiments", 17)), int(section.get("min_experiments_cluster_fwe", 20)))


def analysis_flags(n_experiments: int, method: str, settings: PowerSettings = PowerSettings()) -> list[str]:
    """Which warnings apply: ``few`` (< min_experiments), ``few_for_cluster_fwe`` (cluster-level FWE
    below min_experiments_cluster_fwe, without ``few``), ``uncorrected``."""
    flags = []
    if n_experiments < settings.min_experiments:
        flags.append("few")
    elif method == "cluster_fwe" and n_experiments < settings.min_experiments_cluster_fwe:
        flags.append("few_for_cluster_fwe")
    if method == "uncorrected":
        flags.append("uncorrected")
    return flags


def analysis_warnings(
    analysis: str, title: str, n_experiments: int, method: str, threshold: str = "", settings: PowerSettings = PowerSettings()
) -> list[str]:
    """The warnings of one analysis, each a sentence naming it (empty when none applies)."""
    name = f"{title} ({analysis})" if title and title != analysis else analysis
    flags = analysis_flags(n_experiments, method, settings)
    warnings = []
    if "few" in flags:
        text = (
            f"{name} has {n_experiments} experiment{'s' if n_experiments != 1 else ''}, fewer than "
            f"{settings.min_experiments}: in Eickhoff et al.'s (2016) simulations ALE analyses of fewer than "
            f"{settings.min_experiments}-{settings.min_experiments_cluster_fwe} experiments lacked power and their "
            "clusters were often driven by one or two experiments (see the contributions and fail-safe N)."
        )
        if method == "cluster_fwe":
            text += f" Cluster-level FWE is robust from about {settings.min_experiments_cluster_fwe} experiments."
        warnings.append(text)
    if "few_for_cluster_fwe" in flags:
        warnings.append(
            f"{name} has {n_experiments} experiments: cluster-level FWE correction is robust from about "
            f"{settings.min_experiments_cluster_fwe} experiments (Eickhoff et al. 2016)."
        )
    if "uncorrected" in flags:
        shown = f" ({threshold})" if threshold else ""
        warnings.append(
            f"{name} is thresholded without correction for multiple comparisons{shown}: this does not control "
            "false positives; cluster-level FWE correction is recommended (Eickhoff et al. 2012, 2016; Müller et al. 2018)."
        )
    return warnings


def power_warnings(analyses: dict, summaries: dict, settings: PowerSettings = PowerSettings()) -> pd.DataFrame:
    """One row per analysis: its experiment count, threshold and warnings (also logged).

    Parameters
    ----------
    analyses : dict
        Config ``analyses`` (name -> ``{"title": ...}``), in order.
    summaries : dict
        name -> the analysis' ``threshold.json`` (``n_experiments``, ``method``, ``threshold``).
    settings : PowerSettings

    Returns
    -------
    pandas.DataFrame
        :data:`COLUMNS`; ``warnings`` joins the analysis' warnings with a space.
    """
    rows = []
    for name, spec in analyses.items():
        summary = summaries[name]
        title = (spec or {}).get("title", name)
        k, method, threshold = int(summary["n_experiments"]), str(summary["method"]), str(summary.get("threshold", ""))
        warnings = analysis_warnings(name, title, k, method, threshold, settings)
        for warning in warnings:
            LOG.warning(warning)
        rows.append(
            {
                "analysis": name,
                "title": title,
                "n_experiments": k,
                "method": method,
                "threshold": threshold,
                "few_experiments": "Y" if k < settings.min_experiments else "N",
                "uncorrected": "Y" if method == "uncorrected" else "N",
                "warnings": " ".join(warnings),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
