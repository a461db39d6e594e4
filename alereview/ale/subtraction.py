"""Contrasts between two analyses (config ``ale.contrasts``): subtraction and conjunction.

**Subtraction** (Laird et al. 2005; Eickhoff et al. 2011, 2012). NiMARE's
:class:`~nimare.meta.cbma.ALESubtraction` computes the ALE difference A − B and its null by
randomly reassigning the pooled experiments to two groups of the original sizes
(``iterations`` permutations, seeded from the review's seed). Two methods (``method``):

- ``gingerale`` (default): GingerALE's logic. A > B is evaluated only inside A's thresholded
  clusters and B > A only inside B's (NiMARE's directional ``inference_map1/2``, permutations
  restricted to their union), each one-sided: p = share of permutations whose difference is at
  least the observed one in that direction.
- ``nimare``: NiMARE's own two-sided test of every voxel of the mask, with no gating.

Voxels with p < ``p`` form clusters (``connectivity`` of the analyses) of at least
``min_volume_mm3``; A > B clusters come first, then B > A, each by descending volume.

**Conjunction** (Nichols et al. 2005 minimum statistic, as GingerALE's conjunction image): the
voxelwise minimum of the two analyses' thresholded ALE maps, where both are above zero, in
clusters of at least ``min_volume_mm3``. No permutation.

Outputs in the contrast's directory: ``clusters.tsv`` and ``peaks.tsv`` (the columns of the
main analyses' tables, ``peak_stat`` for ``peak_ale``, a ``direction`` column: ``A>B``,
``B>A`` or ``A and B``, and the anatomical labels), ``clusters.nii.gz`` (labels),
``stat.nii.gz`` (subtraction: signed z of A − B; conjunction: the minimum ALE),
``thresholded.nii.gz`` (that statistic inside the clusters) and ``threshold.json``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from alereview.ale.clusters import cluster_tables
from alereview.ale.thresholds import label_by_volume, voxel_volume
from alereview.errors import ConfigError
from alereview.logs import get_logger
from alereview.tsv import write_json, write_tsv
from alereview.ale.run import _freeze_imported_objects, load_mask, to_dataset
from alereview.coordinates.load import load_experiments
from alereview.ale.run import _save_nifti

LOG = get_logger(__name__)

KINDS = ("subtraction", "conjunction")
METHODS = ("gingerale", "nimare")
#: Defaults of a contrast's optional keys (also in the config schema).
DEFAULTS = {"method": "gingerale", "iterations": 10000, "p": 0.05, "min_volume_mm3": 200.0}


@dataclass(frozen=True)
class ContrastSettings:
    """One item of ``ale.contrasts``, checked, with its defaults filled in.

    Attributes
    ----------
    name, kind, a, b : str
        The contrast's name, ``subtraction`` or ``conjunction``, and its two analyses.
    method : {"gingerale", "nimare"}
        Subtraction only: gated one-sided (GingerALE) or whole-mask two-sided (NiMARE).
    iterations : int
        Subtraction permutations.
    p : float
        Subtraction: voxel p threshold (uncorrected).
    min_volume_mm3 : float
        Smallest cluster kept.
    connectivity : int
        6, 18 or 26 (the analyses' ``ale.connectivity``).
    """

    name: str
    kind: str
    a: str
    b: str
    method: str = DEFAULTS["method"]
    iterations: int = DEFAULTS["iterations"]
    p: float = DEFAULTS["p"]
    min_volume_mm3: float = DEFAULTS["min_volume_mm3"]
    connectivity: int = 6

    @classmethod
    def from_config(cls, contrast: dict, connectivity: int = 6) -> ContrastSettings:
        """Settings from one ``ale.contrasts`` item; a bad value is a :class:`ConfigError`."""
        name = str(contrast.get("name", ""))
        where = f"ale.contrasts.{name or '?'}"
        for key in ("name", "kind", "a", "b"):
            if not contrast.get(key):
                raise ConfigError(f"{where}.{key}", "missing")
        values = {**DEFAULTS, **{k: v for k, v in contrast.items() if k in DEFAULTS and v is not None}}
        if contrast["kind"] not in KINDS:
            raise ConfigError(f"{where}.kind", f"{contrast['kind']!r} is not one of {list(KINDS)}")
        if values["method"] not in METHODS:
            raise ConfigError(f"{where}.method", f"{values['method']!r} is not one of {list(METHODS)}")
        if not 0 < float(values["p"]) < 1:
            raise ConfigError(f"{where}.p", f"{values['p']!r}: expected 0 < p < 1")
        if int(values["iterations"]) < 1 or float(values["min_volume_mm3"]) < 0:
            raise ConfigError(where, "iterations must be >= 1 and min_volume_mm3 >= 0")
        return cls(
            name=name,
            kind=contrast["kind"],
            a=contrast["a"],
            b=contrast["b"],
            method=values["method"],
            iterations=int(values["iterations"]),
            p=float(values["p"]),
            min_volume_mm3=float(values["min_volume_mm3"]),
            connectivity=int(connectivity),
        )

    def describe(self) -> str:
        """The method and threshold in words, for tables, logs and the report."""
        volume = f", clusters >= {self.min_volume_mm3:g} mm3" if self.min_volume_mm3 else ""
        if self.kind == "conjunction":
            return f"conjunction of {self.a} and {self.b}: minimum of the two thresholded ALE maps (Nichols 2005){volume}"
        if self.method == "gingerale":
            how = (
                f"{self.a} > {self.b} inside {self.a}'s clusters and {self.b} > {self.a} inside {self.b}'s, "
                f"one-sided p < {self.p:g} (GingerALE-style)"
            )
        else:
            how = f"every voxel of the mask, two-sided p < {self.p:g} (NiMARE ALESubtraction)"
        return f"ALE subtraction {self.a} - {self.b}, {self.iterations} permutations, {how}{volume}"


def _min_voxels(settings: ContrastSettings, affine) -> int:
    if not settings.min_volume_mm3:
        return 1
    return max(1, int(np.ceil(settings.min_volume_mm3 / voxel_volume(affine) - 1e-9)))


def _keep_large(labels, sizes, min_voxels):
    keep = sizes >= min_voxels
    relabel = np.zeros(len(sizes) + 1, dtype=np.int32)
    relabel[1:][keep] = np.arange(1, int(keep.sum()) + 1, dtype=np.int32)
    return relabel[labels]


def subtraction_clusters(z, p, settings: ContrastSettings, affine, a_region=None, b_region=None):
    """Label image of A > B clusters (1..m) then B > A clusters (m+1..n), and their directions.

    Parameters
    ----------
    z, p : numpy.ndarray, 3D
        Signed z of A − B and its p.
    settings : ContrastSettings
    affine : array-like
    a_region, b_region : numpy.ndarray of bool, optional
        Where A > B and B > A may lie (the gingerale method: each analysis' clusters).
    """
    significant = p < settings.p
    labels = np.zeros(z.shape, dtype=np.int32)
    directions = []
    for direction, region, sign in (("A>B", a_region, 1), ("B>A", b_region, -1)):
        candidates = significant & (sign * z > 0)
        if region is not None:
            candidates &= region
        part, sizes = label_by_volume(candidates, settings.connectivity, np.abs(z))
        part = _keep_large(part, sizes, _min_voxels(settings, affine))
        labels[part > 0] = part[part > 0] + len(directions)
        directions += [direction] * int(part.max())
    return labels, directions


def conjunction_clusters(thresholded_a, thresholded_b, settings: ContrastSettings, affine):
    """Label image and minimum-statistic map of the voxels above zero in both thresholded maps."""
    both = (thresholded_a > 0) & (thresholded_b > 0)
    minimum = np.where(both, np.minimum(thresholded_a, thresholded_b), 0).astype(np.float32)
    labels, sizes = label_by_volume(both, settings.connectivity, minimum)
    return _keep_large(labels, sizes, _min_voxels(settings, affine)), minimum


def subtraction_maps(settings: ContrastSettings, sleuth_a, sleuth_b, a_clusters, b_clusters, mask="ale_2mm", seed=0):
    """Signed z and p maps of A − B (3D, on the mask's grid), by the settings' method.

    ``a_clusters``, ``b_clusters`` are the analyses' cluster label images (nibabel images),
    used as NiMARE's directional inference maps by the gingerale method.
    """
    import nibabel as nib
    from nimare.meta.cbma import ALESubtraction

    _freeze_imported_objects()
    gated = settings.method == "gingerale"
    if gated and not any(np.any(np.asarray(img.dataobj) > 0) for img in (a_clusters, b_clusters)):
        # Nothing to test: neither analysis has a cluster (NiMARE refuses empty inference maps).
        LOG.warning("%s: neither %s nor %s has a cluster; the subtraction has nothing to test", settings.name, settings.a, settings.b)
        shape = a_clusters.shape[:3]
        return np.zeros(shape, np.float32), np.ones(shape, np.float32), a_clusters.affine
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", FutureWarning)
        estimator = ALESubtraction(n_iters=settings.iterations, random_state=int(seed), restrict_to_inference_mask=gated)
        # Slugs may repeat between the two analyses (one study in both): prefix them.
        data_a = to_dataset(load_experiments(sleuth_a), load_mask(mask), prefix="a-")
        data_b = to_dataset(load_experiments(sleuth_b), load_mask(mask), prefix="b-")
        inference = {}
        if gated:
            inference = {
                name: nib.Nifti1Image((np.asarray(img.dataobj) > 0).astype(np.int8), img.affine)
                for name, img in (("inference_map1", a_clusters), ("inference_map2", b_clusters))
            }
        result = estimator.fit(data_a, data_b, **inference)
    mask_array = np.asarray(estimator.masker.mask_img.dataobj).astype(bool)
    z = np.zeros(mask_array.shape, dtype=np.float32)
    p = np.ones(mask_array.shape, dtype=np.float32)
    z[mask_array] = np.asarray(result.maps["z_desc-group1MinusGroup2"], dtype=np.float32)
    p[mask_array] = np.asarray(result.maps["p_desc-group1MinusGroup2"], dtype=np.float32)
    return z, p, estimator.masker.mask_img.affine


def _load(path):
    import nibabel as nib

    return nib.load(str(path))


def _tables(settings: ContrastSettings, inputs: dict, label_options):
    """(statistic map, labels, directions, cluster table, peak table, affine) of one contrast."""
    if settings.kind == "conjunction":
        images = {key: _load(inputs[key]) for key in ("a_thresholded", "b_thresholded", "a_p", "b_p", "a_z", "b_z")}
        affine = images["a_thresholded"].affine
        data = {key: np.asarray(img.dataobj, dtype=np.float32) for key, img in images.items()}
        labels, stat = conjunction_clusters(data["a_thresholded"], data["b_thresholded"], settings, affine)
        p = np.maximum(data["a_p"], data["b_p"])
        z = np.minimum(data["a_z"], data["b_z"])
        directions = ["A and B"] * int(labels.max())
        value = stat
    else:
        a_clusters, b_clusters = _load(inputs["a_clusters"]), _load(inputs["b_clusters"])
        stat, p, affine = subtraction_maps(
            settings, inputs["a"], inputs["b"], a_clusters, b_clusters, inputs.get("mask", "ale_2mm"), inputs.get("seed", 0)
        )
        gated = settings.method == "gingerale"
        regions = (np.asarray(a_clusters.dataobj) > 0, np.asarray(b_clusters.dataobj) > 0) if gated else (None, None)
        labels, directions = subtraction_clusters(stat, p, settings, affine, *regions)
        z, value = stat, np.abs(stat)
    clusters, peaks = cluster_tables(settings.name, value, p, z, labels, affine, label_options=label_options)
    renames = {"peak_ale": "peak_stat", "ale": "stat", "analysis": "contrast"}
    clusters = clusters.rename(columns=renames).drop(columns=["cluster_p_fwe"])
    peaks = peaks.rename(columns=renames)
    clusters.insert(2, "direction", directions)
    peaks.insert(2, "direction", [directions[int(c) - 1] for c in peaks["cluster"]])
    return stat, labels, clusters, peaks, affine


def run_contrast(
    contrast: dict, inputs: dict, outputs: dict, connectivity: int = 6, seed: int = 0, mask="ale_2mm", label_options=None
) -> pd.DataFrame:
    """Run one contrast of ``ale.contrasts`` and write its outputs (module docstring).

    Parameters
    ----------
    contrast : dict
        One ``ale.contrasts`` item (:meth:`ContrastSettings.from_config`).
    inputs : dict
        Paths. Subtraction: ``a``, ``b`` (Sleuth files), ``a_clusters``, ``b_clusters``
        (cluster label images). Conjunction: ``a_thresholded``, ``b_thresholded`` (thresholded
        ALE maps), ``a_p``, ``b_p``, ``a_z``, ``b_z``.
    outputs : dict
        Path of each output by its name in the rule ``ale_contrast``: ``clusters``, ``peaks``,
        ``clusters_img``, ``stat``, ``thresholded``, ``threshold``.
    connectivity : int
        The analyses' ``ale.connectivity``.
    seed : int
        The review's seed (the permutations).
    mask : str
        ``ale_2mm`` or a NIfTI mask path (the analyses' ``ale.mask``).
    label_options : dict, optional
        The config's ``labels`` section.

    Returns
    -------
    pandas.DataFrame
        The cluster table written to ``clusters.tsv``.
    """

    settings = ContrastSettings.from_config(contrast, connectivity)
    stat, labels, clusters, peaks, affine = _tables(settings, {**inputs, "mask": mask, "seed": seed}, label_options)
    description = settings.describe()
    LOG.info("%s: %d clusters (%s)", settings.name, len(clusters), description)
    for output in outputs.values():
        Path(output).parent.mkdir(parents=True, exist_ok=True)
    _save_nifti(labels, affine, outputs["clusters_img"], np.int16)
    _save_nifti(stat, affine, outputs["stat"], np.float32)
    _save_nifti(np.where(labels > 0, stat, 0), affine, outputs["thresholded"], np.float32)
    write_tsv(clusters, outputs["clusters"])
    write_tsv(peaks, outputs["peaks"])
    write_json(
        outputs["threshold"],
        {
            "contrast": settings.name,
            "kind": settings.kind,
            "a": settings.a,
            "b": settings.b,
            "method": settings.method if settings.kind == "subtraction" else "minimum statistic",
            "iterations": settings.iterations if settings.kind == "subtraction" else 0,
            "p": settings.p if settings.kind == "subtraction" else None,
            "min_volume_mm3": settings.min_volume_mm3,
            "connectivity": settings.connectivity,
            "statistic": "z of A - B" if settings.kind == "subtraction" else "minimum ALE",
            "threshold": description,
            "n_clusters": int(labels.max()),
            "directions": {d: clusters["direction"].tolist().count(d) for d in dict.fromkeys(clusters["direction"])},
        },
    )
    return clusters
