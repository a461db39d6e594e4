"""The `alereview` command lists every step of a review."""

import subprocess
import sys

import pytest

# Each test starts Python and imports every stage (several seconds): not in the fast lane.
pytestmark = pytest.mark.slow

STEPS = ["search", "import", "dedup", "screen", "prisma", "coordinates", "label", "ale", "tables", "figures", "report"]


def test_every_step_is_a_sub_command():
    result = subprocess.run([sys.executable, "-m", "alereview.cli", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for step in STEPS:
        assert f"    {step}" in result.stdout, step


def test_a_step_with_bad_input_exits_2_with_a_located_message(tmp_path):
    bad = tmp_path / "foci.tsv"
    bad.write_text(
        "study\texperiment\tcontrast\tx\ty\tz\tspace\tn\n"
        "s1\te1\tpost_gt_pre\t10\t-20\t30\tMNI\t12\n"
        "s1\te1\tpost_gt_pre\tabc\t-20\t30\tMNI\t12\n",
        encoding="utf-8",
    )
    result = subprocess.run([sys.executable, "-m", "alereview.cli", "coordinates", "check", str(bad)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "line 3" in result.stderr and "'x'" in result.stderr
