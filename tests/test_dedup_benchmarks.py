"""Accuracy on the labelled sets of ../shared and on the synthetic sets of the failure kinds
(a regression guard; bench/dedup_accuracy.py prints the full figures beside bib-dedupe's).
Not timed."""

import importlib.util
import math
import sys

import pytest


@pytest.fixture(scope="module")
def bench(repo_root):
    sys.path.insert(0, str(repo_root / "bench"))
    spec = importlib.util.spec_from_file_location("dedup_accuracy", repo_root / "bench" / "dedup_accuracy.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def shared_bench(bench, shared_dir):
    import dedup_sets

    dedup_sets.SHARED = shared_dir / "data" / "dedup_benchmarks"
    return bench


@pytest.mark.parametrize("name", ["asysd_diabetes", "colrev_respiratory", "colrev_special_cases"])
def test_sensitivity_and_false_positives_meet_the_targets(shared_bench, name):
    labelled = shared_bench.SETS[name]
    if not labelled.available():
        pytest.skip(f"{name} is not in ../shared")
    records = labelled.records()
    tp, fp, fn = shared_bench.evaluate(name, records, labelled.gold())
    assert tp / (tp + fn) >= 0.99
    assert 1000 * fp / len(records) <= 1.0


@pytest.mark.parametrize("name", ["generic_titles", "page_forms", "chinese"])
def test_synthetic_failure_kinds(bench, name):
    import dedup_synthetic

    from alereview.dedup.pipeline import deduplicate

    records, gold = dedup_synthetic.SETS[name]()
    result = deduplicate(records)
    predicted = bench.predicted_pairs(result.clusters)
    queued = set(zip(result.uncertain["record_id_a"], result.uncertain["record_id_b"]))
    missed = gold - predicted
    # Found automatically, or waiting at the top of the review queue.
    assert len(predicted & gold) / len(gold) >= 0.98
    assert len(missed - queued) / len(gold) <= 0.01
    assert 1000 * len(predicted - gold) / len(records) <= 1.0
    assert len(result.uncertain) <= math.ceil(0.01 * len(records))


def test_synthetic_sets_are_deterministic_and_marked_synthetic(bench):
    import dedup_synthetic

    for make in dedup_synthetic.SETS.values():
        (one, gold_one), (two, gold_two) = make(), make()
        assert one.equals(two) and gold_one == gold_two
        assert one["record_id"].str.startswith("syn-").all()
        dois = one.loc[one["doi"] != "", "doi"]
        assert dois.str.match(r"^(?:https://doi\.org/)?10\.5555/").all()  # the DOI test prefix
