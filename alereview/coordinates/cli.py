"""``alereview coordinates``: build the stage, check inputs, convert points, list experiments."""

from __future__ import annotations

import numpy as np

from alereview.coordinates.transforms import TRANSFORMS, mni2tal, tal2mni
from alereview.config import load_config
from alereview.coordinates.build import CheckSettings, build, write_outputs
from alereview.layout import outputs_in
from alereview.logs import setup_logging
from alereview.coordinates.build import check_across, convert, read_inputs
from alereview.coordinates.model import assign_ids
from alereview.coordinates.load import load_experiments
from alereview.numbers import cli_float


def _build(args) -> int:

    setup_logging(args.log)
    config = load_config(args.config, absolute=True)  # paths resolve against the review folder
    section = config["coordinates"]
    result = build(
        section["tables"],
        section["sleuth"],
        (config.get("studies") or {}).get("table") or None,
        config["analyses"],
        transform=section["transform"],
        included=args.included,
        unmatched=section["unmatched"],
        mask=config["ale"]["mask"],
        mask_check=section["mask_check"],
        studysets=section.get("studysets", []),
        settings=CheckSettings.from_config(section),
    )
    outputs = outputs_in(args.out_dir, "coordinates_build", result.analyses)
    for path in write_outputs(result, outputs, config["review"]["id"], config["review"]["simulated_inputs"]):
        print(path)
    return 0


def summary_line(experiments) -> str:
    """``E experiments, F foci, S studies (space)``: the closing line of ``alereview coordinates check``."""
    spaces = sorted({"Talairach" if e.space == "TAL" else e.space for e in experiments})
    studies = len({(e.contrast, e.study_id) for e in experiments})
    return (
        f"{len(experiments)} experiments, {sum(len(e.mni) for e in experiments)} foci, {studies} studies "
        f"({' and '.join(spaces) or 'no space'})"
    )


def _check(args) -> int:

    sleuth = [{"path": p, "analysis": args.analysis} for p in args.sleuth]
    studysets = [{"path": p, "analysis": args.analysis} for p in args.studyset]
    found = read_inputs(args.tables, sleuth, studysets=studysets, duplicate_study_ids=args.duplicate_study_ids)
    assign_ids(found)
    convert(found, args.transform, outside_brain=args.outside_brain)
    found, _, _ = check_across(found, CheckSettings(duplicate_experiments=args.duplicates))
    print(summary_line(found))
    return 0


def _convert(args) -> int:
    point = np.array([args.x, args.y, args.z], dtype=float)
    result = tal2mni(point, args.transform) if args.to == "mni" else mni2tal(point, args.transform)
    print("\t".join(f"{v:.2f}" for v in result[0]))
    return 0


def _experiments(args) -> int:

    for experiment in load_experiments(args.path):
        print(f"{experiment.slug}\t{experiment.n}\t{len(experiment.mni)}\t{experiment.name}")
    return 0


def register(subparsers) -> None:
    """Add ``alereview coordinates`` and its sub-commands."""
    parser = subparsers.add_parser("coordinates", help="coordinate tables, Sleuth files and Talairach/MNI conversion")
    commands = parser.add_subparsers(dest="coordinates_command", metavar="<command>")
    commands.required = True

    build = commands.add_parser("build", help="read, check and convert the configured coordinates; write Sleuth and Studyset files")
    build.add_argument("--config", default="config/config.yaml")
    build.add_argument("--included", help="screening's included.tsv (omit to skip the screening check)")
    build.add_argument("--out-dir", default="results/coordinates")
    build.add_argument("--log", help="log file (default: stderr)")
    build.set_defaults(handler=_build)

    check = commands.add_parser("check", help="check coordinate tables, Sleuth files and studysets, without writing anything")
    check.add_argument("tables", nargs="*", help="coordinate tables (TSV, CSV, XLSX)")
    check.add_argument("--sleuth", nargs="*", default=[], help="Sleuth text files")
    check.add_argument("--studyset", nargs="*", default=[], help="NIMADS studysets or NiMARE Dataset JSON files")
    check.add_argument("--analysis", default="sleuth", help="contrast of the Sleuth files' and studysets' experiments")
    check.add_argument("--duplicates", choices=("error", "warn"), default="error", help="experiments with (nearly) the same foci")
    check.add_argument(
        "--outside-brain",
        choices=("error", "drop"),
        default="error",
        help="foci outside the brain's bounding box: error, or drop them with a warning",
    )
    check.add_argument(
        "--duplicate-study-ids",
        choices=("error", "rename"),
        default="error",
        help="two studies of a studyset with the same id: error, or keep both (the later renamed)",
    )
    check.add_argument("--transform", choices=TRANSFORMS, default="lancaster_spm")
    check.set_defaults(handler=_check)

    convert = commands.add_parser("convert", help="convert one point between Talairach and MNI")
    convert.add_argument("x", type=cli_float)
    convert.add_argument("y", type=cli_float)
    convert.add_argument("z", type=cli_float)
    convert.add_argument("--to", choices=["mni", "tal"], default="mni", help="target space (default: mni, from Talairach)")
    convert.add_argument("--transform", choices=TRANSFORMS, default="lancaster_spm")
    convert.set_defaults(handler=_convert)

    listing = commands.add_parser("experiments", help="list the experiments of a Sleuth or Studyset file (slug, n, foci, name)")
    listing.add_argument("path")
    listing.set_defaults(handler=_experiments)
