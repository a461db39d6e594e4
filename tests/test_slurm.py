"""The default review on a real (local, single-node) SLURM cluster gives the local run's tables.

Needs root and Debian's slurm-wlm + munge (``.ci/run`` installs them); skips otherwise.
"""

import subprocess

import pytest

from conftest import REPO
from workflow_copy import compare_tables, copy_workflow
from slurm_cluster import LocalSlurmCluster, slurm_available

pytestmark = [pytest.mark.slurm, pytest.mark.e2e]

SLURM_TIMEOUT_S = 1500


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    reason = slurm_available()
    if reason:
        pytest.skip(f"no local SLURM cluster: {reason}")
    with LocalSlurmCluster(tmp_path_factory.mktemp("slurm")) as running:
        yield running


def test_default_review_on_slurm_equals_local(cluster, default_review_local, tmp_path, monkeypatch):
    workdir = copy_workflow(tmp_path / "wf")
    monkeypatch.setenv("ALEREVIEW_SLURM_PARTITION", "debug")
    monkeypatch.setenv("ALEREVIEW_SLURM_ACCOUNT", "alereview-test")
    command = [
        "timeout",
        "-s",
        "KILL",
        str(SLURM_TIMEOUT_S),
        "snakemake",
        "--profile",
        str(REPO / "tests/profiles/slurm-local"),
        "--workflow-profile",
        "profiles/slurm",
        "--cores",
        "2",
    ]
    result = subprocess.run(command, cwd=workdir, capture_output=True, text=True)
    log = result.stdout + result.stderr
    if result.returncode != 0:
        subprocess.run(["snakemake", "--unlock"], cwd=workdir, capture_output=True)
    assert result.returncode == 0, log[-4000:]
    assert "sbatch" in log or "SLURM" in log, "jobs were not submitted to SLURM"
    mismatches = compare_tables(default_review_local, workdir / "results")
    assert not mismatches, mismatches
