"""The rule of stage 4 (``rules/coordinates.smk``): ``steps.build(input, output, params, log)``
runs the rule ``coordinates_build`` (scripts/coordinates_build.py)."""

from __future__ import annotations

from alereview.coordinates.build import CheckSettings, build as build_coordinates, write_outputs
from alereview.tsv import write_json


def _with_input_paths(entries: list, paths: list, keys=("path",)) -> list:
    """Config entries (Sleuth files, studysets) with their files as the rule's input lists them."""
    remaining = iter(paths)
    return [{**entry, **{key: next(remaining) for key in keys if entry.get(key)}} for entry in entries]


def _coordinates(input, params):
    """The stage's result in memory: every input read, tied to its study, converted, checked."""
    section = params.coordinates
    return build_coordinates(
        list(input.tables),
        _with_input_paths(section["sleuth"], input.sleuth),
        input.get("studies"),
        params.analyses,
        transform=section["transform"],
        included=input.get("included"),
        unmatched=section["unmatched"],
        mask=params.mask,
        mask_check=section["mask_check"],
        studysets=_with_input_paths(section["studysets"], input.studysets, keys=("path", "annotation")),
        settings=CheckSettings.from_config(section),
    )


def check(input, output, params, log):
    """The whole stage in memory; only ``checked.json`` (experiments, foci and studies read) is
    written, so a mistake found here leaves the stage's earlier outputs as they were."""
    result = _coordinates(input, params)
    experiments = [e for analysis in result.analyses for e in result.of(analysis)]
    write_json(
        output.checked,
        {
            "analyses": {analysis: len(result.of(analysis)) for analysis in result.analyses},
            "experiments": len(experiments),
            "foci": int(sum(len(e.mni) for e in experiments)),
            "studies": len({e.study_id for e in experiments}),
        },
    )


def build(input, output, params, log):
    """Coordinate tables, Sleuth files and studysets -> per analysis a Sleuth file and a studyset
    in MNI, and the stage's tables (foci, summary, data checks, transforms, subject groups)."""
    analyses = list(params.analyses)
    result = _coordinates(input, params)
    outputs = {name: output[name] for name in ("foci", "summary", "checks", "transforms", "subject_groups")}
    outputs["sleuth"] = dict(zip(analyses, output.sleuth, strict=True))
    outputs["studyset"] = dict(zip(analyses, output.studyset, strict=True))
    write_outputs(result, outputs, params.review_id, params.simulated)
