"""Speed and memory of screening: matching decisions to records, adjudication, the gate, PRISMA.

Synthetic reviews of 2,500 to 40,000 deduplicated records (the reference review has 2,355),
each record with two members (half with a DOI, a quarter with a PMID only, the rest matched by
title), decisions of two reviewers at title/abstract in a Rayyan RIS export (matched by DOI,
PMID or title, as Rayyan exports carry no key) with 5 % conflicts settled by the arbiter, and
at full text in a plain CSV for 3 % of the records.

Target: 40,000 records in <= 60 s on one core, <= 2 GiB. Prints wall and CPU time per step and
peak memory.

Usage: ``nice -n 10 python bench/screening_speed.py [--sizes 2500 10000 40000]``
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

import pandas as pd

from alereview.identity import record_key
from alereview.screening.workflow import run_decisions, run_gate, run_prisma
from alereview.tsv import write_tsv

WORDS = (
    "acupuncture stroke motor resting state fmri regional homogeneity amplitude low frequency "
    "fluctuation hemiplegia electroacupuncture cerebellum network connectivity recovery"
).split()


def build(n, directory: Path, seed=1):
    rng = random.Random(seed)
    records, clusters, unique, ris, ft = [], [], [], [], []
    for i in range(n):
        title = " ".join(rng.choice(WORDS) for _ in range(9)) + f" {i}"
        kind = i % 4
        doi = f"10.9999/bench.{i}" if kind < 2 else ""
        pmid = str(20000000 + i) if kind == 2 else ""
        fields = dict(
            title=title,
            authors=f"Author{i % 311}, A; Other, B",
            year=str(2000 + i % 24),
            journal="J Bench",
            volume=str(i % 40),
            issue="1",
            pages=f"{i % 300}-9",
            doi=doi,
            pmid=pmid,
            abstract="",
            language="en",
            entry_date="",
            source_file="x",
            source_format="ris",
        )
        cid = f"c{i}"
        for source in ("PubMed", "Embase"):
            rid = f"{source.lower()}-{i:06d}"
            records.append(dict(record_id=rid, source=source, source_index=str(i), **fields))
            clusters.append(dict(record_id=rid, source=source, cluster_id=cid))
        key = record_key(doi, pmid, title, fields["year"], fields["authors"])
        unique.append(
            dict(
                record_id=f"pubmed-{i:06d}",
                source="PubMed",
                **fields,
                cluster_id=cid,
                record_key=key,
                n_records="2",
                sources="Embase; PubMed",
            )
        )
        conflict = rng.random() < 0.05
        include = rng.random() < 0.033
        first = "Included" if include else "Excluded"
        second = ("Excluded" if include else "Included") if conflict else first
        votes = f'"LDX"=>"{first}", "ZY"=>"{second}"' + (f', "ZYH"=>"{first}"' if conflict else "")
        ris.append(
            f"TY  - JOUR\nTI  - {title}\nY1  - {fields['year']}\nAU  - Author{i % 311}, A\n"
            + (f"DO  - {doi}\n" if doi else "")
            + (f"AN  - x{i}\n")
            + f"N1  - RAYYAN-INCLUSION: {{{votes}}}\nER  -\n"
        )
        if include:
            for reviewer in ("LDX", "ZY"):
                ft.append(
                    dict(
                        record_id=key,
                        stage="full_text",
                        reviewer=reviewer,
                        decision="include" if i % 5 == 0 else "exclude",
                        reason="" if i % 5 == 0 else "ROI only",
                    )
                )
    columns = [
        "record_id",
        "source",
        "title",
        "authors",
        "year",
        "journal",
        "volume",
        "issue",
        "pages",
        "doi",
        "pmid",
        "abstract",
        "language",
        "entry_date",
        "source_file",
        "source_format",
        "source_index",
    ]
    write_tsv(pd.DataFrame(records, columns=columns), directory / "records.tsv")
    write_tsv(pd.DataFrame(clusters), directory / "clusters.tsv")
    write_tsv(pd.DataFrame(unique), directory / "unique.tsv")
    (directory / "ta.ris").write_text("\n".join(ris), encoding="utf-8")
    pd.DataFrame(ft, columns=["record_id", "stage", "reviewer", "decision", "reason"]).to_csv(directory / "ft.csv", index=False)


def timed(label, function, *args, **kwargs):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    print(f"  {label:<10} wall {time.perf_counter() - wall:6.2f} s   cpu {time.process_time() - cpu:6.2f} s")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2500, 10000, 40000])
    args = parser.parse_args()
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            build(n, d)
            config = {
                "reviewers": ["LDX", "ZY"],
                "arbiter": "ZYH",
                "title_abstract": [{"path": str(d / "ta.ris"), "format": "rayyan_ris"}],
                "full_text": [{"path": str(d / "ft.csv"), "format": "plain_csv"}],
            }
            print(f"{n} records:")
            timed(
                "decisions",
                run_decisions,
                d / "unique.tsv",
                d / "clusters.tsv",
                d / "records.tsv",
                config,
                d / "decisions.tsv",
                d / "agreement.tsv",
                d / "to_screen.tsv",
                d / "to_screen.ris",
            )
            gate = timed(
                "gate",
                run_gate,
                d / "decisions.tsv",
                d / "to_screen.tsv",
                d / "unique.tsv",
                d / "clusters.tsv",
                d / "records.tsv",
                d / "included.tsv",
                d / "gate.json",
            )
            timed("prisma", run_prisma, d / "decisions.tsv", d / "unique.tsv", d / "clusters.tsv", d / "records.tsv", d / "prisma.csv")
            print(f"  included {gate['n_included']}; peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
