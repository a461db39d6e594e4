"""Sequential Monte Carlo decisions and the coupled bound (alereview.ale.sequential, .coupled).

The slow tests show on the shared Enge et al. (2021) sets that the shortcut jackknife and
fail-safe N give the same tables as the full computation.
"""

import numpy as np
import pytest
from checks_fixtures import SPACE, clusters_table, experiment, near, random_foci
from scipy import ndimage

from alereview.ale import coupled, montecarlo
from alereview.ale.engine import fit_fast
from alereview.ale.iteration import Workspace
from alereview.jackknife.leave_out import leave_all_out
from alereview.jackknife.fast import leave_all_out_fast
from alereview.ale.sequential import SequentialRule, decide_sizes, full_decisions, lower_bound, upper_bound
from alereview.ale.thresholds import ThresholdSettings, apply_threshold
from alereview.checks.failsafe import FailsafeSettings, failsafe_n
from alereview.coordinates.load import load_experiments


def synthetic(k=12, seed=0):
    agreeing = [experiment(f"a{i}", near((-40, -60, -10), 3, seed=i, spread=6), n=15 + i) for i in range(6)]
    return agreeing + [experiment(f"r{i}", random_foci(8, 100 + i + seed), n=20) for i in range(k - 6)]


def test_clopper_pearson_bounds_cover_the_estimate():
    up, low = upper_bound([0, 5, 50], 100, 0.01), lower_bound([0, 5, 50], 100, 0.01)
    assert np.all(low <= np.array([0, 0.05, 0.5])) and np.all(np.array([0, 0.05, 0.5]) <= up)
    assert low[0] == 0 and up[0] == pytest.approx(1 - 0.01 ** (1 / 100))


def test_largest_at_equals_labelling_at_each_threshold():
    model = fit_fast(synthetic(), 0.01).model
    thresholds = np.array([model.cluster_forming_ale * f for f in (2.0, 1.5, 1.0)])
    low = montecarlo.NullModel(model.mask, model.log_kernels, model.n_foci, float(thresholds[-1]), 6)
    workspace = Workspace(low.shape, int(low.n_foci.sum()))
    for iteration in range(5):
        ijk = low.random_ijk(montecarlo.iteration_rng(1, "t", iteration))
        got = coupled.largest_at(low, workspace, ijk, thresholds)
        ale = low.ale_volume(ijk)
        for t, size in zip(thresholds, got):
            labels, n = ndimage.label(low.mask & (ale > t), montecarlo.structure(6))
            assert size == (np.bincount(labels.ravel())[1:].max() if n else 0)


def test_coupled_bound_holds_iteration_by_iteration():
    experiments = synthetic()
    full = fit_fast(experiments, 0.01).model
    for dropped in (0, 7):
        kept = fit_fast([e for i, e in enumerate(sorted(experiments, key=lambda e: e.slug)) if i != dropped], 0.01).model
        t = kept.cluster_forming_ale
        low = montecarlo.NullModel(full.mask, full.log_kernels, full.n_foci, t, 6)
        workspace = Workspace(low.shape, int(low.n_foci.sum()))
        starts = np.concatenate([[0], np.cumsum(full.n_foci)])
        for iteration in range(5):
            ijk = low.random_ijk(montecarlo.iteration_rng(2, "c", iteration))
            bound = coupled.largest_at(low, workspace, ijk, np.array([t * (1 - coupled.MARGIN)]))[0]
            rest = np.delete(ijk, np.arange(starts[dropped], starts[dropped + 1]), axis=0)
            assert kept.maxima(kept.ale_volume(rest))[1] <= bound


def test_sequential_decisions_equal_the_full_computation_when_it_runs_to_the_end():
    model = fit_fast(synthetic(), 0.01).model
    null = montecarlo.run_null(model, 3, "s", 200)
    sizes = [1, 5, int(np.quantile(null.max_size, 0.95)), int(null.max_size.max()) + 1, 400]
    # alpha tiny: only exact stops, so every decision is the full computation's.
    decisions = decide_sizes(model, sizes, 0.05, 0, 200, 3, "s", SequentialRule(alpha=1e-12, check_every=40))
    expected = full_decisions(sizes, null.max_size, 0.05, 0)
    assert [decisions.survives[s] for s in sizes] == list(expected)
    early = decide_sizes(model, [1], 0.05, 0, 200, 3, "s", SequentialRule(alpha=1e-12, check_every=40))
    assert early.iterations < 200 and early.survives[1] is False  # size 1 fails at once: exact stop


def _enge(shared_dir, name):
    path = shared_dir / "data" / "ale_validation" / "enge2021" / f"{name}.txt"
    if not path.is_file():
        pytest.skip(f"{path} is not present")
    return path


def _analysis(path, settings):
    experiments = load_experiments(path)
    fast = fit_fast(experiments, settings.voxel_p)
    null = montecarlo.run_null(fast.model, 1, path.stem, settings.iterations)
    labels = apply_threshold(fast.ale, fast.mask, fast.affine, settings, fast.model.cluster_forming_ale, null).labels
    return experiments, labels, clusters_table(labels, experiments)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["knowledge", "relatedness"])
def test_enge_jackknife_shortcut_equals_full(shared_dir, tmp_path, name):
    import nibabel as nib

    path = _enge(shared_dir, name)
    settings = ThresholdSettings(method="cluster_fwe", iterations=1000)
    experiments, labels, clusters = _analysis(path, settings)
    assert labels.max() > 0
    nib.save(nib.Nifti1Image(labels, SPACE.affine), str(tmp_path / "clusters.nii.gz"))
    clusters.to_csv(tmp_path / "clusters.tsv", sep="\t", index=False)
    full = leave_all_out(path, tmp_path / "clusters.nii.gz", tmp_path / "clusters.tsv", name, settings, seed=1)
    fast = leave_all_out_fast(experiments, labels, clusters, name, settings, seed=1)
    assert fast.astype(str).equals(full.astype(str))


@pytest.mark.slow
def test_enge_failsafe_shortcut_equals_full(shared_dir):
    path = _enge(shared_dir, "relatedness")
    settings = ThresholdSettings(method="cluster_fwe", iterations=1000)
    experiments, labels, clusters = _analysis(path, settings)
    options = FailsafeSettings(max_multiplier=3, max_iterations=200)
    full = failsafe_n(path.stem, experiments, labels, clusters, SPACE, settings, 1, options)
    fast = failsafe_n(path.stem, experiments, labels, clusters, SPACE, settings, 1, options, SequentialRule())
    assert fast[0].astype(str).equals(full[0].astype(str)) and fast[1].astype(str).equals(full[1].astype(str))
