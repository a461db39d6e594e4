"""Speed and memory of deduplication on 10k to 80k records built by perturbing real ones.

The real records of the two benchmarks in ``../shared/data/dedup_benchmarks`` are the seeds.
Each synthetic *article* is a real record with half its title words replaced by words of other
titles, other authors and pages (so that articles differ as much or as little as real ones
do: many share long title prefixes, first authors and years). About 30 % of the articles get
1-3 *duplicates* in the ways exports differ: case, punctuation, HTML markup, abbreviated page
ranges, initials instead of names, DOI URLs, missing fields, a year off by one.

Target: 80,000 records in <= 60 s on 2 cores, <= 4 GiB. Prints wall and CPU time (the CPU
time is what a busy shared machine does not inflate) and peak memory for 10k, 20k, 40k and
80k records, and how many duplicates were found of those planted. Deduplication runs in one
process; the second core is left to Snakemake and the system.

Usage: ``nice -n 10 python bench/dedup_speed.py [--sizes 10000 20000 40000 80000]``
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time

import pandas as pd

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from dedup_sets import SETS  # noqa: E402

from alereview.dedup.pipeline import deduplicate  # noqa: E402

SEED = 20240321


def _seeds() -> list[dict]:
    frames = [SETS["asysd_diabetes"].records(), SETS["colrev_respiratory"].records()]
    records = pd.concat(frames, ignore_index=True).fillna("").astype(str)
    return records.drop_duplicates("title").to_dict("records")


def _duplicate(rng: random.Random, rec: dict) -> dict:
    dup = dict(rec)
    kind = rng.randrange(7)
    if kind == 0:
        dup["title"] = rec["title"].upper()
    elif kind == 1:
        dup["title"] = "[" + rec["title"].rstrip(".") + "]."
    elif kind == 2:
        dup["title"] = rec["title"].replace(" ", "  ", 1).replace("-", " ") + "."
    elif kind == 3:
        dup["authors"] = "; ".join(a.split(",")[0] + ", " + a.split(",")[-1].strip()[:1] for a in rec["authors"].split(";") if a)
    elif kind == 4:
        start, _, end = rec["pages"].partition("-")
        dup["pages"] = f"{start}-{end[-1:]}" if end else rec["pages"]
    elif kind == 5:
        dup["doi"] = "https://doi.org/" + rec["doi"].upper() if rec["doi"] else ""
        dup["journal"] = ""
    else:
        dup["year"] = str(int(rec["year"]) + 1) if rec["year"].isdigit() else rec["year"]
        dup["volume"] = ""
    return dup


def build(n: int, seeds: list[dict], rng: random.Random, with_groups: bool = False):
    """``n`` records and the number of planted duplicates (and, ``with_groups``, each
    article's record ids: the gold duplicate groups)."""
    vocabulary = sorted({w for s in seeds for w in s["title"].split() if len(w) > 3})
    surnames = sorted({a.split(",")[0].strip() for s in seeds for a in s["authors"].split(";") if a.strip()})
    rows, planted, groups = [], 0, []
    while len(rows) < n:
        base = dict(rng.choice(seeds))
        words = base["title"].split()
        for _ in range(max(3, len(words) // 2)):
            if words:
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
        base["title"] = " ".join(words)
        base["authors"] = "; ".join(f"{rng.choice(surnames)}, {rng.choice('ABCDEFGHJKLMNPRSTW')}." for _ in range(rng.randint(1, 6)))
        first = rng.randint(1, 3000)
        base["pages"] = f"{first}-{first + rng.randint(1, 15)}"
        base["doi"] = f"10.{rng.randint(1000, 9999)}/bench.{len(rows)}" if rng.random() < 0.6 else ""
        base["source"] = rng.choice(["PubMed", "Embase", "Web of Science", "CNKI"])
        group = [base]
        if rng.random() < 0.3:
            for _ in range(rng.randint(1, 3)):
                dup = _duplicate(rng, base)
                dup["source"] = rng.choice(["PubMed", "Embase", "Web of Science", "CNKI"])
                group.append(dup)
            planted += len(group) - 1
        ids = []
        for rec in group:
            rec["record_id"] = f"bench-{len(rows):06d}"
            ids.append(rec["record_id"])
            rows.append(rec)
        groups.append(ids)
    frame = pd.DataFrame(rows[:n])
    if with_groups:
        kept = set(frame["record_id"])
        return frame, planted, [[i for i in ids if i in kept] for ids in groups]
    return frame, planted


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 20000, 40000, 80000])
    args = parser.parse_args(argv)
    seeds = _seeds()
    for n in args.sizes:
        records, planted = build(n, seeds, random.Random(SEED))
        start, cpu_start = time.perf_counter(), time.process_time()
        result = deduplicate(records, source_priority=["PubMed", "Embase", "Web of Science", "CNKI"])
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
        peak_gib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
        print(
            f"{n:>6} records: {seconds:6.1f} s wall ({cpu:.1f} s CPU), peak memory {peak_gib:.2f} GiB, {result.counts['candidate_pairs']} candidate pairs, "
            f"{result.counts['duplicates_removed']} duplicates removed of {planted} planted, {result.counts['uncertain_pairs']} uncertain pairs",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
