"""The Snakemake workflow catalog's standardized usage: its settings file, config/README.md from
the schema (up to date), and every example config planned by Snakemake (dry-run)."""

import shutil
import subprocess
import sys

import pytest
import yaml

from alereview.review.config_docs import EXAMPLES, config_readme, rows

from conftest import REPO
from workflow_copy import copy_workflow


def test_catalog_settings_have_the_catalogs_keys():
    settings = yaml.safe_load((REPO / ".snakemake-workflow-catalog.yml").read_text(encoding="utf-8"))
    usage = settings["usage"]
    assert set(usage) == {"mandatory-flags", "software-stack-deployment"}
    assert set(usage["mandatory-flags"]) == {"desc", "flags"}
    assert isinstance(usage["mandatory-flags"]["flags"], (str, list))
    deployment = usage["software-stack-deployment"]
    assert set(deployment) == {"conda", "apptainer", "apptainer+conda", "report"}
    assert all(isinstance(value, bool) for value in deployment.values())
    # The workflow has report() outputs and captions; no rule names a conda env or a container.
    assert deployment["report"] and (REPO / "report" / "workflow.rst").is_file()
    rules = "".join(path.read_text(encoding="utf-8") for path in (REPO / "rules").glob("*.smk"))
    assert "report(" in rules
    assert deployment["conda"] == ("conda:" in rules)
    assert deployment["apptainer"] == ("container:" in rules)


def test_config_readme_is_up_to_date():
    """Regenerate with `python -m alereview.review.config_docs config/README.md`."""
    assert (REPO / "config" / "README.md").read_text(encoding="utf-8") == config_readme()


def test_config_readme_lists_every_key_of_the_default_review():
    types = {key: kind for key, kind, *_ in rows(yaml.safe_load((REPO / "alereview" / "data" / "config.schema.yaml").read_text()))}
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))

    def walk(node, prefix):
        if types.get(prefix, "").startswith("mapping"):
            return  # keys the reviewer chooses, values of one type
        for key, value in node.items():
            path = f"{prefix}.{key}" if prefix else key
            if path not in types and f"{prefix}.<name>" in types:
                path = f"{prefix}.<name>"
            yield path
            if isinstance(value, dict):
                yield from walk(value, path)
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                for item in value:
                    yield from walk(item, f"{path}[]")

    used = set(walk(config, ""))
    assert len(used) > 100
    assert used - set(types) == set()
    text = (REPO / "config" / "README.md").read_text(encoding="utf-8")
    assert all(f"`{key}`" in text for key in used)


def test_a_schema_change_shows_in_the_readme(tmp_path):
    schema = yaml.safe_load((REPO / "alereview" / "data" / "config.schema.yaml").read_text())
    schema["properties"]["review"]["properties"]["seed"]["description"] = "a | new meaning"
    changed = tmp_path / "schema.yaml"
    changed.write_text(yaml.safe_dump(schema))
    text = config_readme(changed)
    assert "| `review.seed` | integer, ≥ 0 | `0` | a \\| new meaning |" in text
    assert text != config_readme()


def _dry_run(workflow, review, *extra):
    command = [
        sys.executable,
        "-m",
        "snakemake",
        "-n",
        "--cores",
        "1",
        "-s",
        str(workflow / "Snakefile"),
        "--directory",
        str(review),
        *extra,
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    return done.returncode, done.stdout + done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("config_path", [path for path, _ in EXAMPLES])
def test_example_configs_plan_their_review(tmp_path, config_path):
    """Each example config of config/README.md, as the README says to run it, plans its jobs."""
    workflow = copy_workflow(tmp_path / "workflow")
    if config_path.startswith("examples/"):
        review = tmp_path / "review"
        shutil.copytree(REPO / config_path.split("/config/")[0], review)
        code, out = _dry_run(workflow, review)
    elif config_path == "config/config.yaml":
        code, out = _dry_run(workflow, workflow)
    else:
        code, out = _dry_run(workflow, workflow, "--configfile", str(workflow / config_path))
    assert code == 0, out[-4000:]
    assert "Job stats" in out or "Nothing to be done" in out
