"""The rules of the figures (``rules/figures.smk``, ``rules/contrasts.smk``), one function each:
``steps.<step>(input, output, params, log)`` runs the rule ``figures_<step>``
(scripts/figures_<step>.py)."""

from __future__ import annotations

from alereview.figures import build
from alereview.figures.contrasts import contrast_figures


def analysis(input, output, params, log):
    """Cluster panels and glass brain of one analysis."""
    build.analysis_figures(
        input.thresholded,
        input.clusters,
        output.clusters,
        output.glass,
        title=params.title,
        cmap=params.cmap,
        dpi=params.dpi,
        vector_format=params.vector_format,
        simulated=params.simulated,
    )


def contrast(input, output, params, log):
    """Cluster panels and glass brain of one contrast."""
    contrast_figures(
        input.thresholded,
        input.clusters,
        input.threshold,
        output.clusters,
        output.glass,
        title=params.title,
        cmap=params.cmap,
        dpi=params.dpi,
        vector_format=params.vector_format,
        simulated=params.simulated,
    )


def jackknife(input, output, params, log):
    """The jackknife heat map of one analysis."""
    build.jackknife_figure(
        input.jackknife,
        input.clusters,
        output.png,
        title=params.title,
        dpi=params.dpi,
        vector_format=params.vector_format,
        simulated=params.simulated,
    )


def prisma(input, output, params, log):
    """The PRISMA 2020 flow diagram."""
    build.prisma_figure(input[0], output.png, dpi=params.dpi, vector_format=params.vector_format, simulated=params.simulated)


def quality(input, output, params, log):
    """Risk-of-bias figures (RoB 1 / RoB 2) and the MINORS figure."""
    outputs = {name: path for name, path in output.items() if name != "vectors"}
    build.quality_figures(
        input.studies,
        outputs,
        rob1=input.get("rob1", ""),
        rob2=input.get("rob2", ""),
        minors=input.get("minors", ""),
        palette=params.palette,
        dpi=params.dpi,
        vector_format=params.vector_format,
        simulated=params.simulated,
    )
