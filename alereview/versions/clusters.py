"""Matching the clusters of two versions of an analysis, and the verdict on the change.

Clusters are matched on their label images (``results/ale/{analysis}/clusters.nii.gz``, the
same grid in every version): the overlap Dice of every pair of an old and a new cluster, then
pairs taken greedily from the highest Dice down, each cluster used once; a pair must overlap
(Dice > 0). An old cluster left without a partner *vanished*, a new one is *new*. For each
match: the Dice, the shift of the peak (mm, between the ``x, y, z`` of ``clusters.tsv``), the
change of volume, whether the anatomical label changed, and the jackknife and fail-safe
results before → after.

The verdict per analysis (:func:`verdict`; docs/versions.md), first rule that applies:

1. **new finding** — a cluster appeared (no overlap with any previous cluster), or the analysis
   is new, or it had no cluster before and has one now;
2. **weakened** — a cluster vanished, or a matched cluster lost ≥ 20 % of its volume, or its
   Dice fell below 0.5, or fewer left-out runs of the jackknife kept it (share down ≥ 0.2);
3. **strengthened** — a matched cluster grew by ≥ 20 %, or more of the jackknife kept it
   (share up ≥ 0.2);
4. **unchanged** — otherwise (no cluster before or after, or every cluster within these bounds).
"""

from __future__ import annotations

from pathlib import Path

import nibabel as nib
import numpy as np
import pandas as pd

from alereview.logs import get_logger
from alereview.tsv import read_tsv

log = get_logger(__name__)

VOLUME_CHANGE = 0.20
MIN_DICE = 0.5
JACKKNIFE_CHANGE = 0.2

MATCH_COLUMNS = [
    "cluster_before",
    "cluster_after",
    "status",
    "dice",
    "peak_shift_mm",
    "volume_before",
    "volume_after",
    "volume_change_pct",
    "label_before",
    "label_after",
    "label_changed",
    "jackknife_before",
    "jackknife_after",
    "failsafe_before",
    "failsafe_after",
]


def dice_matrix(before: np.ndarray, after: np.ndarray, n_before: int, n_after: int) -> np.ndarray:
    """Dice of every (old label i, new label j), labels 1..n, as an ``n_before × n_after`` array."""
    if before.shape != after.shape:
        raise ValueError(f"cluster images on different grids: {before.shape} and {after.shape}")
    a = before.ravel().astype(np.int64)
    b = after.ravel().astype(np.int64)
    joint = np.bincount(a * (n_after + 1) + b, minlength=(n_before + 1) * (n_after + 1)).reshape(n_before + 1, n_after + 1)
    size_a = np.bincount(a, minlength=n_before + 1)[1:]
    size_b = np.bincount(b, minlength=n_after + 1)[1:]
    overlap = joint[1:, 1:].astype(float)
    total = size_a[:, None] + size_b[None, :]
    return np.divide(2 * overlap, total, out=np.zeros_like(overlap), where=total > 0)


def greedy_pairs(dice: np.ndarray) -> list[tuple[int, int]]:
    """One-to-one pairs (0-based) from the highest Dice down, Dice > 0 only."""
    pairs, used_a, used_b = [], set(), set()
    order = np.argsort(-dice, axis=None, kind="stable")
    for flat in order:
        i, j = np.unravel_index(flat, dice.shape)
        if dice[i, j] <= 0:
            break
        if i not in used_a and j not in used_b:
            pairs.append((int(i), int(j)))
            used_a.add(i)
            used_b.add(j)
    return pairs


def label_text(row: dict) -> str:
    """A cluster's anatomical label: ``"L Middle Temporal Gyrus (BA 21)"`` from its table row."""
    words = " ".join(str(row.get(k) or "") for k in ("hemisphere", "gyrus")).strip() or str(row.get("lobe") or "")
    ba = str(row.get("ba") or "").strip().removeprefix("BA").strip()
    return f"{words} (BA {ba})" if ba and ba != "-" else words


def jackknife_shares(jackknife_path, n_clusters: int) -> list[str]:
    """Per cluster (table order) ``"kept/k"`` from a jackknife table's last row, or "" each."""
    if not jackknife_path or not Path(jackknife_path).is_file():
        return [""] * n_clusters
    table = read_tsv(jackknife_path)
    if table.empty or len(table.columns) < 2 + n_clusters:
        return [""] * n_clusters
    last = table.iloc[-1]
    k = str(last["left_out"]).removeprefix("kept (of ").removesuffix(")")
    return [f"{last[column]}/{k}" for column in table.columns[2 : 2 + n_clusters]]


def failsafe_values(failsafe_path, n_clusters: int) -> list[str]:
    """Per cluster (table order) the fail-safe N as its table says it (``fsn_text``), or ""."""
    if not failsafe_path or not Path(failsafe_path).is_file():
        return [""] * n_clusters
    table = read_tsv(failsafe_path)
    by_cluster = {str(r["cluster"]): str(r.get("fsn_text") or r.get("fsn") or "") for r in table.to_dict("records")}
    return [by_cluster.get(str(i), "") for i in range(1, n_clusters + 1)]


def _share(text: str) -> float | None:
    if not text or "/" not in text:
        return None
    kept, total = text.split("/", 1)
    return int(kept) / int(total) if total.isdigit() and int(total) else None


def _load(side: dict) -> tuple[pd.DataFrame, np.ndarray | None]:
    table = read_tsv(side["clusters_tsv"]) if side.get("clusters_tsv") and Path(side["clusters_tsv"]).is_file() else pd.DataFrame()
    image = side.get("clusters_img")
    labels = np.asarray(nib.load(image).dataobj) if image and Path(image).is_file() else None
    return table, labels


def match_clusters(before: dict, after: dict) -> pd.DataFrame:
    """The clusters of two versions of one analysis, matched (see the module docstring).

    Parameters
    ----------
    before, after : dict
        Paths by key: ``clusters_tsv``, ``clusters_img``, and optionally ``jackknife``,
        ``failsafe``. A missing side (a new analysis) has no cluster.

    Returns
    -------
    pandas.DataFrame
        One row per matched, new or vanished cluster (:data:`MATCH_COLUMNS`).
    """
    old, old_img = _load(before)
    new, new_img = _load(after)
    n_old, n_new = len(old), len(new)
    if n_old and n_new and old_img is not None and new_img is not None:
        pairs = greedy_pairs(dice_matrix(old_img, new_img, n_old, n_new))
        dice = dice_matrix(old_img, new_img, n_old, n_new)
    else:
        pairs, dice = [], np.zeros((n_old, n_new))
    old_rows, new_rows = old.to_dict("records"), new.to_dict("records")
    jk_old, jk_new = jackknife_shares(before.get("jackknife"), n_old), jackknife_shares(after.get("jackknife"), n_new)
    fs_old, fs_new = failsafe_values(before.get("failsafe"), n_old), failsafe_values(after.get("failsafe"), n_new)
    rows = []
    for i, j in sorted(pairs):
        a, b = old_rows[i], new_rows[j]
        shift = float(np.linalg.norm([float(b[k]) - float(a[k]) for k in "xyz"]))
        vol_a, vol_b = float(a["volume_mm3"]), float(b["volume_mm3"])
        rows.append(
            {
                "cluster_before": str(a["cluster"]),
                "cluster_after": str(b["cluster"]),
                "status": "matched",
                "dice": round(float(dice[i, j]), 3),
                "peak_shift_mm": round(shift, 1),
                "volume_before": vol_a,
                "volume_after": vol_b,
                "volume_change_pct": round(100 * (vol_b - vol_a) / vol_a, 1) if vol_a else np.nan,
                "label_before": label_text(a),
                "label_after": label_text(b),
                "label_changed": label_text(a) != label_text(b),
                "jackknife_before": jk_old[i],
                "jackknife_after": jk_new[j],
                "failsafe_before": fs_old[i],
                "failsafe_after": fs_new[j],
            }
        )
    matched_a, matched_b = {i for i, _ in pairs}, {j for _, j in pairs}
    for i in sorted(set(range(n_old)) - matched_a):
        a = old_rows[i]
        rows.append(
            {
                "cluster_before": str(a["cluster"]),
                "cluster_after": "",
                "status": "vanished",
                "volume_before": float(a["volume_mm3"]),
                "label_before": label_text(a),
                "jackknife_before": jk_old[i],
                "failsafe_before": fs_old[i],
            }
        )
    for j in sorted(set(range(n_new)) - matched_b):
        b = new_rows[j]
        rows.append(
            {
                "cluster_before": "",
                "cluster_after": str(b["cluster"]),
                "status": "new",
                "volume_after": float(b["volume_mm3"]),
                "label_after": label_text(b),
                "jackknife_after": jk_new[j],
                "failsafe_after": fs_new[j],
            }
        )
    return pd.DataFrame(rows, columns=MATCH_COLUMNS)


def verdict(matches: pd.DataFrame, existed_before: bool = True) -> tuple[str, str]:
    """``(verdict, why)`` of one analysis from its matched clusters (rules in the module docstring)."""
    status = matches["status"] if len(matches) else pd.Series([], dtype=str)
    if not existed_before:
        return "new finding", "the analysis is new in this version"
    if (status == "new").any():
        return "new finding", f"{int((status == 'new').sum())} new cluster(s)"
    matched = matches[status == "matched"]
    weak, strong = [], []
    if (status == "vanished").any():
        weak.append(f"{int((status == 'vanished').sum())} cluster(s) vanished")
    for row in matched.to_dict("records"):
        change = (row["volume_after"] - row["volume_before"]) / row["volume_before"] if row["volume_before"] else 0.0
        name = f"cluster {row['cluster_before']}"
        if change <= -VOLUME_CHANGE:
            weak.append(f"{name} lost {-100 * change:.0f}% of its volume")
        elif change >= VOLUME_CHANGE:
            strong.append(f"{name} grew by {100 * change:.0f}%")
        if row["dice"] < MIN_DICE:
            weak.append(f"{name} overlaps its previous extent with Dice {row['dice']:.2f}")
        share_a, share_b = _share(row["jackknife_before"]), _share(row["jackknife_after"])
        if share_a is not None and share_b is not None:
            if share_b - share_a <= -JACKKNIFE_CHANGE:
                weak.append(f"{name} kept by fewer jackknife runs ({row['jackknife_before']} → {row['jackknife_after']})")
            elif share_b - share_a >= JACKKNIFE_CHANGE:
                strong.append(f"{name} kept by more jackknife runs ({row['jackknife_before']} → {row['jackknife_after']})")
    if weak:
        return "weakened", "; ".join(weak)
    if strong:
        return "strengthened", "; ".join(strong)
    if not len(matches):
        return "unchanged", "no cluster in either version"
    return "unchanged", "every cluster matched within the bounds (volume ±20%, Dice ≥ 0.5, jackknife share ±0.2)"
