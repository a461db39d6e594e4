"""Cohen's kappa by hand, raw agreement and Landis-Koch bands."""

import math
import random

import pytest

from alereview.screening.adjudication import adjudicate
from alereview.screening.agreement import agreement_table, cohen_kappa, landis_koch
from alereview.screening.votes import Vote


def test_kappa_worked_example():
    # 50 items: both include 20, both exclude 15, A in/B out 5, A out/B in 10.
    first = ["in"] * 20 + ["out"] * 15 + ["in"] * 5 + ["out"] * 10
    second = ["in"] * 20 + ["out"] * 15 + ["out"] * 5 + ["in"] * 10
    p_o = 35 / 50
    p_e = (25 / 50) * (30 / 50) + (25 / 50) * (20 / 50)
    assert cohen_kappa(first, second) == pytest.approx((p_o - p_e) / (1 - p_e))
    assert cohen_kappa(first, second) == pytest.approx(0.4)


def test_kappa_matches_scikit_learn():
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    rng = random.Random(5)
    for _ in range(20):
        labels = ["include", "exclude", "maybe"][: rng.randint(2, 3)]
        first = [rng.choice(labels) for _ in range(rng.randint(5, 60))]
        second = [a if rng.random() < 0.7 else rng.choice(labels) for a in first]
        expected = sklearn_metrics.cohen_kappa_score(first, second)
        if math.isnan(expected):
            assert math.isnan(cohen_kappa(first, second))
        else:
            assert cohen_kappa(first, second) == pytest.approx(expected)


def test_kappa_undefined_cases():
    assert math.isnan(cohen_kappa([], []))
    assert math.isnan(cohen_kappa(["out"] * 5, ["out"] * 5))
    with pytest.raises(ValueError):
        cohen_kappa([1], [1, 2])


@pytest.mark.parametrize(
    "kappa, band",
    [
        (-0.1, "poor"),
        (0.0, "poor"),
        (0.1, "slight"),
        (0.2, "slight"),
        (0.3, "fair"),
        (0.5, "moderate"),
        (0.7, "substantial"),
        (0.81, "almost perfect"),
        (1.0, "almost perfect"),
        (float("nan"), ""),
    ],
)
def test_landis_koch(kappa, band):
    assert landis_koch(kappa) == band


def test_agreement_table_counts_conflicts_arbiter_and_pending():
    def v(key, reviewer, decision):
        return key, Vote("title_abstract", reviewer, decision, "", "d.csv", 1, key, {})

    matched = [
        v("a", "LDX", "include"),
        v("a", "ZY", "include"),
        v("b", "LDX", "exclude"),
        v("b", "ZY", "exclude"),
        v("c", "LDX", "include"),
        v("c", "ZY", "maybe"),
        v("c", "ZYH", "include"),
        v("d", "LDX", "exclude"),
    ]
    finals, pending, votes = adjudicate(matched, "title_abstract", ["LDX", "ZY"], "ZYH")
    row = agreement_table({"title_abstract": (votes, finals, pending)}, ["LDX", "ZY"], "ZYH").iloc[0]
    assert (row["n"], row["agreements"], row["conflicts"], row["settled_by_arbiter"], row["pending"]) == (3, 2, 1, 1, 1)
    assert row["raw_agreement"] == pytest.approx(2 / 3, abs=1e-4)
    assert row["kappa"] == pytest.approx(round(cohen_kappa(["include", "exclude", "include"], ["include", "exclude", "maybe"]), 4))
