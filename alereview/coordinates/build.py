"""The coordinates stage: read every input, check it, convert it to MNI, write one set per analysis.

Inputs: coordinate tables and Sleuth files; the study table and screening's included records.
Outputs, per analysis: a Sleuth file (``{analysis}.sleuth.txt``) and a NiMARE Studyset
(``{analysis}.studyset.json``); for all: ``foci_mni.tsv`` (every focus, reported and MNI, the
transform used, its distance to the brain mask) and ``summary.tsv`` (counts per analysis).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from alereview.coordinates.checks import check_bounding_box, check_mask
from alereview.coordinates.model import group_experiments
from alereview.coordinates.sleuth import read_sleuth, write_sleuth
from alereview.coordinates.studies import StudyTable, read_included, tie_to_studies
from alereview.coordinates.studyset import write_studyset
from alereview.coordinates.tables import read_table
from alereview.coordinates.transforms import DESCRIPTIONS, to_mni
from alereview.coordinates.validate import check_unique_slugs, validate_experiments, validate_rows
from alereview.errors import InputError
from alereview.logs import get_logger
from alereview.tsv import write_tsv

LOGGER = get_logger(__name__)

FOCI_MNI_COLUMNS = [
    "analysis", "experiment_id", "experiment", "study_id", "study", "n", "space", "x_reported", "y_reported",
    "z_reported", "transform", "x", "y", "z", "outside_mask_mm", "direction", "table", "page", "source", "line",
    "simulated",
]
SUMMARY_COLUMNS = [
    "analysis", "title", "experiments", "foci", "subjects", "studies", "studies_from_tal", "foci_from_tal",
    "foci_outside_mask", "simulated",
]


@dataclass
class CoordinateSet:
    """The checked, converted experiments of a review, by analysis."""

    analyses: dict  # analysis -> title
    experiments: list
    mask_distances: dict = field(default_factory=dict)

    def of(self, analysis: str) -> list:
        return [e for e in self.experiments if e.contrast == analysis]


def read_inputs(tables=(), sleuth=(), analyses=None) -> list:
    """Read and check coordinate tables and Sleuth files; returns their experiments.

    Parameters
    ----------
    tables : list of str
        Coordinate tables (see :mod:`~alereview.coordinates.tables`).
    sleuth : list of dict
        ``{"path": ..., "analysis": ..., "direction": ...}`` per Sleuth file.
    analyses : collection of str, optional
        The configured analyses.
    """
    frames = [read_table(path) for path in tables]
    frames += [read_sleuth(entry["path"], entry["analysis"], entry.get("direction", "")) for entry in sleuth]
    if not frames:
        raise InputError("no coordinate inputs: give coordinate tables (coordinates.tables) or Sleuth files (coordinates.sleuth)")
    foci = validate_rows(pd.concat(frames, ignore_index=True), analyses)
    validate_experiments(foci)
    return group_experiments(foci)


def convert(experiments, transform: str, decimals: int | None = 2) -> None:
    """Set each experiment's MNI foci and check them against the brain box.

    Talairach experiments use their own ``transform`` when the input gave one, else ``transform``.
    The foci are rounded to ``decimals`` (0.01 mm, what the written Sleuth file holds, so that
    the Sleuth file and the Studyset agree); ``None`` keeps them as computed.
    """
    for experiment in experiments:
        if experiment.space == "TAL":
            experiment.transform = experiment.transform or transform
        else:
            experiment.transform = ""
        mni = to_mni(experiment.reported, experiment.space, experiment.transform or transform)
        experiment.mni = mni if decimals is None else np.round(mni, decimals) + 0.0
        check_bounding_box(experiment)
        unique = np.unique(experiment.reported, axis=0)
        if len(unique) < len(experiment.reported):
            LOGGER.warning("%s, line %s: %s lists the same focus twice", experiment.source, experiment.first_line, experiment.name)


def build(tables, sleuth, studies_table, analyses: dict, transform: str = "lancaster_spm", included=None,
          unmatched: str = "error", mask="ale_2mm", mask_check: bool = True) -> CoordinateSet:
    """Read, tie to studies, convert and check every experiment of a review.

    Parameters
    ----------
    tables, sleuth
        See :func:`read_inputs`.
    studies_table : str
        ``studies.tsv``.
    analyses : dict
        ``{analysis: {"title": ...}}`` (config ``analyses``).
    transform : str
        Talairach -> MNI transform (see :mod:`~alereview.coordinates.transforms`).
    included : str, optional
        Screening's ``included.tsv``; None skips the screening check.
    unmatched : {"error", "warn"}
        See :func:`~alereview.coordinates.studies.tie_to_studies`.
    mask : str
        Brain mask for the distance check (NiMARE template name or NIfTI path).
    mask_check : bool
        Whether to check foci against ``mask``.
    """
    experiments = read_inputs(tables, sleuth, set(analyses))
    studies = StudyTable(studies_table)
    included_keys = read_included(included) if included else None
    experiments = tie_to_studies(experiments, studies, included_keys, unmatched, included_path=included)
    check_unique_slugs(experiments)
    LOGGER.info("Talairach -> MNI: %s", DESCRIPTIONS[transform])
    convert(experiments, transform)
    result = CoordinateSet({a: spec.get("title", a) for a, spec in analyses.items()}, experiments)
    for analysis in analyses:
        if not result.of(analysis):
            raise InputError(f"no experiment feeds analysis {analysis!r}: no coordinate row has contrast {analysis!r}",
                             field="contrast")
        LOGGER.info("%s: %d experiments, %d foci", analysis, len(result.of(analysis)), sum(len(e.mni) for e in result.of(analysis)))
    if mask_check:
        result.mask_distances = check_mask(experiments, mask)
    return result


def foci_table(result: CoordinateSet, simulated: bool = False) -> pd.DataFrame:
    """One row per focus of every analysis (see :data:`FOCI_MNI_COLUMNS`)."""
    rows = []
    for analysis in result.analyses:
        for e in result.of(analysis):
            distances = result.mask_distances.get(id(e), np.full(len(e.mni), np.nan))
            for i, (reported, mni) in enumerate(zip(e.reported, e.mni)):
                rows.append({
                    "analysis": analysis, "experiment_id": e.slug, "experiment": e.name, "study_id": e.study_id,
                    "study": e.study_label, "n": e.n, "space": e.space,
                    "x_reported": reported[0], "y_reported": reported[1], "z_reported": reported[2],
                    "transform": e.transform, "x": mni[0], "y": mni[1], "z": mni[2],
                    "outside_mask_mm": round(float(distances[i]), 1) if np.isfinite(distances[i]) else "",
                    "direction": e.direction, "table": e.tables[i] if i < len(e.tables) else "",
                    "page": e.pages[i] if i < len(e.pages) else "", "source": e.source,
                    "line": e.lines[i] if i < len(e.lines) else "", "simulated": "yes" if simulated else "no",
                })
    return pd.DataFrame(rows, columns=FOCI_MNI_COLUMNS)


def summary_table(result: CoordinateSet, simulated: bool = False) -> pd.DataFrame:
    """Per analysis: experiments, foci, subjects, studies, and how many came from Talairach."""
    rows = []
    for analysis, title in result.analyses.items():
        experiments = result.of(analysis)
        tal = [e for e in experiments if e.space == "TAL"]
        outside = sum(int(np.sum(result.mask_distances[id(e)] > 0)) for e in experiments if id(e) in result.mask_distances)
        rows.append({
            "analysis": analysis, "title": title, "experiments": len(experiments),
            "foci": sum(len(e.mni) for e in experiments), "subjects": sum(e.n for e in experiments),
            "studies": len({e.study_id for e in experiments}), "studies_from_tal": len({e.study_id for e in tal}),
            "foci_from_tal": sum(len(e.mni) for e in tal),
            "foci_outside_mask": outside if result.mask_distances else "", "simulated": "yes" if simulated else "no",
        })
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def write_outputs(result: CoordinateSet, out_dir, review_id: str = "review", simulated: bool = False) -> list:
    """Write every output of the stage into ``out_dir``; returns the paths written."""
    out_dir = Path(out_dir)
    written = []
    note = " (simulated coordinates)" if simulated else ""
    for analysis, title in result.analyses.items():
        experiments = result.of(analysis)
        sleuth_path, studyset_path = out_dir / f"{analysis}.sleuth.txt", out_dir / f"{analysis}.studyset.json"
        write_sleuth(experiments, sleuth_path)
        write_studyset(experiments, studyset_path, f"{review_id}_{analysis}", name=f"{title}{note}",
                       description=f"{review_id}: {title}; foci in MNI{note}")
        written += [sleuth_path, studyset_path]
    write_tsv(foci_table(result, simulated), out_dir / "foci_mni.tsv")
    write_tsv(summary_table(result, simulated), out_dir / "summary.tsv")
    return written + [out_dir / "foci_mni.tsv", out_dir / "summary.tsv"]
