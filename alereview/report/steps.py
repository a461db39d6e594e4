"""The rules of the report (``rules/report.smk``), each ``steps.<step>(input, output, params, log)``:
``html`` runs ``report_html`` (scripts/report_html.py), ``viewer`` runs ``report_viewer`` and
``contrast_viewer`` runs ``report_contrast_viewer`` (one map viewer page each, for
``snakemake --report``)."""

from __future__ import annotations

from alereview.report.html import build_report
from alereview.report.viewer import viewer_page


def html(input, output, params, log):
    """results/report.html from every figure and table of the review, and the methods as Word."""
    files = {name.replace("__", ":"): path for name, path in input.items()}
    build_report(params.config, files, output.html, embed=params.embed, methods_docx=output.methods_docx)


def viewer(input, output, params, log):
    """results/viewers/analyses/{analysis}.html: the analysis's thresholded ALE map (z read out)."""
    viewer_page(output[0], dict(input.items()), params.title, simulated=params.simulated)


def contrast_viewer(input, output, params, log):
    """results/viewers/contrasts/{contrast}.html: the contrast's thresholded map."""
    viewer_page(output[0], dict(input.items()), params.title, contrast=params.contrast, simulated=params.simulated)
