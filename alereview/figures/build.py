"""Each figure from its input files: what the workflow's scripts and ``alereview figures`` call."""

from __future__ import annotations

from pathlib import Path

from alereview.figures.common import output_paths
from alereview.logs import get_logger

log = get_logger(__name__)


def _paths(png, vector_format):
    return output_paths(png, vector_format)


def analysis_figures(thresholded, clusters_tsv, clusters_png, glass_png, title="", cmap="inferno", dpi=300,
                     vector_format="svg", simulated=False):
    """The cluster panels and the glass brain of one analysis."""
    from alereview.figures.brain import plot_cluster_panels, plot_glass, read_clusters

    clusters = read_clusters(clusters_tsv)
    log.info("%s: %d cluster(s)", title or clusters_tsv, len(clusters))
    plot_cluster_panels(thresholded, clusters, _paths(clusters_png, vector_format), title=title, cmap=cmap, dpi=dpi, simulated=simulated)
    plot_glass(thresholded, clusters, _paths(glass_png, vector_format), title=title, cmap=cmap, dpi=dpi, simulated=simulated)


def jackknife_figure(jackknife_tsv, clusters_tsv, png, title="", dpi=300, vector_format="svg", simulated=False):
    """The jackknife heat map of one analysis, clusters labelled as in the cluster figure."""
    from alereview.figures.jackknife import plot_jackknife, read_jackknife
    from alereview.table_format import experiment_display
    from alereview.tsv import read_tsv

    clusters = read_tsv(clusters_tsv)
    labels = None
    if len(clusters) and {"hemisphere", "gyrus"} <= set(clusters.columns):
        labels = [f"{r['hemisphere']} {r['gyrus'] or r.get('lobe', '')}".strip() or f"cluster {r.get('cluster', i + 1)}"
                  for i, r in enumerate(clusters.to_dict("records"))]
    jackknife = read_jackknife(jackknife_tsv)
    jackknife.index = [experiment_display(name) for name in jackknife.index]  # "Label (id): id" shown once
    if labels is not None and len(labels) != jackknife.shape[1]:
        labels = None
    plot_jackknife(jackknife, _paths(png, vector_format), labels, title=title, dpi=dpi, simulated=simulated)


def prisma_figure(prisma_csv, png, dpi=300, vector_format="svg", simulated=False):
    """The PRISMA 2020 flow diagram."""
    from alereview.figures.prisma import plot_prisma, read_prisma

    plot_prisma(read_prisma(prisma_csv), _paths(png, vector_format), dpi=dpi, simulated=simulated)


def quality_figures(studies_tsv, outputs: dict, rob1="", rob2="", minors="", palette="cochrane", dpi=300,
                    vector_format="svg", simulated=False):
    """Risk-of-bias figures of each tool given, and the MINORS table figure.

    ``outputs`` maps ``rob1_traffic_light``, ``rob1_summary``, ``rob2_traffic_light``,
    ``rob2_summary`` and ``minors`` to PNG paths (those of absent tools are not needed).
    """
    from alereview.figures.rob import plot_minors, plot_summary, plot_traffic_light
    from alereview.quality import read_minors, read_rob
    from alereview.study_tables import read_study_table, study_label

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

def _run(args) -> int:
    common = dict(dpi=args.dpi, vector_format=args.vector_format, simulated=args.simulated)
    out = Path(args.out_dir)
    if args.figure == "prisma":
        prisma_figure(args.inputs[0], out / "prisma.png", **common)
    elif args.figure == "clusters":
        thresholded, clusters_tsv = args.inputs
        analysis_figures(thresholded, clusters_tsv, out / f"{args.name}_clusters.png", out / f"{args.name}_glass_brain.png",
                         title=args.title or args.name, cmap=args.cmap, **common)
    elif args.figure == "jackknife":
        jackknife_tsv, clusters_tsv = args.inputs
        jackknife_figure(jackknife_tsv, clusters_tsv, out / f"{args.name}_jackknife.png", title=args.title or args.name, **common)
    elif args.figure == "quality":
        studies, *rest = args.inputs
        outputs = {k: out / f"{k}.png" for k in ("rob1_traffic_light", "rob1_summary", "rob2_traffic_light", "rob2_summary", "minors")}
        quality_figures(studies, outputs, rob1=args.rob1 or "", rob2=args.rob2 or "", minors=args.minors or "",
                        palette=args.palette, **common)
    return 0


def register(subparsers) -> None:
    """Add ``alereview figures``."""
    parser = subparsers.add_parser(
        "figures", help="draw a figure: prisma, clusters, jackknife or quality",
        description="Draw the review's figures (PNG and SVG/PDF). prisma: PRISMA.csv; clusters: "
                    "thresholded_ale.nii.gz clusters.tsv; jackknife: jackknife.tsv clusters.tsv; "
                    "quality: studies.tsv with --rob1/--rob2/--minors.")
    parser.add_argument("figure", choices=["prisma", "clusters", "jackknife", "quality"])
    parser.add_argument("inputs", nargs="+", help="input files, in the order given above")
    parser.add_argument("--out-dir", default="results/figures")
    parser.add_argument("--name", default="analysis", help="file name stem of an analysis' figures")
    parser.add_argument("--title", default="")
    parser.add_argument("--rob1")
    parser.add_argument("--rob2")
    parser.add_argument("--minors")
    parser.add_argument("--palette", choices=["cochrane", "colourblind"], default="cochrane")
    parser.add_argument("--cmap", default="inferno")
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--vector-format", choices=["svg", "pdf"], default="svg")
    parser.add_argument("--simulated", action="store_true")
    parser.set_defaults(handler=_run)
