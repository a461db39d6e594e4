"""Plausibility checks of MNI foci: inside the brain's bounding box, and near the brain mask.

A focus outside the bounding box of the MNI brain is a typo or a wrong space (an error); a focus
inside the box but outside the analysis mask is common (white matter, the mask's edge) and is
reported as a warning with its distance to the mask, because ALE then loses part of it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from alereview.errors import InputError
from alereview.logs import get_logger

LOGGER = get_logger(__name__)

#: Bounding box of the MNI152 brain (mm), inclusive: |x| <= 90, -126 <= y <= 91, -72 <= z <= 109.
BRAIN_BOX = {"x": (-90.0, 90.0), "y": (-126.0, 91.0), "z": (-72.0, 109.0)}


def _outside_message(experiment, index: int) -> tuple[str, str] | None:
    """(axis, message) for the first coordinate of focus ``index`` outside :data:`BRAIN_BOX`, else None."""
    for axis, value in zip("xyz", experiment.mni[index]):
        low, high = BRAIN_BOX[axis]
        if not low <= value <= high:
            reported = ", ".join(f"{v:g}" for v in experiment.reported[index])
            converted = "" if experiment.space == "MNI" else f" ({value:.1f} in MNI)"
            return axis, (
                f"focus ({reported}) {experiment.space} is outside the brain: {axis}={value:.1f}{converted} not within {low:g}..{high:g}"
            )
    return None


def check_bounding_box(experiment, policy: str = "error") -> None:
    """Raise if a focus of ``experiment`` (its MNI foci) lies outside :data:`BRAIN_BOX`, or drop it.

    Parameters
    ----------
    experiment : Experiment
        With ``mni`` set.
    policy : {"error", "drop"}
        Config ``coordinates.outside_brain``: ``drop`` removes such foci from the experiment, with a
        warning each, and lists them in ``experiment.dropped`` (the data-checks table counts them).

    Raises
    ------
    InputError
        Naming the file, the focus's line, the axis, the reported and the MNI coordinates; with
        ``drop``, only when no focus of the experiment is inside the brain.
    """
    outside = []
    for index in range(len(experiment.mni)):
        found = _outside_message(experiment, index)
        if found is None:
            continue
        axis, message = found
        if policy != "drop":
            raise InputError(
                f"{message}; a typo, a sign, or the wrong space? (coordinates.outside_brain: drop removes such foci)",
                field=axis,
                **experiment.where(index),
            )
        where = experiment.where(index)
        place = f"line {where['line']}" if "line" in where else f"record {where.get('record', '?')}"
        LOGGER.warning("%s, %s: %s; dropped from %s (coordinates.outside_brain: drop)", experiment.source, place, message, experiment.name)
        outside.append(index)
        experiment.dropped.append(f"{place}: {message}")
    if not outside:
        return
    if len(outside) == len(experiment.mni):
        raise InputError(
            f"every focus of {experiment.name} is outside the brain: the wrong space, or swapped axes?", field="x", **experiment.where(0)
        )
    keep = [i for i in range(len(experiment.mni)) if i not in set(outside)]
    experiment.mni, experiment.reported = experiment.mni[keep], experiment.reported[keep]
    for name in ("lines", "tables", "pages"):
        values = getattr(experiment, name)
        setattr(experiment, name, [values[i] for i in keep if i < len(values)])


def load_mask(mask):
    """The brain mask image: a NiMARE template name (``ale_2mm``, ``mni152_2mm``) or a NIfTI path."""
    import nibabel as nib

    if isinstance(mask, (str, Path)) and Path(mask).suffix in (".nii", ".gz"):
        return nib.load(str(mask))
    from nimare.utils import get_template

    return get_template(str(mask), mask="brain")


class MaskDistance:
    """Distances (mm) from points to the nearest voxel of a brain mask; 0 inside it.

    Parameters
    ----------
    mask_img : nibabel image
        A binary mask (non-zero = brain).
    """

    def __init__(self, mask_img):
        from scipy.spatial import cKDTree

        data = np.asarray(mask_img.get_fdata()) > 0
        self.affine = mask_img.affine
        self.inverse = np.linalg.inv(mask_img.affine)
        self.mask = data
        centres = np.column_stack(np.nonzero(data)) @ self.affine[:3, :3].T + self.affine[:3, 3]
        self.tree = cKDTree(centres)

    def __call__(self, points) -> np.ndarray:
        points = np.asarray(points, dtype=float).reshape(-1, 3)
        ijk = np.rint(points @ self.inverse[:3, :3].T + self.inverse[:3, 3]).astype(int)
        inside_grid = np.all((ijk >= 0) & (ijk < self.mask.shape), axis=1)
        inside = np.zeros(len(points), dtype=bool)
        inside[inside_grid] = self.mask[tuple(ijk[inside_grid].T)]
        distances, _ = self.tree.query(points)
        return np.where(inside, 0.0, distances)


def check_mask(experiments, mask) -> dict:
    """Warn for every focus outside the brain mask; returns ``{id(experiment): distances}``.

    Parameters
    ----------
    experiments : list of Experiment
        With ``mni`` set.
    mask : str, Path or nibabel image
        See :func:`load_mask`.
    """
    measure = MaskDistance(mask if hasattr(mask, "affine") else load_mask(mask))
    distances = {}
    for experiment in experiments:
        found = measure(experiment.mni)
        distances[id(experiment)] = found
        for index in np.flatnonzero(found > 0):
            point = ", ".join(format(v, "g") for v in np.round(experiment.mni[index], 2))
            where = experiment.where(index)
            place = f"line {where['line']}" if "line" in where else f"record {where.get('record', '?')}"
            LOGGER.warning(
                "%s, %s: focus (%s) MNI of %s is outside the brain mask, %.1f mm from it",
                experiment.source,
                place,
                point,
                experiment.name,
                found[index],
            )
    return distances
