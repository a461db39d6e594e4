"""The coordinates stage: read every input, check it, convert it to MNI, write one set per analysis.

Inputs: coordinate tables, Sleuth files and NIMADS / NiMARE studysets; the study table and
screening's included records when the review has them.
Outputs, per analysis: a Sleuth file (``{analysis}.sleuth.txt``) and a NiMARE Studyset
(``{analysis}.studyset.json``); for all: ``foci_mni.tsv`` (every focus, reported and MNI, the
transform used, its distance to the brain mask), ``summary.tsv`` (counts per analysis),
``data_checks.tsv`` (every check and its count, :mod:`~alereview.coordinates.datachecks`),
``transforms.tsv`` (the transform applied to each study) and ``subject_groups.tsv`` (subject
groups pooled or warned about, :mod:`~alereview.coordinates.groups`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from alereview.coordinates.checks import check_bounding_box, check_mask
from alereview.coordinates.datachecks import data_checks, transforms_table
from alereview.coordinates.duplicates import check_duplicates
from alereview.coordinates.groups import GROUP_COLUMNS, apply_subject_groups
from alereview.coordinates.model import assign_ids, group_experiments
from alereview.coordinates.nimads import read_studyset
from alereview.coordinates.sleuth import read_sleuth, write_sleuth
from alereview.coordinates.studies import StudyTable, fill_sample_sizes, read_included, tie_to_studies
from alereview.coordinates.studyset import write_studyset
from alereview.coordinates.tables import read_table
from alereview.coordinates.transforms import DESCRIPTIONS, to_mni
from alereview.coordinates.validate import validate_experiments, validate_rows
from alereview.errors import InputError
from alereview.logs import get_logger
from alereview.tsv import write_tsv

LOGGER = get_logger(__name__)

FOCI_MNI_COLUMNS = [
    "analysis",
    "experiment_id",
    "experiment",
    "study_id",
    "study",
    "n",
    "space",
    "x_reported",
    "y_reported",
    "z_reported",
    "transform",
    "x",
    "y",
    "z",
    "outside_mask_mm",
    "direction",
    "table",
    "page",
    "source",
    "line",
    "simulated",
]
SUMMARY_COLUMNS = [
    "analysis",
    "title",
    "experiments",
    "foci",
    "subjects",
    "studies",
    "studies_from_tal",
    "foci_from_tal",
    "foci_outside_mask",
    "simulated",
]


@dataclass
class CheckSettings:
    """Settings of the checks across experiments (config ``coordinates``; see each module).

    Attributes
    ----------
    duplicate_experiments : {"error", "warn"}
        :mod:`~alereview.coordinates.duplicates`.
    near_duplicate_mm, near_duplicate_fraction : float
        Near-identical foci sets: this fraction of foci within this distance of the other's.
    subject_groups : {"pool", "warn", "off"}
        :mod:`~alereview.coordinates.groups`.
    sample_size_range : tuple of int
        Plausible sample sizes (inclusive); others are warned about and listed in the data checks.
    outside_brain : {"error", "drop"}
        Foci outside the brain's bounding box (:func:`~alereview.coordinates.checks.check_bounding_box`).
    duplicate_study_ids : {"error", "rename"}
        Two studies of one studyset with the same id (:mod:`~alereview.coordinates.nimads`).
    """

    duplicate_experiments: str = "error"
    near_duplicate_mm: float = 1.0
    near_duplicate_fraction: float = 0.9
    subject_groups: str = "warn"
    sample_size_range: tuple = (5, 1000)
    outside_brain: str = "error"
    duplicate_study_ids: str = "error"

    @classmethod
    def from_config(cls, section: dict) -> CheckSettings:
        """From config ``coordinates`` (schema defaults filled in; missing keys take these defaults)."""
        near = section.get("near_duplicates") or {}
        plausible = section.get("plausible_sample_size") or {}
        return cls(
            section.get("duplicate_experiments", "error"),
            float(near.get("distance_mm", 1.0)),
            float(near.get("fraction", 0.9)),
            section.get("subject_groups", "warn"),
            (int(plausible.get("min", 5)), int(plausible.get("max", 1000))),
            section.get("outside_brain", "error"),
            section.get("duplicate_study_ids", "error"),
        )


@dataclass
class CoordinateSet:
    """The checked, converted experiments of a review, by analysis, and what the checks found."""

    analyses: dict  # analysis -> title
    experiments: list
    mask_distances: dict = field(default_factory=dict)
    mask_checked: bool = False
    duplicates: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    n_range: tuple = (5, 1000)

    def of(self, analysis: str) -> list:
        return [e for e in self.experiments if e.contrast == analysis]


def read_inputs(tables=(), sleuth=(), analyses=None, studysets=(), studies=None, duplicate_study_ids="error") -> list:
    """Read and check coordinate tables, Sleuth files and studysets; returns their experiments.

    Parameters
    ----------
    tables : list of str
        Coordinate tables (see :mod:`~alereview.coordinates.tables`).
    sleuth : list of dict
        ``{"path": ..., "analysis": ..., "direction": ...}`` per Sleuth file.
    analyses : collection of str, optional
        The configured analyses.
    studysets : list of dict
        ``coordinates.studysets`` entries (see :func:`~alereview.coordinates.nimads.read_studyset`).
    studies : StudyTable, optional
        Its ``n`` column fills in sample sizes the coordinates lack.
    duplicate_study_ids : {"error", "rename"}
        Two studies of one studyset with the same id (see :func:`~alereview.coordinates.nimads.read_studyset`).
    """
    frames = [read_table(path) for path in tables]
    frames += [read_sleuth(entry["path"], entry["analysis"], entry.get("direction", "")) for entry in sleuth]
    frames += [read_studyset(entry, duplicate_study_ids) for entry in studysets]
    if not frames:
        raise InputError(
            "no coordinate inputs: give coordinate tables (coordinates.tables), Sleuth files "
            "(coordinates.sleuth) or studysets (coordinates.studysets)"
        )
    foci = pd.concat(frames, ignore_index=True)
    fill_sample_sizes(foci, studies)
    foci = validate_rows(foci, analyses)
    validate_experiments(foci)
    return group_experiments(foci)


def convert(experiments, transform: str, decimals: int | None = 2, outside_brain: str = "error") -> None:
    """Set each experiment's MNI foci and check them against the brain box.

    Talairach experiments use their own ``transform`` when the input gave one, else ``transform``.
    The foci are rounded to ``decimals`` (0.01 mm, what the written Sleuth file holds, so that
    the Sleuth file and the Studyset agree); ``None`` keeps them as computed. ``outside_brain``:
    see :func:`~alereview.coordinates.checks.check_bounding_box`.
    """
    for experiment in experiments:
        if experiment.space == "TAL":
            experiment.transform = experiment.transform or transform
        else:
            experiment.transform = ""
        mni = to_mni(experiment.reported, experiment.space, experiment.transform or transform)
        experiment.mni = mni if decimals is None else np.round(mni, decimals) + 0.0
        check_bounding_box(experiment, outside_brain)
        unique = np.unique(experiment.reported, axis=0)
        if len(unique) < len(experiment.reported):
            LOGGER.warning("%s: %s lists the same focus twice", _place(experiment), experiment.name)


def _place(experiment) -> str:
    where = experiment.where()
    return f"{where.get('path')}, " + (f"line {where['line']}" if "line" in where else f"record {where.get('record')}")


def check_across(experiments, settings: CheckSettings) -> tuple[list, list, list]:
    """Subject groups, unique names, duplicates and sample-size plausibility of converted experiments.

    Returns
    -------
    experiments, group_rows, duplicate_pairs : list
        The experiments after pooling (:func:`~alereview.coordinates.groups.apply_subject_groups`).
    """
    experiments, group_rows = apply_subject_groups(experiments, settings.subject_groups)
    assign_ids(experiments)
    pairs = check_duplicates(experiments, settings.duplicate_experiments, settings.near_duplicate_mm, settings.near_duplicate_fraction)
    low, high = settings.sample_size_range
    for experiment in experiments:
        if not low <= experiment.n <= high:
            LOGGER.warning(
                "%s: %s has n = %d, outside the plausible %d..%d (coordinates.plausible_sample_size): a typo?",
                _place(experiment),
                experiment.name,
                experiment.n,
                low,
                high,
            )
    return experiments, group_rows, pairs


def build(
    tables,
    sleuth,
    studies_table,
    analyses: dict,
    transform: str = "lancaster_spm",
    included=None,
    unmatched: str = "error",
    mask="ale_2mm",
    mask_check: bool = True,
    studysets=(),
    settings: CheckSettings | None = None,
) -> CoordinateSet:
    """Read, tie to studies, convert and check every experiment of a review.

    Parameters
    ----------
    tables, sleuth, studysets
        See :func:`read_inputs`.
    studies_table : str or None
        ``studies.tsv``; None or "" for a review without one (experiments keep their inputs' ids).
    analyses : dict
        ``{analysis: {"title": ...}}`` (config ``analyses``).
    transform : str
        Talairach -> MNI transform (see :mod:`~alereview.coordinates.transforms`).
    included : str, optional
        Screening's ``included.tsv``; None skips the screening check (needs a study table).
    unmatched : {"error", "warn"}
        See :func:`~alereview.coordinates.studies.tie_to_studies`.
    mask : str
        Brain mask for the distance check (NiMARE template name or NIfTI path).
    mask_check : bool
        Whether to check foci against ``mask``.
    settings : CheckSettings, optional
        Checks across experiments (defaults: :class:`CheckSettings`).
    """
    settings = settings or CheckSettings()
    studies = StudyTable(studies_table) if studies_table else None
    if included and studies is None:
        raise InputError(
            "screening's included records can only be tied to coordinates through a study table: "
            "set studies.table (study_id and record_key, doi, pmid or title)",
            path=included,
        )
    experiments = read_inputs(tables, sleuth, set(analyses), studysets, studies, settings.duplicate_study_ids)
    if studies is not None:
        included_keys = read_included(included) if included else None
        experiments = tie_to_studies(experiments, studies, included_keys, unmatched, included_path=included)
    assign_ids(experiments)
    LOGGER.info("Talairach -> MNI: %s", DESCRIPTIONS[transform])
    convert(experiments, transform, outside_brain=settings.outside_brain)
    experiments, groups, pairs = check_across(experiments, settings)
    result = CoordinateSet(
        {a: spec.get("title", a) for a, spec in analyses.items()},
        experiments,
        duplicates=pairs,
        groups=groups,
        n_range=settings.sample_size_range,
    )
    for analysis in analyses:
        if not result.of(analysis):
            raise InputError(f"no experiment feeds analysis {analysis!r}: no coordinate row has contrast {analysis!r}", field="contrast")
        LOGGER.info("%s: %d experiments, %d foci", analysis, len(result.of(analysis)), sum(len(e.mni) for e in result.of(analysis)))
    if mask_check:
        result.mask_distances, result.mask_checked = check_mask(experiments, mask), True
    return result


def foci_table(result: CoordinateSet, simulated: bool = False) -> pd.DataFrame:
    """One row per focus of every analysis (see :data:`FOCI_MNI_COLUMNS`)."""
    rows = []
    for analysis in result.analyses:
        for e in result.of(analysis):
            distances = result.mask_distances.get(id(e), np.full(len(e.mni), np.nan))
            for i, (reported, mni) in enumerate(zip(e.reported, e.mni)):
                rows.append(
                    {
                        "analysis": analysis,
                        "experiment_id": e.slug,
                        "experiment": e.name,
                        "study_id": e.study_id,
                        "study": e.study_label,
                        "n": e.n,
                        "space": e.space,
                        "x_reported": reported[0],
                        "y_reported": reported[1],
                        "z_reported": reported[2],
                        "transform": e.transform,
                        "x": mni[0],
                        "y": mni[1],
                        "z": mni[2],
                        "outside_mask_mm": round(float(distances[i]), 1) if np.isfinite(distances[i]) else "",
                        "direction": e.direction,
                        "table": e.tables[i] if i < len(e.tables) else "",
                        "page": e.pages[i] if i < len(e.pages) else "",
                        "source": e.source,
                        "line": e.lines[i] if i < len(e.lines) else "",
                        "simulated": "yes" if simulated else "no",
                    }
                )
    return pd.DataFrame(rows, columns=FOCI_MNI_COLUMNS)


def summary_table(result: CoordinateSet, simulated: bool = False) -> pd.DataFrame:
    """Per analysis: experiments, foci, subjects, studies, and how many came from Talairach."""
    rows = []
    for analysis, title in result.analyses.items():
        experiments = result.of(analysis)
        tal = [e for e in experiments if e.space == "TAL"]
        outside = sum(int(np.sum(result.mask_distances[id(e)] > 0)) for e in experiments if id(e) in result.mask_distances)
        rows.append(
            {
                "analysis": analysis,
                "title": title,
                "experiments": len(experiments),
                "foci": sum(len(e.mni) for e in experiments),
                "subjects": sum(e.n for e in experiments),
                "studies": len({e.study_id for e in experiments}),
                "studies_from_tal": len({e.study_id for e in tal}),
                "foci_from_tal": sum(len(e.mni) for e in tal),
                "foci_outside_mask": outside if result.mask_distances else "",
                "simulated": "yes" if simulated else "no",
            }
        )
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


def write_outputs(result: CoordinateSet, outputs: dict, review_id: str = "review", simulated: bool = False) -> list:
    """Write every output of the stage to the paths ``outputs`` names; returns the paths written.

    ``outputs`` holds, by the names of the rule ``coordinates_build``, ``sleuth`` and ``studyset``
    (each a mapping analysis -> path) and ``foci``, ``summary``, ``checks``, ``transforms``,
    ``subject_groups``.
    """
    written = []
    note = " (simulated coordinates)" if simulated else ""
    for analysis, title in result.analyses.items():
        experiments = result.of(analysis)
        sleuth_path, studyset_path = outputs["sleuth"][analysis], outputs["studyset"][analysis]
        Path(sleuth_path).parent.mkdir(parents=True, exist_ok=True)
        write_sleuth(experiments, sleuth_path)
        write_studyset(
            experiments,
            studyset_path,
            f"{review_id}_{analysis}",
            name=f"{title}{note}",
            description=f"{review_id}: {title}; foci in MNI{note}",
        )
        written += [sleuth_path, studyset_path]
    tables = {
        "foci": foci_table(result, simulated),
        "summary": summary_table(result, simulated),
        "checks": data_checks(result),
        "transforms": transforms_table(result),
        "subject_groups": pd.DataFrame(result.groups, columns=GROUP_COLUMNS),
    }
    for name, table in tables.items():
        write_tsv(table, outputs[name])
    return written + [outputs[name] for name in tables]
