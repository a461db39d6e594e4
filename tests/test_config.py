"""The config is validated against config/schema.yaml with messages that name the key."""

import copy

import pytest
import yaml

from alereview.config import validate_config
from alereview.errors import ConfigError

from conftest import REPO

SCHEMA = REPO / "alereview" / "data" / "config.schema.yaml"


@pytest.fixture()
def config():
    with open(REPO / "config" / "config.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _error(config) -> ConfigError:
    with pytest.raises(ConfigError) as excinfo:
        validate_config(config, SCHEMA, base_dir=REPO)
    return excinfo.value


def test_reference_config_is_valid_and_gets_defaults(config):
    completed = validate_config(copy.deepcopy(config), SCHEMA, base_dir=REPO)
    # A default the file does not set is filled in from the schema.
    assert completed["coordinates"]["unmatched"] == "error"
    assert completed["search"]["pubmed"]["datetype"] == "edat"


def test_wrong_type_names_the_key(config):
    config["review"]["seed"] = "twelve"
    error = _error(config)
    assert error.key == "review.seed"
    assert "integer" in str(error)


def test_unknown_key_names_the_key_and_the_allowed_ones(config):
    config["ale"]["threshhold"] = {"voxel_p": 0.001}
    error = _error(config)
    assert error.key == "ale.threshhold"
    assert "unknown key" in str(error) and "threshold" in str(error)


def test_unknown_top_level_key(config):
    config["analysis"] = {}
    assert _error(config).key == "analysis"


def test_missing_required_key(config):
    del config["search"]["cutoff"]
    error = _error(config)
    assert error.key == "search.cutoff"
    assert "missing" in str(error)


def test_value_outside_choices(config):
    config["search"]["pubmed"]["datetype"] = "xdat"
    error = _error(config)
    assert error.key == "search.pubmed.datetype"
    assert "edat" in str(error)


def test_bad_date(config):
    config["search"]["cutoff"] = "21/03/2024"
    error = _error(config)
    assert error.key == "search.cutoff"
    assert "YYYY-MM-DD" in str(error)


def test_missing_file_names_the_key_and_the_path(config):
    del config["search"], config["screening"]  # coordinates only: the study table is needed now
    config["studies"]["table"] = "resources/nowhere/studies.tsv"
    error = _error(config)
    assert error.key == "studies.table"
    assert "resources/nowhere/studies.tsv" in str(error)


def test_missing_file_inside_a_list_names_the_index(config):
    del config["search"], config["screening"]
    config["coordinates"]["tables"] = ["resources/nowhere/foci.tsv"]
    error = _error(config)
    assert error.key == "coordinates.tables[0]"


def test_inputs_filled_in_after_screening_may_be_missing_until_then(config):
    """A review that screens needs its study table and coordinates only after the gate."""
    from alereview.config import inputs_after_screening

    config["studies"]["table"] = "studies_to_come.tsv"
    config["coordinates"]["tables"] = ["foci_to_come.tsv"]
    validate_config(config, SCHEMA, base_dir=REPO)
    assert inputs_after_screening(config, REPO) == [("studies.table", "studies_to_come.tsv"), ("coordinates.tables[0]", "foci_to_come.tsv")]


def test_number_out_of_range(config):
    config["ale"]["threshold"]["voxel_p"] = 1.5
    error = _error(config)
    assert error.key == "ale.threshold.voxel_p"


@pytest.mark.slow
def test_snakemake_reports_the_key_before_running(tmp_path, config):
    """`snakemake -n` with a bad config fails with the alereview message, not a traceback soup."""
    import subprocess

    config["search"]["pubmed"]["datetype"] = "xdat"
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(config), encoding="utf-8")
    result = subprocess.run(
        ["snakemake", "-n", "--configfile", str(bad), "--directory", str(REPO)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "config key 'search.pubmed.datetype'" in result.stdout + result.stderr
