"""Coordinates: study tables and Sleuth files in; checked MNI foci out, as Sleuth and NiMARE Studysets.

Modules: :mod:`~.tables` and :mod:`~.sleuth` read inputs into one long table of foci;
:mod:`~.validate` checks it; :mod:`~.studies` ties experiments to the included studies;
:mod:`~.transforms` converts Talairach to MNI; :mod:`~.checks` tests foci against the brain;
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
    """Experiments of a Sleuth (``.txt``) or NIMADS Studyset (``.json``) file, in file order.

    The one reader of analysis inputs: the ALE stage, its jackknife and ``alereview ale`` use it.
    Sleuth files are checked as the coordinates stage checks them (every error names the file,
    the line and the field); their experiments get the contrast ``""`` and MNI foci as given
    (Talairach files converted with ``transform``, by default the coordinates stage's). Studyset
    experiments keep what the file records.

    Raises
    ------
    InputError
        Any bad value of the file, two experiments with the same name, or two names whose
        slugs coincide (the slug names an experiment's jackknife job).
    """
    from alereview.coordinates.build import convert
    from alereview.coordinates.model import group_experiments
    from alereview.coordinates.sleuth import read_sleuth
    from alereview.coordinates.studyset import read_studyset
    from alereview.coordinates.validate import check_unique_slugs, validate_experiments, validate_rows

    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such {'Studyset' if path.suffix.lower() == '.json' else 'Sleuth'} file", path=path)
    if path.suffix.lower() == ".json":
        found = read_studyset(path)
    else:
        # A placeholder contrast: validation wants one, a Sleuth file holds one analysis.
        foci = validate_rows(read_sleuth(path, contrast="-"))
        validate_experiments(foci)
        found = group_experiments(foci)
        for experiment in found:
            experiment.contrast = ""
        convert(found, transform, decimals=None)
    check_unique_slugs(found)
    return found


def experiments(path) -> list[str]:
    """Names of the experiments of a Sleuth or Studyset file, in file order (unique, stable).

    Examples
    --------
    ``experiments("results/coordinates/post_gt_pre.sleuth.txt")[0]`` is e.g.
    ``'Xie et al. (ref20_xie): post > pre (MA)'``.
    """
    return [e.name for e in load_experiments(path)]


def experiment_slugs(path) -> list[str]:
    """Filesystem-safe ids of the same experiments (``<study id>__<condition>``), same order.

    These are the Studyset's analysis ids, so ``studyset.ids`` ends with them; use them to name
    jackknife jobs and to drop one experiment.
    """
    return [e.slug for e in load_experiments(path)]
