"""NiMARE Studysets (NIMADS JSON): writing experiments as one (:mod:`~.nimads` reads them).

The JSON is the NIMADS dictionary :class:`nimare.nimads.Studyset` reads (NiMARE's current
collection type; ``Dataset`` is deprecated): one study per study id, one analysis per
experiment, foci in MNI. Each analysis id is the experiment's slug (unique, filesystem-safe),
its name the experiment's condition, and its metadata keep what the Sleuth format cannot: the
contrast, the reported space and foci, and the transform used.
"""

from __future__ import annotations

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
            {"id": experiment.study_id, "name": experiment.study_label, "authors": "", "publication": "", "metadata": {}, "analyses": []},
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
                    "source_lines": [int(x) if str(x).isdigit() else str(x) for x in experiment.lines],
                    "subject_group": experiment.subject_group,
                    "roi": experiment.roi,
                    "pooled_experiments": list(experiment.pooled),
                },
            }
        )
    return {"id": studyset_id, "name": name, "description": description, "studies": list(studies.values()), "annotations": []}


def write_studyset(experiments, path, studyset_id: str, name: str = "", description: str = "") -> None:
    """Write the NIMADS JSON of ``experiments`` (atomically, keys sorted)."""
    write_json(path, nimads_dict(experiments, studyset_id, name, description))


def load_nimare_studyset(path, target: str = "mni152_2mm"):
    """The file as a :class:`nimare.nimads.Studyset` (for the ALE stage)."""
    from nimare.nimads import Studyset

    return Studyset(read_json(path), target=target)
