"""One ALE analysis, from a Sleuth file to its maps and cluster table.

``nimare.meta.cbma.ALE`` with its ``ALEKernel`` (the Eickhoff et al. 2009 kernel whose width
follows each experiment's sample size, non-additive within an experiment: Turkeltaub et al.
2012; or, with ``fwhm_mm``, one FWHM for every experiment, ``ALEKernel(fwhm=...)``), the
approximate null for uncorrected p (Eickhoff et al. 2012), the mask from config (NiMARE's ``ale_2mm`` by default) and ``random_state`` from the review's seed. Thresholds:
:mod:`alereview.ale.thresholds`; Monte Carlo: :mod:`alereview.ale.montecarlo`.

Outputs in the analysis directory: ``ale.nii.gz``, ``p.nii.gz``, ``z.nii.gz``,
``thresholded_ale.nii.gz`` (ALE inside surviving clusters, 0 elsewhere), ``clusters.nii.gz``
(integer labels 1..n by descending volume, as in ``clusters.tsv``), ``clusters.tsv``,
``peaks.tsv`` and ``threshold.json`` (the threshold in words and numbers).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from alereview.ale import montecarlo
from alereview.ale.clusters import cluster_tables
from alereview.ale.thresholds import ThresholdSettings, apply_threshold, voxel_volume
from alereview.coordinates.load import load_experiments
from alereview.logs import get_logger
from alereview.tsv import atomic_write_bytes, write_json, write_tsv
from alereview.ale.engine import fit_fast

LOG = get_logger(__name__)


@dataclass
class Fitted:
    """A fitted ALE: the estimator, its maps as 3D arrays, the mask and affine."""

    estimator: object
    result: object
    ale: np.ndarray
    p: np.ndarray
    z: np.ndarray
    mask: np.ndarray
    affine: np.ndarray


def load_mask(mask):
    """``"ale_2mm"`` stays a name (NiMARE's template); anything else is a NIfTI path."""
    if mask in (None, "", "ale_2mm"):
        return "ale_2mm"
    import nibabel as nib

    return nib.load(str(mask))


def to_dataset(experiments, mask="ale_2mm", prefix: str = ""):
    """A NiMARE :class:`~nimare.dataset.Dataset` with one study per experiment.

    Parameters
    ----------
    experiments : list of alereview.coordinates.Experiment
        From :func:`~alereview.coordinates.load_experiments` (possibly a subset, for the
        jackknife), with their MNI foci.
    mask : str or nibabel image
        ``"ale_2mm"`` (NiMARE's template) or a mask image.
    prefix : str
        Put before every study id (two analyses compared may share experiments).

    Returns
    -------
    nimare.dataset.Dataset
        Study ids are ``prefix`` + the experiments' slugs; ids are ``<study id>-1``.
    """
    from nimare.dataset import Dataset

    source = {
        prefix + experiment.slug: {
            "contrasts": {
                "1": {
                    "coords": {
                        "space": "MNI",
                        "x": experiment.mni[:, 0].tolist(),
                        "y": experiment.mni[:, 1].tolist(),
                        "z": experiment.mni[:, 2].tolist(),
                    },
                    "metadata": {"sample_sizes": [int(experiment.n)]},
                }
            }
        }
        for experiment in experiments
    }
    if mask == "ale_2mm":
        return Dataset(source, target="ale_2mm")
    return Dataset(source, target="ale_2mm", mask=mask)


_FROZEN = []


def _freeze_imported_objects():
    """Exempt the objects of imported modules from garbage collection, once per process.

    nilearn calls ``gc.collect()`` every time it reads an image; after NiMARE's imports each
    call scans hundreds of thousands of module objects (0.5 s apiece, seconds per fit).
    ``gc.freeze`` moves those objects, which live as long as the process anyway, out of the
    collector's way; objects created later are collected as usual.
    """
    if not _FROZEN:
        import gc

        gc.collect()
        gc.freeze()
        _FROZEN.append(True)


def fit(experiments, mask="ale_2mm", seed: int = 0, fwhm: float | None = None) -> Fitted:
    """Fit NiMARE's ALE on ``experiments`` (from :func:`~alereview.coordinates.load_experiments`).

    ``fwhm``: one kernel FWHM in mm for every experiment (``kernel__fwhm``); None: the
    sample-size kernel.
    """
    from nimare.meta.cbma import ALE

    _freeze_imported_objects()

    with warnings.catch_warnings():
        # NiMARE warns about every Dataset it builds from a dict; nothing for a user to do.
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", FutureWarning)
        dataset = to_dataset(experiments, load_mask(mask))
        kernel = {} if fwhm is None else {"kernel__fwhm": float(fwhm)}
        estimator = ALE(random_state=int(seed), **kernel)
        result = estimator.fit(dataset)
    mask_img = estimator.masker.mask_img
    mask_array = np.asarray(mask_img.dataobj).astype(bool)
    # Unmask directly: the masker's inverse_transform goes through nilearn's image loading.
    maps = {}
    for name, outside in (("stat", 0.0), ("p", 1.0), ("z", 0.0)):
        volume = np.full(mask_array.shape, outside, dtype=np.float32)
        volume[mask_array] = np.asarray(result.maps[name], dtype=np.float32)
        maps[name] = volume
    return Fitted(estimator, result, maps["stat"], maps["p"], maps["z"], mask_array, np.asarray(mask_img.affine))


def null_model(fitted: Fitted, settings: ThresholdSettings) -> montecarlo.NullModel:
    """The Monte Carlo model of a fitted analysis."""
    return montecarlo.NullModel.from_estimator(fitted.estimator, settings.voxel_p, settings.connectivity)


def montecarlo_chunk(
    sleuth, settings: ThresholdSettings, seed: int, stream: str, chunk: int, mask="ale_2mm", drop=None, threads: int = 1
) -> dict:
    """One chunk of an analysis' Monte Carlo (a workflow job), see :func:`montecarlo.run_chunk`."""
    experiments = [e for e in load_experiments(sleuth) if e.slug != drop]
    if load_mask(mask) == "ale_2mm":
        # Same model as NiMARE's fit gives (tests/test_ale_engine.py), without its import.
        model = fit_fast(experiments, settings.voxel_p, settings.connectivity, settings.fwhm_mm).model
    else:
        model = null_model(fit(experiments, mask, seed, settings.fwhm_mm), settings)
    return montecarlo.run_chunk(model, seed, stream, settings.iterations, settings.chunks, chunk, threads)


def threshold_fitted(fitted: Fitted, settings: ThresholdSettings, seed: int, stream: str, chunks=None, threads: int = 1):
    """Threshold a fitted analysis, running or merging its Monte Carlo when the method needs it.

    Parameters
    ----------
    chunks : list of dict, optional
        Precomputed Monte Carlo chunks (from separate jobs); computed here when omitted.
    threads : int
        Threads of the Monte Carlo run here.
    """
    model = null_model(fitted, settings) if settings.needs_montecarlo and chunks is None else None
    cluster_forming_ale = fitted.estimator._p_to_summarystat(settings.voxel_p)
    null = None
    if settings.needs_montecarlo:
        if chunks is None:
            null = montecarlo.run_null(model, seed, stream, settings.iterations, settings.chunks, threads, settings.early_stop_rule())
        else:
            null = montecarlo.merge_chunks(chunks)
            if not np.isclose(null.cluster_forming_ale, cluster_forming_ale, rtol=0, atol=1e-12):
                raise ValueError(
                    f"Monte Carlo chunks were run at cluster-forming ALE {null.cluster_forming_ale}, the analysis has {cluster_forming_ale}"
                )
    return apply_threshold(fitted.ale, fitted.mask, fitted.affine, settings, cluster_forming_ale, null, p=fitted.p), null


def _finite(value: float) -> float | None:
    """A number for threshold.json: None (null) when it is NaN (FDR: no voxel survived)."""
    return float(value) if np.isfinite(value) else None


def _save_nifti(array, affine, path, dtype):
    """Write a NIfTI deterministically (gzip without timestamp), atomically."""
    import gzip

    import nibabel as nib

    image = nib.Nifti1Image(np.asarray(array, dtype=dtype), np.asarray(affine))
    image.header.set_data_dtype(dtype)
    image.header.set_xyzt_units("mm")
    raw = image.to_bytes()
    atomic_write_bytes(path, gzip.compress(raw, compresslevel=6, mtime=0))


def run_analysis(
    sleuth,
    outputs: dict,
    analysis: str,
    settings: ThresholdSettings,
    seed: int = 0,
    mask="ale_2mm",
    chunks=None,
    min_distance_mm: float = 8.0,
    max_peaks: int = 4,
    label_options=None,
    threads: int = 1,
) -> dict:
    """Fit, threshold and tabulate one analysis; write its outputs to the paths ``outputs`` names.

    Parameters
    ----------
    sleuth : str or Path
        The analysis' Sleuth file.
    outputs : dict
        Path of each output by its name in the rule ``ale_analysis``: ``ale``, ``p``, ``z``,
        ``thresholded``, ``clusters_img``, ``clusters``, ``peaks``, ``threshold``.
    analysis : str
        Its name (first column of the tables; Monte Carlo stream).
    settings : ThresholdSettings
    seed : int
        The review's seed.
    mask : str
        ``ale_2mm`` or a NIfTI mask path.
    chunks : list of dict, optional
        Monte Carlo chunks computed by separate jobs.
    min_distance_mm, max_peaks : float, int
        Sub-peak rules.
    label_options : dict, optional
        The config's ``labels`` section (anatomical labels of the peaks).
    threads : int
        Threads of the Monte Carlo (same result whatever their number).

    Returns
    -------
    dict
        The content of ``threshold.json``.
    """
    experiments = load_experiments(sleuth)
    LOG.info(
        "%s: %d experiments, %d foci, %d subjects",
        analysis,
        len(experiments),
        sum(len(e.mni) for e in experiments),
        sum(e.n for e in experiments),
    )
    fitted = fit(experiments, mask, seed, settings.fwhm_mm)
    thresholded, null = threshold_fitted(fitted, settings, seed, analysis, chunks, threads)
    LOG.info("%s: %d clusters survive %s", analysis, len(thresholded.sizes), thresholded.description)
    clusters, peaks = cluster_tables(
        analysis,
        fitted.ale,
        fitted.p,
        fitted.z,
        thresholded.labels,
        fitted.affine,
        thresholded.cluster_p,
        min_distance_mm,
        max_peaks,
        label_options=label_options,
    )
    for output in outputs.values():
        Path(output).parent.mkdir(parents=True, exist_ok=True)
    _save_nifti(fitted.ale, fitted.affine, outputs["ale"], np.float32)
    _save_nifti(fitted.p, fitted.affine, outputs["p"], np.float32)
    _save_nifti(fitted.z, fitted.affine, outputs["z"], np.float32)
    _save_nifti(np.where(thresholded.labels > 0, fitted.ale, 0), fitted.affine, outputs["thresholded"], np.float32)
    _save_nifti(thresholded.labels, fitted.affine, outputs["clusters_img"], np.int16)
    write_tsv(clusters, outputs["clusters"])
    write_tsv(peaks, outputs["peaks"])
    summary = {
        "analysis": analysis,
        "threshold": settings.describe(null.n_iters if null is not None else None),
        "method": settings.method,
        "cluster_forming_voxel_p": settings.voxel_p,
        **({"cluster_p": settings.cluster_p} if settings.method == "cluster_fwe" else {}),
        **({"voxel_fwe_p": settings.voxel_fwe_p} if settings.method == "voxel_fwe" else {}),
        "mask": str(mask),
        "cluster_forming_ale": _finite(thresholded.cluster_forming_ale),
        "min_cluster_voxels": thresholded.min_cluster_voxels,
        "min_cluster_mm3": thresholded.min_cluster_voxels * voxel_volume(fitted.affine),
        "connectivity": settings.connectivity,
        "n_experiments": len(experiments),
        "n_foci": int(sum(len(e.mni) for e in experiments)),
        "n_subjects": int(sum(e.n for e in experiments)),
        "n_clusters": int(len(thresholded.sizes)),
        "montecarlo_iterations": null.n_iters if null is not None else 0,
        "montecarlo_iterations_max": settings.iterations if settings.needs_montecarlo else 0,
        "montecarlo_early_stop": bool(settings.early_stop and settings.needs_montecarlo),
        "seed": int(seed),
        "kernel_fwhm_mm": settings.fwhm_mm,
    }
    if settings.method == "fdr":
        summary.update({"fdr_q": settings.fdr_q, "fdr_variant": settings.fdr_variant, "fdr_voxel_p": _finite(thresholded.fdr_voxel_p)})
    write_json(outputs["threshold"], summary)
    return summary


def experiment_table(sleuth) -> pd.DataFrame:
    """Experiments of a Sleuth file: ``order, slug, experiment, study_id, n_subjects, n_foci``.

    ``study_id`` is the study part of the experiment's name as written (``Lee et al. (lee2019)`` in
    ``Lee et al. (lee2019): words > rest``, ``Smith, 2010``), which Table 5 looks up in the study
    table (by id, ``Label (id)`` or ``Label, Year``).
    """
    experiments = load_experiments(sleuth)
    return pd.DataFrame(
        {
            "order": range(1, len(experiments) + 1),
            "slug": [e.slug for e in experiments],
            "experiment": [e.name for e in experiments],
            "study_id": [e.study_text or e.study_id for e in experiments],
            "n_subjects": [e.n for e in experiments],
            "n_foci": [len(e.mni) for e in experiments],
        }
    )
