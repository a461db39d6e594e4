"""Time the figures, tables and report of the default review (target: <= 30 s of figure time on 2 cores).

Runs the stage-6 rules (figures_*, tables_*, report_html) in a scratch directory, on the ALE
outputs of ``--results`` when given (e.g. the default run's ``results/``), else on synthetic
stand-ins around the paper's Table 4 peaks (tests/synthetic_ale.py). Prints the wall time of
the whole stage and each job's time from Snakemake's benchmark files.

    python bench/figures_bench.py [--results results] [--cores 2]
"""

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FACTS = REPO / "examples" / "reference_review" / "facts"
RULES = ["figures_analysis", "figures_jackknife", "figures_prisma", "figures_quality", "tables_ale_format", "tables_studies", "report_html"]
ANALYSES = ["patients_gt_hc", "patients_lt_hc", "post_gt_pre", "post_lt_pre"]


def stage_inputs(work: Path, results: Path | None):
    """Copy (or synthesise) what stage 6 reads; upstream files are placeholders older than the gate."""
    (work / "examples").symlink_to(REPO / "examples")
    (work / "config").symlink_to(REPO / "config")
    r = work / "results"
    # Everything upstream of the gate, then the gate, then stage 5: each older than what it feeds.
    for name in (
        "search/pubmed.json",
        "search/pubmed.tsv",
        "records/records.tsv",
        "records/provenance.json",
        "dedup/unique.tsv",
        "dedup/clusters.tsv",
        "dedup/counts.json",
        "screening/decisions.tsv",
        "screening/to_screen.tsv",
        "screening/to_screen.ris",
        "screening/agreement.tsv",
    ):
        (r / name).parent.mkdir(parents=True, exist_ok=True)
        (r / name).write_text("{}\n" if name.endswith(".json") else "placeholder\n")
    time.sleep(1.1)
    for name in ("screening/gate.json", "screening/included.tsv"):
        (r / name).write_text("{}\n")
    time.sleep(1.1)
    if results:
        for sub in (
            "ale",
            "jackknife",
            "prisma",
            "search",
            "records/provenance.json",
            "screening/agreement.tsv",
            "tables/table4_clusters.tsv",
            "tables/table5_jackknife.tsv",
        ):
            source = results / sub
            if source.is_dir():
                shutil.copytree(source, r / sub, dirs_exist_ok=True)
            elif source.is_file():
                (r / sub).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, r / sub)
        return
    sys.path[:0] = [str(REPO / "tests")]
    from synthetic_ale import write_analysis, write_jackknife

    for analysis in ANALYSES:
        write_analysis(
            r / "ale" / analysis,
            analysis.replace("patients_lt_hc", "patients_gt_hc"),
            n_clusters=0 if analysis == "patients_lt_hc" else None,
            table=FACTS / "table4_clusters.tsv",
        )
        (r / "ale" / analysis / "threshold.json").write_text('{"n_clusters": 0}\n')
        if analysis != "patients_lt_hc":
            write_jackknife(r / "jackknife" / f"{analysis}.tsv", analysis, table=FACTS / "table5_jackknife.tsv")
        else:
            (r / "jackknife" / f"{analysis}.tsv").write_text("left_out\tslug\n")
    (r / "prisma").mkdir(parents=True, exist_ok=True)
    shutil.copy2(REPO / "tests" / "data" / "figures" / "prisma_new.csv", r / "prisma" / "prisma.csv")
    (r / "tables").mkdir(parents=True, exist_ok=True)
    for name in ("table4_clusters.tsv", "table5_jackknife.tsv"):
        shutil.copy2(FACTS / name, r / "tables" / name)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, help="a finished run's results/ to take the ALE outputs from")
    parser.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="alereview-figbench-") as tmp:
        work = Path(tmp)
        stage_inputs(work, args.results.resolve() if args.results else None)
        # The scratch run reads only the stage's own inputs: no search exports or decision files.
        config = work / "bench_config.yaml"
        config.write_text("search: {exports: []}\nscreening: {title_abstract: [], full_text: []}\ncoordinates: {tables: [], sleuth: []}\n")
        command = [
            "snakemake",
            "results/report.html",
            "results/tables/table1_studies.tsv",
            "-s",
            str(REPO / "Snakefile"),
            "--directory",
            str(work),
            "--configfile",
            str(config),
            "--cores",
            str(args.cores),
            "--rerun-triggers",
            "mtime",
            "--allowed-rules",
            *RULES,
        ]
        start = time.perf_counter()
        status = subprocess.run(command, cwd=work, capture_output=True, text=True)
        wall = time.perf_counter() - start
        if status.returncode:
            print(status.stderr[-3000:], file=sys.stderr)
            return status.returncode
        rows = []
        for path in sorted((work / "benchmarks").rglob("*.tsv")):
            with open(path, newline="") as handle:
                row = next(csv.DictReader(handle, delimiter="\t"))
            rows.append((str(path.relative_to(work / "benchmarks")), float(row["s"]), float(row.get("cpu_time") or 0)))
        figure_s = sum(s for name, s, _ in rows if name.startswith("figures/"))
        print(f"stage 6 (figures, tables, report) wall time on {args.cores} cores: {wall:.1f} s")
        print(f"figure jobs: {figure_s:.1f} s summed over jobs; cpu {sum(c for n, _, c in rows if n.startswith('figures/')):.1f} s")
        for name, seconds, cpu in rows:
            print(f"  {name:40s} {seconds:6.1f} s  (cpu {cpu:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
