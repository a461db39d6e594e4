"""Where the report finds each file of a review (the workflow's layout under ``results/``)."""

from __future__ import annotations
from alereview.tables.studies import table_specs
from alereview.layout import path, stages
from alereview.report.checks import check_files
from alereview.report.contrasts import contrast_files
from alereview.report.viewer import viewer_files

from alereview.report.versions import versions_files


def study_table_names(config: dict) -> list:
    """The study tables of a review (config ``tables.studies``, or the default Table 1), in order."""

    return [spec.name for spec in table_specs(config.get("tables"))]


def standard_files(config: dict, results="results") -> dict:
    """Role → path of every file :func:`alereview.report.html.build_report` shows, for this review only.

    A stage the review does not have has no file here: no search provenance without a search,
    no PRISMA or agreement without screening, no risk-of-bias figures without judgements, no
    jackknife without it. Sections of the config may be absent or empty.

    Parameters
    ----------
    config : dict
        The validated config: which stages, tools, analyses and tables the review has.
    results : str or Path
        The results directory.
    """

    has = stages(config)

    def table(name):
        return path("table", results, table=name, ext="html")

    def figure(name):
        return path("figure", results, figure=name, ext="png")

    quality = config.get("quality") or {}
    files = {}
    if has.search:
        files["provenance_json"] = path("provenance", results)
        if has.pubmed:
            files["pubmed_json"] = path("pubmed_json", results)
    if has.screening:
        files["prisma_png"] = figure("prisma")
        files["prisma_csv"] = path("prisma_csv", results)  # an update's screened records (methods text)
        files["agreement_tsv"] = path("agreement", results)
    for name in study_table_names(config):
        files[f"study_table:{name}"] = table(f"{name}")
    if quality.get("minors"):
        files["table3_html"] = table("table3_minors")
        files["minors_png"] = figure("minors")
    for tool in ("rob1", "rob2"):
        if quality.get(tool):
            files[f"{tool}_traffic_light"] = figure(f"{tool}_traffic_light")
            files[f"{tool}_summary"] = figure(f"{tool}_summary")
    files["coordinates_summary_tsv"] = path("coordinates_summary", results)
    files["table4_html"] = table("table4_clusters")
    if has.jackknife:
        files["table5_html"] = table("table5_jackknife")
    for analysis in config.get("analyses") or {}:
        files[f"{analysis}:clusters_png"] = figure(f"{analysis}_clusters")
        files[f"{analysis}:glass_png"] = figure(f"{analysis}_glass_brain")
        files[f"{analysis}:clusters_tsv"] = path("ale_clusters", results, analysis=analysis)
        files[f"{analysis}:threshold_json"] = path("ale_threshold", results, analysis=analysis)
        if has.jackknife:
            files[f"{analysis}:jackknife_png"] = figure(f"{analysis}_jackknife")
    # The expert checks and the files the methods text reads (alereview.report.checks).

    files.update(check_files(config, results))

    files.update(contrast_files(config, results))
    files.update(versions_files(config, results))
    files.update(viewer_files(config, results))
    return {role: str(path) for role, path in files.items()}


#: The config sections the report reads; the rest (figures, dedup, labels, ...) never changes it.
REPORT_SECTIONS = (
    "review",
    "search",
    "screening",
    "analyses",
    "ale",
    "checks",
    "coordinates",
    "jackknife",
    "quality",
    "report",
    "tables",
    "studies",
)
#: PubMed client settings: how the search was run, not what it was (the report says what).
PUBMED_CLIENT_KEYS = ("email", "batch_size", "max_tries", "backoff", "backoff_max", "timeout")


def report_params(config: dict) -> dict:
    """The part of the config the report reads (the rule ``report_html``'s params), so that a
    change elsewhere (a figure's dpi, dedup thresholds, the PubMed client) does not re-run it."""
    narrow = {key: config[key] for key in REPORT_SECTIONS if key in config}
    pubmed = (narrow.get("search") or {}).get("pubmed")
    if pubmed:
        narrow["search"] = {**narrow["search"], "pubmed": {k: v for k, v in pubmed.items() if k not in PUBMED_CLIENT_KEYS}}
    return narrow
