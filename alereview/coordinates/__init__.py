"""Coordinates: tables, Sleuth files and studysets in; checked MNI foci out, as Sleuth and NiMARE Studysets.

Modules: :mod:`~.tables`, :mod:`~.sleuth` and :mod:`~.nimads` (NIMADS / NiMARE JSON) read inputs
into one long table of foci (:mod:`~.model`); :mod:`~.validate` checks it; :mod:`~.studies` ties
experiments to the study table and the included studies; :mod:`~.transforms` converts Talairach
to MNI; :mod:`~.checks` tests foci against the brain; :mod:`~.groups` pools subject groups;
:mod:`~.duplicates` finds experiments entered twice; :mod:`~.datachecks` tabulates every check;
:mod:`~.sleuth` and :mod:`~.studyset` write the results; :mod:`~.build` runs the stage.

For the ALE stage and its jackknife (one job per experiment): :func:`load_experiments` reads an
analysis's experiments from its Sleuth or Studyset file (:func:`experiments` and
:func:`experiment_slugs` list their names and slugs).
"""

from __future__ import annotations

from pathlib import Path

from alereview.coordinates.model import Experiment, slugify
from alereview.errors import InputError

__all__ = ["Experiment", "experiments", "experiment_slugs", "load_experiments", "slugify"]


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
    from alereview.coordinates.build import convert
    from alereview.coordinates.model import assign_ids, group_experiments
    from alereview.coordinates.nimads import read_studyset, restore_reported
    from alereview.coordinates.sleuth import read_sleuth
    from alereview.coordinates.validate import validate_experiments, validate_rows

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
    assign_ids(found)
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
