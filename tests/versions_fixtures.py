"""Small synthetic results folders for the living-review tests (alereview.versions).

A results folder in the workflow's layout with what the versions read: per analysis
``ale/{analysis}/clusters.nii.gz`` (boxes on a small 2 mm grid, labels 1..n), ``clusters.tsv``
(volumes and peaks from the image), ``threshold.json``, ``experiments.tsv``, the jackknife
table; and ``dedup/unique.tsv``, ``screening/included.tsv``, ``decisions.tsv``,
``prisma/prisma.csv``, a report and a table.
"""

import json
from pathlib import Path

import nibabel as nib
import numpy as np
import pandas as pd

AFFINE = np.array([[2.0, 0, 0, -30], [0, 2, 0, -30], [0, 0, 2, -30], [0, 0, 0, 1]])
SHAPE = (30, 30, 30)


def write_ale(results, analysis, boxes, experiments, jackknife_kept=None):
    """Clusters as boxes ``(i0, i1, j0, j1, k0, k1)`` (voxel index ranges) and experiment slugs."""
    out = Path(results) / "ale" / analysis
    out.mkdir(parents=True, exist_ok=True)
    labels = np.zeros(SHAPE, dtype=np.int16)
    rows = []
    for number, (i0, i1, j0, j1, k0, k1) in enumerate(boxes, start=1):
        labels[i0:i1, j0:j1, k0:k1] = number
        centre = AFFINE @ np.array([(i0 + i1 - 1) / 2, (j0 + j1 - 1) / 2, (k0 + k1 - 1) / 2, 1.0])
        n_voxels = (i1 - i0) * (j1 - j0) * (k1 - k0)
        rows.append(
            {
                "analysis": analysis,
                "cluster": number,
                "volume_mm3": 8 * n_voxels,
                "n_voxels": n_voxels,
                "x": centre[0],
                "y": centre[1],
                "z": centre[2],
                "hemisphere": "L" if centre[0] < 0 else "R",
                "lobe": "Temporal Lobe",
                "gyrus": f"Gyrus {number}",
                "ba": "21",
            }
        )
    nib.Nifti1Image(labels, AFFINE).to_filename(out / "clusters.nii.gz")
    columns = ["analysis", "cluster", "volume_mm3", "n_voxels", "x", "y", "z", "hemisphere", "lobe", "gyrus", "ba"]
    pd.DataFrame(rows, columns=columns).to_csv(out / "clusters.tsv", sep="\t", index=False)
    table = pd.DataFrame(
        {
            "order": range(1, len(experiments) + 1),
            "slug": experiments,
            "experiment": experiments,
            "study_id": [e.split("_")[0] for e in experiments],
            "n_subjects": 20,
            "n_foci": 5,
        }
    )
    table.to_csv(out / "experiments.tsv", sep="\t", index=False)
    summary = {
        "analysis": analysis,
        "n_experiments": len(experiments),
        "n_foci": 5 * len(experiments),
        "n_subjects": 20 * len(experiments),
        "n_clusters": len(boxes),
        "threshold": "synthetic",
    }
    (out / "threshold.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
    if jackknife_kept is not None:
        k = len(experiments)
        wide = {"left_out": [*experiments, f"kept (of {k})"], "slug": [*experiments, ""]}
        for number, kept in enumerate(jackknife_kept, start=1):
            wide[f"{number} L Gyrus {number}"] = ["Y"] * kept + ["N"] * (k - kept) + [str(kept)]
        jackknife = Path(results) / "jackknife" / f"{analysis}.tsv"
        jackknife.parent.mkdir(parents=True, exist_ok=True)
        pd.DataFrame(wide).to_csv(jackknife, sep="\t", index=False)


def write_screening(results, records, included, excluded=(), identified=10, new_studies=None, previous=0):
    """Records (keys), the included keys, full-text exclusions ``(key, reason)``, PRISMA counts."""
    results = Path(results)
    (results / "dedup").mkdir(parents=True, exist_ok=True)
    (results / "screening").mkdir(parents=True, exist_ok=True)
    (results / "prisma").mkdir(parents=True, exist_ok=True)
    pd.DataFrame({"record_key": records, "title": [f"Title of {r}" for r in records]}).to_csv(
        results / "dedup" / "unique.tsv", sep="\t", index=False
    )
    pd.DataFrame({"record_key": included, "title": [f"Title of {r}" for r in included]}).to_csv(
        results / "screening" / "included.tsv", sep="\t", index=False
    )
    decisions = [{"record_key": k, "stage": "full_text", "decision": "include", "reason": ""} for k in included]
    decisions += [{"record_key": k, "stage": "full_text", "decision": "exclude", "reason": why} for k, why in excluded]
    pd.DataFrame(decisions, columns=["record_key", "stage", "decision", "reason"]).to_csv(
        results / "screening" / "decisions.tsv", sep="\t", index=False
    )
    new = len(included) - previous if new_studies is None else new_studies
    counts = {
        "previous_studies": previous,
        "database_results": identified,
        "duplicates": 1,
        "records_screened": identified - 1,
        "records_excluded": identified - 1 - len(included) + previous,
        "dbr_assessed": len(included) - previous + len(excluded),
        "new_studies": new,
        "total_studies": len(included),
    }
    lines = ["data,node,box,description,boxtext,tooltips,url,n"] + [f"{k},n,b,d,t,t,u,{v}" for k, v in counts.items()]
    (results / "prisma" / "prisma.csv").write_text("\n".join(lines) + "\n")


def write_report(results, text):
    results = Path(results)
    (results / "tables").mkdir(parents=True, exist_ok=True)
    (results / "report.html").write_text(f"<html><body>{text}</body></html>\n")
    (results / "tables" / "table1_studies.html").write_text("<table><tr><td>unchanged table</td></tr></table>\n")
    big = np.random.default_rng(0).bytes(200_000)  # a large file that stays the same (a map, say)
    (results / "ale" / "big_map.bin").write_bytes(big)
