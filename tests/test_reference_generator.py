"""The reference review's generator (a dev tool, ``examples/reference_review/generate.py``).

Run as a developer runs it, into a temporary folder: it must give the committed inputs byte for
byte, and every committed input but the paper's facts must come from it.
"""

import subprocess
import sys

import pytest

from alereview.search.ledger import LEDGER

from conftest import REPO

EXAMPLE = REPO / "examples" / "reference_review"
# Committed by hand, not generated: the generator's own code, its README and the paper's facts;
# and the search's ledger beside the PubMed snapshot, which the workflow writes (alereview.search.ledger).
NOT_GENERATED = {"README.md", "facts"}


def _committed_inputs():
    for path in sorted(EXAMPLE.rglob("*")):
        rel = path.relative_to(EXAMPLE)
        if (
            path.is_file()
            and rel.parts[0] not in NOT_GENERATED
            and path.suffix != ".py"
            and "__pycache__" not in rel.parts
            and path.name != LEDGER
        ):
            yield rel


def test_the_example_lists_its_inputs():
    inputs = {str(p) for p in _committed_inputs()}
    assert {"studies.tsv", "coordinates/foci.tsv", "quality/rob1.tsv", "search/embase.ris"} <= inputs


@pytest.mark.slow
def test_generator_gives_the_committed_files(tmp_path):
    out = tmp_path / "out"
    run = subprocess.run(
        [sys.executable, str(EXAMPLE / "generate.py"), str(out)], cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "gen_quality: written under" in run.stdout
    written = {p.relative_to(out) for p in out.rglob("*") if p.is_file()}
    committed = set(_committed_inputs())
    assert written == committed, (sorted(written - committed)[:5], sorted(committed - written)[:5])
    differ = [str(rel) for rel in sorted(written) if (out / rel).read_bytes() != (EXAMPLE / rel).read_bytes()]
    assert not differ, f"differ from a fresh generation: {differ}"
