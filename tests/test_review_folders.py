"""A review is a folder: `alereview init`, `--directory DIR`, `--configfile` without merging, defaults.

These run `snakemake -n` (no job) on review folders in temporary directories; the full runs of
the examples are in tests/test_examples.py.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from alereview.cli import main as cli
from alereview.config import apply_extends, load_config

REPO = Path(__file__).resolve().parent.parent
SLEUTH = REPO / "tests" / "data" / "ale" / "small.sleuth.txt"


def dry_run(directory, *extra):
    """`snakemake -n` of the review folder; returns (exit code, output)."""
    command = [
        sys.executable,
        "-m",
        "snakemake",
        "-n",
        "--cores",
        "1",
        "-s",
        str(REPO / "Snakefile"),
        "--directory",
        str(directory),
        *extra,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    return done.returncode, done.stdout + done.stderr


@pytest.mark.slow
def test_init_sleuth_writes_a_review_that_plans_every_stage(tmp_path):
    review = tmp_path / "semantic"
    assert cli(["init", str(review), "--sleuth", str(SLEUTH), "--iterations", "50"]) == 0
    config = yaml.safe_load((review / "config" / "config.yaml").read_text())
    assert config["coordinates"]["sleuth"] == [{"path": "coordinates/small.sleuth.txt", "analysis": "small_sleuth"}]
    assert config["ale"]["montecarlo"]["iterations"] == 50
    assert (review / "coordinates" / "small.sleuth.txt").read_bytes() == SLEUTH.read_bytes()
    code, out = dry_run(review)
    assert code == 0, out
    assert "ale_analysis" in out and "report_html" in out
    # Only the stages a coordinates-only review has.
    for absent in ("search_pubmed", "search_exports", "dedup_records", "screening_gate", "screening_prisma", "figures_quality"):
        assert absent not in out, absent


def test_init_refuses_to_overwrite_a_review(tmp_path, capsys):
    review = tmp_path / "r"
    assert cli(["init", str(review), "--sleuth", str(SLEUTH)]) == 0
    before = (review / "config" / "config.yaml").read_bytes()
    assert cli(["init", str(review)]) == 2
    assert "already defined" in capsys.readouterr().err
    assert (review / "config" / "config.yaml").read_bytes() == before


@pytest.mark.slow
def test_init_full_template_names_what_to_fill_in(tmp_path):
    review = tmp_path / "reading"
    assert cli(["init", str(review), "--title", "Reading in children"]) == 0
    assert {p.name for p in (review / "templates").iterdir()} == {"decisions.csv", "studies.tsv", "coordinates.tsv"}
    code, out = dry_run(review)
    assert code != 0
    assert "search.cutoff" in out and "placeholder" in out


@pytest.mark.slow
def test_configfile_replaces_the_repository_config(tmp_path):
    """`--configfile` is the whole review: no analysis of config/config.yaml leaks in."""
    (tmp_path / "config").mkdir()
    shutil.copy(REPO / "config" / "config.yaml", tmp_path / "config" / "config.yaml")
    shutil.copy(SLEUTH, tmp_path / "mine.txt")
    mine = {"review": {"id": "mine", "title": "Mine"}, "coordinates": {"sleuth": [{"path": "mine.txt", "analysis": "mine"}]}}
    (tmp_path / "mine.yaml").write_text(yaml.safe_dump(mine))
    code, out = dry_run(tmp_path, "--configfile", str(tmp_path / "mine.yaml"))
    assert code == 0, out
    assert "results/ale/mine/" in out
    for reference in ("patients_gt_hc", "post_gt_pre", "search_pubmed", "screening"):
        assert reference not in out, reference


def test_optional_sections_take_schema_defaults(tmp_path):
    """A config without ale.peaks (or any optional section) gets the schema's defaults."""
    shutil.copy(SLEUTH, tmp_path / "foci.txt")
    path = tmp_path / "review.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "review": {"id": "x", "title": "X"},
                "coordinates": {"sleuth": [{"path": "foci.txt", "analysis": "a"}]},
                "ale": {"threshold": {"method": "uncorrected"}},
            }
        )
    )
    config = load_config(path)
    assert config["ale"]["peaks"] == {"min_distance_mm": 8, "max_subpeaks": 3}
    assert config["ale"]["montecarlo"]["iterations"] == 1000
    assert config["analyses"] == {"a": {"title": "a"}}
    assert config["jackknife"]["enabled"] is True


def test_extends_merges_a_variant_over_its_base(tmp_path):
    (tmp_path / "base.yaml").write_text(
        yaml.safe_dump({"review": {"id": "b", "title": "B"}, "ale": {"threshold": {"method": "uncorrected", "voxel_p": 0.001}}})
    )
    variant = {"extends": "base.yaml", "ale": {"threshold": {"method": "cluster_fwe"}}}
    merged = apply_extends(dict(variant), tmp_path / "variant.yaml")
    assert merged == {"review": {"id": "b", "title": "B"}, "ale": {"threshold": {"method": "cluster_fwe", "voxel_p": 0.001}}}


def test_extends_of_a_missing_file_names_the_key(tmp_path):
    from alereview.errors import ConfigError

    with pytest.raises(ConfigError, match="extends"):
        apply_extends({"extends": "nowhere.yaml"}, tmp_path / "variant.yaml")


@pytest.mark.slow
def test_a_review_from_exports_only_plans_no_pubmed_search(tmp_path):
    """Starting from exports: import, dedup and screening, then the planned stop; no PubMed."""
    (tmp_path / "config").mkdir()
    (tmp_path / "scopus.ris").write_text(
        "TY  - JOUR\nTI  - Rhyme judgement in children\nAU  - Avery, A.\nPY  - 2019\nER  - \n\n", encoding="utf-8"
    )
    config = {
        "review": {"id": "exports_only", "title": "From exports"},
        "search": {"exports": [{"database": "Scopus", "path": "scopus.ris", "format": "ris"}]},
        "screening": {"reviewers": ["AK", "MB"]},
        "studies": {"table": "studies.tsv"},
        "coordinates": {"tables": ["coordinates.tsv"]},
        "analyses": {"main": {"title": "Main"}},
    }
    (tmp_path / "config" / "config.yaml").write_text(yaml.safe_dump(config))
    code, out = dry_run(tmp_path)
    assert code == 0, out
    assert "search_exports" in out and "screening_gate" in out
    assert "search_pubmed" not in out and "ale_analysis" not in out
