"""Config keys that name another thing are checked at config time (alereview/config_refs.py)."""

import copy
import datetime as dt
import subprocess
import sys

import nibabel as nib
import numpy as np
import pytest
import yaml

from alereview.config import SCHEMA_PATH, load_config, validate_config
from alereview.errors import ConfigError

from conftest import REPO


@pytest.fixture(scope="module")
def reference():
    with open(REPO / "config" / "config.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@pytest.fixture()
def config(reference):
    config = copy.deepcopy(reference)
    config["analyses"] = {"post_gt_pre": {"title": "Post > pre"}, "pre_gt_post": {"title": "Pre > post"}}
    config["coordinates"]["sleuth"] = []
    config["ale"]["contrasts"] = []
    config["ale"]["overrides"] = {}
    return config


def _error(config, base_dir=REPO) -> ConfigError:
    with pytest.raises(ConfigError) as excinfo:
        validate_config(config, SCHEMA_PATH, base_dir=base_dir)
    return excinfo.value


def test_the_reference_config_names_only_what_exists(reference):
    validate_config(copy.deepcopy(reference), SCHEMA_PATH, base_dir=REPO)


def test_override_of_an_unknown_analysis_is_refused_with_a_suggestion(config):
    config["ale"]["overrides"] = {"post_gt_pree": {"method": "cluster_fwe"}}
    error = _error(config)
    assert error.key == "ale.overrides.post_gt_pree"
    assert "'post_gt_pre'" in str(error) and "did you mean 'post_gt_pre'" in str(error)
    assert "pre_gt_post" in str(error)  # the allowed values are listed


def test_override_of_a_known_analysis_passes(config):
    config["ale"]["overrides"] = {"post_gt_pre": {"method": "cluster_fwe"}}
    validate_config(config, SCHEMA_PATH, base_dir=REPO)


@pytest.mark.parametrize("side", ["a", "b"])
def test_contrast_naming_an_unknown_analysis(config, side):
    contrast = {"name": "c1", "kind": "subtraction", "a": "post_gt_pre", "b": "pre_gt_post"}
    contrast[side] = "post_vs_pre"
    config["ale"]["contrasts"] = [contrast]
    error = _error(config)
    assert error.key == f"ale.contrasts[0].{side}"


def test_sleuth_file_feeding_an_unknown_analysis(config, tmp_path):
    (tmp_path / "a.txt").write_text("// Reference=MNI\n")
    config["coordinates"]["sleuth"] = [{"path": str(tmp_path / "a.txt"), "analysis": "post_gt_pr"}]
    error = _error(config)
    assert error.key == "coordinates.sleuth[0].analysis" and "did you mean 'post_gt_pre'" in str(error)


def test_studyset_entries_are_checked_when_present():
    from alereview.config_refs import check_analysis_refs

    config = {
        "analyses": {"a1": {}},
        "coordinates": {
            "studysets": [{"path": "x.json", "analysis": "a1"}, {"path": "y.json", "analyses": {"a1": "included", "a2": "included"}}]
        },
    }
    with pytest.raises(ConfigError) as excinfo:
        check_analysis_refs(config)
    assert excinfo.value.key == "coordinates.studysets[1].analyses[1]" and "'a2'" in str(excinfo.value)
    config["coordinates"]["studysets"][1]["analyses"] = {"a1": "included"}
    check_analysis_refs(config)
    config["coordinates"]["studysets"][0]["analysis"] = "a3"
    with pytest.raises(ConfigError, match=r"studysets\[0\]\.analysis"):
        check_analysis_refs(config)


def test_decision_file_reviewer_must_be_a_reviewer(config, tmp_path):
    decisions = tmp_path / "ta.csv"
    decisions.write_text("record_id,decision\n")
    config["screening"]["title_abstract"] = [{"path": str(decisions), "format": "asreview_csv", "reviewer": "LDx"}]
    error = _error(config)
    assert error.key == "screening.title_abstract[0].reviewer"
    assert "LDX" in str(error) and "did you mean 'LDX'" in str(error)


def test_source_priority_must_name_a_searched_database(config):
    config["dedup"]["source_priority"] = ["PubMed", "Embsae"]
    error = _error(config)
    assert error.key == "dedup.source_priority[1]" and "did you mean 'Embase'" in str(error)


def test_pubmed_is_not_a_database_without_a_pubmed_search(config):
    del config["search"]["pubmed"]
    config["dedup"]["source_priority"] = ["PubMed"]
    assert _error(config).key == "dedup.source_priority[0]"


def test_absent_sections_are_not_checked():
    from alereview.config_refs import check_references

    check_references({"review": {"id": "x"}})


@pytest.mark.parametrize("content", [None, b"not a nifti at all\n", "4d"])
def test_mask_that_is_missing_or_not_a_3d_nifti(config, tmp_path, content):
    path = tmp_path / "mask.nii.gz"
    if content == "4d":
        nib.save(nib.Nifti1Image(np.ones((4, 4, 4, 2), dtype=np.uint8), np.eye(4)), path)
    elif content is not None:
        path.write_bytes(content)
    config["ale"]["mask"] = str(path)
    error = _error(config)
    assert error.key == "ale.mask" and str(path) in str(error)
    assert "Traceback" not in str(error)


def test_mask_that_is_a_3d_nifti_passes(config, tmp_path):
    path = tmp_path / "mask.nii.gz"
    nib.save(nib.Nifti1Image(np.ones((4, 4, 4), dtype=np.uint8), np.eye(4)), path)
    config["ale"]["mask"] = str(path)  # absolute: the other paths resolve against the repository
    validate_config(config, SCHEMA_PATH, base_dir=REPO)


def test_unquoted_yaml_date_is_accepted(reference, tmp_path):
    text = (REPO / "config" / "config.yaml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    cutoff = config["search"]["cutoff"]
    config["search"]["cutoff"] = dt.date.fromisoformat(str(cutoff))
    config["search"]["start"] = dt.date(1990, 1, 1)
    validate_config(config, SCHEMA_PATH, base_dir=REPO)
    assert config["search"]["cutoff"] == str(cutoff) and config["search"]["start"] == "1990-01-01"


def test_unquoted_yaml_date_passes_snakemakes_validate_too(reference):
    """common.smk runs validate_config then snakemake.utils.validate on the same dict."""
    from snakemake.utils import validate

    config = copy.deepcopy(reference)
    config["search"]["cutoff"] = dt.date(2020, 12, 31)
    validate_config(config, SCHEMA_PATH, base_dir=REPO)
    validate(config, str(SCHEMA_PATH))
    assert config["search"]["cutoff"] == "2020-12-31"


def test_unquoted_date_in_a_config_file(tmp_path, reference):
    config = copy.deepcopy(reference)
    config["search"]["cutoff"] = "CUTOFF"
    text = yaml.safe_dump(config).replace("'CUTOFF'", "2020-12-31").replace("CUTOFF", "2020-12-31")
    assert "cutoff: 2020-12-31" in text
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_config(path, base_dir=REPO)
    assert loaded["search"]["cutoff"] == "2020-12-31"


@pytest.mark.slow
def test_snakemake_dry_run_accepts_an_unquoted_date(tmp_path):
    """The workflow itself (common.smk) with an unquoted cutoff: a dry run plans, no type error."""
    from workflow_copy import copy_workflow

    work = copy_workflow(tmp_path / "wf")
    path = work / "config" / "config.yaml"
    text = path.read_text(encoding="utf-8")
    import re

    text, n = re.subn(r'(?m)^(\s*cutoff:\s*)["\']?(\d{4}-\d{2}-\d{2})["\']?', r"\g<1>\g<2>", text)
    assert n == 1
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "snakemake", "-n", "-c1", "--quiet", "rules"], cwd=work, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.mark.parametrize("content", [None, b"plain text, not NIfTI\n"])
def test_ale_cli_mask_that_is_missing_or_not_nifti(tmp_path, capsys, content):
    from alereview.cli import main

    sleuth = tmp_path / "a.txt"
    sleuth.write_text("// Reference=MNI\n// s1: e1\n// Subjects=10\n1 2 3\n", encoding="utf-8")
    mask = tmp_path / "mask.nii"
    if content is not None:
        mask.write_bytes(content)
    status = main(["ale", str(sleuth), "--out", str(tmp_path / "out"), "--mask", str(mask)])
    err = capsys.readouterr().err
    assert status == 2 and str(mask) in err and "--mask" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
