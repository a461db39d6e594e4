"""Contrasts between two analyses: ALE subtraction and conjunction, GingerALE style.

Subtraction (Eickhoff et al. 2012): NiMARE's :class:`~nimare.meta.cbma.ALESubtraction`
permutes the pooled experiments between the two groups (``iterations`` permutations, seeded
from the review's seed) and gives a z map of A - B. NiMARE evaluates every voxel; GingerALE
evaluates A > B only inside A's thresholded clusters and B > A inside B's, which is what is
done here: A > B = voxels of A's clusters with z > 0 and p < voxel_p, B > A likewise, then the
minimum cluster volume.

Conjunction (Nichols et al. 2005 minimum statistic): voxels inside the clusters of both
analyses, valued by the smaller ALE, then the minimum cluster volume.

Outputs in the contrast's directory: ``clusters.nii.gz`` (labels; for a subtraction A > B
clusters first, then B > A, each by descending volume), ``clusters.tsv`` (with ``direction``),
the statistic map (``z.nii.gz`` for a subtraction, ``conjunction_ale.nii.gz``) and
``threshold.json``.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from alereview.ale.clusters import cluster_tables
from alereview.ale.run import _save_nifti, fit, load_mask, to_dataset
from alereview.ale.thresholds import ThresholdSettings, label_by_volume, voxel_volume
from alereview.coordinates import load_experiments
from alereview.logs import get_logger
from alereview.tsv import write_json, write_tsv

LOG = get_logger(__name__)


def _keep_large(labels, sizes, min_voxels):
    keep = sizes >= max(min_voxels, 1)
    relabel = np.zeros(len(sizes) + 1, dtype=np.int32)
    relabel[1:][keep] = np.arange(1, int(keep.sum()) + 1, dtype=np.int32)
    return relabel[labels]


def subtraction_clusters(z, p, a_clusters, b_clusters, settings: ThresholdSettings, affine):
    """Label image of A > B clusters (1..m) then B > A clusters (m+1..n), and directions."""
    min_voxels = int(np.ceil(settings.min_volume_mm3 / voxel_volume(affine) - 1e-9)) if settings.min_volume_mm3 else 0
    significant = p < settings.voxel_p
    labels = np.zeros(z.shape, dtype=np.int32)
    directions = []
    for direction, region, sign in (("A>B", a_clusters > 0, 1), ("B>A", b_clusters > 0, -1)):
        part, sizes = label_by_volume(region & significant & (sign * z > 0), settings.connectivity, np.abs(z))
        part = _keep_large(part, sizes, min_voxels)
        n = int(part.max())
        labels[part > 0] = part[part > 0] + len(directions)
        directions += [direction] * n
    return labels, directions


def conjunction_clusters(ale_a, ale_b, a_clusters, b_clusters, settings: ThresholdSettings, affine):
    """Label image and minimum-statistic map of the voxels in both analyses' clusters."""
    min_voxels = int(np.ceil(settings.min_volume_mm3 / voxel_volume(affine) - 1e-9)) if settings.min_volume_mm3 else 0
    both = (a_clusters > 0) & (b_clusters > 0)
    minimum = np.where(both, np.minimum(ale_a, ale_b), 0).astype(np.float32)
    labels, sizes = label_by_volume(both, settings.connectivity, minimum)
    return _keep_large(labels, sizes, min_voxels), minimum


def run_contrast(contrast: dict, sleuth_a, sleuth_b, a_clusters_img, b_clusters_img, out_dir, settings: ThresholdSettings, seed: int = 0, mask="ale_2mm") -> pd.DataFrame:
    """Run one contrast of ``ale.contrasts`` and write its outputs.

    Parameters
    ----------
    contrast : dict
        ``name``, ``kind`` (subtraction or conjunction), ``a``, ``b``, ``iterations``.
    sleuth_a, sleuth_b : str or Path
        The two analyses' Sleuth files.
    a_clusters_img, b_clusters_img : str or Path
        Their ``clusters.nii.gz``.
    out_dir : str or Path
    settings : ThresholdSettings
        ``voxel_p``, ``min_volume_mm3`` and ``connectivity`` are used.
    seed : int
    mask : str

    Returns
    -------
    pandas.DataFrame
        The cluster table written to ``clusters.tsv``.
    """
    import nibabel as nib

    out_dir = Path(out_dir)
    name, kind = contrast["name"], contrast["kind"]
    a_clusters = np.asarray(nib.load(str(a_clusters_img)).dataobj)
    b_clusters = np.asarray(nib.load(str(b_clusters_img)).dataobj)
    experiments_a, experiments_b = load_experiments(sleuth_a), load_experiments(sleuth_b)
    fitted_a = fit(experiments_a, mask, seed)
    fitted_b = fit(experiments_b, mask, seed)
    affine = fitted_a.affine
    if kind == "subtraction":
        from nimare.meta.cbma import ALESubtraction

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            estimator = ALESubtraction(n_iters=int(contrast.get("iterations", 1000)), random_state=int(seed))
            # Slugs may repeat between the two analyses (one study in both): prefix them.
            result = estimator.fit(to_dataset(experiments_a, load_mask(mask), prefix="a-"),
                                   to_dataset(experiments_b, load_mask(mask), prefix="b-"))
        z = np.zeros(fitted_a.mask.shape, dtype=np.float32)
        p = np.ones(fitted_a.mask.shape, dtype=np.float32)
        z[fitted_a.mask] = result.maps["z_desc-group1MinusGroup2"]
        p[fitted_a.mask] = result.maps["p_desc-group1MinusGroup2"]
        labels, directions = subtraction_clusters(z, p, a_clusters, b_clusters, settings, affine)
        clusters, _ = cluster_tables(name, np.abs(z), p, z, labels, affine)
        _save_nifti(z, affine, out_dir / "z.nii.gz", np.float32)
        description = f"ALE subtraction, {contrast.get('iterations', 1000)} permutations, voxel p < {settings.voxel_p:g} inside each analysis' clusters"
    elif kind == "conjunction":
        labels, minimum = conjunction_clusters(fitted_a.ale, fitted_b.ale, a_clusters, b_clusters, settings, affine)
        p = np.maximum(fitted_a.p, fitted_b.p)
        z = np.minimum(fitted_a.z, fitted_b.z)
        directions = ["A and B"] * int(labels.max())
        clusters, _ = cluster_tables(name, minimum, p, z, labels, affine)
        _save_nifti(minimum, affine, out_dir / "conjunction_ale.nii.gz", np.float32)
        description = "conjunction (minimum statistic) of the two analyses' thresholded maps"
    else:
        raise ValueError(f"unknown contrast kind {kind!r}")
    if settings.min_volume_mm3:
        description += f", clusters >= {settings.min_volume_mm3:g} mm3"
    clusters = clusters.rename(columns={"peak_ale": "peak_stat", "analysis": "contrast"}).drop(columns=["cluster_p_fwe"])
    clusters.insert(2, "direction", directions)
    LOG.info("%s: %d clusters (%s)", name, len(clusters), description)
    _save_nifti(labels, affine, out_dir / "clusters.nii.gz", np.int16)
    write_tsv(clusters, out_dir / "clusters.tsv")
    write_json(out_dir / "threshold.json", {"contrast": name, "kind": kind, "a": contrast["a"], "b": contrast["b"],
                                            "threshold": description, "n_clusters": int(labels.max())})
    return clusters
