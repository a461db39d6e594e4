"""Write the reference review's simulated coordinate table: ``coordinates/foci.tsv``.

The paper's coordinates are not public. This writes one table of **simulated** foci for the
experiments of its Table 5, faithful where the paper gives facts:

* experiments per contrast (Table 5) and foci counts (section 3.4): post > pre 16 experiments /
  133 foci, post < pre 10 / 45, patients > HC 6 / 61, patients < HC 4 / 14 (the deactivations of
  refs 19, 20, 22 and 27, which yield no cluster in the paper);
* the space each study reported (Table 2): Talairach studies are written in Talairach, converted
  from MNI with the inverse of the workflow's default transform (``lancaster_spm``), so that the
  workflow's conversion back to MNI is exercised; coordinates are rounded to whole mm as papers
  report them;
* sample sizes (Table 1), by this rule: a pre/post experiment uses the acupuncture arm's n
  (``n_treat``), and a study's second pre/post experiment its other arm's n (``n_control``: in the
  two-arm studies here both arms received a needling treatment: EA vs MA, SYTD vs XNKQ, MA vs SA);
  a patients-vs-HC experiment uses ``n_treat + n_control`` (patients and healthy controls);
* foci placed around the Table 4 peaks (MNI), by the experiments Table 5 marks ``N`` for a cluster
  (the cluster needs them) plus a few others marked ``Y`` (:data:`CLUSTER_DESIGN`), at distances
  calibrated with NiMARE's ALE (sample-size kernel, ``ale_2mm`` mask, uncorrected p < .001,
  clusters >= 400 mm3 inclusive, faces connectivity) so that the full analysis finds each Table 4
  cluster and the leave-one-experiment-out pattern matches Table 5; every other focus is
  scattered in grey matter, away from the peaks and from other experiments' foci.

Result (``--evaluate``, NiMARE 0.22.1): the 15 Table 4 clusters and no other (none for patients <
HC), ALE peaks 0-6.6 mm from the paper's, and all 192 Y/N cells of Table 5 agreeing.

Run from the repository root: ``python examples/reference_review/gen_coordinates.py``
(``--evaluate`` re-runs the ALE check of the committed table and prints the agreement with
Table 4 and Table 5; ``--calibrate`` searches the distances again; both are slow-ish and never
run by the workflow). The generator itself is deterministic from ``seed``.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
FACTS = HERE / "facts"
DEFAULT_SEED = 20240321
#: The transform the workflow applies by default (config ``coordinates.transform``).
DEFAULT_TRANSFORM = "lancaster_spm"

COLUMNS = ["study", "experiment", "contrast", "x", "y", "z", "space", "n", "direction", "table", "page"]

#: Contrast -> (experiment label template, direction).
CONTRASTS = {
    "post_gt_pre": ("post > pre ({arm})", "activation"),
    "post_lt_pre": ("post < pre ({arm})", "deactivation"),
    "patients_gt_hc": ("patients > HC", "activation"),
    "patients_lt_hc": ("patients < HC", "deactivation"),
}

#: patients < HC is not in Table 5: the 4 studies with deactivations (section 3.4.1), in ref order.
PATIENTS_LT_HC_REFS = (19, 20, 22, 27)

#: Foci per experiment, in Table 5 order. Sums: 133, 45, 61, 14 (section 3.4).
#: Where a study has one experiment in a contrast and Table 2 gives its count, that count is used
#: (refs 11, 12, 25, 26, 29, 30); Table 2's per-study counts do not add up to the text's totals.
FOCI_PER_EXPERIMENT = {
    "post_gt_pre": [14, 10, 5, 11, 10, 5, 5, 8, 10, 9, 5, 10, 11, 10, 5, 5],
    "post_lt_pre": [6, 6, 6, 5, 5, 3, 2, 4, 4, 4],
    "patients_gt_hc": [11, 12, 7, 11, 11, 9],
    "patients_lt_hc": [4, 4, 3, 3],
}

#: (contrast, Table 4 cluster) -> experiments (Table 5 order) placing a focus near the peak:
#: ``critical`` are those Table 5 marks N, ``support`` some marked Y. Distances (mm) calibrated
#: (see module docstring): ``r_critical`` for the critical foci, ``r_support`` for the others.
CLUSTER_DESIGN = {
    ("post_gt_pre", 1): {"critical": [], "support": [3, 7, 12, 15], "r_critical": 0, "r_support": 2},
    ("post_gt_pre", 2): {"critical": [11], "support": [9, 16, 3], "r_critical": 0, "r_support": 5},
    ("post_gt_pre", 3): {"critical": [1, 4], "support": [9, 16], "r_critical": 2, "r_support": 5},
    ("post_gt_pre", 4): {"critical": [1, 4], "support": [10, 15], "r_critical": 0, "r_support": 7},
    ("post_gt_pre", 5): {"critical": [2, 4, 14], "support": [], "r_critical": 1, "r_support": 0},
    ("post_gt_pre", 6): {"critical": [1, 2, 4, 14], "support": [], "r_critical": 4, "r_support": 0},
    ("post_gt_pre", 7): {"critical": [6, 11], "support": [], "r_critical": 0, "r_support": 0},
    ("post_gt_pre", 8): {
        "critical": [5, 13],
        "support": [14, 2],
        "r_critical": 0,
        "r_support": 7,
        "offset": [0.5, 1.7, -1.0],
    },  # 2 mm further from cluster 1 (17 mm away): kept apart
    ("post_gt_pre", 9): {"critical": [5, 6, 8, 13], "support": [], "r_critical": 6, "r_support": 0},
    ("post_lt_pre", 1): {"critical": [3, 8], "support": [], "r_critical": 0, "r_support": 0},
    ("post_lt_pre", 2): {"critical": [4, 8], "support": [], "r_critical": 0, "r_support": 0},
    ("post_lt_pre", 3): {"critical": [2], "support": [5, 9, 10], "r_critical": 0, "r_support": 7},
    ("patients_gt_hc", 1): {"critical": [1, 2, 4], "support": [], "r_critical": 3, "r_support": 0},
    ("patients_gt_hc", 2): {"critical": [1, 3], "support": [], "r_critical": 0, "r_support": 0},
    ("patients_gt_hc", 3): {"critical": [1, 3], "support": [], "r_critical": 1, "r_support": 0},
}

#: Scattered foci keep this far (mm) from any Table 4 peak of their contrast and from the foci of
#: other experiments in the same contrast, so that they form no cluster of their own.
MIN_DISTANCE_PEAK = 22.0
MIN_DISTANCE_OTHER = 14.0
MIN_DISTANCE_SAME = 8.0
#: Scattered foci lie at least this deep (mm) inside the ALE mask.
MIN_DEPTH_SCATTERED = 4.0
#: Foci of a cluster are centred at least this deep (mm) inside the ALE mask.
ANCHOR_DEPTH = 6.0


def read_tsv(path):
    """Rows of a TSV as dicts."""
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def study_table(out_dir: Path) -> dict:
    """ref -> row of ``studies.tsv`` (the one in ``out_dir`` when present, else beside this file)."""
    path = out_dir / "studies.tsv"
    if not path.is_file():
        path = HERE / "studies.tsv"
    return {int(row["ref"]): row for row in read_tsv(path)}


def experiment_plan(studies: dict) -> list[dict]:
    """Every experiment: contrast, order, study, label, n, space, foci count (see module docstring)."""
    jackknife = read_tsv(FACTS / "table5_jackknife.tsv")
    orders = {}
    for row in jackknife:
        orders.setdefault(row["contrast"], {})[int(row["order"])] = int(row["ref"])
    orders["patients_lt_hc"] = {i + 1: ref for i, ref in enumerate(PATIENTS_LT_HC_REFS)}
    plan = []
    for contrast, (template, direction) in CONTRASTS.items():
        seen = {}
        for order in sorted(orders[contrast]):
            ref = orders[contrast][order]
            study = studies[ref]
            arm_index = seen.get(ref, 0)
            seen[ref] = arm_index + 1
            if contrast.startswith("patients"):
                n = int(study["n_treat"]) + int(study["n_control"])
                arm = ""
            elif arm_index == 0:
                n, arm = int(study["n_treat"]), study["treatment"]
            else:
                n, arm = int(study["n_control"]), study["control"]
            plan.append(
                {
                    "contrast": contrast,
                    "order": order,
                    "ref": ref,
                    "study": study["study_id"],
                    "experiment": template.format(arm=arm),
                    "n": n,
                    "space": "TAL" if study["space"].lower().startswith("tal") else "MNI",
                    "direction": direction,
                    "n_foci": FOCI_PER_EXPERIMENT[contrast][order - 1],
                }
            )
    return plan


def table4_peaks() -> dict:
    """(contrast, cluster) -> MNI peak."""
    return {
        (row["contrast"], int(row["cluster"])): np.array([float(row[a]) for a in "xyz"]) for row in read_tsv(FACTS / "table4_clusters.tsv")
    }


def _directions(count: int, rng) -> np.ndarray:
    """``count`` well-spread unit vectors (a Fibonacci sphere under a random rotation)."""
    if count == 0:
        return np.zeros((0, 3))
    index = np.arange(count) + 0.5
    polar = np.arccos(1 - 2 * index / count)
    azimuth = np.pi * (1 + 5**0.5) * index
    vectors = np.column_stack([np.cos(azimuth) * np.sin(polar), np.sin(azimuth) * np.sin(polar), np.cos(polar)])
    q, _ = np.linalg.qr(rng.normal(size=(3, 3)))
    return vectors @ q.T


class BrainSpace:
    """The ALE mask and a grey-matter mask, to keep foci inside the brain."""

    def __init__(self):
        from nilearn.datasets import load_mni152_gm_template
        from nilearn.image import resample_to_img
        from nimare.utils import get_template
        import scipy.ndimage as ndi

        self.mask_img = get_template("ale_2mm", mask="brain")
        self.mask = self.mask_img.get_fdata() > 0
        gm = resample_to_img(
            load_mni152_gm_template(resolution=2), self.mask_img, interpolation="linear", force_resample=True, copy_header=True
        )
        self.grey = (gm.get_fdata() > 0.5) & self.mask
        self.inverse = np.linalg.inv(self.mask_img.affine)
        self._deep = {}
        self.depth = ndi.distance_transform_edt(self.mask, sampling=np.abs(np.diag(self.mask_img.affine)[:3]))
        self.grey_mm = np.column_stack(np.nonzero(self.grey)) @ self.mask_img.affine[:3, :3].T + self.mask_img.affine[:3, 3]

    def anchor(self, peak, min_depth=ANCHOR_DEPTH) -> np.ndarray:
        """``peak``, or the nearest point at least ``min_depth`` mm inside the ALE mask.

        Some Table 4 peaks lie on or beyond the edge of NiMARE's ``ale_2mm`` mask (GingerALE's
        mask is more generous): their foci are centred a few mm inside so the cluster is not cut.
        """
        if min_depth not in self._deep:
            deep = np.column_stack(np.nonzero(self.depth >= min_depth))
            self._deep[min_depth] = deep @ self.mask_img.affine[:3, :3].T + self.mask_img.affine[:3, 3]
        deep_mm = self._deep[min_depth]
        if self.inside(peak) and self.depth[tuple(self._ijk(peak))] >= min_depth:
            return np.asarray(peak, dtype=float)
        return deep_mm[np.argmin(np.linalg.norm(deep_mm - peak, axis=1))]

    def depth_at(self, point) -> float:
        """Distance (mm) from ``point`` to the outside of the ALE mask; 0 outside."""
        if not self.inside(point):
            return 0.0
        return float(self.depth[tuple(self._ijk(point))])

    def _ijk(self, point):
        return np.rint(self.inverse[:3, :3] @ point + self.inverse[:3, 3]).astype(int)

    def inside(self, point, grey=False) -> bool:
        ijk = np.rint(self.inverse[:3, :3] @ point + self.inverse[:3, 3]).astype(int)
        volume = self.grey if grey else self.mask
        if np.any(ijk < 0) or np.any(ijk >= volume.shape):
            return False
        return bool(volume[tuple(ijk)])


def place_foci(plan, seed, design=None, space=None) -> dict:
    """MNI foci per experiment (key ``(contrast, order)``), before rounding and conversion."""
    design = CLUSTER_DESIGN if design is None else design
    space = space or BrainSpace()
    peaks = table4_peaks()
    foci = {(e["contrast"], e["order"]): [] for e in plan}
    contrast_index = {c: i for i, c in enumerate(CONTRASTS)}
    for (contrast, cluster), spec in sorted(design.items()):
        # One stream per cluster, so that tuning one cluster leaves the others where they are.
        rng = np.random.default_rng([seed, contrast_index[contrast], cluster])
        # ``offset`` (mm) moves a cluster's foci off its peak, away from a neighbouring cluster.
        peak = space.anchor(peaks[(contrast, cluster)]) + np.asarray(spec.get("offset", (0, 0, 0)), dtype=float)
        members = [(o, spec["r_critical"]) for o in spec["critical"]] + [(o, spec["r_support"]) for o in spec["support"]]
        for _attempt in range(200):
            directions = _directions(len(members), rng)
            points = [peak + radius * d for (_, radius), d in zip(members, directions)]
            if all(space.inside(p) for p in points):
                break
        for (order, _), point in zip(members, points):
            foci[(contrast, order)].append(point)
    by_contrast = {}
    for e in plan:
        by_contrast.setdefault(e["contrast"], []).append(e)
    for contrast, experiments in by_contrast.items():
        rng = np.random.default_rng([seed, contrast_index[contrast]])
        contrast_peaks = [p for (c, _), p in peaks.items() if c == contrast]
        for e in experiments:
            key = (contrast, e["order"])
            others = np.array([p for o in experiments if o["order"] != e["order"] for p in foci[(contrast, o["order"])]]).reshape(-1, 3)
            avoid = np.array(contrast_peaks).reshape(-1, 3)
            while len(foci[key]) < e["n_foci"]:
                candidate = space.grey_mm[rng.integers(len(space.grey_mm))] + rng.uniform(-1, 1, 3)
                if space.depth_at(candidate) < MIN_DEPTH_SCATTERED:
                    continue  # rounding and Talairach round trips must not push it out of the mask
                own = np.array(foci[key]).reshape(-1, 3)
                if (
                    _too_close(candidate, avoid, MIN_DISTANCE_PEAK)
                    or _too_close(candidate, others, MIN_DISTANCE_OTHER)
                    or _too_close(candidate, own, MIN_DISTANCE_SAME)
                ):
                    continue
                foci[key].append(candidate)
            if len(foci[key]) != e["n_foci"]:
                raise ValueError(f"{key}: {len(foci[key])} foci planned, {e['n_foci']} expected")
    return foci


def _too_close(point, points, distance) -> bool:
    return bool(len(points)) and bool(np.min(np.linalg.norm(points - point, axis=1)) < distance)


def foci_rows(plan, foci, seed) -> list[dict]:
    """Table rows, coordinates in each study's reported space, rounded to whole mm."""
    from alereview.coordinates.transforms import mni2tal

    rng = np.random.default_rng(seed + 1)
    rows = []
    for e in plan:
        points = np.array(foci[(e["contrast"], e["order"])])
        if e["space"] == "TAL":
            points = mni2tal(points, DEFAULT_TRANSFORM)
        table, page = int(rng.integers(2, 5)), int(rng.integers(3, 12))
        # Papers list foci in an order of their own; shuffle so cluster foci are not first.
        for point in points[rng.permutation(len(points))]:
            x, y, z = (int(v) for v in np.rint(point) + 0.0)
            rows.append(
                {
                    "study": e["study"],
                    "experiment": e["experiment"],
                    "contrast": e["contrast"],
                    "x": x,
                    "y": y,
                    "z": z,
                    "space": e["space"],
                    "n": e["n"],
                    "direction": e["direction"],
                    "table": f"Table {table}",
                    "page": page,
                }
            )
    return rows


def write_rows(rows, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def generate(out_dir, seed=DEFAULT_SEED) -> Path:
    """Write ``<out_dir>/coordinates/foci.tsv``; returns its path. Deterministic in ``seed``."""
    out_dir = Path(out_dir)
    plan = experiment_plan(study_table(out_dir))
    foci = place_foci(plan, seed)
    path = out_dir / "coordinates" / "foci.tsv"
    write_rows(foci_rows(plan, foci, seed), path)
    return path


# --- Checking against Tables 4 and 5 (never run by the workflow) ---------------------------


def _ale_clusters(experiments, space, p_threshold=0.001, min_volume=400.0, with_stat=False):
    """Thresholded ALE clusters: list of boolean volumes (>= min_volume mm3, inclusive)."""
    import scipy.ndimage as ndi
    from nimare.meta.cbma import ALE
    from nimare.nimads import Studyset

    studies = [
        {
            "id": f"e{i}",
            "name": f"e{i}",
            "analyses": [
                {
                    "id": f"a{i}",
                    "name": "a",
                    "metadata": {"sample_sizes": [n]},
                    "points": [{"space": "MNI", "coordinates": [float(v) for v in p]} for p in pts],
                }
            ],
        }
        for i, (n, pts) in enumerate(experiments)
    ]
    result = ALE().fit(Studyset({"id": "s", "name": "s", "studies": studies}, target="ale_2mm"))
    significant = result.masker.inverse_transform((result.maps["p"] < p_threshold).astype(np.float32)).get_fdata() > 0
    # Faces connectivity (6 neighbours): NiMARE's and the ALE stage's default.
    labels, count = ndi.label(significant)
    voxel_mm3 = abs(np.linalg.det(space.mask_img.affine[:3, :3]))
    sizes = np.bincount(labels.ravel(), minlength=count + 1)
    clusters = [labels == k for k in range(1, count + 1) if sizes[k] * voxel_mm3 >= min_volume]
    if with_stat:
        return clusters, result.masker.inverse_transform(result.maps["stat"]).get_fdata()
    return clusters


def _cluster_at(clusters, peak, space, radius=8.0):
    """The cluster holding a voxel within ``radius`` mm of ``peak``, else None."""
    for cluster in clusters:
        ijk = np.column_stack(np.nonzero(cluster))
        mm = ijk @ space.mask_img.affine[:3, :3].T + space.mask_img.affine[:3, 3]
        if np.min(np.linalg.norm(mm - peak, axis=1)) <= radius:
            return cluster
    return None


def evaluate(rows, space=None) -> dict:
    """ALE of each contrast of ``rows`` (as the workflow converts them), and its jackknife.

    Returns, per contrast: ``found`` (Table 4 cluster -> bool), ``extra`` (clusters not at a
    Table 4 peak), ``cells`` (list of (order, cluster, expected Y/N, observed Y/N)).
    """
    from alereview.coordinates.transforms import to_mni

    space = space or BrainSpace()
    peaks = table4_peaks()
    expected = {(r["contrast"], int(r["order"]), int(r["cluster"])): r["survived"] for r in read_tsv(FACTS / "table5_jackknife.tsv")}
    experiments = {}
    for row in rows:
        key = (row["contrast"], row["study"], row["experiment"])
        entry = experiments.setdefault(key, {"n": int(row["n"]), "points": []})
        point = to_mni([[float(row["x"]), float(row["y"]), float(row["z"])]], row["space"], DEFAULT_TRANSFORM)[0]
        entry["points"].append(point)
    report = {}
    for contrast in CONTRASTS:
        keys = [k for k in experiments if k[0] == contrast]  # file order = Table 5 order
        data = [(experiments[k]["n"], experiments[k]["points"]) for k in keys]
        clusters, stat = _ale_clusters(data, space, with_stat=True)
        contrast_peaks = {c: p for (con, c), p in peaks.items() if con == contrast}
        found = {c: _cluster_at(clusters, p, space) for c, p in contrast_peaks.items()}
        distances, volumes = {}, {}
        for c, cluster in found.items():
            if cluster is not None:
                top = np.unravel_index(np.argmax(np.where(cluster, stat, -1)), stat.shape)
                top_mm = space.mask_img.affine[:3, :3] @ np.array(top) + space.mask_img.affine[:3, 3]
                distances[c] = float(np.linalg.norm(top_mm - contrast_peaks[c]))
                volumes[c] = int(round(cluster.sum() * abs(np.linalg.det(space.mask_img.affine[:3, :3]))))
        merged = sorted(
            {
                (a, b)
                for a, fa in found.items()
                for b, fb in found.items()
                if a < b and fa is not None and fb is not None and np.array_equal(fa, fb)
            }
        )
        extra = sum(1 for cl in clusters if not any(f is not None and np.array_equal(f, cl) for f in found.values()))
        cells = []
        for order in range(1, len(keys) + 1):
            reduced = _ale_clusters([d for i, d in enumerate(data) if i != order - 1], space)
            for c, original in found.items():
                survived = original is not None and any(np.any(original & r) for r in reduced)
                cells.append((order, c, expected.get((contrast, order, c), "-"), "Y" if survived else "N"))
        report[contrast] = {
            "found": {c: v is not None for c, v in found.items()},
            "extra": extra,
            "cells": cells,
            "peak_distance_mm": distances,
            "volume_mm3": volumes,
            "merged": merged,
        }
    return report


def print_report(report) -> None:
    """Print how close the simulated table comes to Tables 4 and 5."""
    for contrast, r in report.items():
        agree = sum(1 for *_, e, o in r["cells"] if e == o)
        total = sum(1 for *_, e, o in r["cells"] if e != "-")
        print(
            f"{contrast}: Table 4 clusters found {sum(r['found'].values())}/{len(r['found'])}, "
            f"extra clusters {r['extra']}, merged {r['merged'] or 'none'}, Table 5 cells agreeing {agree}/{total}"
        )
        for c in sorted(r["peak_distance_mm"]):
            print(f"  cluster {c}: {r['volume_mm3'][c]} mm3, ALE peak {r['peak_distance_mm'][c]:.1f} mm from Table 4's")
        for order, c, e, o in r["cells"]:
            if e != o:
                print(f"  experiment {order} removed, cluster {c}: paper {e}, simulated {o}")


def calibrate(seed=DEFAULT_SEED, contrasts=None, grid_critical=range(8), grid_support=(3, 5, 7, 9, 11)):
    """Search each cluster's distances so the jackknife matches Table 5 best; print the design.

    Slow (hundreds of ALE fits); run by hand with ``nice``. Each cluster is scored on the full
    analysis (cluster found) and on the removal of each of its contributors.
    """
    import copy

    space = BrainSpace()
    plan = experiment_plan(study_table(HERE))
    design = copy.deepcopy(CLUSTER_DESIGN)
    peaks = table4_peaks()
    for key in sorted(design):
        contrast, cluster = key
        if contrasts and contrast not in contrasts and f"{contrast}:{cluster}" not in contrasts:
            continue
        spec = design[key]
        best = None
        supports = grid_support if spec["support"] else (0,)
        for r_critical in grid_critical:
            for r_support in supports:
                spec["r_critical"], spec["r_support"] = r_critical, r_support
                foci = place_foci(plan, seed, design, space)
                rows = foci_rows(plan, foci, seed)
                experiments = {}
                for row in rows:
                    if row["contrast"] != contrast:
                        continue
                    entry = experiments.setdefault((row["study"], row["experiment"]), {"n": int(row["n"]), "points": []})
                    entry["points"].append(_to_mni_row(row))
                data = [(v["n"], v["points"]) for v in experiments.values()]
                clusters = _ale_clusters(data, space)
                original = _cluster_at(clusters, peaks[key], space)
                others = [_cluster_at(clusters, p, space) for k, p in peaks.items() if k[0] == contrast and k != key]
                if original is not None and any(o is not None and np.array_equal(o, original) for o in others):
                    original = None  # merged with a neighbouring Table 4 cluster: not the paper's
                score = 0 if original is None else 1 + int(original.sum()) / 1e6
                if original is not None:
                    for order in spec["critical"] + spec["support"]:
                        reduced = _ale_clusters([d for i, d in enumerate(data) if i != order - 1], space)
                        survived = any(np.any(original & r) for r in reduced)
                        score += 1 if survived == (order in spec["support"]) else 0
                if best is None or score > best[0]:
                    best = (score, r_critical, r_support)
        spec["r_critical"], spec["r_support"] = best[1], best[2]
        print(
            f"{key}: r_critical={best[1]} r_support={best[2]} score={best[0]:.4f} of {1 + len(spec['critical']) + len(spec['support'])}",
            flush=True,
        )
    return design


def _to_mni_row(row):
    from alereview.coordinates.transforms import to_mni

    return to_mni([[float(row["x"]), float(row["y"]), float(row["z"])]], row["space"], DEFAULT_TRANSFORM)[0]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", default=str(HERE))
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--evaluate", action="store_true", help="run the ALE check of the written table")
    parser.add_argument("--calibrate", nargs="*", metavar="CONTRAST[:CLUSTER]", help="search the distances again (slow)")
    args = parser.parse_args(argv)
    if args.calibrate is not None:
        calibrate(args.seed, args.calibrate)
        return 0
    path = generate(args.out_dir, args.seed)
    print(f"wrote {path}")
    if args.evaluate:
        print_report(evaluate(read_tsv(path)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
