"""The report's living-review section and methods paragraph (PRISMA-LSR, Akl et al. 2024).

Reads what ``rules/versions.smk`` wrote: ``results/versions/current.json`` (version number,
dates, cutoff, what triggered the update), ``changes.tsv`` (what changed since the previous
version, :mod:`alereview.versions.compare`), ``history.tsv`` and the living PRISMA counts and
diagram. The section says in words what changed, then gives the tables.
"""

from __future__ import annotations

import html

import pandas as pd

from alereview.layout import path, stages
from alereview.report.optional import read_optional
from alereview.tsv import read_json, read_tsv

SECTION_TITLES = {
    "cluster": "Clusters matched to the previous version's (overlap Dice, peak shift, change of volume), new or vanished",
    "labels": "Anatomical labels changed",
    "jackknife": "Jackknife changes (left-out runs keeping the cluster)",
    "failsafe": "Fail-safe N changes",
}


def versions_files(config: dict, results="results") -> dict:
    """Role → path of the files the living-review section reads (for ``standard_files``)."""
    files = {
        "versions_current_json": path("versions_current", results),
        "versions_changes_tsv": path("versions_changes", results),
        "versions_history_tsv": path("versions_history", results),
        "versions_prisma_csv": path("versions_prisma", results),
    }
    if stages(config).screening:
        files["versions_prisma_png"] = path("figure", results, figure="prisma_living", ext="png")
    return files


def _items(current: dict) -> list[tuple[str, str]]:
    """The PRISMA-LSR items of this version: number, dates, cutoff, previous version, trigger."""
    items = [("Version", f"{current['version']} of a living review"), ("Date of this version", current.get("date", ""))]
    if current.get("cutoff"):
        items.append(("Search", f"from {current.get('start') or 'inception'} to {current['cutoff']}"))
    if current.get("base_version"):
        base = f"version {current['base_version']}" + (f", searched to {current['base_cutoff']}" if current.get("base_cutoff") else "")
        items.append(("Previous version", base + (f", published {current['base_date']}" if current.get("base_date") else "")))
    items.append(("What triggered this version", "; ".join(current.get("trigger") or []) or "—"))
    return items


def change_sentences(current: dict, changes: pd.DataFrame, titles: dict) -> list[str]:
    """What changed since the previous version, in words."""
    if not current.get("base_version"):
        return ["This is the first version of the review: there is no earlier version to compare it with."]
    studies = changes[changes["section"] == "studies"]
    added, removed = studies[studies["change"] == "added"], studies[studies["change"] == "removed"]
    text = [
        f"Since version {current['base_version']}: {len(added)} study(ies) added"
        + (f" ({'; '.join(added['detail'])})" if len(added) else "")
        + f", {len(removed)} removed"
        + (f" ({'; '.join(removed['detail'])})" if len(removed) else "")
        + "."
    ]
    records = changes[changes["section"] == "records"]
    if len(records):
        r = records.iloc[0]
        text.append(f"Records after deduplication: {r['before']} → {r['after']} ({r['change']}).")
    for analysis, title in titles.items():
        rows = changes[(changes["analysis"] == analysis)]
        counts = rows[rows["section"] == "analysis"].set_index("item")
        counted = ", ".join(
            f"{item} {counts.loc[item, 'before'] or '–'} → {counts.loc[item, 'after'] or '–'}"
            for item in ("experiments", "foci", "participants", "clusters")
            if item in counts.index
        )
        clusters = rows[rows["section"] == "cluster"]["change"]
        n_new, n_gone = int((clusters == "new").sum()), int((clusters == "vanished").sum())
        n_matched = int(clusters.str.startswith("matched").sum())
        verdict = rows[rows["section"] == "verdict"]
        word = f"{verdict['after'].iloc[0]} ({verdict['detail'].iloc[0]})" if len(verdict) else "not compared"
        text.append(f"{title}: {counted}; {n_matched} cluster(s) matched, {n_new} new, {n_gone} vanished. Verdict: {word}.")
    return text


def versions_section(report, config: dict, files: dict, simulated: bool) -> None:
    """Add the section "Living review: versions and what changed" to ``report``."""
    report.section("versions", "Living review: versions and what changed")
    current = read_optional(files.get("versions_current_json"), read_json)
    changes = read_optional(files.get("versions_changes_tsv"), read_tsv)
    if not current or changes is None:
        report.missing("the comparison with the previous version (results/versions/changes.tsv)")
        return
    report.add(
        '<dl class="kv">' + "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(str(v))}</dd>" for k, v in _items(current)) + "</dl>"
    )
    titles = {name: analysis.get("title", name) for name, analysis in (config.get("analyses") or {}).items()}
    for sentence in change_sentences(current, changes, titles):
        report.paragraph(sentence)
    verdicts = changes[changes["section"] == "verdict"]
    if len(verdicts):
        shown = pd.DataFrame(
            {"Analysis": [titles.get(a, a) for a in verdicts["analysis"]], "Verdict": verdicts["after"], "Why": verdicts["detail"]}
        )
        report.table(shown, title="Verdict per analysis (rules: docs/versions.md)", simulated=simulated)
    headers = {"item": "Item", "before": "Before", "after": "After", "change": "Change", "detail": "Detail"}
    for section, title in (
        ("records", "Records"),
        ("studies", "Studies added and removed"),
        ("analysis", "Experiments, foci, participants and clusters, before → after"),
    ):
        part = changes[changes["section"] == section]
        if len(part):
            shown = part.assign(item=[f"{titles.get(a, a)}: {i}" if a else i for a, i in zip(part["analysis"], part["item"])])
            report.table(shown[list(headers)].rename(columns=headers), title=title, simulated=simulated)
    for section, title in SECTION_TITLES.items():
        part = changes[changes["section"] == section]
        if len(part):
            shown = part.assign(item=[f"{titles.get(a, a)}: {i}" for a, i in zip(part["analysis"], part["item"])])
            report.table(shown[["item", "before", "after", "change"]].rename(columns=headers), title=title, simulated=simulated)
    history = read_optional(files.get("versions_history_tsv"), read_tsv)
    if history is not None and len(history):
        report.table(
            history.rename(columns=lambda c: c.replace("_", " ").capitalize()), title="History of the versions", simulated=simulated
        )
    if files.get("versions_prisma_png"):
        report.figure(
            files["versions_prisma_png"],
            "Living PRISMA flow diagram: the records each version added, and all versions "
            "together (PRISMA-LSR); counts in results/versions/prisma_living.csv.",
            simulated,
        )


def living_methods_paragraph(files: dict) -> str:
    """The methods text's PRISMA-LSR items: version, dates, what triggered the update ("" without)."""
    current = read_optional(files.get("versions_current_json"), read_json)
    if not current:
        return ""
    text = (
        f"This report is version {current['version']} of a living review, dated {current.get('date', '')}"
        + (f", with the search up to {current['cutoff']}" if current.get("cutoff") else "")
        + "."
    )
    if current.get("base_version"):
        text += (
            f" It updates version {current['base_version']}"
            + (f" (search up to {current['base_cutoff']})" if current.get("base_cutoff") else "")
            + f"; the update was triggered by: {'; '.join(current.get('trigger') or [])}."
        )
    text += (
        " Each version is kept unchanged (results/versions/v<N>/, with a manifest of checksums and software "
        "versions); the report compares it with the previous version, matching clusters by their overlap "
        "(Dice), and reports the living flow diagram as recommended by PRISMA-LSR (Akl et al., BMJ 2024;387:e079183)."
    )
    return text
