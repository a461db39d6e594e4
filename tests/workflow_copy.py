"""A copy of the workflow without its run state, for tests and benchmarks that run it whole."""

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# Run state and tooling that a fresh run must not see.
NOT_WORKFLOW = shutil.ignore_patterns(
    ".git", "results", ".snakemake", "logs", "benchmarks", "__pycache__", "*.egg-info", ".pytest_cache", "bench"
)


def copy_workflow(dest: Path) -> Path:
    """A copy of the workflow (code, config, example inputs; no results) at ``dest``."""
    shutil.copytree(REPO, dest, ignore=NOT_WORKFLOW)
    return dest


def compare_tables(results_a: Path, results_b: Path) -> list:
    """Relative paths of TSV tables that differ (or exist on one side only) between two runs."""
    a = {p.relative_to(results_a) for p in results_a.rglob("*.tsv")}
    b = {p.relative_to(results_b) for p in results_b.rglob("*.tsv")}
    problems = [f"only in first run: {p}" for p in sorted(a - b)] + [f"only in second run: {p}" for p in sorted(b - a)]
    for rel in sorted(a & b):
        if (results_a / rel).read_bytes() != (results_b / rel).read_bytes():
            problems.append(f"differs: {rel}")
    return problems
