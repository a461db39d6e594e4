"""Shared fixtures: where the repository, the shared data and the test data are."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the repository; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def test_data() -> Path:
    return TEST_DATA


# --- the whole default review, run once per test session ----------------------------------
import shutil
import subprocess

E2E_TIMEOUT_S = 900
_NOT_WORKFLOW = shutil.ignore_patterns(".git", "results", ".snakemake", "__pycache__", "*.egg-info", ".pytest_cache", "bench")


def copy_workflow(dest: Path) -> Path:
    """A copy of the workflow (code, config, resources; no results) at ``dest``."""
    shutil.copytree(REPO, dest, ignore=_NOT_WORKFLOW)
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


@pytest.fixture(scope="session")
def default_review_local(tmp_path_factory) -> Path:
    """Run the default review locally (``snakemake --cores 2``) in a copy; its results/."""
    workdir = copy_workflow(tmp_path_factory.mktemp("default_review") / "wf")
    result = subprocess.run(
        ["timeout", "-s", "KILL", str(E2E_TIMEOUT_S), "snakemake", "--cores", "2"],
        cwd=workdir, capture_output=True, text=True,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return workdir / "results"
