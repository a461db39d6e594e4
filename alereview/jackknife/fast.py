"""The leave-one-out jackknife of a cluster-level FWE analysis, deciding survival only.

:func:`alereview.jackknife.leave_out.leave_all_out` re-fits the analysis without each experiment and
runs a full Monte Carlo of each subset. The survival table needs less: whether each cluster of
the subset that overlaps a cluster of the full analysis survives. This module gets the same
table with

1. the experiments' kernels and modelled-activation values computed once for all subsets
   (each subset's ALE map and null histogram equal :func:`alereview.ale.engine.fit_fast`'s);
2. one Monte Carlo of the full analysis bounding every subset's null
   (:mod:`alereview.ale.coupled`): a subset cluster the bound proves to survive needs no
   Monte Carlo of its own (error at most ``alpha``);
3. for the cluster sizes still undecided, the subset's own Monte Carlo (the full computation's
   stream ``<analysis>/without/<slug>``), stopped once each size is decided
   (:mod:`alereview.ale.sequential`; equal to the full computation when it runs to the end).

Cluster sizes that do not overlap the full analysis' clusters are never asked about. The
subsets' maps are the full computation's; only the Monte Carlo decisions are shortcut.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import nibabel as nib
import numpy as np
import pandas as pd

from alereview.ale import coupled, engine, montecarlo
from alereview.jackknife.leave_out import SURVIVAL_COLUMNS, leave_all_out, peaks_to_ijk, survival
from alereview.ale.run import load_mask
from alereview.ale.sequential import DEFAULT_RULE, SequentialRule, decide_sizes, relevant_clusters
from alereview.ale.thresholds import ThresholdSettings, label_by_volume, voxel_volume
from alereview.coordinates.load import load_experiments
from alereview.logs import get_logger
from alereview.tsv import read_tsv

LOG = get_logger(__name__)


@dataclass
class Subset:
    """What one leave-one-out analysis contributes to the table, its ALE map discarded."""

    slug: str
    index: int
    cluster_forming_ale: float
    inside: np.ndarray  # its cluster label at each voxel of the full clusters (0 = none)
    sizes: np.ndarray  # voxels of its clusters 1..n
    relevant: np.ndarray  # its clusters overlapping a full cluster


class Prepared:
    """Kernels, voxel indices and modelled-activation values of an analysis' experiments, once."""

    def __init__(self, experiments):
        self.mask, self.affine, zooms = engine.load_template_mask()
        self.ordered = sorted(experiments, key=lambda e: f"{e.slug}-1")
        self.log_kernels, self.ijks, self.ma_values = engine.prepare_experiments(self.ordered, self.mask, self.affine, zooms)
        self.n_voxels = int(self.mask.sum())

    def fit(self, keep, voxel_p: float, connectivity: int) -> engine.FastALE:
        """:func:`~alereview.ale.engine.fit_fast` of the experiments at positions ``keep`` (in order)."""
        ma_values = [self.ma_values[i] for i in keep]
        bins, centers, inv_step = engine.histogram_bins(ma_values)
        histogram, buffer = None, np.zeros(len(centers), dtype=np.float64)
        for values in ma_values:
            histogram, buffer = engine.add_to_null(histogram, values, self.n_voxels, centers, inv_step, buffer)
        return engine.fitted_ale(
            self.mask,
            self.affine,
            [self.log_kernels[i] for i in keep],
            [self.ijks[i] for i in keep],
            bins,
            histogram,
            voxel_p,
            connectivity,
        )


def _subset(prepared: Prepared, index: int, full_labels, settings: ThresholdSettings) -> Subset:
    keep = [i for i in range(len(prepared.ordered)) if i != index]
    fast = prepared.fit(keep, settings.voxel_p, settings.connectivity)
    supra = fast.mask & (fast.ale > fast.model.cluster_forming_ale)
    labels, sizes = label_by_volume(supra, settings.connectivity, fast.ale)
    return Subset(
        prepared.ordered[index].slug,
        index,
        float(fast.model.cluster_forming_ale),
        labels[full_labels > 0],
        sizes,
        relevant_clusters(labels, full_labels),
    )


def _own_decisions(prepared, subset, asked, settings, min_voxels, seed, analysis, rule, threads):
    keep = [i for i in range(len(prepared.ordered)) if i != subset.index]
    n_foci = np.array([len(prepared.ijks[i]) for i in keep])
    model = montecarlo.NullModel(
        prepared.mask, [prepared.log_kernels[i] for i in keep], n_foci, subset.cluster_forming_ale, settings.connectivity
    )
    return decide_sizes(
        model, asked, settings.cluster_p, min_voxels, settings.iterations, seed, f"{analysis}/without/{subset.slug}", rule, threads
    )


def leave_all_out_fast(
    experiments,
    full_labels: np.ndarray,
    clusters: pd.DataFrame,
    analysis: str,
    settings: ThresholdSettings,
    seed: int = 0,
    rule: str = "overlap",
    min_overlap_voxels: int = 1,
    threads: int = 1,
    sequential: SequentialRule = DEFAULT_RULE,
    bound_iterations: int | None = None,
) -> pd.DataFrame:
    """The table of :func:`~alereview.jackknife.leave_out.leave_all_out` for a cluster-FWE analysis on ``ale_2mm``.

    ``bound_iterations`` (default: the analysis' iterations) is the size of the bounding
    Monte Carlo of the full analysis (stream ``<analysis>/jackknife-bound``).
    """
    start = time.process_time()
    prepared = Prepared(experiments)
    subsets = [_subset(prepared, index, full_labels, settings) for index in range(len(prepared.ordered))]
    LOG.info("%s jackknife: %d leave-one-out maps in %.1f s CPU", analysis, len(subsets), time.process_time() - start)
    min_voxels = int(np.ceil(settings.min_volume_mm3 / voxel_volume(prepared.affine) - 1e-9)) if settings.min_volume_mm3 else 0
    asked = [{int(s.sizes[c - 1]) for c in s.relevant} for s in subsets]
    known = [dict() for _ in subsets]
    if any(asked):
        full = prepared.fit(range(len(prepared.ordered)), settings.voxel_p, settings.connectivity)
        bound = coupled.bound_null(
            full.model,
            [s.cluster_forming_ale for s in subsets],
            seed,
            f"{analysis}/jackknife-bound",
            bound_iterations or settings.iterations,
            threads,
        )
        known = [coupled.certified(bound[:, j], asked[j], settings.cluster_p, min_voxels, sequential.alpha) for j in range(len(subsets))]
        LOG.info(
            "%s jackknife: the bounding Monte Carlo decides %d of %d cluster sizes",
            analysis,
            sum(len(k) for k in known),
            sum(len(a) for a in asked),
        )
    peaks = peaks_to_ijk(clusters, prepared.affine)
    order = {e.slug: position for position, e in enumerate(experiments)}
    tables, iterations = {}, 0
    for j, subset in enumerate(subsets):
        rest = sorted(asked[j] - set(known[j]))
        if rest:
            decisions = _own_decisions(prepared, subset, rest, settings, min_voxels, seed, analysis, sequential, threads)
            known[j].update(decisions.survives)
            iterations += decisions.iterations
        keep = [c for c in subset.relevant if known[j].get(int(subset.sizes[c - 1]), False)]
        left_out = np.zeros(full_labels.shape, dtype=np.int32)
        left_out[full_labels > 0] = np.where(np.isin(subset.inside, keep), subset.inside, 0)
        table = survival(full_labels, peaks, left_out, rule, min_overlap_voxels)
        table.insert(0, "left_out", subset.slug)
        tables[subset.slug] = table
        LOG.info(
            "%s without %s: %d of %d clusters overlapping the analysis' survive (%d of %d experiments done)",
            analysis,
            subset.slug,
            len(keep),
            len(subset.relevant),
            j + 1,
            len(subsets),
        )
    LOG.info(
        "%s jackknife: %d own Monte Carlo iterations in all (up to %d each), %.1f s CPU",
        analysis,
        iterations,
        settings.iterations,
        time.process_time() - start,
    )
    ordered_tables = [tables[slug] for slug in sorted(tables, key=order.get)]
    return pd.concat(ordered_tables, ignore_index=True) if ordered_tables else pd.DataFrame(columns=SURVIVAL_COLUMNS)


def shortcut_applies(settings: ThresholdSettings, mask, sequential: SequentialRule | None) -> bool:
    """Whether the sequential shortcut covers an analysis: cluster-level FWE on ``ale_2mm``, no early stop."""
    return sequential is not None and settings.method == "cluster_fwe" and not settings.early_stop and load_mask(mask) == "ale_2mm"


def leave_all_out_checked(
    sleuth,
    full_clusters_img,
    full_clusters_tsv,
    analysis: str,
    settings: ThresholdSettings,
    seed: int = 0,
    mask="ale_2mm",
    rule: str = "overlap",
    min_overlap_voxels: int = 1,
    threads: int = 1,
    sequential: SequentialRule | None = None,
) -> pd.DataFrame:
    """:func:`leave_all_out_fast` where :func:`shortcut_applies`, else :func:`~alereview.jackknife.leave_out.leave_all_out`."""
    if not shortcut_applies(settings, mask, sequential):
        return leave_all_out(
            sleuth,
            full_clusters_img,
            full_clusters_tsv,
            analysis,
            settings,
            seed=seed,
            mask=mask,
            rule=rule,
            min_overlap_voxels=min_overlap_voxels,
            threads=threads,
        )
    full_img = nib.load(str(full_clusters_img))
    return leave_all_out_fast(
        load_experiments(sleuth),
        np.asarray(full_img.dataobj).astype(np.int32),
        read_tsv(full_clusters_tsv),
        analysis,
        settings,
        seed,
        rule,
        min_overlap_voxels,
        threads,
        sequential,
    )
