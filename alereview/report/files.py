"""Where the report finds each file of a review (the workflow's layout under ``results/``)."""

from __future__ import annotations

from pathlib import Path


def standard_files(config: dict, results="results") -> dict:
    """Role → path of every file :func:`alereview.report.html.build_report` shows.

    Parameters
    ----------
    config : dict
        The validated config: which tools, analyses and jackknife the review has.
    results : str or Path
        The results directory.
    """
    r = Path(results)
    quality = config.get("quality", {})
    jackknife = config.get("jackknife", {}).get("enabled", True)
    files = {
        "provenance_json": r / "records" / "provenance.json",
        "prisma_png": r / "figures" / "prisma.png",
        "agreement_tsv": r / "screening" / "agreement.tsv",
        "table1_html": r / "tables" / "table1_studies.html",
        "table2_html": r / "tables" / "table2_mri.html",
        "table4_html": r / "tables" / "table4_clusters.html",
        "coordinates_summary_tsv": r / "coordinates" / "summary.tsv",
    }
    if config["search"].get("pubmed"):
        files["pubmed_json"] = r / "search" / "pubmed.json"
    if quality.get("minors"):
        files["table3_html"] = r / "tables" / "table3_minors.html"
        files["minors_png"] = r / "figures" / "minors.png"
    for tool in ("rob1", "rob2"):
        if quality.get(tool):
            files[f"{tool}_traffic_light"] = r / "figures" / f"{tool}_traffic_light.png"
            files[f"{tool}_summary"] = r / "figures" / f"{tool}_summary.png"
    if jackknife:
        files["table5_html"] = r / "tables" / "table5_jackknife.html"
    for analysis in config["analyses"]:
        files[f"{analysis}:clusters_png"] = r / "figures" / f"{analysis}_clusters.png"
        files[f"{analysis}:glass_png"] = r / "figures" / f"{analysis}_glass_brain.png"
        files[f"{analysis}:clusters_tsv"] = r / "ale" / analysis / "clusters.tsv"
        files[f"{analysis}:threshold_json"] = r / "ale" / analysis / "threshold.json"
        if jackknife:
            files[f"{analysis}:jackknife_png"] = r / "figures" / f"{analysis}_jackknife.png"
    return {role: str(path) for role, path in files.items()}


def register(subparsers) -> None:
    """Add ``alereview report``."""
    parser = subparsers.add_parser("report", help="write the HTML report of a review from its results",
                                   description="Write report.html (offline, one file) from a review's results directory.")
    parser.add_argument("--config", default="config/config.yaml", help="the review's config (default: %(default)s)")
    parser.add_argument("--results", default="results", help="its results directory (default: %(default)s)")
    parser.add_argument("--out", default="results/report.html")
    parser.add_argument("--link-images", action="store_true", help="link the figures instead of embedding them")
    parser.set_defaults(handler=_run)


def _run(args) -> int:
    from alereview.config import load_config
    from alereview.report.html import build_report

    config = load_config(args.config)
    print(build_report(config, standard_files(config, args.results), args.out, embed=not args.link_images))
    return 0
