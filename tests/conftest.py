"""Shared fixtures: where the repository, the shared data and the test data are."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
TEST_DATA = Path(__file__).resolve().parent / "data"


# Marks that imply ``slow``: the fast lane (``pytest -m "not slow"``) leaves them out.
SLOW_MARKS = ("e2e", "slurm", "browser")


def pytest_collection_modifyitems(config, items):
    """Mark ``slow`` every test marked e2e, slurm or browser."""
    for item in items:
        if any(item.get_closest_marker(mark) for mark in SLOW_MARKS) and not item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.slow)


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
import subprocess

from workflow_copy import copy_workflow

E2E_TIMEOUT_S = 900


@pytest.fixture(scope="session")
def default_review_local(tmp_path_factory) -> Path:
    """Run the default review locally (``snakemake --cores 2``) in a copy; its results/."""
    workdir = copy_workflow(tmp_path_factory.mktemp("default_review") / "wf")
    result = subprocess.run(
        ["timeout", "-s", "KILL", str(E2E_TIMEOUT_S), "snakemake", "--cores", "2"],
        cwd=workdir,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return workdir / "results"
