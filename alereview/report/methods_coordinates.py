"""The coordinates' part of the methods text: the Talairach conversions and the data checks.

Only what happened is said: no Talairach sentence when no study reported Talairach foci, no data
check that found nothing.
"""

from __future__ import annotations

from alereview.coordinates.datachecks import CHECKS as DESCRIPTIONS


def _join(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


#: Talairach -> MNI transforms in words, and the reference of each.
_TRANSFORMS = {
    "lancaster_spm": ("the inverse of Lancaster's icbm2tal transform for SPM-normalised data", "lancaster2007bias"),
    "lancaster_fsl": ("the inverse of Lancaster's icbm2tal transform for FSL-normalised data", "lancaster2007bias"),
    "lancaster_pooled": ("the inverse of Lancaster's pooled icbm2tal transform", "lancaster2007bias"),
    "brett": ("Brett's tal2mni transform", "brett2001talairach"),
}


def study_transforms(transforms=None, foci=None) -> dict:
    """Transform → study labels converted with it (Talairach studies only), from either table.

    ``transforms`` is ``results/coordinates/transforms.tsv`` (``study``, ``space``,
    ``transform``), ``foci`` is ``foci_mni.tsv`` (the same columns per focus).
    """
    table = transforms if transforms is not None else foci
    if table is None or not len(table) or "space" not in table.columns:
        return {}
    tal = table[table["space"].astype(str).str.upper() == "TAL"]
    out = {}
    for row in tal.to_dict("records"):
        label = str(row.get("study") or row.get("study_id") or "")
        out.setdefault(str(row.get("transform") or ""), [])
        if label not in out[str(row.get("transform") or "")]:
            out[str(row.get("transform") or "")].append(label)
    return out


def transform_sentence(converted: dict, cite) -> str:
    """The Talairach sentence, only when some study reported Talairach foci."""
    if not converted:
        return ""
    parts = []
    for transform, studies in converted.items():
        words, key = _TRANSFORMS.get(transform, (f"the {transform or 'configured'} transform", ""))
        parts.append(
            f"{words}{' ' + cite.cite(key) if key else ''} for {len(studies)} "
            f"stud{'y' if len(studies) == 1 else 'ies'} ({', '.join(studies)})"
        )
    return f"Foci reported in Talairach space were converted to MNI space with {_join(parts)}; the other studies reported MNI coordinates."


def data_checks_sentence(config, checks, cite) -> str:
    """What the coordinates' data checks found (``data_checks.tsv``; Talairach is said elsewhere)."""
    if checks is None or not len(checks) or not {"check", "analysis", "count"} <= set(checks.columns):
        return ""
    titles = {name: (spec or {}).get("title", name) for name, spec in (config.get("analyses") or {}).items()}
    found = checks[(checks["check"] != "talairach_studies") & (checks["count"].astype(str).str.strip() != "0")]
    parts = []
    for check, rows in found.groupby("check", sort=False):
        what = DESCRIPTIONS.get(check, check.replace("_", " ")).split(" (details")[0]
        where = ", ".join(f"{titles.get(a, a)} {c}" for a, c in zip(rows["analysis"], rows["count"]))
        if check in ("shared_subjects", "pooled_subject_groups"):
            what += f" {cite.cite('turkeltaub2012minimizing')}"
        parts.append(f"{what}: {where}")
    if not parts:
        return ""
    policy = (config.get("coordinates") or {}).get("subject_groups", "")
    return (
        "Checks of the coordinates found "
        + "; ".join(parts)
        + "."
        + (
            f" Subject groups were {'pooled into one experiment each' if policy == 'pool' else 'not pooled'} "
            f"(coordinates.subject_groups: {policy})."
            if policy
            else ""
        )
    )
