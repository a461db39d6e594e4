"""Narrow params: changing one analysis' threshold re-runs that analysis' jobs and nothing else.

Runs the ALE stage of the default review in a copy of the workflow (``-m e2e``), then dry-runs
with changed configs and reads which jobs Snakemake would re-run (its default rerun triggers,
params among them).
"""

import re
import subprocess

import pytest
import yaml

from workflow_copy import copy_workflow

pytestmark = pytest.mark.e2e

# The jackknife tables are named as `rule all` names them: Snakemake (9.27) re-checks the
# params of the jobs behind a checkpoint-dependent input function only for targets it reaches
# directly, not through table 5 alone.
ANALYSES = ["patients_gt_hc", "patients_lt_hc", "post_gt_pre", "post_lt_pre"]
TARGETS = ["results/tables/table4_clusters.tsv", *(f"results/jackknife/{a}.tsv" for a in ANALYSES), "results/tables/table5_jackknife.tsv"]


@pytest.fixture(scope="module")
def workflow(tmp_path_factory):
    workdir = copy_workflow(tmp_path_factory.mktemp("params") / "wf")
    done = subprocess.run(["snakemake", "--cores", "2", *TARGETS], cwd=workdir, capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    return workdir


def _dry_run(workdir, changes: dict) -> list:
    """(rule, analysis) of the jobs a dry run would run with ``changes`` over config.yaml."""
    (workdir / "config" / "changed.yaml").write_text(yaml.safe_dump({"extends": "config.yaml", **changes}))
    done = subprocess.run(
        ["snakemake", "-n", "--cores", "2", *TARGETS, "--configfile", "config/changed.yaml"],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    jobs = []
    for block in re.split(r"\n(?=(?:local)?(?:rule|checkpoint) )", done.stdout):
        rule = re.match(r"(?:local)?(?:rule|checkpoint) (\w+):", block)
        if rule:
            analysis = re.search(r"wildcards: .*?analysis=(\w+)", block)
            jobs.append((rule.group(1), analysis.group(1) if analysis else None))
    return jobs


def test_one_analysis_override_reruns_only_that_analysis(workflow):
    jobs = _dry_run(workflow, {"ale": {"overrides": {"post_gt_pre": {"min_volume_mm3": 300}}}})
    analyses = {analysis for _, analysis in jobs if analysis}
    assert ("ale_analysis", "post_gt_pre") in jobs
    assert analyses == {"post_gt_pre"}, jobs
    assert {rule for rule, analysis in jobs if not analysis} <= {"tables_clusters", "tables_jackknife", "all"}


def test_unused_settings_rerun_nothing(workflow):
    # Uncorrected analyses run no Monte Carlo and use no cluster p.
    changes = {"ale": {"montecarlo": {"iterations": 77, "threads": 1}, "threshold": {"cluster_p": 0.01}}}
    assert [job for job in _dry_run(workflow, changes) if job[0] != "all"] == []


def test_jackknife_rule_reruns_the_jackknife_only(workflow):
    rules = {rule for rule, _ in _dry_run(workflow, {"jackknife": {"min_overlap_voxels": 5}})}
    assert "ale_analysis" not in rules
    assert "jackknife_leave_all_out" in rules
