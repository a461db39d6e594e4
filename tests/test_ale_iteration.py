"""The compiled Monte Carlo iteration: identical to the volume path, threads, early stop."""

import numpy as np
import pytest

from alereview.ale import montecarlo
from alereview.ale.early_stop import EarlyStop
from alereview.ale.engine import fit_fast
from alereview.ale.iteration import Workspace, iteration_maxima, neighbour_offsets
from alereview.ale.thresholds import ThresholdSettings
from alereview.coordinates.load import load_experiments
from alereview.errors import ConfigError


@pytest.fixture(scope="module", params=[6, 18, 26])
def model(request, test_data):
    return fit_fast(load_experiments(test_data / "ale" / "enge2021_knowledge.sleuth.txt"), 0.001, request.param).model


def _volume_path(model, ijk):
    return model.maxima(model.ale_volume(ijk))


def test_same_maxima_as_the_ale_volume(model):
    workspace = Workspace(model.shape, int(model.n_foci.sum()))
    results = []
    for iteration in range(40):
        ijk = model.random_ijk(montecarlo.iteration_rng(5, "t", iteration))
        ours = iteration_maxima(model, workspace, ijk)
        assert ours == _volume_path(model, ijk)  # bit for bit
        results.append(ours)
    assert len({size for _, size, _ in results}) > 3  # clusters of many sizes were compared
    assert not workspace.log_sums.any() and not workspace.labels.any()  # left clean
    assert not workspace.row_high.any() and (workspace.row_low == model.shape[2]).all()


def test_crowded_foci_and_tiny_candidate_buffers(model):
    # Every experiment's foci within a few voxels of each other: boxes overlap everywhere, one
    # large cluster, more candidates than the buffers hold at first.
    workspace = Workspace(model.shape, int(model.n_foci.sum()))
    workspace.candidates, workspace.candidate_sums = np.zeros(2, np.int64), np.zeros(2)
    workspace.others = np.zeros(1, np.int64)
    rng = np.random.default_rng(0)
    near = model.null_ijk[np.abs(model.null_ijk - [45, 63, 36]).max(axis=1) <= 3]
    ijk = near[rng.integers(0, len(near), size=int(model.n_foci.sum()))]
    ijk[5] = ijk[4]  # the same voxel twice
    ours = iteration_maxima(model, workspace, ijk)
    assert ours == _volume_path(model, ijk)
    assert ours[1] > 50


def test_neighbourhoods():
    assert [len(neighbour_offsets(c)) for c in (6, 18, 26)] == [6, 18, 26]


def test_threads_give_the_single_thread_result(model):
    one = montecarlo.run_chunk(model, 3, "t", 30, threads=1)
    two = montecarlo.run_chunk(model, 3, "t", 30, threads=2)
    assert one == two
    chunks = [montecarlo.run_chunk(model, 3, "t", 30, 3, c, threads=2) for c in (1, 2, 0)]
    merged = montecarlo.merge_chunks(chunks)
    np.testing.assert_array_equal(merged.max_size, one["max_size"])
    np.testing.assert_array_equal(merged.max_mass, one["max_mass"])


def test_progress_is_logged(model, caplog):
    with caplog.at_level("INFO"):
        montecarlo.run_chunk(model, 3, "t", 5)
    assert "5 of 5 iterations done" in caplog.text and "it/s" in caplog.text and "s left" in caplog.text


def test_early_stop_interval():
    rule = EarlyStop("cluster_fwe", p=0.05, tolerance=0.1)
    maxima = np.zeros((1000, 3))
    maxima[:, 1] = np.arange(1000)  # sizes 0..999: the 95% quantile is 949
    low, threshold, high = rule.interval(maxima)
    assert threshold == 949 and low < 949 < high and high - low < 40
    assert rule.converged(maxima)
    assert not EarlyStop("cluster_fwe", 0.05, tolerance=0.01).converged(maxima)
    maxima[:, 1] = 0
    assert not rule.converged(maxima)  # no threshold yet


def test_early_stop_in_run_null(model):
    rule = EarlyStop("cluster_fwe", p=0.05, tolerance=5.0, check_every=20)
    stopped = montecarlo.run_null(model, 3, "t", 100, early_stop=rule, threads=2)
    full = montecarlo.run_null(model, 3, "t", 100)
    assert stopped.n_iters == 20  # a tolerance of 5 thresholds is met at the first check
    np.testing.assert_array_equal(stopped.max_size, full.max_size[:20])
    never = montecarlo.run_null(model, 3, "t", 50, early_stop=EarlyStop("cluster_fwe", 0.05, 1e-9, 20))
    assert never.n_iters == 50


def test_early_stop_settings():
    settings = ThresholdSettings(method="cluster_fwe", early_stop=True, early_stop_tolerance=0.2)
    assert settings.early_stop_rule() == EarlyStop("cluster_fwe", 0.05, 0.2, 500)
    assert "up to 1000 (early stop)" in settings.describe()
    assert "600 of up to 1000 (early stop)" in settings.describe(600)
    assert "600" not in ThresholdSettings(method="cluster_fwe").describe(600)
    assert ThresholdSettings(method="uncorrected", early_stop=True).early_stop_rule() is None
    with pytest.raises(ConfigError, match="one chunk"):
        ThresholdSettings(method="cluster_fwe", early_stop=True, chunks=2, iterations=10)


def test_used_settings_are_the_methods_own():
    assert set(ThresholdSettings().used()) == {"method", "voxel_p", "min_volume_mm3", "connectivity"}
    fwe = ThresholdSettings(method="cluster_fwe", iterations=50)
    assert fwe.used()["iterations"] == 50 and "voxel_fwe_p" not in fwe.used()
    assert ThresholdSettings(**fwe.used()) == fwe
