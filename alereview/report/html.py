"""``results/report.html``: the whole review on one page that opens offline.

No CDN, no web font: images are embedded as data URIs (or linked relative to the report),
tables are plain HTML. The one script is the map viewers' (NiiVue, embedded with the maps:
:mod:`alereview.report.viewer`). The report has the sections the review has (no search section
in a coordinates-only review, no risk of bias without judgements, ...); each reads its files
when they exist and says so when they do not, so a partial run still gives a readable report.
"""

from __future__ import annotations

import base64
import html
import os
from pathlib import Path

import pandas as pd

from alereview.coordinates.datachecks import display_table
from alereview.tables.word import write_methods_docx
from alereview.layout import stages
from alereview.logs import get_logger
from alereview.report.checks import checks_section, prisma_s_section
from alereview.report.contrasts import contrasts_section
from alereview.report.files import study_table_names
from alereview.report.optional import read_optional
from alereview.report.versions import living_methods_paragraph, versions_section
from alereview.report.methods import Citations, methods_paragraphs, software_versions
from alereview.report.viewer import VIEWER_CSS, analysis_viewer, page_scripts
from alereview.tables.formats import SIMULATED_NOTE, TABLE_CSS, to_html_fragment
from alereview.tsv import read_json, read_tsv
from alereview.tsv import atomic_write_text

log = get_logger(__name__)

CSS = (
    TABLE_CSS
    + (
        "body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}"
        "h1{font-size:1.6em;margin-bottom:0.2em}h2{border-bottom:1px solid #ccc;padding-bottom:0.2em;margin-top:2em}"
        "figure{margin:1em 0}figure img{max-width:100%;height:auto;border:0}figcaption{font-size:0.9em;color:#444}"
        "pre{white-space:pre-wrap;background:#f6f6f6;padding:0.6em;font-size:0.85em}"
        ".banner{background:#fbeaea;border:1px solid #d9a3a3;color:#7a1c1c;padding:0.6em 1em;font-weight:600}"
        ".missing{color:#8a5a00;font-style:italic}.statement{font-weight:600;padding:0.6em 0}"
        "nav ol{columns:2}dl.kv dt{font-weight:600;float:left;clear:left;width:12em}dl.kv dd{margin-left:13em}"
    )
    + VIEWER_CSS
)


def esc(text) -> str:
    return html.escape("" if text is None else str(text))


def image_tag(path, alt, embed=True, base_dir=None) -> str:
    """An ``<img>``: embedded as a data URI, or linked relative to ``base_dir`` (the report's folder)."""
    path = Path(path)
    mime = {".png": "image/png", ".svg": "image/svg+xml", ".jpg": "image/jpeg"}.get(path.suffix.lower(), "application/octet-stream")
    if embed:
        src = f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")
    else:
        src = os.path.relpath(path, base_dir or ".").replace(os.sep, "/")
    return f'<img src="{src}" alt="{esc(alt)}">'


class Report:
    """Collects sections and writes the page."""

    def __init__(self, embed=True, base_dir="."):
        self.parts: list[str] = []
        self.toc: list[tuple[str, str]] = []
        self.embed = embed
        self.base_dir = base_dir
        self.n_figures = 0
        self.n_viewers = 0

    def section(self, anchor, title):
        self.toc.append((anchor, title))
        self.parts.append(f'<h2 id="{anchor}">{esc(title)}</h2>')

    def add(self, fragment):
        self.parts.append(fragment)

    def paragraph(self, text, css=""):
        self.parts.append(f"<p{f' class={chr(34)}{css}{chr(34)}' if css else ''}>{esc(text)}</p>")

    def missing(self, what):
        self.paragraph(f"Not available: {what} was not produced by this run.", "missing")

    def figure(self, path, caption, simulated=False):
        if not path or not Path(path).is_file():
            self.missing(f"the figure {Path(path).name if path else ''}")
            return
        self.n_figures += 1
        note = f" <strong>{esc(SIMULATED_NOTE)}</strong>" if simulated else ""
        self.parts.append(
            f"<figure>{image_tag(path, caption, self.embed, self.base_dir)}"
            f"<figcaption>Figure {self.n_figures}. {esc(caption)}{note}</figcaption></figure>"
        )

    def table(self, df, title="", notes=(), simulated=False):
        self.parts.append(to_html_fragment(df, title=title, notes=notes, simulated=simulated))

    def render(self, title, subtitle="", banner="") -> str:
        toc = "".join(f'<li><a href="#{a}">{esc(t)}</a></li>' for a, t in self.toc)
        head = f"<h1>{esc(title)}</h1>" + (f"<p>{esc(subtitle)}</p>" if subtitle else "")
        if banner:
            head += f'<p class="banner">{esc(banner)}</p>'
        return (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{esc(title)}</title>'
            f"<style>{CSS}</style></head><body>\n{head}\n<nav><ol>{toc}</ol></nav>\n"
            + "\n".join(self.parts)
            + "\n"
            + (page_scripts() if self.n_viewers else "")
            + "</body></html>\n"
        )


def _protocol(report, config):
    report.section("protocol", "Protocol")
    review = config["review"]
    search, screening = config.get("search") or {}, config.get("screening") or {}
    databases = list(dict.fromkeys((["PubMed"] if search.get("pubmed") else []) + [e["database"] for e in search.get("exports") or []]))
    reviewers = ", ".join(screening.get("reviewers") or []) + (f"; arbiter {screening['arbiter']}" if screening.get("arbiter") else "")
    items = [("Registration", review.get("registration") or "not registered")]
    if databases:
        items += [("Databases", ", ".join(databases))]
        if search.get("cutoff"):
            items += [("Searched", f"from {search.get('start', 'inception')} to {search['cutoff']}")]
    if reviewers:
        items += [("Reviewers", reviewers)]
    items += [("Analyses", "; ".join(a["title"] for a in (config.get("analyses") or {}).values()))]
    report.add('<dl class="kv">' + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in items) + "</dl>")
    if search.get("pubmed"):
        report.add("<p>PubMed query:</p><pre>" + esc(search["pubmed"]["query"]) + "</pre>")


def _search(report, pubmed, provenance):
    report.section("search", "Search provenance")
    if pubmed:
        report.add(
            '<dl class="kv">'
            + "".join(
                f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>"
                for k, v in (
                    ("PubMed records", pubmed.get("count", pubmed.get("records", ""))),
                    ("Searched on", pubmed.get("searched_on", "")),
                    ("Date field", pubmed.get("datetype", "")),
                    ("Window", " to ".join(str((pubmed.get("window") or {}).get(k, "")) for k in ("mindate", "maxdate"))),
                    ("Replayed from", pubmed.get("snapshot_dir", "") or "live E-utilities"),
                )
            )
            + "</dl>"
        )
        if pubmed.get("query_translation"):
            report.add("<p>Query as PubMed translated it:</p><pre>" + esc(pubmed["query_translation"]) + "</pre>")
    else:
        report.missing("the PubMed search record (results/search/pubmed.json)")
    if provenance and provenance.get("sources"):
        rows = [
            {
                "Database": s.get("source", ""),
                "Records": s.get("records", s.get("count", "")),
                "File": s.get("file", ""),
                "Format": s.get("format", ""),
                "Encoding": s.get("encoding", ""),
            }
            for s in provenance["sources"]
        ]
        rows.append(
            {
                "Database": "Total",
                "Records": provenance.get("records", sum(int(r["Records"] or 0) for r in rows)),
                "File": "",
                "Format": "",
                "Encoding": "",
            }
        )
        report.table(pd.DataFrame(rows), title="Records imported per database")


def _screening(report, prisma_png, agreement, simulated):
    report.section("screening", "Selection of studies")
    report.figure(prisma_png, "PRISMA 2020 flow diagram.", simulated)
    if agreement is not None and len(agreement):
        keep = [
            c
            for c in (
                "stage",
                "reviewer_1",
                "reviewer_2",
                "n",
                "agreements",
                "raw_agreement",
                "kappa",
                "kappa_band",
                "conflicts",
                "settled_by_arbiter",
                "pending",
            )
            if c in agreement.columns
        ]
        report.table(
            agreement[keep], title="Agreement between the reviewers (Cohen's kappa; bands of Landis and Koch 1977)", simulated=simulated
        )
    else:
        report.missing("the screening agreement (results/screening/agreement.tsv)")


def _html_table(report, path, name=""):
    """Embed a table written by alereview.tables.numbered (its HTML version, without the page around it)."""
    if path and Path(path).is_file():
        text = Path(path).read_text(encoding="utf-8")
        body = text.split("<body>", 1)[-1].rsplit("</body>", 1)[0]
        report.add(body)
    else:
        report.missing(f"the table {Path(path).name if path else name}".strip())


def _quality(report, config, files, simulated):
    """Risk of bias: the figures and Table 3 of the tools the review used (only called when it has one)."""
    quality = config.get("quality") or {}
    report.section("quality", "Risk of bias")
    for tool, name in (("rob1", "RoB 1"), ("rob2", "RoB 2")):
        if quality.get(tool):
            report.figure(
                files.get(f"{tool}_traffic_light"), f"Risk of bias of the randomised trials ({name}), per study and domain.", simulated
            )
            report.figure(files.get(f"{tool}_summary"), f"Risk of bias summary ({name}): share of trials per judgement.", simulated)
    if quality.get("minors"):
        report.figure(files.get("minors_png"), "MINORS scores of the non-randomised studies.", simulated)
        _html_table(report, files.get("table3_html"))


def _coordinates(report, coordinates, simulated):
    """The coordinates entered into each analysis; Talairach columns only when some foci were converted."""
    headers = {
        "title": "Analysis",
        "experiments": "Experiments",
        "foci": "Foci",
        "subjects": "Participants",
        "studies": "Studies",
        "studies_from_tal": "Studies in Talairach",
        "foci_from_tal": "Foci converted from Talairach",
        "foci_outside_mask": "Foci outside the mask",
    }
    converted = "foci_from_tal" in coordinates.columns and any(str(v).strip() not in ("", "0") for v in coordinates["foci_from_tal"])
    if not converted:
        headers = {k: v for k, v in headers.items() if k not in ("studies_from_tal", "foci_from_tal")}
    shown = coordinates[[c for c in headers if c in coordinates.columns]].rename(columns=headers)
    title = "Coordinates entered into each analysis" + (" (Talairach foci converted to MNI)" if converted else " (MNI)")
    report.table(shown, title=title, simulated=simulated)


def _analyses(report, config, files, simulated, jackknife) -> dict:
    """The ALE analyses: coordinates, per analysis its figures, then the cluster (and jackknife) tables."""
    thresholds = {}
    report.section("analyses", "ALE analyses")
    coordinates = read_optional(files.get("coordinates_summary_tsv"), read_tsv)
    if coordinates is not None and len(coordinates):
        _coordinates(report, coordinates, simulated)
    checks = read_optional(files.get("coordinates_checks_tsv"), read_tsv)
    if checks is not None and len(checks) and {"check", "analysis", "count"} <= set(checks.columns):
        report.table(
            display_table(checks),
            title="Data checks of the coordinates (data_checks.tsv): every check, its count and what was done",
            simulated=simulated,
        )
    for name, analysis in (config.get("analyses") or {}).items():
        report.add(f'<h3 id="analysis-{esc(name)}">{esc(analysis["title"])}</h3>')
        summary = read_optional(files.get(f"{name}:threshold_json"), read_json) or {}
        thresholds[name] = summary
        if summary:
            report.paragraph(
                f"{summary.get('n_experiments', '?')} experiments, {summary.get('n_foci', '?')} foci, "
                f"{summary.get('n_subjects', '?')} participants; threshold: {summary.get('threshold', '')}."
            )
        clusters = read_optional(files.get(f"{name}:clusters_tsv"), read_tsv)
        if clusters is not None and clusters.empty:
            report.paragraph("No cluster survived the threshold in this analysis.", "statement")
            continue
        report.figure(
            files.get(f"{name}:clusters_png"),
            f"{analysis['title']}: clusters (panels lettered in the order of the cluster table).",
            simulated,
        )
        report.figure(files.get(f"{name}:glass_png"), f"{analysis['title']}: glass brain of all clusters.", simulated)
        analysis_viewer(report, name, analysis["title"], files, clusters)
        if jackknife:
            report.figure(files.get(f"{name}:jackknife_png"), f"{analysis['title']}: jackknife (left-out experiment × cluster).", simulated)
    _html_table(report, files.get("table4_html"))
    if jackknife:
        _html_table(report, files.get("table5_html"))
    return thresholds


def build_report(config: dict, files: dict, out_path, embed: bool = True, methods_docx=None) -> Path:
    """Write ``report.html``.

    Parameters
    ----------
    config : dict
        The validated workflow config.
    files : dict
        Paths by role (:func:`alereview.report.files.standard_files`), any of which may be
        missing: ``pubmed_json``, ``provenance_json``, ``prisma_png``, ``agreement_tsv``,
        ``coordinates_summary_tsv``, ``study_table:<name>`` per study table, ``table3_html``,
        ``table4_html``, ``table5_html``, ``rob1_traffic_light``, ``rob1_summary``,
        ``rob2_traffic_light``, ``rob2_summary``, ``minors_png``, and per analysis
        ``{analysis}:clusters_png``, ``:glass_png``, ``:jackknife_png``, ``:clusters_tsv``,
        ``:threshold_json``. Only the sections the review has are shown (its search, screening,
        risk of bias, jackknife: :func:`alereview.layout.stages`); a missing file of one of them
        is said, not hidden.
    out_path : str or Path
    embed : bool
        Images inside the page (data URIs) rather than linked.
    methods_docx : str or Path, optional
        Also write the methods paragraphs and references there, as Word.

    Returns
    -------
    Path
    """

    out_path = Path(out_path)
    simulated = bool(config["review"].get("simulated_inputs"))
    report = Report(embed=embed, base_dir=out_path.parent)
    has = stages(config)
    _protocol(report, config)
    if has.search:
        _search(report, read_optional(files.get("pubmed_json"), read_json), read_optional(files.get("provenance_json"), read_json))
        prisma_s_section(report, files, simulated)
    agreement = read_optional(files.get("agreement_tsv"), read_tsv) if has.screening else None
    if has.screening:
        _screening(report, files.get("prisma_png"), agreement, simulated)
    report.section("studies", "Included studies")
    for name in study_table_names(config):
        _html_table(report, files.get(f"study_table:{name}"), f"{name}.html")
    if has.quality:
        _quality(report, config, files, simulated)
    thresholds = _analyses(report, config, files, simulated, has.jackknife)
    contrasts_section(report, config, files, simulated)
    checks_section(report, config, files, simulated)
    versions_section(report, config, files, simulated)

    citations = Citations()
    versions = software_versions()
    paragraphs, references = methods_paragraphs(config, thresholds, agreement, versions, citations, files=files)
    paragraphs += [text for text in [living_methods_paragraph(files)] if text]
    report.section("methods", "Methods")
    for text in paragraphs:
        report.paragraph(text)
    if methods_docx:
        write_methods_docx(paragraphs, references, methods_docx, simulated=simulated)
    report.section("software", "Software")
    report.table(pd.DataFrame({"Package": list(versions), "Version": list(versions.values())}))
    report.section("references", "References")
    report.add("<ol>" + "".join(f"<li>{esc(r)}</li>" for r in references) + "</ol>")

    review, cutoff = config["review"], (config.get("search") or {}).get("cutoff")
    subtitle = " · ".join(
        x
        for x in (
            (config.get("report") or {}).get("authors", ""),
            review.get("registration", ""),
            f"search cutoff {cutoff}" if cutoff else "",
        )
        if x
    )
    banner = (
        ("This review runs on simulated inputs (review.simulated_inputs: true): its records, coordinates and results are not real data.")
        if simulated
        else ""
    )
    atomic_write_text(out_path, report.render(review["title"], subtitle, banner))
    log.info("wrote %s (%d figures)", out_path, report.n_figures)
    return out_path
