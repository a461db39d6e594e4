"""Agreement of the offline labels with the paper's Table 4, and their speed.

For each method (``gingerale``: GingerALE's 5 mm cube search; ``radius``: a sphere of the given
radius, 0 = the plain voxel lookup) and icbm2tal variant, counts how many of Table 4's 15 peaks
get the hemisphere, lobe, gyrus and Brodmann area GingerALE printed (comparison rules in
``alereview.labels.compare``), and prints the label of the one peak the issue quotes from a
GingerALE 3 cluster report ((-40, -52, -20): "Fusiform Gyrus, BA 37"). Then times the first
call (atlas loading) and the mean time per peak.

Usage: ``nice -n 10 python bench/labels_agreement.py [--show]`` (``--show`` lists mismatches
of the default settings).
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

TABLE4 = Path(__file__).resolve().parents[1] / "examples" / "reference_review" / "facts" / "table4_clusters.tsv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the mismatches of the defaults")
    args = parser.parse_args()

    start = time.perf_counter()
    from alereview.labels import label_peak
    from alereview.labels.compare import agreement
    from alereview.labels.lookup import DEFAULT_METHOD, resolve_transform
    from alereview.labels.talairach import TRANSFORMS

    imported = time.perf_counter()
    label_peak(0, 0, 0)
    first = time.perf_counter()

    with open(TABLE4, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    print(
        f"Table 4: {len(rows)} peaks; agreement per level (hemisphere, lobe, gyrus, BA); "
        f"GingerALE 3 example (-40, -52, -20) = Fusiform Gyrus, BA 37"
    )
    print(f"{'method':<10}{'transform':<10}{'radius mm':>10}{'hemi':>6}{'lobe':>6}{'gyrus':>7}{'BA':>5}  example")
    settings = [("gingerale", transform, None) for transform in TRANSFORMS]
    settings += [("radius", transform, radius) for transform in TRANSFORMS for radius in (0, 3, 5, 6, 7, 8, 10)]
    for method, transform, radius in settings:
        options = {"method": method, "transform": transform}
        if radius is not None:
            options["search_radius_mm"] = radius
        counts = agreement(rows, label_peak, **options)
        example = label_peak(-40, -52, -20, **options)
        default = method == DEFAULT_METHOD and transform == resolve_transform(method)
        marker = "  <- default" if default else ""
        print(
            f"{method:<10}{transform:<10}{'-' if radius is None else f'{radius:g}':>10}{counts['hemisphere']:>6}"
            f"{counts['lobe']:>6}{counts['gyrus']:>7}{counts['ba']:>5}  {example['gyrus']}, {example['ba']}{marker}"
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
    print(
        f"import {imported - start:.2f} s; first label (loads the atlases) {first - imported:.2f} s; then {per_peak * 1000:.2f} ms per peak"
    )


if __name__ == "__main__":
    main()
