"""The rule of stage 4 (``rules/coordinates.smk``): ``steps.build(input, output, params, log)``
runs the rule ``coordinates_build`` (scripts/coordinates_build.py)."""

from __future__ import annotations

from alereview.coordinates.build import CheckSettings, build as build_coordinates, write_outputs


def _with_input_paths(entries: list, paths: list, keys=("path",)) -> list:
    """Config entries (Sleuth files, studysets) with their files as the rule's input lists them."""
    remaining = iter(paths)
    return [{**entry, **{key: next(remaining) for key in keys if entry.get(key)}} for entry in entries]


def build(input, output, params, log):
    """Coordinate tables, Sleuth files and studysets -> per analysis a Sleuth file and a studyset
    in MNI, and the stage's tables (foci, summary, data checks, transforms, subject groups)."""
    section = params.coordinates
    analyses = list(params.analyses)
    result = build_coordinates(
        list(input.tables), _with_input_paths(section["sleuth"], input.sleuth), input.get("studies"),
        params.analyses, transform=section["transform"], included=input.get("included"),
        unmatched=section["unmatched"], mask=params.mask, mask_check=section["mask_check"],
        studysets=_with_input_paths(section["studysets"], input.studysets, keys=("path", "annotation")),
        settings=CheckSettings.from_config(section),
    )
    outputs = {name: output[name] for name in ("foci", "summary", "checks", "transforms", "subject_groups")}
    outputs["sleuth"] = dict(zip(analyses, output.sleuth, strict=True))
    outputs["studyset"] = dict(zip(analyses, output.studyset, strict=True))
    write_outputs(result, outputs, params.review_id, params.simulated)
