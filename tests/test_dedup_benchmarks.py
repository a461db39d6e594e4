"""Accuracy on the labelled sets of ../shared (a regression guard; bench/dedup_accuracy.py
prints the full figures). Not timed."""

import importlib.util

import pytest


@pytest.fixture(scope="module")
def bench(repo_root, shared_dir):
    spec = importlib.util.spec_from_file_location("dedup_accuracy", repo_root / "bench" / "dedup_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.SHARED = shared_dir / "data" / "dedup_benchmarks"
    return module


@pytest.mark.parametrize("folder, loader", [("asysd_diabetes", "load_asysd"), ("colrev_respiratory", "load_colrev")])
def test_sensitivity_and_false_positives_meet_the_targets(bench, folder, loader):
    directory = bench.SHARED / folder
    records = getattr(bench, loader)(directory)
    tp, fp, fn = bench.evaluate(folder, records, bench.gold_pairs(directory))
    assert tp / (tp + fn) >= 0.99
    assert 1000 * fp / len(records) <= 1.0
