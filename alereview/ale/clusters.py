"""Cluster tables of a thresholded ALE map (the reference paper's Table 4).

Clusters are numbered 1..n by descending volume, as GingerALE numbers them, and the cluster
label image (``clusters.nii.gz``) uses the same numbers as the table. Per cluster: volume,
the MNI coordinate of the ALE maximum, its ALE, p and z, the labels of that peak, the share of
the cluster's voxels per gyrus, and its sub-peaks: other local maxima of the ALE map in the
cluster, at least ``min_distance_mm`` from every higher peak (nilearn's default is 8 mm).

Anatomical labels come from :mod:`alereview.labels` (Talairach Daemon, GingerALE's rule by
default; AAL beside it; config ``labels``); atlases listed in ``labels.atlases`` add one column
``atlas_<name>`` each, after ``aal``.
"""

from __future__ import annotations

import importlib

import numpy as np
import pandas as pd
from scipy import ndimage

from alereview.ale.thresholds import voxel_volume
from alereview.logs import get_logger

LOG = get_logger(__name__)

LABEL_FIELDS = ("hemisphere", "lobe", "gyrus", "ba", "aal")

#: Columns of ``clusters.tsv``, one row per cluster.
CLUSTER_COLUMNS = [
    "analysis",
    "cluster",
    "volume_mm3",
    "n_voxels",
    "x",
    "y",
    "z",
    "peak_ale",
    "p",
    "z_score",
    "cluster_p_fwe",
    *LABEL_FIELDS,
    "gyrus_shares",
    "n_subpeaks",
    "subpeaks",
]
#: Columns of ``peaks.tsv``, one row per peak (the cluster's maximum, then its sub-peaks).
PEAK_COLUMNS = ["analysis", "cluster", "peak", "x", "y", "z", "ale", "p", "z_score", *LABEL_FIELDS]


def _labels_module():
    """``alereview.labels`` when it is installed with its two functions, else None."""
    try:
        module = importlib.import_module("alereview.labels")
    except ImportError:
        return None
    if not all(hasattr(module, name) for name in ("label_peak", "region_shares")):
        return None
    return module


def label_columns(label_options=None) -> list:
    """The label columns of the tables: :data:`LABEL_FIELDS` then ``atlas_<name>`` per extra atlas."""
    atlases = (label_options or {}).get("atlases") or ()
    return [*LABEL_FIELDS, *(f"atlas_{name}" for name in atlases)]


def peak_labels(x, y, z, label_options=None) -> dict:
    """Anatomical labels of an MNI point; empty strings while :mod:`alereview.labels` is absent.

    ``label_options`` are the config's ``labels`` section (keyword arguments of
    :func:`alereview.labels.label_peak`: method, transform, search_radius_mm, atlases).
    """
    columns = label_columns(label_options)
    module = _labels_module()
    if module is None:
        return {field: "" for field in columns}
    options = dict(label_options or {})
    options["atlases"] = tuple(options.get("atlases") or ())
    found = module.label_peak(float(x), float(y), float(z), **options)
    return {field: "" if found.get(field) is None else str(found.get(field)) for field in columns}


def gyrus_shares(label_img, cluster_id: int, label_options=None) -> str:
    """``"62.5% Precuneus; 37.5% Cuneus"`` for a cluster; empty without :mod:`alereview.labels`."""
    module = _labels_module()
    if module is None:
        return ""
    options = {key: value for key, value in (label_options or {}).items() if key in ("method", "transform")}
    shares = module.region_shares(label_img, int(cluster_id), atlas="gyrus", **options)
    return "; ".join(f"{100 * float(share):.1f}% {region}" for region, share in shares)


def local_peaks(ale: np.ndarray, labels: np.ndarray, cluster_id: int, affine, min_distance_mm: float = 8.0, max_peaks: int = 4) -> list:
    """Peaks of one cluster: its maximum first, then sub-peaks (local maxima), highest first.

    A voxel is a local maximum when no 26-neighbour in the cluster has a higher ALE and one
    has a lower ALE (a plateau is not a peak); a sub-peak is kept when it lies at least ``min_distance_mm`` from every kept peak. Ties in
    ALE are ordered by C-order voxel index, so the result is deterministic.

    Returns
    -------
    list of (i, j, k)
        At most ``max_peaks`` voxel indices.
    """
    inside = labels == cluster_id
    values = np.where(inside, ale, -np.inf)
    footprint = np.ones((3, 3, 3), bool)
    neighbourhood_max = ndimage.maximum_filter(values, footprint=footprint, mode="constant", cval=-np.inf)
    # A plateau is not a peak: a sub-peak must also be above one of its in-cluster neighbours.
    neighbourhood_min = ndimage.minimum_filter(np.where(inside, ale, np.inf), footprint=footprint, mode="constant", cval=np.inf)
    flat = values.ravel()
    candidates = np.flatnonzero(inside.ravel() & (flat >= neighbourhood_max.ravel()) & (flat > neighbourhood_min.ravel()))
    # The cluster's maximum always comes first (a one-voxel cluster has no lower neighbour).
    maximum = np.flatnonzero(inside.ravel() & (flat == flat.max()))[:1]
    candidates = np.concatenate([maximum, candidates[candidates != maximum[0]]])
    order = np.lexsort((candidates, -flat[candidates]))
    kept, kept_mm = [], []
    affine = np.asarray(affine)
    for index in candidates[order]:
        ijk = np.unravel_index(index, ale.shape)
        mm = affine[:3, :3] @ np.asarray(ijk, dtype=float) + affine[:3, 3]
        if all(np.linalg.norm(mm - other) >= min_distance_mm for other in kept_mm):
            kept.append(tuple(int(c) for c in ijk))
            kept_mm.append(mm)
            if len(kept) == max_peaks:
                break
    return kept


def _mm(affine, ijk):
    xyz = np.asarray(affine)[:3, :3] @ np.asarray(ijk, dtype=float) + np.asarray(affine)[:3, 3]
    return [float(np.round(c, 6)) + 0.0 for c in xyz]


def cluster_tables(
    analysis: str,
    ale,
    p,
    z,
    labels,
    affine,
    cluster_p=None,
    min_distance_mm: float = 8.0,
    max_peaks: int = 4,
    label_img=None,
    label_options=None,
):
    """Cluster and peak tables of a thresholded analysis.

    Parameters
    ----------
    analysis : str
        Analysis name, first column of both tables.
    ale, p, z : numpy.ndarray, 3D
        ALE, uncorrected p and z maps.
    labels : numpy.ndarray of int, 3D
        Cluster label image, clusters 1..n by descending volume.
    affine : array-like
        Voxel-to-MNI affine.
    cluster_p : sequence of float, optional
        Cluster-level FWE p of clusters 1..n (cluster FWE only).
    min_distance_mm, max_peaks : float, int
        Sub-peak rules (see :func:`local_peaks`).
    label_img : nibabel image, optional
        The label image, for the regional shares; built from ``labels`` when omitted.
    label_options : dict, optional
        The config's ``labels`` section (:func:`peak_labels`); the package defaults otherwise.

    Returns
    -------
    clusters, peaks : pandas.DataFrame
        Columns :data:`CLUSTER_COLUMNS` and :data:`PEAK_COLUMNS`, with the extra atlas columns
        (:func:`label_columns`) after ``aal``.
    """
    import nibabel as nib

    n_clusters = int(labels.max()) if labels.size else 0
    sizes = np.bincount(labels.ravel(), minlength=n_clusters + 1)[1:]
    voxel_mm3 = voxel_volume(affine)
    if label_img is None:
        label_img = nib.Nifti1Image(labels.astype(np.int32), np.asarray(affine))
    cluster_rows, peak_rows = [], []
    for cluster in range(1, n_clusters + 1):
        peaks = local_peaks(ale, labels, cluster, affine, min_distance_mm, max_peaks)
        described = []
        for rank, ijk in enumerate(peaks):
            x, y, zc = _mm(affine, ijk)
            row = {
                "analysis": analysis,
                "cluster": cluster,
                "peak": rank + 1 if rank else "max",
                "x": x,
                "y": y,
                "z": zc,
                "ale": float(ale[ijk]),
                "p": float(p[ijk]),
                "z_score": float(z[ijk]),
                **peak_labels(x, y, zc, label_options),
            }
            peak_rows.append(row)
            described.append(row)
        top = described[0]
        subpeaks = "; ".join(
            f"{r['x']:g} {r['y']:g} {r['z']:g} (ALE {r['ale']:.4g}{', ' + r['gyrus'] if r['gyrus'] else ''})" for r in described[1:]
        )
        cluster_rows.append(
            {
                "analysis": analysis,
                "cluster": cluster,
                "volume_mm3": float(sizes[cluster - 1] * voxel_mm3),
                "n_voxels": int(sizes[cluster - 1]),
                "x": top["x"],
                "y": top["y"],
                "z": top["z"],
                "peak_ale": top["ale"],
                "p": top["p"],
                "z_score": top["z_score"],
                "cluster_p_fwe": float(cluster_p[cluster - 1]) if cluster_p is not None and len(cluster_p) else np.nan,
                **{field: top[field] for field in label_columns(label_options)},
                "gyrus_shares": gyrus_shares(label_img, cluster, label_options),
                "n_subpeaks": len(described) - 1,
                "subpeaks": subpeaks,
            }
        )
    extra = label_columns(label_options)[len(LABEL_FIELDS) :]
    cluster_columns, peak_columns = list(CLUSTER_COLUMNS), list(PEAK_COLUMNS)
    for columns in (cluster_columns, peak_columns):
        at = columns.index("aal") + 1
        columns[at:at] = extra
    clusters = pd.DataFrame(cluster_rows, columns=cluster_columns)
    peaks = pd.DataFrame(peak_rows, columns=peak_columns)
    return clusters, peaks
