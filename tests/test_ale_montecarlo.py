"""The Monte Carlo: same ALE as NiMARE, chunk-independent seeds, merge checks."""

import warnings

import numpy as np
import pytest

from alereview.ale import montecarlo
from alereview.ale.run import fit
from alereview.coordinates.load import load_experiments
from alereview.errors import InputError


@pytest.fixture(scope="module")
def fitted(test_data):
    return fit(load_experiments(test_data / "ale" / "small.sleuth.txt"), seed=3)


@pytest.fixture(scope="module")
def model(fitted):
    return montecarlo.NullModel.from_estimator(fitted.estimator, 0.001, 6)


def _observed_ijk(estimator):
    coordinates = estimator.inputs_["coordinates"]
    ids = np.unique(coordinates["id"])
    order = np.concatenate([np.flatnonzero(coordinates["id"].to_numpy() == i) for i in ids])
    return coordinates[["i", "j", "k"]].to_numpy()[order], order


def test_observed_ale_equals_nimare(fitted, model):
    ijk, _ = _observed_ijk(fitted.estimator)
    np.testing.assert_array_equal(model.ale_volume(ijk), fitted.ale)


def test_permuted_ale_matches_nimare(fitted, model):
    _, order = _observed_ijk(fitted.estimator)
    ijk = model.random_ijk(montecarlo.iteration_rng(1, "s", 0))
    frame = fitted.estimator.inputs_["coordinates"].drop(columns=["x", "y", "z"]).iloc[order].reset_index(drop=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = fitted.estimator._compute_permutation_summarystat(ijk, frame)
    # NiMARE's permutation path sums in another order: float32 rounding only.
    np.testing.assert_allclose(model.ale_volume(ijk)[model.mask], theirs, rtol=0, atol=1e-7)


def test_random_foci_stay_in_mask(model):
    ijk = model.random_ijk(montecarlo.iteration_rng(1, "s", 5))
    assert len(ijk) == model.n_foci.sum()
    assert model.mask[tuple(ijk.T)].all()


def test_maxima_of_a_known_volume(model):
    ale = np.zeros(model.mask.shape, dtype=np.float32)
    t = model.cluster_forming_ale
    ale[10:12, 10:12, 10:12] = t + 0.01  # 8 voxels
    ale[30, 30, 30:33] = t + 0.02  # 3 voxels
    ale[50, 50, 50] = t  # not above the threshold
    stat, size, mass = model.maxima(ale)
    assert stat == pytest.approx(t + 0.02)
    assert size == 8
    assert mass == pytest.approx(max(8 * 0.01, 3 * 0.02), rel=1e-4)


def test_chunks_merge_to_the_single_run(model):
    single = montecarlo.run_null(model, seed=11, stream="a", n_iters=12, n_chunks=1)
    chunks = [montecarlo.run_chunk(model, 11, "a", 12, 3, c) for c in (2, 0, 1)]
    merged = montecarlo.merge_chunks(chunks)
    np.testing.assert_array_equal(single.max_stat, merged.max_stat)
    np.testing.assert_array_equal(single.max_size, merged.max_size)
    np.testing.assert_array_equal(single.max_mass, merged.max_mass)
    assert merged.n_iters == 12
    assert len(set(single.max_stat)) > 1  # the iterations differ from each other


def test_streams_and_seeds_differ(model):
    a = montecarlo.run_null(model, 11, "a", 4)
    assert not np.array_equal(a.max_stat, montecarlo.run_null(model, 12, "a", 4).max_stat)
    assert not np.array_equal(a.max_stat, montecarlo.run_null(model, 11, "b", 4).max_stat)


def test_merge_rejects_missing_and_foreign_chunks(model):
    chunks = [montecarlo.run_chunk(model, 11, "a", 4, 2, c) for c in (0, 1)]
    with pytest.raises(InputError, match="2 distinct of 4"):
        montecarlo.merge_chunks(chunks[:1])
    other = montecarlo.run_chunk(model, 12, "a", 4, 2, 1)
    with pytest.raises(InputError, match="seed"):
        montecarlo.merge_chunks([chunks[0], other], sources=["c0.json", "c1.json"])


def test_chunk_iterations_partition():
    parts = [list(montecarlo.chunk_iterations(10, 3, c)) for c in range(3)]
    assert sum(parts, []) == list(range(10))
    with pytest.raises(ValueError):
        montecarlo.chunk_iterations(10, 3, 3)
