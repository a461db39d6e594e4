"""The report's section on contrasts between analyses (config ``ale.contrasts``).

Each subtraction or conjunction is shown like an analysis: what it tests and how (the method
sentence of its ``threshold.json``), its cluster panels and glass brain, and its cluster table.
"""

from __future__ import annotations

from alereview.layout import path
from alereview.report.optional import read_optional
from alereview.report.viewer import contrast_viewer
from alereview.tsv import read_json, read_tsv

#: Columns of a contrast's clusters.tsv shown in the report, in this order, when present.
SHOWN = [
    ("cluster", "Cluster"),
    ("direction", "Direction"),
    ("volume_mm3", "Volume (mm³)"),
    ("x", "x"),
    ("y", "y"),
    ("z", "z"),
    ("peak_stat", "Peak statistic"),
    ("hemisphere", "Hemisphere"),
    ("gyrus", "Gyrus"),
    ("ba", "BA"),
    ("aal", "AAL"),
]


def contrast_files(config: dict, results="results") -> dict:
    """Role → path of every contrast file the report shows (``contrast:<name>:<what>``)."""
    files = {}
    for contrast in (config.get("ale") or {}).get("contrasts") or []:
        name = contrast["name"]
        files[f"contrast:{name}:clusters_tsv"] = path("contrast_clusters", results, contrast=name)
        files[f"contrast:{name}:threshold_json"] = path("contrast_threshold", results, contrast=name)
        files[f"contrast:{name}:clusters_png"] = path("figure", results, figure=f"contrast_{name}_clusters", ext="png")
        files[f"contrast:{name}:glass_png"] = path("figure", results, figure=f"contrast_{name}_glass_brain", ext="png")
    return files


def contrast_sign(contrast: dict) -> str:
    """``−`` for a subtraction, ``∩`` for a conjunction."""
    return "−" if contrast["kind"] == "subtraction" else "∩"


def contrast_title(config: dict, contrast: dict) -> str:
    """``"Knowledge − Relatedness"`` (subtraction) or ``"Knowledge ∩ Relatedness"`` (conjunction)."""
    analyses = config.get("analyses") or {}
    titles = [(analyses.get(contrast[side]) or {}).get("title") or contrast[side] for side in ("a", "b")]
    return f"{titles[0]} {contrast_sign(contrast)} {titles[1]}"


def contrasts_section(report, config: dict, files: dict, simulated: bool) -> None:
    """Add the contrasts section (nothing when the review has no contrast)."""
    contrasts = (config.get("ale") or {}).get("contrasts") or []
    if not contrasts:
        return
    report.section("contrasts", "Contrasts between analyses")
    for contrast in contrasts:
        name, title = contrast["name"], contrast_title(config, contrast)
        report.add(f'<h3 id="contrast-{name}">{_escape(title)}</h3>')
        threshold = read_optional(files.get(f"contrast:{name}:threshold_json"), read_json) or {}
        if threshold.get("threshold"):
            report.paragraph(f"{contrast['kind'].capitalize()}: {threshold['threshold']}")
        clusters = read_optional(files.get(f"contrast:{name}:clusters_tsv"), read_tsv)
        if clusters is None:
            report.missing(f"the cluster table of {name}")
            continue
        if clusters.empty:
            report.paragraph("No cluster survived the threshold in this contrast.", "statement")
            continue
        report.figure(files.get(f"contrast:{name}:clusters_png"), f"{title}: clusters.", simulated)
        report.figure(files.get(f"contrast:{name}:glass_png"), f"{title}: glass brain.", simulated)
        contrast_viewer(report, contrast, title, files, clusters)
        shown = [(column, header) for column, header in SHOWN if column in clusters.columns]
        table = clusters[[column for column, _ in shown]].rename(columns=dict(shown))
        report.table(table, title=f"Clusters of {title}", simulated=simulated)


def _escape(text: str) -> str:
    import html

    return html.escape(str(text))
