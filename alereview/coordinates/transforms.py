"""Talairach <-> MNI coordinate transforms: Lancaster's icbm2tal and Brett's mni2tal.

Lancaster et al. (2007, Hum Brain Mapp 28:1194) fitted affine MNI -> Talairach transforms
("icbm2tal") for brains normalised with SPM, with FSL, and for both pooled; Talairach -> MNI
("tal2icbm") is the inverse of each. Brett's mni2tal is an older, piecewise linear transform
(different z zooms above and below the AC); its inverse is exact as well.

GingerALE ("Convert Foci") offers the icbm2tal transforms and Brett's; NiMARE's ``mni2tal`` /
``tal2mni`` are the pooled ("other") icbm2tal pair.

Coordinates are ``(n, 3)`` arrays of x, y, z in mm.
"""

from __future__ import annotations

import numpy as np

#: MNI -> Talairach affines (rows of the 3x4 matrix), Lancaster et al. 2007, as distributed by
#: BrainMap (icbm_spm2tal.m, icbm_fsl2tal.m, icbm_other2tal.m).
ICBM2TAL = {
    "lancaster_spm": np.array(
        [
            [0.9254, 0.0024, -0.0118, -1.0207],
            [-0.0048, 0.9316, -0.0871, -1.7667],
            [0.0152, 0.0883, 0.8924, 4.0926],
        ]
    ),
    "lancaster_fsl": np.array(
        [
            [0.9464, 0.0034, -0.0026, -1.0680],
            [-0.0083, 0.9479, -0.0580, -1.0239],
            [0.0053, 0.0617, 0.9010, 3.1883],
        ]
    ),
    "lancaster_pooled": np.array(
        [
            [0.9357, 0.0029, -0.0072, -1.0423],
            [-0.0065, 0.9396, -0.0726, -1.3940],
            [0.0103, 0.0752, 0.8967, 3.6475],
        ]
    ),
}

#: Every Talairach -> MNI transform the workflow offers, for config validation and the CLI.
TRANSFORMS = ("lancaster_spm", "lancaster_fsl", "lancaster_pooled", "brett")

#: What each transform is, for logs and reports.
DESCRIPTIONS = {
    "lancaster_spm": "Lancaster et al. 2007 tal2icbm, SPM (inverse of icbm_spm2tal)",
    "lancaster_fsl": "Lancaster et al. 2007 tal2icbm, FSL (inverse of icbm_fsl2tal)",
    "lancaster_pooled": "Lancaster et al. 2007 tal2icbm, pooled/other (inverse of icbm_other2tal; NiMARE's tal2mni)",
    "brett": "Brett 2001 tal2mni (inverse of the piecewise linear mni2tal)",
}


def _as_points(coords) -> np.ndarray:
    points = np.asarray(coords, dtype=float)
    if points.ndim == 1:
        points = points[np.newaxis, :]
    if points.ndim != 2 or points.shape[1] != 3:
        raise ValueError(f"coordinates must be an (n, 3) array, got shape {np.shape(coords)}")
    return points


def _homogeneous(affine_3x4: np.ndarray) -> np.ndarray:
    return np.vstack([affine_3x4, [0.0, 0.0, 0.0, 1.0]])


def _apply(affine_4x4: np.ndarray, points: np.ndarray) -> np.ndarray:
    return points @ affine_4x4[:3, :3].T + affine_4x4[:3, 3]


# Brett's transform, built exactly as in his mni2tal.m: a 0.05 rad pitch (spm_matrix
# rotation about x), then zooms that differ above and below the AC.
_BRETT_ROTATION = np.array([[1.0, 0.0, 0.0], [0.0, np.cos(0.05), np.sin(0.05)], [0.0, -np.sin(0.05), np.cos(0.05)]])
_BRETT_UP = _BRETT_ROTATION @ np.diag([0.99, 0.97, 0.92])
_BRETT_DOWN = _BRETT_ROTATION @ np.diag([0.99, 0.97, 0.84])


def _brett_mni2tal(points: np.ndarray) -> np.ndarray:
    out = np.empty_like(points)
    below = points[:, 2] < 0
    out[~below] = points[~below] @ _BRETT_UP.T
    out[below] = points[below] @ _BRETT_DOWN.T
    return out


def _brett_tal2mni(points: np.ndarray) -> np.ndarray:
    # Undo the rotation first: the sign of the rotated z says which zoom was applied.
    unrotated = points @ np.linalg.inv(_BRETT_ROTATION).T
    out = np.empty_like(points)
    below = unrotated[:, 2] < 0
    out[~below] = unrotated[~below] @ np.diag([1 / 0.99, 1 / 0.97, 1 / 0.92]).T
    out[below] = unrotated[below] @ np.diag([1 / 0.99, 1 / 0.97, 1 / 0.84]).T
    return out


def _check_name(transform: str) -> None:
    if transform not in TRANSFORMS:
        raise ValueError(f"unknown transform {transform!r}; expected one of {list(TRANSFORMS)}")


def mni2tal(coords, transform: str = "lancaster_spm") -> np.ndarray:
    """Convert MNI coordinates to Talairach.

    Parameters
    ----------
    coords : array_like, shape (n, 3) or (3,)
        MNI coordinates in mm.
    transform : {"lancaster_spm", "lancaster_fsl", "lancaster_pooled", "brett"}
        Which published transform (see :data:`DESCRIPTIONS`).

    Returns
    -------
    numpy.ndarray, shape (n, 3)
        Talairach coordinates in mm.

    Examples
    --------
    >>> mni2tal([0, 0, 0], "lancaster_pooled").round(4).tolist()
    [[-1.0423, -1.394, 3.6475]]
    """
    _check_name(transform)
    points = _as_points(coords)
    if transform == "brett":
        return _brett_mni2tal(points)
    return _apply(_homogeneous(ICBM2TAL[transform]), points)


def tal2mni(coords, transform: str = "lancaster_spm") -> np.ndarray:
    """Convert Talairach coordinates to MNI (the inverse of :func:`mni2tal`).

    Parameters
    ----------
    coords : array_like, shape (n, 3) or (3,)
        Talairach coordinates in mm.
    transform : {"lancaster_spm", "lancaster_fsl", "lancaster_pooled", "brett"}
        Which published transform (see :data:`DESCRIPTIONS`).

    Returns
    -------
    numpy.ndarray, shape (n, 3)
        MNI coordinates in mm.
    """
    _check_name(transform)
    points = _as_points(coords)
    if transform == "brett":
        return _brett_tal2mni(points)
    return _apply(np.linalg.inv(_homogeneous(ICBM2TAL[transform])), points)


def to_mni(coords, space: str, transform: str = "lancaster_spm") -> np.ndarray:
    """MNI coordinates of ``coords`` reported in ``space`` ("MNI" or "TAL")."""
    if space == "MNI":
        return _as_points(coords).copy()
    if space == "TAL":
        return tal2mni(coords, transform)
    raise ValueError(f"unknown space {space!r}; expected MNI or TAL")
