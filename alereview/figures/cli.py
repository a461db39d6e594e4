"""``alereview figures``: draw one figure of a review from its results."""

from __future__ import annotations

from pathlib import Path

from alereview.figures.build import analysis_figures, jackknife_figure, prisma_figure, quality_figures
from alereview.numbers import cli_int


def _run(args) -> int:
    common = dict(dpi=args.dpi, vector_format=args.vector_format, simulated=args.simulated)
    out = Path(args.out_dir)
    if args.figure == "prisma":
        prisma_figure(args.inputs[0], out / "prisma.png", **common)
    elif args.figure == "clusters":
        thresholded, clusters_tsv = args.inputs
        analysis_figures(
            thresholded,
            clusters_tsv,
            out / f"{args.name}_clusters.png",
            out / f"{args.name}_glass_brain.png",
            title=args.title or args.name,
            cmap=args.cmap,
            **common,
        )
    elif args.figure == "jackknife":
        jackknife_tsv, clusters_tsv = args.inputs
        jackknife_figure(jackknife_tsv, clusters_tsv, out / f"{args.name}_jackknife.png", title=args.title or args.name, **common)
    elif args.figure == "quality":
        studies, *rest = args.inputs
        outputs = {k: out / f"{k}.png" for k in ("rob1_traffic_light", "rob1_summary", "rob2_traffic_light", "rob2_summary", "minors")}
        quality_figures(
            studies, outputs, rob1=args.rob1 or "", rob2=args.rob2 or "", minors=args.minors or "", palette=args.palette, **common
        )
    return 0


def register(subparsers) -> None:
    """Add ``alereview figures``."""
    parser = subparsers.add_parser(
        "figures",
        help="draw a figure: prisma, clusters, jackknife or quality",
        description="Draw the review's figures (PNG and SVG/PDF). prisma: PRISMA.csv; clusters: "
        "thresholded_ale.nii.gz clusters.tsv; jackknife: jackknife.tsv clusters.tsv; "
        "quality: studies.tsv with --rob1/--rob2/--minors.",
    )
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
    parser.add_argument("--dpi", type=cli_int, default=300)
    parser.add_argument("--vector-format", choices=["svg", "pdf"], default="svg")
    parser.add_argument("--simulated", action="store_true")
    parser.set_defaults(handler=_run)
