"""Wall time of the ALE jackknife with cluster-level FWE, locally and on a local SLURM cluster.

Prints, for one analysis of the default review with cluster FWE (voxel p < .001, cluster
p < .05, ``--iterations`` Monte Carlo iterations):

1. the full leave-one-experiment-out jackknife run locally (``--cores 2``) and on the local
   single-node SLURM cluster (``tests/slurm_cluster.py``; needs root, slurm-wlm and munge);
2. the analysis' Monte Carlo in one job against split into ``--chunks`` jobs on SLURM.

Usage: ``python bench/slurm_bench.py [--analysis post_lt_pre] [--iterations 1000] [--chunks 4]``.
On a single 2-core node SLURM cannot be faster than a local run: the figures show the
scheduler's overhead per job, which a real cluster's extra nodes amortise.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from slurm_cluster import LocalSlurmCluster, slurm_available  # noqa: E402
from workflow_copy import copy_workflow  # noqa: E402


def fresh_copy(root: Path, name: str, overlay: dict) -> Path:
    """A copy of the workflow with ``overlay`` merged into its config (as a second configfile)."""
    workdir = copy_workflow(root / name)
    (workdir / "overlay.yaml").write_text(yaml.safe_dump(overlay), encoding="utf-8")
    return workdir


def run(workdir: Path, targets: list[str], slurm: bool, timeout: int = 7200) -> float:
    """Build the screening gate first (not timed), then time ``targets``; return seconds."""
    base = ["snakemake", "--configfile", "config/config.yaml", "overlay.yaml", "--cores", "2"]
    subprocess.run([*base, "results/screening/gate.json"], cwd=workdir, check=True, capture_output=True)
    command = list(base)
    if slurm:
        command += ["--profile", str(REPO / "tests/profiles/slurm-local"), "--workflow-profile", "profiles/slurm"]
    start = time.monotonic()
    result = subprocess.run(["timeout", "-s", "KILL", str(timeout), *command, *targets], cwd=workdir, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        print((result.stdout + result.stderr)[-3000:], file=sys.stderr)
        raise SystemExit(f"run failed in {workdir}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--analysis", default="post_lt_pre")
    parser.add_argument("--iterations", type=int, default=1000)
    parser.add_argument("--chunks", type=int, default=4)
    args = parser.parse_args()
    reason = slurm_available()
    if reason:
        raise SystemExit(f"cannot start a local SLURM cluster: {reason}")
    os.environ.setdefault("ALEREVIEW_SLURM_PARTITION", "debug")
    os.environ.setdefault("ALEREVIEW_SLURM_ACCOUNT", "bench")

    def fwe(chunks: int) -> dict:
        return {
            "ale": {
                "threshold": {"method": "cluster_fwe", "voxel_p": 0.001, "cluster_p": 0.05},
                "montecarlo": {"iterations": args.iterations, "chunks": chunks},
            }
        }

    jackknife = [f"results/jackknife/{args.analysis}.tsv"]
    analysis = [f"results/ale/{args.analysis}/clusters.tsv"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="alereview-slurm-bench-") as tmp:
        root = Path(tmp)
        rows.append(("jackknife, local --cores 2", run(fresh_copy(root, "jk_local", fwe(1)), jackknife, slurm=False)))
        with LocalSlurmCluster(root / "cluster"):
            rows.append(("jackknife, SLURM (1 node, 2 CPUs)", run(fresh_copy(root, "jk_slurm", fwe(1)), jackknife, slurm=True)))
            rows.append(("Monte Carlo in 1 job, SLURM", run(fresh_copy(root, "mc1", fwe(1)), analysis, slurm=True)))
            rows.append((f"Monte Carlo in {args.chunks} jobs, SLURM", run(fresh_copy(root, "mcN", fwe(args.chunks)), analysis, slurm=True)))
    print(f"{args.analysis}, cluster FWE with {args.iterations} iterations")
    for label, seconds in rows:
        print(f"  {label:<40} {seconds:8.1f} s wall")


if __name__ == "__main__":
    main()
