"""Each figure from its input files: what the workflow's scripts and ``alereview figures`` call."""

from __future__ import annotations


from alereview.figures.common import output_paths
from alereview.logs import get_logger
from alereview.figures.brain import plot_cluster_panels, plot_glass, read_clusters
from alereview.figures.jackknife import plot_jackknife, read_jackknife
from alereview.tables.formats import experiment_display
from alereview.tsv import read_tsv
from alereview.figures.prisma import plot_prisma, read_prisma
from alereview.figures.rob import plot_minors, plot_summary, plot_traffic_light
from alereview.tables.quality import read_minors, read_rob
from alereview.tables.studies import read_study_table, study_label

log = get_logger(__name__)


def _paths(png, vector_format):
    return output_paths(png, vector_format)


def analysis_figures(
    thresholded, clusters_tsv, clusters_png, glass_png, title="", cmap="inferno", dpi=300, vector_format="svg", simulated=False
):
    """The cluster panels and the glass brain of one analysis."""

    clusters = read_clusters(clusters_tsv)
    log.info("%s: %d cluster(s)", title or clusters_tsv, len(clusters))
    plot_cluster_panels(thresholded, clusters, _paths(clusters_png, vector_format), title=title, cmap=cmap, dpi=dpi, simulated=simulated)
    plot_glass(thresholded, clusters, _paths(glass_png, vector_format), title=title, cmap=cmap, dpi=dpi, simulated=simulated)


def jackknife_figure(jackknife_tsv, clusters_tsv, png, title="", dpi=300, vector_format="svg", simulated=False):
    """The jackknife heat map of one analysis, clusters labelled as in the cluster figure."""

    clusters = read_tsv(clusters_tsv)
    labels = None
    if len(clusters) and {"hemisphere", "gyrus"} <= set(clusters.columns):
        labels = [
            f"{r['hemisphere']} {r['gyrus'] or r.get('lobe', '')}".strip() or f"cluster {r.get('cluster', i + 1)}"
            for i, r in enumerate(clusters.to_dict("records"))
        ]
    jackknife = read_jackknife(jackknife_tsv)
    jackknife.index = [experiment_display(name) for name in jackknife.index]  # "Label (id): id" shown once
    if labels is not None and len(labels) != jackknife.shape[1]:
        labels = None
    plot_jackknife(jackknife, _paths(png, vector_format), labels, title=title, dpi=dpi, simulated=simulated)


def prisma_figure(prisma_csv, png, dpi=300, vector_format="svg", simulated=False):
    """The PRISMA 2020 flow diagram."""

    plot_prisma(read_prisma(prisma_csv), _paths(png, vector_format), dpi=dpi, simulated=simulated)


def quality_figures(
    studies_tsv, outputs: dict, rob1="", rob2="", minors="", palette="cochrane", dpi=300, vector_format="svg", simulated=False
):
    """Risk-of-bias figures of each tool given, and the MINORS table figure.

    ``outputs`` maps ``rob1_traffic_light``, ``rob1_summary``, ``rob2_traffic_light``,
    ``rob2_summary`` and ``minors`` to PNG paths (those of absent tools are not needed).
    """

    labels = {row["study_id"]: study_label(row) for row in read_study_table(studies_tsv).to_dict("records")} if studies_tsv else {}
    for tool, path in (("rob1", rob1), ("rob2", rob2)):
        if not path:
            continue
        rob = read_rob(path, tool)
        plot_traffic_light(rob, _paths(outputs[f"{tool}_traffic_light"], vector_format), tool, labels, palette, dpi, simulated)
        plot_summary(rob, _paths(outputs[f"{tool}_summary"], vector_format), tool, palette, dpi, simulated)
    if minors:
        plot_minors(read_minors(minors), _paths(outputs["minors"], vector_format), labels, palette, dpi, simulated)


# --- Command line --------------------------------------------------------------------------
