"""Agreement of the offline labels with the paper's Table 4, and their speed.

For each icbm2tal variant and search radius, counts how many of Table 4's 15 peaks get the
hemisphere, lobe, gyrus and Brodmann area GingerALE printed (comparison rules in
``alereview.labels.compare``); radius 0 is the plain voxel lookup. Then times the first call
(atlas loading) and the mean time per peak.

Usage: ``nice -n 10 python bench/labels_agreement.py [--show]`` (``--show`` lists mismatches
of the default settings).
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

TABLE4 = Path(__file__).resolve().parents[1] / "resources" / "reference_review" / "facts" / "table4_clusters.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the mismatches of the defaults")
    args = parser.parse_args()

    start = time.perf_counter()
    from alereview.labels import label_peak
    from alereview.labels.compare import agreement
    from alereview.labels.lookup import DEFAULT_SEARCH_RADIUS_MM, DEFAULT_TRANSFORM
    from alereview.labels.talairach import TRANSFORMS

    imported = time.perf_counter()
    label_peak(0, 0, 0)
    first = time.perf_counter()

    with open(TABLE4, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    print(f"Table 4: {len(rows)} peaks; agreement per level (hemisphere, lobe, gyrus, BA)")
    print(f"{'transform':<10}{'radius mm':>10}{'hemi':>6}{'lobe':>6}{'gyrus':>7}{'BA':>5}")
    for transform in TRANSFORMS:
        for radius in (0, 3, 5, 6, 7, 8, 10):
            counts = agreement(rows, label_peak, transform=transform, search_radius_mm=radius)
            marker = "  <- default" if (transform, radius) == (DEFAULT_TRANSFORM, DEFAULT_SEARCH_RADIUS_MM) else ""
            print(
                f"{transform:<10}{radius:>10g}{counts['hemisphere']:>6}{counts['lobe']:>6}"
                f"{counts['gyrus']:>7}{counts['ba']:>5}{marker}"
            )
    if args.show:
        for index, level, published, ours in agreement(rows, label_peak)["mismatches"]:
            row = rows[index]
            print(f"  ({row['x']}, {row['y']}, {row['z']}) {level}: table {published!r}, ours {ours!r}")

    repeats = 20
    start_peaks = time.perf_counter()
    for _ in range(repeats):
        for row in rows:
            label_peak(float(row["x"]), float(row["y"]), float(row["z"]))
    per_peak = (time.perf_counter() - start_peaks) / (repeats * len(rows))
    print(f"import {imported - start:.2f} s; first label (loads the atlases) {first - imported:.2f} s; "
          f"then {per_peak * 1000:.2f} ms per peak")


if __name__ == "__main__":
    main()
