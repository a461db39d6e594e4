"""The fail-safe N of each cluster (Acar et al. 2018, PLoS ONE 13:e0208177).

How many null experiments — experiments whose foci fall anywhere in the brain — can be added to
an analysis before a cluster no longer survives its threshold? A cluster that survives many is
robust to a file drawer of unpublished experiments that found nothing there; one that vanishes
after a few rests on little.

Null experiments, as Acar et al.'s GenerateNull does (NeuroStat/GenerateNull): each draws its
number of foci and its sample size, with replacement, from the analysis' own experiments, and
its foci, without replacement, from the voxels of the analysis mask. They come from one seeded
stream per analysis (``review.seed``, stream ``failsafe/<analysis>``) as one sequence: adding
``N`` null experiments adds the first ``N`` of it, so the tests at different ``N`` are nested.

Each test re-thresholds the analysis with the null experiments added, with the analysis' own
settings (:class:`~alereview.ale.thresholds.ThresholdSettings`): for ``uncorrected`` the
cluster-forming ALE of the enlarged analysis and the minimum volume; for the FWE methods a Monte
Carlo of the enlarged analysis of ``min(iterations, max_iterations)`` iterations (the cap keeps
the many tests affordable; stream ``<analysis>/failsafe/<N>``). A cluster of the analysis
survives a test when the test's map has a surviving cluster overlapping it (the jackknife's
rule, :func:`alereview.jackknife.leave_out.survival`).

The search: Acar et al. bound the fail-safe N between a minimum ``m`` and a maximum ``M`` and
halve the interval (their ``algorithm_step4.R``). Here ``M = max_multiplier × k`` (default
10k, ``k`` the number of experiments) is tested first: a cluster that survives it has a
fail-safe N of at least ``M``. Otherwise bisection between 0 (the analysis itself) and ``M``
finds the largest tested ``N`` it survives, exact to one experiment. ``m = min_multiplier × k``
(default 2k) is the bound below which a cluster is flagged as not robust. Tests are shared by
the clusters of an analysis. Survival need not be monotone in ``N`` (a null focus can land on
a cluster); bisection finds one transition.
"""

from __future__ import annotations

import dataclasses
import math
import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from alereview.jackknife.leave_out import peaks_to_ijk, survival
from alereview.ale.sequential import SequentialRule, surviving_relevant
from alereview.ale.thresholds import ThresholdSettings
from alereview.logs import get_logger
from alereview.ale import montecarlo
from alereview.ale.engine import fit_fast
from alereview.ale.run import fit, threshold_fitted
from alereview.ale.thresholds import apply_threshold
from alereview.checks.space import load_space
from alereview.coordinates.load import load_experiments
from alereview.tsv import read_tsv
from alereview.errors import InputError
from alereview.ale.engine import histogram_bins, load_template_mask, prepare_experiments
from alereview.ale.engine import add_to_null
from alereview.ale.engine import fitted_ale

LOG = get_logger(__name__)

CLUSTER_COLUMNS = [
    "analysis",
    "cluster",
    "x",
    "y",
    "z",
    "n_experiments",
    "fsn",
    "fsn_text",
    "censored",
    "max_tested",
    "min_robust",
    "robust",
    "method",
    "iterations_per_test",
    "tests",
]
STEP_COLUMNS = ["analysis", "test", "n_null", "n_null_foci", "surviving_clusters"]


@dataclass(frozen=True)
class FailsafeSettings:
    """How the fail-safe N is searched (see the module docstring)."""

    max_multiplier: float = 10.0
    min_multiplier: float = 2.0
    max_iterations: int = 500
    rule: str = "overlap"
    min_overlap_voxels: int = 1

    @classmethod
    def from_config(cls, section: dict | None, jackknife: dict | None = None) -> FailsafeSettings:
        section, jackknife = section or {}, jackknife or {}
        return cls(
            float(section.get("max_multiplier", 10)),
            float(section.get("min_multiplier", 2)),
            int(section.get("max_iterations", 500)),
            str(jackknife.get("rule", "overlap")),
            int(jackknife.get("min_overlap_voxels", 1)),
        )

    def bounds(self, k: int) -> tuple[int, int]:
        """``(m, M)``: the robustness bound and the largest number of null experiments tested."""
        return max(1, math.ceil(self.min_multiplier * k)), max(1, math.ceil(self.max_multiplier * k))


@dataclass
class NullExperiment:
    """A null experiment: random foci in the mask (what ALE needs of an experiment)."""

    slug: str
    n: int
    mni: np.ndarray

    @property
    def name(self) -> str:
        return f"null experiment {self.slug}"


def null_experiments(experiments, count: int, space, seed: int, stream: str) -> list[NullExperiment]:
    """``count`` null experiments, foci and sample sizes drawn like ``experiments``' (seeded).

    The first ``N`` of ``null_experiments(..., count)`` are ``null_experiments(..., N)``.
    """
    rng = np.random.default_rng(np.random.SeedSequence([int(seed), zlib.crc32(stream.encode("utf-8"))]))
    foci_counts = np.array([len(e.mni) for e in experiments], dtype=int)
    sizes = np.array([int(e.n) for e in experiments], dtype=int)
    voxels = np.argwhere(space.mask)
    out = []
    for index in range(count):
        n_foci = int(min(rng.choice(foci_counts), len(voxels)))
        n = int(rng.choice(sizes))
        ijk = voxels[rng.choice(len(voxels), size=n_foci, replace=False)]
        mni = ijk @ space.affine[:3, :3].T + space.affine[:3, 3]
        out.append(NullExperiment(f"zz_null_{index + 1:05d}", n, mni))
    return out


class NullPrefixFits:
    """ALE fits of an analysis' experiments plus the first N null experiments, for any N.

    The null experiments sort after the real ones in NiMARE's order, so the approximate null
    histogram of N nulls extends that of N - 1: it is built once, kept every ``every``
    experiments, and each fit slices it to its own bins. The fits equal
    :func:`alereview.ale.engine.fit_fast` of the same experiments (tested), at a fraction of the
    cost of a bisection's repeated fits.
    """

    def __init__(self, experiments, nulls, every: int = 16, fwhm: float | None = None):

        self.mask, self.affine, zooms = load_template_mask()
        self.ordered = sorted(experiments, key=_nimare_key) + list(nulls)
        self.in_order = sorted(self.ordered, key=_nimare_key) == self.ordered
        self.n_real, self.every = len(experiments), every
        self.log_kernels, self.ijks, self.ma_values = prepare_experiments(self.ordered, self.mask, self.affine, zooms, fwhm)
        _, self.centers, self.inv_step = histogram_bins(self.ma_values)
        self.n_voxels = int(self.mask.sum())
        self.kept = {}  # n experiments -> null histogram over the full set's bins

    def histogram(self, n: int) -> np.ndarray:
        """The null histogram of the first ``n`` experiments (over the full set's bins)."""

        start = max((k for k in self.kept if k <= n), default=0)
        histogram = self.kept[start].copy() if start else None
        buffer = np.zeros(len(self.centers), dtype=np.float64)
        for index in range(start, n):
            histogram, buffer = add_to_null(histogram, self.ma_values[index], self.n_voxels, self.centers, self.inv_step, buffer)
            if (index + 1) % self.every == 0 or index + 1 == self.n_real:
                self.kept[index + 1] = histogram.copy()
        return histogram

    def fit(self, n_null: int, voxel_p: float, connectivity: int):
        """The :class:`~alereview.ale.engine.FastALE` of the real experiments and ``n_null`` nulls."""

        n = self.n_real + n_null
        bins, _, _ = histogram_bins(self.ma_values[:n])
        histogram = self.histogram(n)
        if np.any(histogram[len(bins) :]):  # cannot happen: no ALE value exceeds its own bins
            raise AssertionError("null histogram beyond its bins")
        return fitted_ale(
            self.mask, self.affine, self.log_kernels[:n], self.ijks[:n], bins, histogram[: len(bins)].copy(), voxel_p, connectivity
        )


def _nimare_key(experiment) -> str:
    return f"{experiment.slug}-1"


def threshold_labels(experiments, space, settings: ThresholdSettings, seed: int, stream: str, fits=None, n_null: int = 0) -> np.ndarray:
    """Surviving-cluster labels of ``experiments`` at ``settings`` (Monte Carlo for FWE methods).

    With ``fits`` (:class:`NullPrefixFits`), the fit of its real experiments and ``n_null`` nulls.
    """

    if space.is_template:
        if fits is not None:
            fast = fits.fit(n_null, settings.voxel_p, settings.connectivity)
        else:
            fast = fit_fast(experiments, settings.voxel_p, settings.connectivity, settings.fwhm_mm)
        null = (
            montecarlo.run_null(fast.model, seed, stream, settings.iterations, 1, early_stop=settings.early_stop_rule())
            if settings.needs_montecarlo
            else None
        )
        return apply_threshold(
            fast.ale, fast.mask, fast.affine, settings, fast.model.cluster_forming_ale, null, p=fast.p_map() if settings.needs_p else None
        ).labels
    thresholded, _ = threshold_fitted(fit(experiments, space.source, seed, settings.fwhm_mm), settings, seed, stream)
    return thresholded.labels


def known_interval(tests: dict, index: int, maximum: int) -> tuple[int, int]:
    """Where cluster ``index`` is known to fall, from the tests run so far (for other clusters too).

    The highest tested N at which it survived, below the lowest at which it did not: clusters of
    one analysis often fall at similar N, so the search of each starts from what the others found.
    """
    failed = [n for n, result in tests.items() if not result[index]]
    high = min(failed, default=maximum)
    survived = [n for n, result in tests.items() if result[index] and n < high]
    return max(survived, default=0), high


def failsafe_n(
    analysis: str,
    experiments,
    labels: np.ndarray,
    clusters: pd.DataFrame,
    space,
    settings: ThresholdSettings,
    seed: int,
    failsafe: FailsafeSettings = FailsafeSettings(),
    sequential: SequentialRule | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The fail-safe N of every cluster of an analysis.

    Parameters
    ----------
    analysis : str
    experiments : list
        The analysis' experiments (``slug``, ``n``, ``mni``).
    labels : numpy.ndarray of int, 3D
        Its ``clusters.nii.gz``.
    clusters : pandas.DataFrame
        Its ``clusters.tsv`` (peaks ``x, y, z`` of clusters 1..n).
    space : alereview.checks.space.Space
    settings : ThresholdSettings
        The analysis' threshold.
    seed : int
        The review's seed.
    failsafe : FailsafeSettings
    sequential : alereview.ale.sequential.SequentialRule, optional
        For cluster-level FWE on ``ale_2mm``: decide each test's clusters by sequential Monte
        Carlo (:mod:`alereview.ale.sequential`) instead of a full one.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        One row per cluster (:data:`CLUSTER_COLUMNS`) and one per test (:data:`STEP_COLUMNS`).
    """
    k = len(experiments)
    minimum, maximum = failsafe.bounds(k)
    n_clusters = int(labels.max()) if labels.size else 0
    if n_clusters == 0:
        return pd.DataFrame(columns=CLUSTER_COLUMNS), pd.DataFrame(columns=STEP_COLUMNS)
    test_settings = settings
    if settings.needs_montecarlo:
        test_settings = dataclasses.replace(settings, iterations=min(settings.iterations, failsafe.max_iterations), chunks=1)
    nulls = null_experiments(experiments, maximum, space, seed, f"failsafe/{analysis}")
    peaks = peaks_to_ijk(clusters, space.affine)
    tests: dict[int, np.ndarray] = {}
    fits = NullPrefixFits(experiments, nulls, fwhm=settings.fwhm_mm) if space.is_template else None
    fits = fits if fits is not None and fits.in_order else None

    shortcut = sequential is not None and fits is not None and settings.method == "cluster_fwe" and not settings.early_stop

    def survives(n_null: int) -> np.ndarray:
        if n_null not in tests:
            stream = f"{analysis}/failsafe/{n_null}"
            if shortcut:
                fast = fits.fit(n_null, settings.voxel_p, settings.connectivity)
                found, _ = surviving_relevant(fast, labels, test_settings, seed, stream, sequential)
            else:
                found = threshold_labels(list(experiments) + nulls[:n_null], space, test_settings, seed, stream, fits=fits, n_null=n_null)
            table = survival(labels, peaks, found, failsafe.rule, failsafe.min_overlap_voxels)
            tests[n_null] = (table["survived"] == "Y").to_numpy()
            LOG.info(
                "%s fail-safe test %d (%d null experiments): %d of %d clusters survive",
                analysis,
                len(tests),
                n_null,
                int(tests[n_null].sum()),
                n_clusters,
            )
        return tests[n_null]

    rows = []
    for cluster in range(1, n_clusters + 1):
        index = cluster - 1
        if survives(maximum)[index]:
            fsn, censored = maximum, True
        else:
            low, high = known_interval(tests, index, maximum)
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if survives(middle)[index] else (low, middle)
            fsn, censored = low, False
        peak = clusters.iloc[index]
        rows.append(
            {
                "analysis": analysis,
                "cluster": cluster,
                "x": peak["x"],
                "y": peak["y"],
                "z": peak["z"],
                "n_experiments": k,
                "fsn": fsn,
                "fsn_text": f">= {fsn}" if censored else str(fsn),
                "censored": "Y" if censored else "N",
                "max_tested": maximum,
                "min_robust": minimum,
                "robust": "Y" if fsn >= minimum else "N",
                "method": settings.method,
                "iterations_per_test": test_settings.iterations if settings.needs_montecarlo else 0,
            }
        )
        if fsn < minimum:
            LOG.warning(
                "%s cluster %d: fail-safe N %d is below %d (%g x %d experiments)",
                analysis,
                cluster,
                fsn,
                minimum,
                failsafe.min_multiplier,
                k,
            )
    for row in rows:
        row["tests"] = len(tests)
    steps = [
        {
            "analysis": analysis,
            "test": number,
            "n_null": n_null,
            "n_null_foci": int(sum(len(e.mni) for e in nulls[:n_null])),
            "surviving_clusters": ",".join(str(i + 1) for i in np.flatnonzero(result)),
        }
        for number, (n_null, result) in enumerate(tests.items(), start=1)
    ]
    return pd.DataFrame(rows, columns=CLUSTER_COLUMNS), pd.DataFrame(steps, columns=STEP_COLUMNS)


def run_failsafe(
    sleuth,
    clusters_img,
    clusters_tsv,
    analysis: str,
    settings: ThresholdSettings,
    seed: int = 0,
    mask="ale_2mm",
    failsafe: FailsafeSettings = FailsafeSettings(),
    sequential: SequentialRule | None = None,
):
    """Read an analysis' outputs and compute its fail-safe N (see :func:`failsafe_n`)."""
    import nibabel as nib

    experiments = load_experiments(sleuth)
    labels = np.asarray(nib.load(str(clusters_img)).dataobj).astype(np.int32)
    clusters = read_tsv(clusters_tsv)
    if len(clusters) != (int(labels.max()) if labels.size else 0):
        raise InputError(f"{len(clusters)} clusters in the table, {int(labels.max())} in {clusters_img}", path=clusters_tsv)
    return failsafe_n(analysis, experiments, labels, clusters, load_space(mask), settings, seed, failsafe, sequential)


def gather_failsafe(paths) -> pd.DataFrame:
    """Every analysis' fail-safe table, in the given (config) order."""

    parts = [table for table in (read_tsv(path) for path in paths) if len(table)]
    return pd.concat(parts, ignore_index=True)[CLUSTER_COLUMNS] if parts else pd.DataFrame(columns=CLUSTER_COLUMNS)


def failsafe_runtime_minutes(settings, max_iterations: int) -> int:
    """Runtime bound of a fail-safe job: uncorrected tests take ~1 s each (15 min is ample); an FWE
    test runs a Monte Carlo of ``min(iterations, max_iterations)`` iterations, counted at 20/s (5x
    slower than bench/checks_bench.py measured with 10k null experiments of 40), for up to 40 tests."""
    if not settings.needs_montecarlo:
        return 15
    return 10 + math.ceil(40 * min(settings.iterations, int(max_iterations)) / 20 / 60)
