"""Each experiment's share of each cluster's ALE, and the clusters few experiments drive.

Eickhoff et al. (2016, NeuroImage 137:70-85) measure how much of a cluster an experiment
accounts for by removing it: its contribution is the part of the cluster's summed ALE that
disappears without it,

    contribution_i = 1 - sum_v ALE_without_i(v) / sum_v ALE(v)     (v: the cluster's voxels),

and its share is that contribution divided by the sum of all experiments' contributions (the
shares of a cluster add up to 1). NiMARE's :class:`~nimare.diagnostics.Jackknife` averages the
voxelwise ratio instead (``results/jackknife/<analysis>_contribution.tsv``); the sums here
weigh each voxel by its ALE, as Eickhoff et al. do. The ALE maps are computed with the
analysis' own arithmetic (:mod:`alereview.checks.space`): without experiment ``i`` the map is
``1 - exp(sum_j log1p(-MA_j) - log1p(-MA_i))``, so one modelled-activation map per experiment
gives every leave-one-out map.

Flags. Eickhoff et al. (2016) ask whether a cluster rests on one or two experiments: the share
of its most dominant experiment and of its two most dominant experiments together. A cluster
that many experiments share evenly is the convergence ALE looks for and is never flagged,
however small each share is (the fail-safe N, :mod:`alereview.checks.failsafe`, rates such
clusters the most robust). Settings in ``checks.contributions`` (defaults in the schema):

``dominant``
    one experiment's share exceeds ``dominant_share``: the cluster is mostly one experiment's
    result.
``pair``
    the two largest shares together exceed ``pair_share``: two experiments make the cluster.
``few``
    fewer than ``min_experiments`` experiments make up the cluster: the largest
    ``min_experiments - 1`` shares together exceed ``few_share``. With ``min_experiments``
    3 this is a stricter ``pair``; it adds to it when ``min_experiments`` is larger.

An experiment *contributes* when its contribution is above zero (its modelled activation
reaches the cluster); ``n_contributing`` counts them. ``min_share`` only decides which
experiments the report lists by name.

Clusters are keyed by their number in ``clusters.nii.gz`` / ``clusters.tsv`` (never by label).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from alereview.checks.space import Space
from alereview.config import section_defaults
from alereview.logs import get_logger
from alereview.checks.space import load_space
from alereview.coordinates.load import load_experiments
from alereview.tsv import read_tsv

LOG = get_logger(__name__)

#: One row per (cluster, experiment), experiments by descending share.
EXPERIMENT_COLUMNS = [
    "analysis",
    "cluster",
    "rank",
    "experiment",
    "slug",
    "n_subjects",
    "n_foci",
    "foci_in_cluster",
    "contribution",
    "share",
    "contributes",
]
#: One row per cluster.
CLUSTER_COLUMNS = [
    "analysis",
    "cluster",
    "n_voxels",
    "n_experiments",
    "n_contributing",
    "n_with_foci",
    "top_experiment",
    "top_share",
    "second_share",
    "top_two_share",
    "dominant",
    "pair",
    "few",
    "flag",
]


@dataclass(frozen=True)
class ContributionSettings:
    """When a cluster is flagged (see the module docstring; defaults in the config schema)."""

    dominant_share: float
    pair_share: float
    min_experiments: int
    few_share: float
    min_share: float

    @classmethod
    def from_config(cls, section: dict | None = None) -> ContributionSettings:
        """From ``checks.contributions``; keys it lacks take the schema's defaults."""
        given = {key: value for key, value in (section or {}).items() if value is not None}
        merged = {**section_defaults("checks", "contributions"), **given}
        return cls(
            float(merged["dominant_share"]),
            float(merged["pair_share"]),
            int(merged["min_experiments"]),
            float(merged["few_share"]),
            float(merged["min_share"]),
        )


def log_ma_maps(space: Space, experiments, voxels: np.ndarray) -> np.ndarray:
    """``log1p(-MA)`` of each experiment at ``voxels`` (flat indices): shape (experiments, voxels).

    Each experiment's MA map is the ALE map of that experiment alone (MA = ALE of one).
    """
    rows = []
    for experiment in experiments:
        ma = space.ale([experiment]).ravel()[voxels].astype(np.float64)
        rows.append(np.log1p(-np.minimum(ma, 1 - 1e-12)))
    return np.vstack(rows) if rows else np.zeros((0, len(voxels)))


def cluster_contributions(log_ma: np.ndarray) -> np.ndarray:
    """Eickhoff et al.'s contribution of each experiment to one cluster (not normalised).

    Parameters
    ----------
    log_ma : numpy.ndarray, shape (experiments, voxels)
        ``log1p(-MA)`` of every experiment at the cluster's voxels.

    Returns
    -------
    numpy.ndarray
        ``1 - sum ALE_without_i / sum ALE`` per experiment, in [0, 1].
    """
    total = log_ma.sum(axis=0)
    ale_sum = float(np.sum(-np.expm1(total)))
    if ale_sum <= 0:
        return np.zeros(log_ma.shape[0])
    without = -np.expm1(total[None, :] - log_ma)
    return np.clip(1.0 - without.sum(axis=1) / ale_sum, 0.0, 1.0)


def contribution_table(
    analysis: str, experiments, labels: np.ndarray, space: Space, settings: ContributionSettings | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Contributions of every experiment to every cluster of an analysis.

    Parameters
    ----------
    analysis : str
    experiments : list of alereview.coordinates.Experiment
        The analysis' experiments (``name``, ``slug``, ``n``, ``mni``).
    labels : numpy.ndarray of int, 3D
        ``clusters.nii.gz`` of the analysis (0 = no cluster), in ``space``.
    space : Space
    settings : ContributionSettings, optional
        The schema's defaults when omitted.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Per experiment (:data:`EXPERIMENT_COLUMNS`) and per cluster (:data:`CLUSTER_COLUMNS`).
    """
    settings = settings if settings is not None else ContributionSettings.from_config()
    if labels.shape != space.mask.shape:
        raise ValueError(f"the cluster image has shape {labels.shape}, the mask {space.mask.shape}")
    n_clusters = int(labels.max()) if labels.size else 0
    flat = labels.ravel()
    in_any = np.flatnonzero(flat > 0)
    log_ma = log_ma_maps(space, experiments, in_any)
    cluster_of_voxel = flat[in_any]
    foci_clusters = [_foci_clusters(space, e, labels) for e in experiments]
    detail, summary = [], []
    for cluster in range(1, n_clusters + 1):
        columns = cluster_of_voxel == cluster
        raw = cluster_contributions(log_ma[:, columns])
        shares = raw / raw.sum() if raw.sum() > 0 else raw
        order = np.lexsort((np.arange(len(raw)), -shares))
        for rank, index in enumerate(order, start=1):
            e = experiments[index]
            detail.append(
                {
                    "analysis": analysis,
                    "cluster": cluster,
                    "rank": rank,
                    "experiment": e.name,
                    "slug": e.slug,
                    "n_subjects": int(e.n),
                    "n_foci": len(e.mni),
                    "foci_in_cluster": int(np.sum(foci_clusters[index] == cluster)),
                    "contribution": round(float(raw[index]), 6),
                    "share": round(float(shares[index]), 6),
                    "contributes": "Y" if raw[index] > 0 else "N",
                }
            )
        summary.append(
            _summary_row(
                analysis, cluster, int(columns.sum()), experiments, shares, order, [np.sum(f == cluster) for f in foci_clusters], settings
            )
        )
    return (pd.DataFrame(detail, columns=EXPERIMENT_COLUMNS), pd.DataFrame(summary, columns=CLUSTER_COLUMNS))


def _foci_clusters(space: Space, experiment, labels: np.ndarray) -> np.ndarray:
    """The cluster number of each focus' voxel (0 outside clusters and outside the image)."""
    ijk = space.ijk(experiment.mni)
    inside = np.all((ijk >= 0) & (ijk < np.array(labels.shape)), axis=1)
    out = np.zeros(len(ijk), dtype=int)
    out[inside] = labels[tuple(ijk[inside].T)]
    return out


def cluster_flags(shares: np.ndarray, settings: ContributionSettings) -> dict:
    """The flags of one cluster from its experiments' shares (any order).

    Returns
    -------
    dict
        ``top_share``, ``second_share``, ``top_two_share`` and the booleans ``dominant``,
        ``pair``, ``few`` (see the module docstring).
    """
    ordered = np.sort(np.asarray(shares, dtype=float))[::-1]
    top = float(ordered[0]) if len(ordered) else 0.0
    second = float(ordered[1]) if len(ordered) > 1 else 0.0
    few_part = float(ordered[: max(settings.min_experiments - 1, 0)].sum())
    return {
        "top_share": top,
        "second_share": second,
        "top_two_share": top + second,
        "dominant": top > settings.dominant_share,
        "pair": top + second > settings.pair_share,
        "few": len(ordered) > 0 and few_part > settings.few_share,
    }


def flag_sentence(flags: dict, top_name: str, settings: ContributionSettings) -> str:
    """One sentence saying why a cluster is flagged ("" when it is not)."""
    reasons = []
    if flags["dominant"]:
        reasons.append(
            f"one experiment ({top_name}) accounts for {flags['top_share']:.0%} of its ALE (flagged above {settings.dominant_share:.0%})"
        )
    if flags["pair"] and not (flags["dominant"] and flags["top_share"] > settings.pair_share):
        reasons.append(
            f"the two largest experiments together account for {flags['top_two_share']:.0%} (flagged above {settings.pair_share:.0%})"
        )
    if flags["few"] and (settings.min_experiments > 3 or not flags["pair"]):
        reasons.append(f"fewer than {settings.min_experiments} experiments account for more than {settings.few_share:.0%}")
    if not reasons:
        return ""
    return "Rests on one or two experiments: " + "; ".join(reasons) + "."


def contribution_rule_sentence(settings: ContributionSettings) -> str:
    """The flag rule in one sentence, for the report's notes and methods."""
    few = (
        f", or fewer than {settings.min_experiments} experiments account for more than {settings.few_share:.0%} of it"
        if settings.min_experiments > 3
        else ""
    )
    return (
        f"A cluster is flagged when it rests on one or two experiments (Eickhoff et al. 2016): one experiment accounts for more "
        f"than {settings.dominant_share:.0%} of its ALE, or the two largest together for more than {settings.pair_share:.0%}"
        f"{few}; a cluster that many experiments share is not flagged, however small each share."
    )


def _summary_row(analysis, cluster, n_voxels, experiments, shares, order, foci_counts, settings) -> dict:
    top = int(order[0]) if len(order) else None
    flags = cluster_flags(shares, settings)
    top_name = experiments[top].name if top is not None else ""
    sentence = flag_sentence(flags, top_name, settings)
    if sentence:
        LOG.warning("%s cluster %d: %s", analysis, cluster, sentence)
    return {
        "analysis": analysis,
        "cluster": cluster,
        "n_voxels": n_voxels,
        "n_experiments": len(experiments),
        "n_contributing": int(np.sum(shares > 0)),
        "n_with_foci": int(sum(1 for c in foci_counts if c > 0)),
        "top_experiment": top_name,
        "top_share": round(flags["top_share"], 6),
        "second_share": round(flags["second_share"], 6),
        "top_two_share": round(flags["top_two_share"], 6),
        **{key: "Y" if flags[key] else "N" for key in ("dominant", "pair", "few")},
        "flag": sentence,
    }


def run_contributions(
    sleuth, clusters_img, analysis: str, mask="ale_2mm", settings: ContributionSettings | None = None, fwhm: float | None = None
):
    """Read an analysis' Sleuth file and cluster image; its two contribution tables.

    ``fwhm``: the analysis' fixed kernel FWHM (mm), None for the sample-size kernel.
    """
    import nibabel as nib

    experiments = load_experiments(sleuth)
    labels = np.asarray(nib.load(str(clusters_img)).dataobj).astype(np.int32)
    detail, summary = contribution_table(analysis, experiments, labels, load_space(mask, fwhm), settings)
    LOG.info("%s: contributions of %d experiments to %d clusters", analysis, len(experiments), len(summary))
    return detail, summary


def gather_contributions(cluster_paths, experiment_paths, peaks_paths) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every analysis' contribution tables, in the given (config) order.

    The cluster table gains each cluster's peak (``x, y, z`` from the analysis' ``clusters.tsv``),
    matched by cluster number.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Per cluster (``x, y, z`` after ``cluster``) and per experiment.
    """

    columns = CLUSTER_COLUMNS[:2] + ["x", "y", "z"] + CLUSTER_COLUMNS[2:]
    clusters, experiments = [], []
    for cluster_path, experiment_path, peaks_path in zip(cluster_paths, experiment_paths, peaks_paths, strict=True):
        table = read_tsv(cluster_path)
        if len(table):
            peaks = read_tsv(peaks_path)[["cluster", "x", "y", "z"]]
            table = table.merge(peaks, on="cluster", how="left", validate="one_to_one")
            clusters.append(table.reindex(columns=columns))
        detail = read_tsv(experiment_path)
        if len(detail):
            experiments.append(detail)
    return (
        pd.concat(clusters, ignore_index=True) if clusters else pd.DataFrame(columns=columns),
        pd.concat(experiments, ignore_index=True) if experiments else pd.DataFrame(columns=EXPERIMENT_COLUMNS),
    )
