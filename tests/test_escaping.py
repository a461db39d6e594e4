"""Input text is escaped in every output format: Markdown, LaTeX, HTML and the report's RST captions."""

from __future__ import annotations

import re
from types import SimpleNamespace

import jinja2
import pandas as pd
import pytest
from docutils.core import publish_parts

from alereview.tables.formats import markdown_paragraph, markdown_text, to_html_fragment, to_latex, to_markdown
from alereview.tables.numbered import write_formatted

from conftest import REPO
from report_fixtures import report_config

PAYLOADS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](http://evil/x.png)",
    "**bold** `code` _em_ a|b",
    "line one\n# heading\n<div>",
    "&lt;script&gt;",
]
#: Raw HTML, or Markdown markup that is not escaped.
LIVE_MARKDOWN = re.compile(r"<[A-Za-z/!?]|(?<!\\)\[|(?<!\\)\*|(?<!\\)`|&lt;script&gt;")


def _study_table(name):
    return pd.DataFrame({"Study": [name], "n": ["12"]})


@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_cells_titles_and_notes_hold_no_live_markup(payload):
    text = to_markdown(_study_table(payload), title=payload, notes=[payload])
    body = "\n".join(line for line in text.splitlines() if not line.startswith("|:") and not line.startswith("|-"))
    assert not LIVE_MARKDOWN.search(body.replace("**" + markdown_text(payload) + "**", markdown_text(payload))), text
    table_rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert all(line.count("|") - line.count("\\|") == 3 for line in table_rows), text  # a cell's | splits no cell


def test_markdown_keeps_plain_text_readable():
    assert markdown_text("Post > pre, p < 0.001, post_gt_pre & more") == "Post > pre, p < 0.001, post_gt_pre & more"
    assert markdown_paragraph("- not a list item") == "\\- not a list item"


@pytest.mark.parametrize("payload", ["\\input{/etc/passwd}", "\\write18{rm -rf ~}", "}\\end{table}", "50% & $x$ #1 ~ ^"])
def test_latex_holds_no_command_from_input(payload):
    text = to_latex(_study_table(payload), title=payload, notes=[payload], label="tab:x}\\input{y")
    assert "\\input{" not in text and "\\write18" not in text and "}\\end{table}" not in text.split("\\bottomrule")[0]
    assert "\\label{tab:x_input_y}" in text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_fragment_escapes(payload):
    text = to_html_fragment(_study_table(payload), title=payload, notes=[payload])
    assert "<script" not in text and "<img" not in text and "<div" not in text


def test_written_tables_escape_the_title_and_the_subtitles(tmp_path):
    blocks = [("<b onmouseover=x>Patients</b> *", _study_table("<script>x</script>"))]
    write_formatted(blocks, {ext: tmp_path / f"t.{ext}" for ext in ("md", "tex", "html")}, title="[t](javascript:x)")
    md = (tmp_path / "t.md").read_text(encoding="utf-8")
    assert "<b " not in md and "<script" not in md and "\\[t\\](javascript:x)" in md
    assert "<script" not in (tmp_path / "t.html").read_text(encoding="utf-8")


INJECTION = "Post > pre\n\n.. raw:: html\n\n   <script>alert('rst')</script>\n\n.. include:: /etc/passwd\n"


def _render_caption(name, config, contrast="a_vs_b"):
    text = (REPO / "report" / f"{name}.rst").read_text(encoding="utf-8")
    wildcards = SimpleNamespace(analysis="post_gt_pre", contrast=contrast)
    env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True)  # as snakemake --report renders captions
    rst = env.from_string(text).render(snakemake=SimpleNamespace(config=config, wildcards=wildcards))
    return publish_parts(rst, writer="html")["body"]


@pytest.mark.parametrize("name", ["clusters", "glass_brain", "jackknife", "workflow"])
def test_report_captions_show_config_text_and_run_none_of_it(name):
    config = report_config()
    config["analyses"]["post_gt_pre"]["title"] = INJECTION
    config["review"]["title"] = INJECTION
    config["review"]["registration"] = "`x <javascript:alert(1)>`_ |sub| *e* :raw:`y`"
    body = _render_caption(name, config)
    assert "<script" not in body and "root:" not in body and 'href="javascript' not in body
    assert "&lt;script&gt;alert(" in body  # shown as text
    assert "System Message" not in body and "system-message" not in body


def test_contrast_captions_escape_the_contrast_name():
    config = report_config()
    config["ale"]["contrasts"] = [{"name": "a_vs_b_", "a": "a", "b": "b", "kind": "subtraction"}]
    for name in ("contrast_clusters", "contrast_glass_brain"):
        body = _render_caption(name, config, contrast="a_vs_b_")
        assert "system-message" not in body and "a_vs_b_" in body
