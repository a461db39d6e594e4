"""Accuracy of deduplication on the labelled benchmarks in ``../shared/data/dedup_benchmarks``.

Scoring as the benchmarks' README says: two records are true duplicates when their ids share a
line of ``merged_record_ids.csv``; every pair of records counts. Prints, per set, the true and
false positive pairs, false negatives, sensitivity (recall of true pairs), specificity-side
figure "false positive pairs per 1,000 records" and the run time. Targets: sensitivity >= 0.99,
false positives <= 1 per 1,000 records.

Usage: ``nice -n 10 python bench/dedup_accuracy.py [--show N]`` (``--show`` prints N missed
and N false pairs with their records, to study the rules).
"""

from __future__ import annotations

import argparse
import itertools
import logging
import re
import sys
import time
from pathlib import Path

import pandas as pd

from alereview.dedup.pipeline import deduplicate

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dedup_benchmarks"


def _asysd_authors(text: str) -> str:
    # ASySD exports run authors together: "Adeli K.Lewis G. F." -> "Adeli, K.; Lewis, G. F."
    if text in ("", "NA"):
        return ""
    names = re.split(r"(?<=\.)(?=\S)", text)
    out = []
    for name in names:
        match = re.match(r"^(.*?)\s+((?:[A-Z][a-z]?\.?\s*-?)+)$", name.strip())
        out.append(f"{match.group(1)}, {match.group(2).strip()}" if match else name.strip())
    return "; ".join(out)


def load_asysd(directory: Path) -> pd.DataFrame:
    raw = pd.read_csv(directory / "labelled_test_set.csv", encoding="latin-1", dtype=str, keep_default_na=False)
    raw = raw.replace("NA", "")
    return pd.DataFrame({
        "record_id": raw["record_id"].map(lambda x: f"id_{int(x):07d}"),
        "source": "asysd",
        "title": raw["title"], "authors": raw["author"].map(_asysd_authors), "year": raw["year"],
        "journal": raw["journal"], "volume": raw["volume"], "issue": raw["number"], "pages": raw["pages"],
        "doi": raw["doi"], "abstract": raw["abstract"],
    })


def load_colrev(directory: Path) -> pd.DataFrame:
    raw = pd.read_csv(directory / "records_pre_merged.csv", dtype=str, keep_default_na=False)
    return pd.DataFrame({
        "record_id": raw["ID"], "source": "colrev", "title": raw["title"], "authors": raw["author"],
        "year": raw["year"], "journal": raw["journal"], "volume": raw["volume"], "pages": raw["pages"],
    })


def gold_pairs(directory: Path) -> set:
    pairs = set()
    for line in (directory / "merged_record_ids.csv").read_text().split("\n")[1:]:
        ids = sorted(x for x in line.strip().strip('"').split(";") if x)
        pairs.update(itertools.combinations(ids, 2))
    return pairs


def predicted_pairs(clusters: pd.DataFrame) -> set:
    pairs = set()
    for _, group in clusters.groupby("cluster_id"):
        pairs.update(itertools.combinations(sorted(group["record_id"]), 2))
    return pairs


def evaluate(name, records, gold, show=0):
    start = time.perf_counter()
    result = deduplicate(records)
    seconds = time.perf_counter() - start
    predicted = predicted_pairs(result.clusters)
    tp, fp, fn = len(predicted & gold), len(predicted - gold), len(gold - predicted)
    n = len(records)
    print(f"{name}: {n} records, {len(gold)} true pairs; TP {tp}, FP {fp}, FN {fn}; "
          f"sensitivity {tp / max(1, tp + fn):.4f}; FP per 1,000 records {1000 * fp / n:.2f}; "
          f"{len(result.uncertain)} uncertain pairs; {result.counts['candidate_pairs']} candidate pairs; {seconds:.1f} s")
    if show:
        by_id = records.set_index("record_id")
        cols = ["title", "authors", "year", "journal", "volume", "pages", "doi"]
        decisions = {(result.clusters.record_id.iloc[0], ""): None}
        decisions = {}
        ids = list(records["record_id"])
        for i, j, decision, rule in result.pair_decisions:
            decisions[tuple(sorted((ids[i], ids[j])))] = (decision, rule)
        for label, sample in (("MISSED", sorted(gold - predicted)[:show]), ("FALSE", sorted(predicted - gold)[:show])):
            for a, b in sample:
                print(f"--- {label} {a} {b} decision={decisions.get((a, b), 'not a candidate')}")
                print(by_id.loc[[a, b], [c for c in cols if c in by_id.columns]].to_string(max_colwidth=90))
    return tp, fp, fn


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument("--only", choices=["asysd", "colrev"])
    args = parser.parse_args(argv)
    # Supplement DOIs shared by several abstracts are logged as warnings: not the point here.
    logging.getLogger("alereview").setLevel(logging.ERROR)
    if not SHARED.is_dir():
        print(f"benchmarks not found at {SHARED}", file=sys.stderr)
        return 1
    sets = {"asysd": ("asysd_diabetes", load_asysd), "colrev": ("colrev_respiratory", load_colrev)}
    for key, (folder, loader) in sets.items():
        if args.only and key != args.only:
            continue
        directory = SHARED / folder
        evaluate(folder, loader(directory), gold_pairs(directory), args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
