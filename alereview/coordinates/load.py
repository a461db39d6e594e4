"""The one reader of an analysis's experiments: a Sleuth file or a studyset, checked as the
coordinates stage checks its inputs (for the ALE stage, its jackknife and ``alereview ale``)."""

from __future__ import annotations

from pathlib import Path

from alereview.coordinates.build import convert
from alereview.coordinates.model import Experiment, group_experiments
from alereview.coordinates.nimads import read_studyset, restore_reported
from alereview.coordinates.sleuth import read_sleuth
from alereview.coordinates.validate import check_unique_slugs, validate_experiments, validate_rows
from alereview.errors import InputError

__all__ = ["Experiment", "experiment_slugs", "experiments", "load_experiments"]


def load_experiments(path, transform: str = "lancaster_spm") -> list[Experiment]:
    """Experiments of a Sleuth (``.txt``) or studyset (``.json``) file, in file order.

    The one reader of analysis inputs: the ALE stage, its jackknife and ``alereview ale`` use it.
    Whatever the format (Sleuth, NIMADS studyset as NeuroStore / Neurosynth Compose or this
    workflow write it, NiMARE Dataset JSON), the file becomes the long table of foci and gets the
    coordinates stage's checks: every value (sample size a whole number > 0, three numeric
    coordinates, a known space), each experiment's consistency, unique names and slugs, foci
    inside the brain's bounding box (every error names the file, the line or record, and the
    field). Experiments get the contrast ``""``; Talairach foci are converted with ``transform``
    (by default the coordinates stage's), MNI foci are used as given.

    Raises
    ------
    InputError
        Any bad value of the file, two experiments with the same name, or two names whose
        slugs coincide (the slug names an experiment's jackknife job).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such {'Studyset' if path.suffix.lower() == '.json' else 'Sleuth'} file", path=path)
    # A placeholder contrast: validation wants one; a file given alone is one analysis.
    if path.suffix.lower() == ".json":
        foci = read_studyset({"path": path, "analysis": "-"})
    else:
        foci = read_sleuth(path, contrast="-")
    foci = validate_rows(foci)
    validate_experiments(foci)
    found = group_experiments(foci)
    for experiment in found:
        experiment.contrast = ""
    check_unique_slugs(found)
    convert(found, transform, decimals=None)
    if path.suffix.lower() == ".json":
        restore_reported(found, path)
    return found


def experiments(path) -> list[str]:
    """Names of the experiments of a Sleuth or Studyset file, in file order (unique, stable).

    Examples
    --------
    ``experiments("results/coordinates/post_gt_pre.sleuth.txt")[0]`` is e.g.
    ``'Lee et al. (lee2019): words > rest'``.
    """
    return [e.name for e in load_experiments(path)]


def experiment_slugs(path) -> list[str]:
    """Filesystem-safe ids of the same experiments (``<study id>__<condition>``), same order.

    These are the Studyset's analysis ids, so ``studyset.ids`` ends with them; use them to name
    jackknife jobs and to drop one experiment.
    """
    return [e.slug for e in load_experiments(path)]
