"""The rule of the report (``rules/report.smk``): ``steps.html(input, output, params, log)`` runs
the rule ``report_html`` (scripts/report_html.py)."""

from __future__ import annotations

from alereview.report.html import build_report


def html(input, output, params, log):
    """results/report.html from every figure and table of the review."""
    files = {name.replace("__", ":"): path for name, path in input.items()}
    build_report(params.config, files, output[0], embed=params.embed)
