"""Synthetic stand-ins for the ALE stage's outputs, for the figure and report tests.

Blobs around the paper's Table 4 peaks on the 2 mm MNI grid: ``thresholded_ale.nii.gz``,
``clusters.nii.gz`` (labels 1..n) and ``clusters.tsv``; and a jackknife table.
"""

from pathlib import Path

import nibabel as nib
import numpy as np
import pandas as pd

from conftest import REPO

AFFINE_2MM = np.array([[-2.0, 0, 0, 90], [0, 2, 0, -126], [0, 0, 2, -72], [0, 0, 0, 1]])
SHAPE_2MM = (91, 109, 91)
TABLE4 = REPO / "examples" / "reference_review" / "facts" / "table4_clusters.tsv"
TABLE5 = REPO / "examples" / "reference_review" / "facts" / "table5_jackknife.tsv"


def write_analysis(out_dir, contrast="post_gt_pre", n_clusters=None):
    """Write synthetic ALE outputs of one contrast of Table 4 into ``out_dir``; returns it."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    table = pd.read_csv(TABLE4, sep="\t", dtype=str, keep_default_na=False)
    table = table[table["contrast"] == contrast].drop(columns="contrast").reset_index(drop=True)
    if n_clusters is not None:
        table = table.iloc[:n_clusters]
    ale = np.zeros(SHAPE_2MM, dtype=np.float32)
    labels = np.zeros(SHAPE_2MM, dtype=np.int16)
    ijk = np.indices(SHAPE_2MM).reshape(3, -1).T
    xyz = ijk @ AFFINE_2MM[:3, :3].T + AFFINE_2MM[:3, 3]
    for number, row in enumerate(table.to_dict("records"), start=1):
        peak = np.array([float(row["x"]), float(row["y"]), float(row["z"])])
        d2 = ((xyz - peak) ** 2).sum(axis=1)
        value = float(row["peak_ale"]) * np.exp(-d2 / (2 * 4.0**2))
        inside = (value > 0.55 * float(row["peak_ale"])).reshape(SHAPE_2MM)
        ale[inside] = np.maximum(ale[inside], value.reshape(SHAPE_2MM)[inside])
        labels[inside & (labels == 0)] = number
    nib.Nifti1Image(ale, AFFINE_2MM).to_filename(out_dir / "thresholded_ale.nii.gz")
    nib.Nifti1Image(labels, AFFINE_2MM).to_filename(out_dir / "clusters.nii.gz")
    table.insert(0, "analysis", contrast)
    table.to_csv(out_dir / "clusters.tsv", sep="\t", index=False)
    return out_dir


def write_jackknife(path, contrast="post_gt_pre"):
    """The paper's Table 5 for ``contrast`` in the jackknife layout: experiments × clusters, Y/N,
    and a last row of counts."""
    table = pd.read_csv(TABLE5, sep="\t", dtype=str, keep_default_na=False)
    part = table[table["contrast"] == contrast]
    wide = part.pivot_table(index=["order", "study", "ref"], columns="cluster", values="survived", aggfunc="first")
    wide = wide.reset_index().sort_values("order", key=lambda s: s.astype(int))
    wide.columns = [str(c) for c in wide.columns]
    out = pd.DataFrame({"experiment": [f"{s} ({r})" for s, r in zip(wide["study"], wide["ref"])]})
    for cluster in sorted({c for c in wide.columns if c.isdigit()}, key=int):
        out[cluster] = wide[cluster].values
    counts = {"experiment": "count", **{c: str((out[c] == "Y").sum()) for c in out.columns[1:]}}
    out = pd.concat([out, pd.DataFrame([counts])], ignore_index=True)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    out.to_csv(path, sep="\t", index=False)
    return path
