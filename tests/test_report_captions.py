"""Captions of the Snakemake report: every report() output has one; it renders and says "simulated"."""

import re
from types import SimpleNamespace

import jinja2
import pytest
from docutils.core import publish_parts

from report_fixtures import report_config

from conftest import REPO

CAPTIONS = sorted(
    {m for path in (REPO / "rules").glob("*.smk") for m in re.findall(r'caption=f?"\.\./report/([^"]+)\.rst"', path.read_text())}
    - {"{caption}"}
)


def _render(name, config):
    text = (REPO / "report" / f"{name}.rst").read_text(encoding="utf-8")
    wildcards = SimpleNamespace(
        analysis="post_gt_pre",
        study_table="table1_studies",
        ale_table="table5_jackknife",
        contrast=(config["ale"].get("contrasts") or [{"name": ""}])[0]["name"],
    )
    snakemake = SimpleNamespace(config=config, wildcards=wildcards)
    rst = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(text).render(snakemake=snakemake)
    return publish_parts(rst, writer="html", settings_overrides={"report_level": 2, "halt_level": 2})["body"]


def test_every_caption_file_exists():
    # The figure captions come from figure(stem, caption, ...) in rules/common.smk.
    names = set(CAPTIONS) | set(re.findall(r'figure\(\s*f?"[^"]+",\s*"([^"]+)"', (REPO / "rules" / "common.smk").read_text()))
    assert {"clusters", "glass_brain", "jackknife", "prisma", "study_table", "ale_table", "rob_traffic_light", "minors"} <= names
    for name in names | {"workflow"}:
        assert (REPO / "report" / f"{name}.rst").is_file(), name


@pytest.mark.parametrize("name", sorted(set(CAPTIONS) | {"rob_traffic_light", "rob_summary", "minors", "workflow"}))
def test_caption_renders_and_says_simulated(name):
    config = report_config()
    if not config["ale"].get("contrasts"):  # the contrast captions need one (the reference review has none)
        config["ale"]["contrasts"] = [{"name": "a_vs_b", "a": "a", "b": "b", "kind": "subtraction"}]
    assert "simulated" in _render(name, config).lower()
    config["review"]["simulated_inputs"] = False
    assert "simulated" not in _render(name, config).lower()
