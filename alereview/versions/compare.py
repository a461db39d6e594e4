"""What changed between two versions of a review: one long table, ``results/versions/changes.tsv``.

Both sides are results directories of the workflow's layout (``results/`` itself, or a
published ``results/versions/v<N>/``); the older side may be None (the first version). Rows,
by ``section``:

* ``records`` — records after deduplication, before → after (reviews that search);
* ``studies`` — each study added or removed, and why it was removed (its exclusion decision
  and reason, or that its record is no longer among the records searched, or for a review from
  coordinates alone that its experiments left the coordinate input);
* ``analysis`` — per analysis experiments, foci, participants and clusters, before → after;
* ``cluster`` — each cluster matched to the previous version's, new or vanished
  (:func:`alereview.versions.clusters.match_clusters`), then ``labels``, ``jackknife`` and
  ``failsafe`` rows for the matched clusters whose label or results changed;
* ``verdict`` — one per analysis: unchanged / strengthened / weakened / new finding.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from alereview.layout import path
from alereview.tsv import read_json, read_tsv
from alereview.versions.clusters import match_clusters, verdict

COLUMNS = ["section", "analysis", "item", "before", "after", "change", "detail"]


def _table(root, role, **wildcards) -> pd.DataFrame | None:
    if root is None:
        return None
    file_path = Path(path(role, root, **wildcards))
    return read_tsv(file_path) if file_path.is_file() else None


def _json(root, role, **wildcards) -> dict:
    if root is None:
        return {}
    file_path = Path(path(role, root, **wildcards))
    return read_json(file_path) if file_path.is_file() else {}


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else f"−{-n}" if n < 0 else "0"


def _row(section, analysis="", item="", before="", after="", change="", detail="") -> dict:
    return dict(zip(COLUMNS, (section, analysis, item, before, after, change, detail)))


def studies_of(root, analyses) -> dict:
    """``{study: title}``: the included records (screened reviews) or the studies of the experiments."""
    included = _table(root, "included")
    if included is not None:
        return dict(zip(included["record_key"], included.get("title", included["record_key"])))
    studies = {}
    for analysis in analyses:
        experiments = _table(root, "ale_experiments", analysis=analysis)
        if experiments is not None:
            for row in experiments.to_dict("records"):
                studies.setdefault(row.get("study_id") or row["slug"], row.get("experiment", ""))
    return studies


def why_removed(root, key: str, screened: bool) -> str:
    """Why a study of the older version is not in ``root`` (the newer version)."""
    if not screened:
        return "its experiments are no longer in the coordinate input"
    decisions = _table(root, "decisions")
    if decisions is not None and len(decisions):
        rows = decisions[(decisions["record_key"] == key) & (decisions["decision"] == "exclude")]
        if len(rows):
            last = rows.iloc[-1]
            stage = str(last["stage"]).replace("_", "/")
            return f"excluded at {stage} screening" + (f": {last['reason']}" if last.get("reason") else "")
    unique = _table(root, "dedup_unique")
    if unique is not None and key not in set(unique["record_key"]):
        return "its record is no longer among the records searched"
    return "no longer included (no decision to include it)"


def record_rows(before, after) -> list[dict]:
    a, b = _table(before, "dedup_unique"), _table(after, "dedup_unique")
    if b is None:
        return []
    keys_a, keys_b = set(a["record_key"]) if a is not None else set(), set(b["record_key"])
    return [
        _row(
            "records",
            item="records after deduplication",
            before=len(keys_a),
            after=len(keys_b),
            change=f"+{len(keys_b - keys_a)} added, −{len(keys_a - keys_b)} removed",
        )
    ]


def study_rows(before, after, analyses) -> list[dict]:
    screened = _table(after, "included") is not None
    old, new = studies_of(before, analyses), studies_of(after, analyses)
    rows = [_row("studies", item=key, after="included", change="added", detail=new[key]) for key in sorted(set(new) - set(old))]
    rows += [
        _row("studies", item=key, before="included", change="removed", detail=f"{old[key]} — {why_removed(after, key, screened)}")
        for key in sorted(set(old) - set(new))
    ]
    return rows


def analysis_side(root, analysis) -> dict:
    """The paths :func:`match_clusters` reads for one analysis of one version."""
    if root is None:
        return {}
    return {
        "clusters_tsv": path("ale_clusters", root, analysis=analysis),
        "clusters_img": path("ale_clusters_img", root, analysis=analysis),
        "jackknife": path("jackknife", root, analysis=analysis),
        "failsafe": path("checks_failsafe_analysis", root, analysis=analysis),
    }


def count_rows(analysis, before, after) -> list[dict]:
    a, b = _json(before, "ale_threshold", analysis=analysis), _json(after, "ale_threshold", analysis=analysis)
    rows = []
    for key, item in (("n_experiments", "experiments"), ("n_foci", "foci"), ("n_subjects", "participants"), ("n_clusters", "clusters")):
        x, y = a.get(key, ""), b.get(key, "")
        change = _signed(int(y) - int(x)) if x != "" and y != "" else ""
        rows.append(_row("analysis", analysis, item, x, y, change))
    return rows


def _where(volume, label) -> str:
    return f"{volume:g} mm3, {label}" if volume == volume and volume != "" else ""


def cluster_rows(analysis, matches: pd.DataFrame) -> list[dict]:
    rows = []
    for m in matches.astype(object).where(matches.notna(), "").to_dict("records"):
        item = f"{m['cluster_before'] or '–'} → {m['cluster_after'] or '–'}"
        before = _where(m["volume_before"], m["label_before"]) if m["cluster_before"] else ""
        after = _where(m["volume_after"], m["label_after"]) if m["cluster_after"] else ""
        if m["status"] == "matched":
            change = f"matched: Dice {m['dice']:.2f}, peak shift {m['peak_shift_mm']:.1f} mm, volume {m['volume_change_pct']:+.1f}%"
        else:
            change = m["status"]
        rows.append(_row("cluster", analysis, item, before, after, change))
        if m["status"] != "matched":
            continue
        if m["label_changed"]:
            rows.append(_row("labels", analysis, item, m["label_before"], m["label_after"], "label changed"))
        for section, key in (("jackknife", "jackknife"), ("failsafe", "failsafe")):
            if m[f"{key}_before"] != m[f"{key}_after"]:
                rows.append(_row(section, analysis, item, m[f"{key}_before"], m[f"{key}_after"], "changed"))
    return rows


def compare_results(before, after, analyses) -> pd.DataFrame:
    """The change table (:data:`COLUMNS`) from results directory ``before`` (or None) to ``after``.

    Parameters
    ----------
    before : str, Path or None
        The older version's results directory; None for the first version.
    after : str or Path
        The newer version's.
    analyses : iterable of str
        The analyses to compare (the newer version's config); one that ``before`` lacks is a
        new finding when it has clusters.
    """
    analyses = list(analyses)
    rows = record_rows(before, after) + study_rows(before, after, analyses)
    verdicts = []
    for analysis in analyses:
        rows += count_rows(analysis, before, after)
        existed = before is not None and Path(path("ale_clusters", before, analysis=analysis)).is_file()
        matches = match_clusters(analysis_side(before, analysis) if existed else {}, analysis_side(after, analysis))
        rows += cluster_rows(analysis, matches)
        if before is None:
            verdicts.append(_row("verdict", analysis, "verdict", "", "first version", "", "nothing to compare with"))
        else:
            word, why = verdict(matches, existed_before=existed or matches.empty)
            verdicts.append(_row("verdict", analysis, "verdict", "", word, "", why))
    return pd.DataFrame(rows + verdicts, columns=COLUMNS)
