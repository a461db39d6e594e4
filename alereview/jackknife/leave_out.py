"""Leave-one-experiment-out jackknife, the reference paper's way, and NiMARE's diagnostics.

The paper's jackknife re-runs the ALE without each experiment in turn, at the same threshold
(here: the same :class:`~alereview.ale.thresholds.ThresholdSettings`, recomputed on the
subset, as GingerALE does, including a Monte Carlo of the subset for FWE methods), and asks for
each cluster of the full analysis whether it "still survives".

Survival rule (``jackknife.rule``):

``overlap`` (default)
    the left-out map has a surviving cluster sharing at least ``min_overlap_voxels`` voxels
    (default 1) with the full cluster. A cluster that shrinks or whose peak moves a few mm
    when one experiment is removed is still the same finding; this is what readers of a
    jackknife table take "the cluster is still found" to mean, and it never credits a
    cluster elsewhere in the brain.
``peak``
    a surviving cluster of the left-out map contains the full cluster's peak voxel (stricter:
    a peak that moves out of a shrunken cluster counts as lost).

Both measures are written for every cluster (``overlap_voxels``, ``contains_peak``), whichever
rule makes the Y/N.

NiMARE's :class:`~nimare.diagnostics.Jackknife` (each experiment's share of the ALE in a
cluster, from refits without it; it does not re-threshold) and
:class:`~nimare.diagnostics.FocusCounter` (foci of each experiment inside each cluster) are
computed on the same clusters and written beside the table.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from alereview.ale import montecarlo
from alereview.ale.engine import fit_fast
from alereview.ale.run import fit, load_mask, threshold_fitted
from alereview.ale.thresholds import ThresholdSettings, apply_threshold
from alereview.coordinates.load import load_experiments
from alereview.errors import InputError
from alereview.logs import get_logger
from alereview.tsv import read_tsv

LOG = get_logger(__name__)

RULES = ("overlap", "peak")
SURVIVAL_COLUMNS = ["left_out", "cluster", "overlap_voxels", "overlap_share", "contains_peak", "survived"]


def survival(
    full_labels: np.ndarray, peaks_ijk, left_out_labels: np.ndarray, rule: str = "overlap", min_overlap_voxels: int = 1
) -> pd.DataFrame:
    """Which clusters of the full analysis survive in a left-out analysis.

    Parameters
    ----------
    full_labels, left_out_labels : numpy.ndarray of int, 3D
        Cluster label images (0 = no cluster) of the full and the left-out analysis.
    peaks_ijk : list of (i, j, k)
        Peak voxel of full clusters 1..n.
    rule : {"overlap", "peak"}
        See the module docstring.
    min_overlap_voxels : int
        For ``overlap``.

    Returns
    -------
    pandas.DataFrame
        ``cluster, overlap_voxels, overlap_share, contains_peak, survived`` (Y/N).
    """
    if rule not in RULES:
        raise ValueError(f"jackknife rule must be one of {RULES}, got {rule!r}")
    n_clusters = int(full_labels.max()) if full_labels.size else 0
    in_left_out = left_out_labels > 0
    sizes = np.bincount(full_labels.ravel(), minlength=n_clusters + 1)
    overlaps = np.bincount(full_labels[in_left_out].ravel(), minlength=n_clusters + 1)
    rows = []
    for cluster in range(1, n_clusters + 1):
        contains_peak = bool(in_left_out[tuple(peaks_ijk[cluster - 1])])
        overlap = int(overlaps[cluster])
        kept = overlap >= max(1, min_overlap_voxels) if rule == "overlap" else contains_peak
        rows.append(
            {
                "cluster": cluster,
                "overlap_voxels": overlap,
                "overlap_share": overlap / sizes[cluster],
                "contains_peak": "Y" if contains_peak else "N",
                "survived": "Y" if kept else "N",
            }
        )
    return pd.DataFrame(rows, columns=SURVIVAL_COLUMNS[1:])


def peaks_to_ijk(clusters: pd.DataFrame, affine) -> list:
    """Voxel indices of the ``x, y, z`` peaks of a ``clusters.tsv`` table."""
    inverse = np.linalg.inv(np.asarray(affine))
    xyz = clusters[["x", "y", "z"]].astype(float).to_numpy()
    ijk = (inverse[:3, :3] @ xyz.T).T + inverse[:3, 3]
    return [tuple(int(v) for v in np.rint(row)) for row in ijk]


def leave_one_out(
    sleuth,
    slug: str,
    full_clusters_img,
    full_clusters_tsv,
    analysis: str,
    settings: ThresholdSettings,
    seed: int = 0,
    mask="ale_2mm",
    rule: str = "overlap",
    min_overlap_voxels: int = 1,
    engine: str = "auto",
    threads: int = 1,
) -> pd.DataFrame:
    """Re-run an analysis without one experiment, at the same threshold; survival per cluster.

    Parameters
    ----------
    sleuth : str or Path
        The analysis' Sleuth file.
    slug : str
        The experiment left out (:func:`experiment_table`).
    full_clusters_img, full_clusters_tsv : str or Path
        ``clusters.nii.gz`` and ``clusters.tsv`` of the full analysis.
    analysis : str
        Its name; the Monte Carlo stream of the subset is ``<analysis>/without/<slug>``.
    settings, seed, mask
        As for the full analysis.
    rule, min_overlap_voxels
        See :func:`survival`.
    engine : {"auto", "fast", "nimare"}
        ``auto`` uses :mod:`alereview.ale.engine` with NiMARE's ``ale_2mm`` mask, NiMARE
        otherwise.
    threads : int
        Threads of the subset's Monte Carlo (same result whatever their number).

    Returns
    -------
    pandas.DataFrame
        :data:`SURVIVAL_COLUMNS`.
    """
    import nibabel as nib

    experiments = load_experiments(sleuth)
    kept = [e for e in experiments if e.slug != slug]
    if len(kept) == len(experiments):
        raise InputError(f"no experiment with slug {slug!r}", path=sleuth)
    full_img = nib.load(str(full_clusters_img))
    full_labels = np.asarray(full_img.dataobj).astype(np.int32)
    clusters = read_tsv(full_clusters_tsv)
    stream = f"{analysis}/without/{slug}"
    if engine == "fast" or (engine == "auto" and load_mask(mask) == "ale_2mm"):
        # NiMARE's ALE recomputed without importing NiMARE (identical maps and thresholds,
        # tests/test_ale_engine.py): most of a leave-one-out job was NiMARE's import.
        fast = fit_fast(kept, settings.voxel_p, settings.connectivity, settings.fwhm_mm)
        null = (
            montecarlo.run_null(fast.model, seed, stream, settings.iterations, settings.chunks, threads, settings.early_stop_rule())
            if settings.needs_montecarlo
            else None
        )
        thresholded = apply_threshold(
            fast.ale, fast.mask, fast.affine, settings, fast.model.cluster_forming_ale, null, p=fast.p_map() if settings.needs_p else None
        )
    else:
        thresholded, _ = threshold_fitted(fit(kept, mask, seed, settings.fwhm_mm), settings, seed, stream, threads=threads)
    LOG.info("%s without %s: %d clusters survive", analysis, slug, len(thresholded.sizes))
    table = survival(full_labels, peaks_to_ijk(clusters, full_img.affine), thresholded.labels, rule, min_overlap_voxels)
    table.insert(0, "left_out", slug)
    return table


def leave_all_out(sleuth, full_clusters_img, full_clusters_tsv, analysis: str, settings: ThresholdSettings, **options) -> pd.DataFrame:
    """:func:`leave_one_out` for every experiment of the analysis, in one process.

    The ``per_analysis`` layout of the workflow (``jackknife.jobs``): one job instead of one per
    experiment, so the start-up of a job (Python, imports, reading the inputs) is paid once.
    ``options`` are those of :func:`leave_one_out`. Returns their tables, one after the other
    in the analysis' experiment order.
    """
    slugs = [experiment.slug for experiment in load_experiments(sleuth)]
    tables = []
    for done, slug in enumerate(slugs, start=1):
        tables.append(leave_one_out(sleuth, slug, full_clusters_img, full_clusters_tsv, analysis, settings, **options))
        LOG.info("%s jackknife: %d of %d experiments left out", analysis, done, len(slugs))
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame(columns=SURVIVAL_COLUMNS)


def split_left_out(tables) -> dict:
    """slug → its survival table, from per-experiment or per-analysis tables (``left_out`` column)."""
    frames = [table for table in tables if len(table)]
    if not frames:
        return {}
    combined = pd.concat(frames, ignore_index=True)
    return {slug: rows.reset_index(drop=True) for slug, rows in combined.groupby("left_out", sort=False)}


def cluster_names(clusters: pd.DataFrame) -> list:
    """Column names of the jackknife table: ``"1 L Precuneus"`` (number, hemisphere, gyrus)."""
    names = []
    for row in clusters.to_dict("records"):
        place = row.get("gyrus") or row.get("lobe") or f"{row['x']}, {row['y']}, {row['z']}"
        names.append(" ".join(part for part in (str(row["cluster"]), row.get("hemisphere", ""), place) if part))
    return names


def gather(experiments: pd.DataFrame, clusters: pd.DataFrame, survivals: dict) -> pd.DataFrame:
    """The paper's Table 5 for one analysis: left-out experiment × cluster, Y/N, then counts.

    Parameters
    ----------
    experiments : pandas.DataFrame
        From :func:`experiment_table` (row order = table order).
    clusters : pandas.DataFrame
        ``clusters.tsv`` of the full analysis.
    survivals : dict
        slug → the table :func:`leave_one_out` wrote for it.

    Returns
    -------
    pandas.DataFrame
        Columns ``left_out, slug`` then one per cluster; last row ``kept (of k)`` counts.
    """
    names = cluster_names(clusters)
    rows = []
    for experiment in experiments.to_dict("records"):
        if not names:
            # No cluster in the full analysis: nothing to re-test, the rows list who was in it.
            rows.append({"left_out": experiment["experiment"], "slug": experiment["slug"]})
            continue
        table = survivals.get(experiment["slug"])
        if table is None:
            raise InputError(f"no jackknife result for experiment {experiment['slug']!r}", record=experiment["slug"])
        if len(table) != len(names):
            raise InputError(f"{len(table)} clusters in the jackknife result, {len(names)} in the analysis", record=experiment["slug"])
        row = {"left_out": experiment["experiment"], "slug": experiment["slug"]}
        row.update(dict(zip(names, table["survived"])))
        rows.append(row)
    wide = pd.DataFrame(rows, columns=["left_out", "slug", *names])
    count = {"left_out": f"kept (of {len(wide)})", "slug": ""}
    count.update({name: str(int((wide[name] == "Y").sum())) for name in names})
    return pd.concat([wide, pd.DataFrame([count])], ignore_index=True)


def long_table(analysis: str, wide: pd.DataFrame, clusters: pd.DataFrame, refs=None) -> pd.DataFrame:
    """Table 5 rows of one analysis in long form: ``contrast, order, study, ref, cluster, cluster_label, survived``.

    Parameters
    ----------
    analysis : str
    wide : pandas.DataFrame
        The analysis' table from :func:`gather`.
    clusters : pandas.DataFrame
        Its ``clusters.tsv``.
    refs : dict, optional
        Experiment slug → reference number of its study (``ref``); "" for a slug not in it.
    """
    refs = refs or {}
    names = cluster_names(clusters)
    body = wide.iloc[:-1]
    rows = []
    for order, row in enumerate(body.to_dict("records"), start=1):
        for cluster, name in enumerate(names, start=1):
            label = name.split(" ", 1)[1] if " " in name else name
            rows.append(
                {
                    "contrast": analysis,
                    "order": order,
                    "study": row["left_out"],
                    "ref": refs.get(row["slug"], ""),
                    "cluster": cluster,
                    "cluster_label": label,
                    "survived": row[name],
                }
            )
    return pd.DataFrame(rows, columns=["contrast", "order", "study", "ref", "cluster", "cluster_label", "survived"])


def contribution_tables(sleuth, clusters_img, analysis: str, seed: int = 0, mask="ale_2mm") -> pd.DataFrame:
    """NiMARE's Jackknife and FocusCounter on the analysis' surviving clusters.

    NiMARE labels clusters itself (faces connectivity); each of its clusters is mapped to ours
    by its voxels (all of a NiMARE cluster lies in one of ours when connectivity is 6).

    Returns
    -------
    pandas.DataFrame
        ``analysis, experiment, slug, cluster, jackknife_contribution, focus_count``.
    """
    import nibabel as nib

    experiments = load_experiments(sleuth)
    labels = np.asarray(nib.load(str(clusters_img)).dataobj).astype(np.int32)
    columns = ["analysis", "experiment", "slug", "cluster", "jackknife_contribution", "focus_count"]
    if labels.max() == 0:
        return pd.DataFrame(columns=columns)  # no cluster: not even NiMARE's import (seconds)
    from nimare.diagnostics import FocusCounter, Jackknife

    fitted = fit(experiments, mask, seed)
    result = fitted.result
    target = "z_desc-alereviewclusters"
    z_in_clusters = np.where(labels > 0, np.maximum(fitted.z, 1e-3), 0).astype(np.float32)
    result.maps[target] = z_in_clusters[fitted.mask]
    tables = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, diagnostic in (("jackknife_contribution", Jackknife), ("focus_count", FocusCounter)):
            out = diagnostic(target_image=target, target_threshold=1e-4).transform(result.copy())
            table = next(t for key, t in out.tables.items() if key.endswith("tab-counts_tail-positive"))
            label_map = np.zeros(labels.shape, dtype=np.int32)
            label_map[fitted.mask] = np.asarray(out.maps["label_desc-alereviewclusters_tail-positive"]).astype(np.int32)
            tables[name] = (table, label_map)
    by_slug = {e.slug: e for e in experiments}
    rows = []
    for cluster in range(1, int(labels.max()) + 1):
        for experiment in experiments:
            values = {}
            for name, (table, label_map) in tables.items():
                # NiMARE's clusters inside ours: one when connectivity is 6; with 18 or 26 ours
                # may join several, whose foci add up and whose contribution is the largest's.
                inside = label_map[(labels == cluster) & (label_map > 0)]
                theirs, counts = np.unique(inside, return_counts=True)
                row = table[table["id"] == f"{experiment.slug}-1"]
                if not len(row) or not len(theirs):
                    values[name] = np.nan
                elif name == "focus_count":
                    values[name] = float(sum(float(row[f"PositiveTail {int(t)}"].iloc[0]) for t in theirs))
                else:
                    values[name] = float(row[f"PositiveTail {int(theirs[np.argmax(counts)])}"].iloc[0])
            rows.append(
                {"analysis": analysis, "experiment": by_slug[experiment.slug].name, "slug": experiment.slug, "cluster": cluster, **values}
            )
    return pd.DataFrame(rows, columns=columns)
