"""Accuracy of deduplication, alereview beside bib-dedupe, on every labelled set at hand.

Sets: the labelled benchmarks of ``../shared/data/dedup_benchmarks`` (real records, read from
there; their columns and quirks are declared in ``bench/dedup_sets.py``, and every field a set
has is given to both tools) and the synthetic sets of ``bench/dedup_synthetic.py`` (generic titles, page
forms, Chinese records, and with ``--big`` 80,000 perturbed copies). Scoring as the
benchmarks' README says: two records are true duplicates when their ids share a gold group;
every pair of records within a cluster counts (a cluster of 3 is 3 pairs), for both tools.

Prints one row per set and tool: records, true pairs, sensitivity (true pairs found / all
true pairs), false-positive pairs, FP per 1,000 records, wall and CPU seconds, pairs left to
a person (alereview: the review queue, and how many of its pairs are true duplicates;
bib-dedupe: its ``maybe`` pairs are not counted). bib-dedupe (``pip install -e .[bench]``)
runs with ``cpu=1``; without it only alereview's rows are printed. Goals (issues 15, 24): on every
set sensitivity >= bib-dedupe's, FP pairs <= bib-dedupe's and <= 1 per 1,000 records, >= 10x
faster.

Usage: ``nice -n 10 python bench/dedup_accuracy.py [--only SET ...] [--big [N]] [--no-bib] [--show N]``
(``--show`` prints N missed and N false pairs of alereview with their records). Each bib-dedupe
row ends with its CPU time as a multiple of alereview's on the same set.
"""

from __future__ import annotations

import argparse
import itertools
import logging
import sys
import time
from pathlib import Path

import pandas as pd

from alereview.dedup.clusters import natural_key
from alereview.dedup.pipeline import deduplicate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dedup_sets import SETS, SHARED  # noqa: E402

BIG = 80000


def predicted_pairs(clusters: pd.DataFrame) -> set:
    pairs = set()
    for _, group in clusters.groupby("cluster_id"):
        if len(group) > 1:
            pairs.update(itertools.combinations(sorted(group["record_id"]), 2))
    return pairs


def labelled_sets(synthetic: bool = True, big: int = 0) -> dict:
    """Name -> a function returning ``(records, gold pairs)``, for every labelled set at hand."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import dedup_synthetic

    sets = {}
    for name, labelled in SETS.items():
        if labelled.available():
            sets[name] = lambda s=labelled: (s.records(), s.gold())
    if synthetic:
        for name, make in dedup_synthetic.SETS.items():
            sets[f"synthetic_{name}"] = make
    if big and SHARED.is_dir():
        from dedup_speed import _seeds

        sets[f"synthetic_perturbed_{big // 1000}k"] = lambda: dedup_synthetic.perturbed(_seeds(), big)
    return sets


def _cpu() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def evaluate(name, records, gold, show=0):
    """alereview on one set: ``(tp, fp, fn)``; prints the set's row (and, with ``show``, pairs)."""
    row = run_alereview(name, records, gold, show)
    return row["tp"], row["fp"], row["fn"]


def run_alereview(name, records, gold, show=0) -> dict:
    """alereview on one set: its row (``tp``, ``fp``, ``fn``, ``cpu``, ...), printed."""
    start, cpu_start = time.perf_counter(), _cpu()
    result = deduplicate(records)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu_start
    predicted = predicted_pairs(result.clusters)
    queued = {tuple(sorted(p)) for p in zip(result.uncertain["record_id_a"], result.uncertain["record_id_b"])}
    row = _row(name, "alereview", len(records), gold, predicted, seconds, cpu, len(result.uncertain), len(queued & gold))
    print(row["text"], flush=True)
    if show:
        _show(records, result, gold, predicted, show)
    return row


def _row(name, tool, n, gold, predicted, seconds, cpu, queue, queue_true=None) -> dict:
    tp, fp, fn = len(predicted & gold), len(predicted - gold), len(gold - predicted)
    sensitivity = tp / max(1, tp + fn)
    text = (
        f"{name:<30} {tool:<10} {n:>7} {len(gold):>8} {sensitivity:>11.4f} {fp:>6} {1000 * fp / n:>8.2f} "
        f"{seconds:>8.2f} {cpu:>8.2f} {queue if queue is not None else '-':>6} "
        f"{queue_true if queue_true is not None else '-':>10}"
    )
    return {"tp": tp, "fp": fp, "fn": fn, "sensitivity": sensitivity, "cpu": cpu, "text": text}


HEADER = (
    f"{'set':<30} {'tool':<10} {'records':>7} {'true_pr':>8} {'sensitivity':>11} {'FP':>6} {'FP/1000':>8} "
    f"{'wall_s':>8} {'cpu_s':>8} {'queue':>6} {'queue_true':>10}"
)


def _show(records, result, gold, predicted, show):
    by_id = records.set_index("record_id")
    cols = ["title", "authors", "year", "journal", "volume", "issue", "pages", "doi"]
    rows = sorted(records["record_id"], key=natural_key)
    decisions = {tuple(sorted((rows[i], rows[j]))): (d, r) for i, j, d, r in result.pair_decisions}
    for label, sample in (("MISSED", sorted(gold - predicted)[:show]), ("FALSE", sorted(predicted - gold)[:show])):
        for a, b in sample:
            print(f"--- {label} {a} {b} decision={decisions.get((a, b), 'not a candidate')}")
            print(by_id.loc[[a, b], [c for c in cols if c in by_id.columns]].to_string(max_colwidth=90))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--only", nargs="+", help="set names (default: all)")
    parser.add_argument(
        "--big", type=int, nargs="?", const=BIG, default=0, help=f"add a set of perturbed copies of this size (default {BIG:,})"
    )
    parser.add_argument("--no-bib", dest="bib", action="store_false", help="alereview only")
    args = parser.parse_args(argv)
    # Supplement DOIs shared by several abstracts are logged as warnings: not the point here.
    logging.getLogger("alereview").setLevel(logging.ERROR)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import dedup_bibdedupe

    if args.bib and not dedup_bibdedupe.available():
        print("bib-dedupe is not installed (pip install -e .[bench]): alereview only", file=sys.stderr)
        args.bib = False
    if not SHARED.is_dir():
        print(f"labelled benchmarks not found at {SHARED}: synthetic sets only", file=sys.stderr)
    print(HEADER)
    for name, load in labelled_sets(big=args.big).items():
        if args.only and name not in args.only:
            continue
        records, gold = load()
        own = run_alereview(name, records, gold, args.show)
        if args.bib:
            pairs, wall, cpu = dedup_bibdedupe.run(records)
            row = _row(name, "bib-dedupe", len(records), gold, pairs, wall, cpu, None)
            print(f"{row['text']}  CPU x{cpu / max(own['cpu'], 1e-3):.0f} of alereview's", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
