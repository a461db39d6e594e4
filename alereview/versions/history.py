"""The history of a living review: one row per version, and the living PRISMA counts.

Each version's summary (:func:`summary`) is computed when the version is built and kept in its
manifest, so the history table of version N reads the published manifests and adds itself.
The living flow diagram's counts (:func:`living_prisma`, PRISMA-LSR, Akl et al. 2024) take each
version's own PRISMA 2020 counts (``prisma/prisma.csv``: the records its search added) and add
them up across versions.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from alereview.layout import path
from alereview.tsv import read_tsv

HISTORY_COLUMNS = ["version", "date", "search_cutoff", "trigger", "records", "studies", "experiments", "verdicts"]

#: Stages of the living flow diagram: (column, PRISMA 2020 data fields that add up to it).
PRISMA_STAGES = [
    ("identified", ("database_results", "register_results", "website_results", "organisation_results", "citations_results")),
    ("duplicates_removed", ("duplicates",)),
    ("removed_other", ("excluded_automatic", "excluded_other")),
    ("screened", ("records_screened",)),
    ("excluded_screening", ("records_excluded",)),
    ("reports_assessed", ("dbr_assessed", "other_assessed")),
    ("new_studies", ("new_studies",)),
]
PRISMA_COLUMNS = [
    "version",
    "search_cutoff",
    *[name for name, _ in PRISMA_STAGES],
    "total_studies",
    *[f"cumulative_{name}" for name, _ in PRISMA_STAGES],
]


def read_prisma_counts(prisma_csv) -> dict:
    """``{data: n}`` of a PRISMA 2020 CSV (the PRISMA2020 template's ``data``/``n`` columns)."""
    with open(prisma_csv, encoding="utf-8", newline="") as handle:
        return {row["data"]: row["n"] for row in csv.DictReader(handle) if row.get("data") not in (None, "", "NA")}


def _number(text) -> int:
    """A count of a PRISMA cell: ``"12"`` → 12; empty or ``NA`` → 0."""
    text = str(text or "").strip()
    return int(float(text)) if text.replace(".", "", 1).isdigit() else 0


def summary(results, analyses, changes: pd.DataFrame) -> dict:
    """The counts a version's history row shows, from its results and its change table."""
    unique = Path(path("dedup_unique", results))
    records = len(read_tsv(unique)) if unique.is_file() else ""
    studies = changes[(changes["section"] == "studies")]
    experiments = {}
    for analysis in analyses:
        rows = changes[(changes["section"] == "analysis") & (changes["analysis"] == analysis) & (changes["item"] == "experiments")]
        experiments[analysis] = str(rows["after"].iloc[0]) if len(rows) else ""
    verdicts = changes[changes["section"] == "verdict"]
    return {
        "records": records,
        "studies_added": int((studies["change"] == "added").sum()),
        "studies_removed": int((studies["change"] == "removed").sum()),
        "experiments": experiments,
        "verdicts": dict(zip(verdicts["analysis"], verdicts["after"])),
    }


def history_row(info: dict) -> dict:
    """One row of the history table from a version's info (manifest or ``current.json``)."""
    s = info.get("summary") or {}
    return {
        "version": f"v{info['version']}",
        "date": info.get("published_on") or info.get("date", ""),
        "search_cutoff": info.get("cutoff", ""),
        "trigger": "; ".join(info.get("trigger") or []),
        "records": s.get("records", ""),
        "studies": f"{info.get('n_studies', '')} (+{s.get('studies_added', 0)}, −{s.get('studies_removed', 0)})",
        "experiments": "; ".join(f"{a}: {n}" for a, n in (s.get("experiments") or {}).items()),
        "verdicts": "; ".join(f"{a}: {v}" for a, v in (s.get("verdicts") or {}).items()),
    }


def history_table(manifests, current: dict) -> pd.DataFrame:
    """All versions up to ``current``: the published ones before it, then ``current`` itself."""
    earlier = [m for m in manifests if int(m["version"]) < int(current["version"])]
    return pd.DataFrame([history_row(info) for info in [*earlier, current]], columns=HISTORY_COLUMNS)


def living_prisma(versions: list[tuple[dict, Path | None]]) -> pd.DataFrame:
    """The living flow diagram's counts: per version its own PRISMA counts, and the running sums.

    Parameters
    ----------
    versions : list of (info, prisma_csv)
        Oldest first; ``prisma_csv`` is None for a version without screening.
    """
    rows, totals = [], {name: 0 for name, _ in PRISMA_STAGES}
    for info, prisma_csv in versions:
        if prisma_csv is None or not Path(prisma_csv).is_file():
            continue
        counts = read_prisma_counts(prisma_csv)
        row = {"version": f"v{info['version']}", "search_cutoff": info.get("cutoff", "")}
        for name, fields in PRISMA_STAGES:
            row[name] = sum(_number(counts.get(field)) for field in fields)
            totals[name] += row[name]
            row[f"cumulative_{name}"] = totals[name]
        row["total_studies"] = _number(counts.get("total_studies"))
        rows.append(row)
    return pd.DataFrame(rows, columns=PRISMA_COLUMNS)
