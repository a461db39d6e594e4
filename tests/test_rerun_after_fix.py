"""After an input error is fixed, only the jobs whose inputs changed re-run (issue 13).

In a copy of the workflow, the search and dedup stages of the default review run once. Then
one export (Wanfang's CSV) gets an error (a column named twice): the run fails at that
export's import, naming the file. Once the file is restored byte for byte, a dry run
schedules that import and what reads it, but not the PubMed search nor the other imports.
Touching an input without changing its bytes schedules nothing (Snakemake compares the
checksums of small inputs, not only their times).
"""

import os
import re
import subprocess
import sys
import time

import pytest

from workflow_copy import copy_workflow

TARGET = "results/dedup/counts.json"
EXPORT = "examples/reference_review/search/wanfang.csv"


def snakemake(work, *args, timeout=600):
    return subprocess.run([sys.executable, "-m", "snakemake", "-c1", *args], cwd=work, capture_output=True, text=True, timeout=timeout)


def scheduled(work) -> dict:
    """Rule → jobs that a dry run would run (empty when nothing is to be done)."""
    run = snakemake(work, "-n", TARGET)
    assert run.returncode == 0, run.stderr[-3000:]
    text = run.stdout + run.stderr
    if "Nothing to be done" in text:
        return {}
    table = text.split("Job stats:", 1)[1]
    return {m.group(1): int(m.group(2)) for m in re.finditer(r"^(\w+)\s+(\d+)\s*$", table, re.MULTILINE) if m.group(1) != "total"}


# Runs the workflow under Snakemake: not in the fast lane.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    work = copy_workflow(tmp_path_factory.mktemp("rerun") / "wf")
    run = snakemake(work, TARGET)
    assert run.returncode == 0, run.stderr[-3000:]
    assert scheduled(work) == {}
    return work


def test_fixed_input_error_reruns_only_what_reads_it(work):
    path = work / EXPORT
    original = path.read_bytes()
    header, rest = original.split(b"\n", 1)
    first = header.split(b",")[0].removeprefix(b"\xef\xbb\xbf")
    path.write_bytes(header.rstrip(b"\r") + b"," + first + b"\r\n" + rest)  # a column named twice
    failed = snakemake(work, TARGET)
    assert failed.returncode != 0
    assert f"{EXPORT}, line 1, field '{first.decode('utf-8')}'" in failed.stderr + (
        work / "logs" / "search" / "import_wanfang.log"
    ).read_text(encoding="utf-8")
    assert "Traceback" not in (work / "logs" / "search" / "import_wanfang.log").read_text(encoding="utf-8")
    time.sleep(1.1)
    path.write_bytes(original)  # fixed: the same bytes as before, a newer time
    plan = scheduled(work)
    assert plan.get("search_exports") == 1, plan  # only Wanfang's import
    assert "search_pubmed" not in plan
    assert set(plan) <= {"search_exports", "search_records", "dedup_records"}
    done = snakemake(work, TARGET)
    assert done.returncode == 0, done.stderr[-3000:]
    assert scheduled(work) == {}


def test_touched_but_identical_input_reruns_nothing(work):
    path = work / "examples" / "reference_review" / "search" / "embase.ris"
    later = time.time() + 5
    os.utime(path, (later, later))
    assert scheduled(work) == {}
