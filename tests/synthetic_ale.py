"""Synthetic stand-ins for the ALE stage's outputs, for the figure and report tests.

Blobs around cluster peaks on the 2 mm MNI grid: ``thresholded_ale.nii.gz``, ``clusters.nii.gz``
(labels 1..n) and ``clusters.tsv``; and a jackknife table. The peaks and jackknife cells are
``tests/data/ale/synthetic_*.tsv`` (two contrasts of the reference paper's Tables 4 and 5) unless
a table is given (the figure benchmark passes the whole of the reference review's).
"""

from pathlib import Path

import nibabel as nib
import numpy as np
import pandas as pd

from conftest import TEST_DATA

AFFINE_2MM = np.array([[-2.0, 0, 0, 90], [0, 2, 0, -126], [0, 0, 2, -72], [0, 0, 0, 1]])
SHAPE_2MM = (91, 109, 91)
CLUSTERS = TEST_DATA / "ale" / "synthetic_clusters.tsv"
JACKKNIFE = TEST_DATA / "ale" / "synthetic_jackknife.tsv"


def write_analysis(out_dir, contrast="patients_gt_hc", n_clusters=None, table=CLUSTERS):
    """Write synthetic ALE outputs of one contrast of ``table`` (Table 4's layout) into ``out_dir``; returns it."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    table = pd.read_csv(table, sep="\t", dtype=str, keep_default_na=False)
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


def write_jackknife(path, contrast="post_lt_pre", table=JACKKNIFE):
    """``table`` (Table 5's layout) for ``contrast`` in the jackknife layout: experiments × clusters,
    Y/N, and a last row of counts."""
    table = pd.read_csv(table, sep="\t", dtype=str, keep_default_na=False)
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
