"""NiMARE Studysets (NIMADS JSON): writing experiments as one, and reading one back.

The JSON is the NIMADS dictionary :class:`nimare.nimads.Studyset` reads (NiMARE's current
collection type; ``Dataset`` is deprecated): one study per study id, one analysis per
experiment, foci in MNI. Each analysis id is the experiment's slug (unique, filesystem-safe),
its name the experiment's condition, and its metadata keep what the Sleuth format cannot: the
contrast, the reported space and foci, and the transform used.
"""

from __future__ import annotations

import numpy as np

from alereview.coordinates.model import Experiment
from alereview.errors import InputError
from alereview.tsv import read_json, write_json


def nimads_dict(experiments, studyset_id: str, name: str = "", description: str = "") -> dict:
    """The NIMADS dictionary of ``experiments`` (their ``mni`` foci), in their order.

    Parameters
    ----------
    experiments : list of Experiment
        With ``mni`` set.
    studyset_id : str
        The studyset's id (e.g. ``<review id>_<analysis>``).
    name, description : str
        Shown by NiMARE; say "simulated" here when the inputs are.
    """
    studies = {}
    for experiment in experiments:
        study = studies.setdefault(
            experiment.study_id,
            {"id": experiment.study_id, "name": experiment.study_label, "authors": "", "publication": "",
             "metadata": {}, "analyses": []},
        )
        study["analyses"].append(
            {
                "id": experiment.slug,
                "name": experiment.condition,
                "conditions": [{"name": experiment.condition, "description": ""}],
                "weights": [1.0],
                "images": [],
                "points": [{"space": "MNI", "coordinates": [round(float(v), 2) for v in point]} for point in experiment.mni],
                "metadata": {
                    "sample_sizes": [int(experiment.n)],
                    "experiment_name": experiment.name,
                    "contrast": experiment.contrast,
                    "direction": experiment.direction,
                    "reported_space": experiment.space,
                    "reported_coordinates": [[float(v) for v in point] for point in experiment.reported],
                    "transform": experiment.transform,
                    "source": experiment.source,
                    "source_lines": [int(x) for x in experiment.lines],
                },
            }
        )
    return {"id": studyset_id, "name": name, "description": description, "studies": list(studies.values()), "annotations": []}


def write_studyset(experiments, path, studyset_id: str, name: str = "", description: str = "") -> None:
    """Write the NIMADS JSON of ``experiments`` (atomically, keys sorted)."""
    write_json(path, nimads_dict(experiments, studyset_id, name, description))


def read_studyset(path) -> list[Experiment]:
    """Experiments of a NIMADS JSON studyset (foci taken as MNI).

    Works for the files :func:`write_studyset` writes and for other NIMADS studysets whose
    analyses have ``metadata.sample_sizes`` (or ``sample_size``) and MNI points.

    Raises
    ------
    InputError
        A missing sample size, a point outside MNI space, or an analysis with no foci.
    """
    data = read_json(path)
    experiments = []
    for study in data.get("studies", []):
        for analysis in study.get("analyses", []):
            meta = analysis.get("metadata") or {}
            record = f"{study.get('id')}/{analysis.get('id')}"
            sizes = meta.get("sample_sizes") or ([meta["sample_size"]] if meta.get("sample_size") else [])
            if not sizes:
                raise InputError("analysis without metadata.sample_sizes", path=path, record=record, field="sample_sizes")
            points = analysis.get("points") or []
            if not points:
                raise InputError("analysis has no foci", path=path, record=record, field="points")
            spaces = {str(p.get("space") or "MNI").upper() for p in points}
            if not spaces <= {"MNI", "MNI152_2MM", "ALE_2MM"}:
                raise InputError(f"points in space(s) {sorted(spaces)}; only MNI studysets can be read", path=path, record=record, field="space")
            mni = np.array([p["coordinates"] for p in points], dtype=float).reshape(-1, 3)
            reported = np.array(meta.get("reported_coordinates") or mni, dtype=float).reshape(-1, 3)
            experiment = Experiment(
                study_id=str(study.get("id")),
                study_label=str(study.get("name") or study.get("id")),
                condition=str(analysis.get("name") or analysis.get("id")),
                contrast=str(meta.get("contrast", "")),
                n=int(round(float(np.mean(sizes)))),
                space=str(meta.get("reported_space", "MNI")),
                reported=reported,
                direction=str(meta.get("direction", "")),
                transform=str(meta.get("transform", "")),
                source=str(meta.get("source", path)),
                lines=list(meta.get("source_lines", [])),
                mni=mni,
            )
            experiments.append(experiment)
    return experiments


def load_nimare_studyset(path, target: str = "mni152_2mm"):
    """The file as a :class:`nimare.nimads.Studyset` (for the ALE stage)."""
    from nimare.nimads import Studyset

    return Studyset(read_json(path), target=target)
