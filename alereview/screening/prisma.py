"""PRISMA 2020 flow counts computed from the data, in the PRISMA2020 R package's template.

Every number comes from the workflow's own tables: records per database and duplicates from the
deduplicated records (``clusters.tsv`` joined to ``records.tsv``), and the screening boxes from
the settled decisions (``decisions.tsv``). ``results/prisma/prisma.csv`` is the template of the
PRISMA2020 R package / Shiny app (``alereview/data/prisma2020_template.csv``, MIT; columns
``data,node,box,description,boxtext,tooltips,url,n``) with its ``n`` column filled, so those
tools read it as they read their own.

For an update of the search (:mod:`alereview.screening.versions`) the identification and
screening boxes count the update only: the records of the new window, the duplicates among
them (of each other or of records seen before) and the decisions on the new deduplicated
records; ``previous_studies`` holds the studies the previous version included and
``total_studies`` both.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from importlib import resources

import pandas as pd

from alereview.logs import get_logger
from alereview.tsv import atomic_write_text
from alereview.tsv import read_tsv

LOG = get_logger(__name__)
TEMPLATE = "prisma2020_template.csv"
TEMPLATE_COLUMNS = ["data", "node", "box", "description", "boxtext", "tooltips", "url", "n"]


def read_template():
    """The template's rows (list of dict, in order)."""
    text = resources.files("alereview").joinpath("data", TEMPLATE).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def format_reasons(reasons) -> str:
    """``"Reason, n; Reason, n"`` ordered by count (largest first), then reason.

    Reasons that differ only in case or spacing are counted together under their most
    frequent spelling. A reason that itself contains ``;`` would break the format, so ``;``
    becomes ``/``.

    Examples
    --------
    >>> format_reasons(["No coordinates", "ROI only", "no coordinates"])
    'No coordinates, 2; ROI only, 1'
    """
    groups, spellings = Counter(), {}
    for reason in reasons:
        shown = " ".join(str(reason).replace(";", "/").split())
        key = shown.casefold()
        groups[key] += 1
        spellings.setdefault(key, Counter())[shown] += 1
    ordered = sorted(groups.items(), key=lambda item: (-item[1], item[0]))
    return "; ".join(f"{sorted(spellings[k].items(), key=lambda s: (-s[1], s[0]))[0][0]}, {n}" for k, n in ordered)


def format_databases(counts: dict, order=()) -> str:
    """``"PubMed, 412; Embase, 690"`` in ``order`` (then any other database by name), each once.

    Examples
    --------
    >>> format_databases({"Scopus": 3, "PubMed": 2}, ["PubMed", "Scopus", "Scopus"])
    'PubMed, 2; Scopus, 3'
    """
    names = list(dict.fromkeys(d for d in order if d in counts)) + sorted(d for d in counts if d not in order)
    return "; ".join(f"{name}, {counts[name]}" for name in names)


def prisma_counts(decisions: pd.DataFrame, members: pd.DataFrame, unique: pd.DataFrame, versions=None, databases=()) -> dict:
    """The PRISMA 2020 counts, keyed as in the template's ``data`` column.

    Parameters
    ----------
    decisions : pandas.DataFrame
        ``decisions.tsv`` (record_key, stage, decision, reason, ...).
    members : pandas.DataFrame
        One row per record with ``record_id``, ``cluster_id`` and ``source``.
    unique : pandas.DataFrame
        One row per cluster with ``cluster_id`` and ``record_key``.
    versions : Versions, optional
        The split of an update; None (or not an update) counts everything.
    databases : sequence of str
        The order databases are listed in.

    Returns
    -------
    dict
    """
    update = versions is not None and versions.is_update
    if update:
        scope_members = members[members["record_id"].astype(str).isin(versions.new_record_ids)]
        scope_keys = set(versions.new_keys)
    else:
        scope_members = members
        scope_keys = set(unique["record_key"])
    ta = decisions[(decisions["stage"] == "title_abstract")]
    ft = decisions[(decisions["stage"] == "full_text")]
    ta_scope = ta[ta["record_key"].isin(scope_keys)]
    ft_scope = ft[ft["record_key"].isin(scope_keys)]
    included_all = set(ft.loc[ft["decision"] == "include", "record_key"])
    new_studies = int((ft_scope["decision"] == "include").sum())
    previous_studies = len(included_all - scope_keys) if update else 0
    excluded_ft = ft_scope[ft_scope["decision"] == "exclude"]
    by_database = Counter(scope_members["source"].astype(str))
    counts = {
        "database_results": int(len(scope_members)),
        "database_specific_results": format_databases(dict(by_database), databases),
        "duplicates": int(len(scope_members) - len(scope_keys)),
        "excluded_automatic": 0,
        "excluded_other": 0,
        "records_screened": int(len(ta_scope)),
        "records_excluded": int((ta_scope["decision"] == "exclude").sum()),
        "dbr_sought_reports": int((ta_scope["decision"] == "include").sum()),
        "dbr_notretrieved_reports": int((ft_scope["decision"] == "not_retrieved").sum()),
        "dbr_assessed": int(ft_scope["decision"].isin(["include", "exclude"]).sum()),
        # The R package reads a bare number when no report was excluded.
        "dbr_excluded": format_reasons(excluded_ft["reason"]) or "0",
        "new_studies": new_studies,
        "new_reports": new_studies,
        "previous_studies": previous_studies,
        "previous_reports": previous_studies,
        "total_studies": previous_studies + new_studies,
        "total_reports": previous_studies + new_studies,
    }
    LOG.info("PRISMA: %s", ", ".join(f"{k}={v}" for k, v in counts.items() if k not in ("dbr_excluded", "database_specific_results")))
    return counts


def check_against_dedup(counts: dict, dedup_counts: dict, path="counts.json") -> list:
    """Differences between the identification counts and dedup's ``counts.json`` (logged)."""
    problems = []
    for ours, theirs in (("database_results", "records"), ("duplicates", "duplicates_removed")):
        if theirs in dedup_counts and int(dedup_counts[theirs]) != int(counts[ours]):
            problems.append(f"{ours} = {counts[ours]} but {path} says {theirs} = {dedup_counts[theirs]}")
    for problem in problems:
        LOG.warning(problem)
    return problems


#: What a first version's included box says (PRISMA 2020 for new reviews); the template's wording
#: ("New studies included in review") is an update's.
FIRST_VERSION_TEXT = {"new_studies": "Studies included in review", "new_reports": "Reports of included studies"}
#: Values of sources a review may lack: a count is 0, a list of reasons a bare 0 (which the
#: PRISMA2020 R package reads as none), a list of registers blank. Never the template's "xxx".
EMPTY = {"register_specific_results": "", "dbr_excluded": "0", "other_excluded": "0", "database_specific_results": ""}


def meta_analysis_studies(foci_path) -> int:
    """Studies in the meta-analysis: those with coordinates in at least one analysis.

    Parameters
    ----------
    foci_path : str or Path
        The coordinates stage's ``foci_mni.tsv`` (one row per focus, with ``study_id``).
    """

    foci = read_tsv(foci_path)
    return int(foci.loc[foci["study_id"].str.strip() != "", "study_id"].nunique()) if "study_id" in foci.columns else 0


def prisma_table(counts: dict, update: bool | None = None) -> str:
    """The template with ``n`` filled from ``counts``; other rows get 0 (or blank), never a placeholder.

    Parameters
    ----------
    counts : dict
        From :func:`prisma_counts` (and ``total_studies_ma``/``total_reports_ma`` when known).
    update : bool, optional
        An update of a previous version: the included box keeps the template's "New studies
        included in review"; a first version's says "Studies included in review". By default,
        an update when ``previous_studies`` is above 0.
    """
    rows = read_template()
    known = {row["data"] for row in rows}
    unknown = sorted(set(counts) - known)
    if unknown:
        raise KeyError(f"not PRISMA2020 template keys: {unknown}")
    if update is None:
        update = int(counts.get("previous_studies") or 0) > 0
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=TEMPLATE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        if row["data"] in counts:
            row = {**row, "n": str(counts[row["data"]])}
        elif row["data"] in EMPTY:
            row = {**row, "n": EMPTY[row["data"]]}
        if not update and row["data"] in FIRST_VERSION_TEXT:
            row = {**row, "boxtext": FIRST_VERSION_TEXT[row["data"]]}
        writer.writerow(row)
    return out.getvalue()


def write_prisma(counts: dict, path, update: bool | None = None) -> None:
    """Write ``prisma.csv`` atomically (:func:`prisma_table`)."""
    atomic_write_text(path, prisma_table(counts, update))


def read_prisma(path) -> dict:
    """``{data: n}`` of a ``prisma.csv`` (rows whose ``data`` is ``NA`` are skipped)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["data"]: row["n"] for row in csv.DictReader(handle) if row["data"] not in ("", "NA")}
