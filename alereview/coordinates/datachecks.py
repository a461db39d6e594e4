"""The data-checks table: every check run on the coordinates, per analysis, with its count.

``data_checks.tsv`` (:data:`CHECK_COLUMNS`: check, analysis, count, details) has one row per
check and analysis, in the order of :data:`CHECKS`, also when the count is 0 (the report shows
that a check was run). ``transforms.tsv`` (:data:`TRANSFORM_COLUMNS`) says which
Talairach -> MNI transform was applied to which study (the methods text cites it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from alereview.coordinates.transforms import DESCRIPTIONS

CHECK_COLUMNS = ["check", "analysis", "count", "details"]
TRANSFORM_COLUMNS = ["study_id", "study", "space", "transform", "description", "analyses", "experiments", "foci"]

#: The checks, in table order, and what their count counts.
CHECKS = {
    "foci_outside_brain": "foci outside the brain's bounding box, dropped (coordinates.outside_brain: drop)",
    "repeated_experiment_names": "experiment names given to more than one experiment (kept apart, as GingerALE does)",
    "foci_outside_mask": "foci outside the brain mask (details: experiment, focus, distance in mm)",
    "duplicate_experiments": "pairs of experiments with identical foci (and n)",
    "near_duplicate_experiments": "pairs of experiments with near-identical foci",
    "talairach_studies": "studies whose foci were converted from Talairach to MNI",
    "sample_size_from_study_table": "experiments whose n was taken from the study table",
    "sample_size_implausible": "experiments whose n is outside the plausible range",
    "studies_with_several_experiments": "studies contributing more than one experiment",
    "shared_subjects": "groups of experiments of one study that share (or may share) subjects, not pooled",
    "pooled_subject_groups": "subject groups pooled into one experiment",
    "roi_experiments": "experiments from region-of-interest (not whole-brain) analyses",
}


#: What the stage did about what a check found (the stage ran to its end, so errors were not raised).
ACTIONS = {
    "foci_outside_brain": "dropped, with a warning each",
    "repeated_experiment_names": "kept as separate experiments, each with its own id",
    "foci_outside_mask": "kept; ALE loses the part of their kernel outside the mask",
    "duplicate_experiments": "kept (coordinates.duplicate_experiments: warn)",
    "near_duplicate_experiments": "kept (coordinates.duplicate_experiments: warn)",
    "talairach_studies": "converted to MNI (transforms.tsv)",
    "sample_size_from_study_table": "n taken from the study table",
    "sample_size_implausible": "kept, with a warning",
    "studies_with_several_experiments": "kept as separate experiments",
    "shared_subjects": "named in a warning, not pooled",
    "pooled_subject_groups": "pooled into one experiment each",
    "roi_experiments": "kept, marked as region-of-interest results",
}


def display_table(checks: pd.DataFrame, width: int = 240) -> pd.DataFrame:
    """``data_checks.tsv`` for the report: check, analysis, count, what was done, details (shortened)."""
    rows = []
    for row in checks.to_dict("records"):
        count = str(row.get("count", "")).strip()
        details = str(row.get("details", "") or "")
        rows.append(
            {
                "Check": CHECKS.get(row["check"], row["check"]).split(" (details")[0],
                "Analysis": row["analysis"],
                "Count": count,
                "Done": ACTIONS.get(row["check"], "") if count not in ("", "0") else "",
                "Details": details if len(details) <= width else details[: width - 1] + "…",
            }
        )
    return pd.DataFrame(rows, columns=["Check", "Analysis", "Count", "Done", "Details"])


def _outside(result, experiments):
    if not result.mask_checked:
        return "", "not checked (coordinates.mask_check: false)"
    found = []
    for e in experiments:
        distances = result.mask_distances.get(id(e), np.zeros(len(e.mni)))
        for index in np.flatnonzero(distances > 0):
            point = ", ".join(format(v, "g") for v in np.round(e.mni[index], 1))
            found.append(f"{e.name}: ({point}) {distances[index]:.1f} mm")
    return len(found), "; ".join(found)


def _duplicates(result, analysis, kinds):
    pairs = [p for p in result.duplicates if p.analysis == analysis and p.kind in kinds]
    return len(pairs), "; ".join(p.describe() for p in pairs)


def _talairach(experiments):
    tal = {}
    for e in experiments:
        if e.space == "TAL":
            tal.setdefault(e.transform, set()).add(e.study_id)
    studies = set().union(*tal.values()) if tal else set()
    mni = {e.study_id for e in experiments if e.space != "TAL"} - studies
    details = [f"{transform}: {', '.join(sorted(ids))}" for transform, ids in sorted(tal.items())]
    details.append(f"MNI as reported: {len(mni)} stud{'y' if len(mni) == 1 else 'ies'}")
    return len(studies), "; ".join(details)


def _per_study(experiments):
    counts = {}
    for e in experiments:
        counts.setdefault(e.study_id, []).append(e)
    several = {s: es for s, es in counts.items() if len(es) > 1}
    return len(several), "; ".join(f"{s}: {len(es)} experiments" for s, es in several.items())


def _groups(result, analysis, actions):
    rows = [r for r in result.groups if r["analysis"] == analysis and r["action"] in actions]
    return len(rows), "; ".join(
        f"{r['experiments']} (n {r['n']}{', group ' + r['subject_group'] if r['subject_group'] else ''})" for r in rows
    )


def _repeated_names(experiments):
    names = {}
    for e in experiments:
        names.setdefault(e.name, []).append(e.slug)
    repeated = {name: ids for name, ids in names.items() if len(ids) > 1}
    return len(repeated), "; ".join(f"{name}: {', '.join(ids)}" for name, ids in repeated.items())


def _rows_of(result, analysis) -> dict:
    experiments = result.of(analysis)
    low, high = result.n_range
    implausible = [e for e in experiments if not low <= e.n <= high]
    from_table = [e for e in experiments if e.n_source]
    roi = [e for e in experiments if e.roi]
    dropped = [f"{e.name}: {d}" for e in experiments for d in e.dropped]
    return {
        "foci_outside_brain": (len(dropped), "; ".join(dropped)),
        "repeated_experiment_names": _repeated_names(experiments),
        "foci_outside_mask": _outside(result, experiments),
        "duplicate_experiments": _duplicates(result, analysis, ("identical", "same foci")),
        "near_duplicate_experiments": _duplicates(result, analysis, ("near-identical",)),
        "talairach_studies": _talairach(experiments),
        "sample_size_from_study_table": (len(from_table), "; ".join(f"{e.name}: n = {e.n}" for e in from_table)),
        "sample_size_implausible": (len(implausible), "; ".join(f"{e.name}: n = {e.n} (plausible: {low}..{high})" for e in implausible)),
        "studies_with_several_experiments": _per_study(experiments),
        "shared_subjects": _groups(result, analysis, ("declared", "same_n")),
        "pooled_subject_groups": _groups(result, analysis, ("pooled",)),
        "roi_experiments": (len(roi), "; ".join(e.name for e in roi)),
    }


def data_checks(result) -> pd.DataFrame:
    """The data-checks table of a :class:`~alereview.coordinates.build.CoordinateSet`."""
    rows = []
    for analysis in result.analyses:
        found = _rows_of(result, analysis)
        rows += [{"check": check, "analysis": analysis, "count": found[check][0], "details": found[check][1]} for check in CHECKS]
    return pd.DataFrame(rows, columns=CHECK_COLUMNS)


def transforms_table(result) -> pd.DataFrame:
    """One row per study and transform: the space it reported and the transform applied to it."""
    rows = {}
    for e in result.experiments:
        key = (e.study_id, e.space, e.transform)
        row = rows.setdefault(
            key,
            {
                "study_id": e.study_id,
                "study": e.study_label,
                "space": e.space,
                "transform": e.transform or "none",
                "description": DESCRIPTIONS.get(e.transform, "none: reported in MNI"),
                "analyses": [],
                "experiments": 0,
                "foci": 0,
            },
        )
        if e.contrast not in row["analyses"]:
            row["analyses"].append(e.contrast)
        row["experiments"] += 1
        row["foci"] += len(e.mni)
    table = [{**row, "analyses": ", ".join(row["analyses"])} for row in rows.values()]
    return pd.DataFrame(table, columns=TRANSFORM_COLUMNS)
