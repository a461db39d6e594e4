"""MNI ↔ Talairach with Lancaster's icbm2tal transforms.

Lancaster et al. (2007, Hum Brain Mapp 28:1194-1205) fitted affine transforms from MNI
(ICBM-152) to Talairach space, one per normalisation software: ``spm`` (icbm_spm2tal), ``fsl``
(icbm_fsl2tal) and ``pooled`` (icbm_other2tal, which is ``nimare.utils.mni2tal``). The inverse
matrices give Talairach → MNI. GingerALE uses icbm2tal to label MNI results with the
Talairach Daemon; the Talairach atlas volumes are in Talairach space, so MNI peaks go through
:func:`mni_to_tal` before a lookup.
"""

from __future__ import annotations

import numpy as np

from alereview.coordinates.transforms import ICBM2TAL as _LANCASTER

# The 3x4 MNI → Talairach affines, named by variant; one copy of Lancaster's matrices
# (alereview.coordinates.transforms) serves both labelling and coordinate conversion.
ICBM2TAL = {name.removeprefix("lancaster_"): rows for name, rows in _LANCASTER.items()}
TRANSFORMS = tuple(ICBM2TAL)


def icbm2tal_matrix(transform: str = "spm") -> np.ndarray:
    """The 4x4 MNI → Talairach affine of one icbm2tal variant.

    Parameters
    ----------
    transform : {"spm", "fsl", "pooled"}
    """
    try:
        rows = ICBM2TAL[transform]
    except KeyError:
        raise ValueError(f"unknown icbm2tal transform {transform!r}; expected one of {', '.join(TRANSFORMS)}") from None
    return np.vstack([rows, [0.0, 0.0, 0.0, 1.0]])


def _apply(matrix: np.ndarray, coords) -> np.ndarray:
    coords = np.asarray(coords, dtype=float)
    single = coords.ndim == 1
    points = np.atleast_2d(coords)
    if points.shape[-1] != 3:
        raise ValueError(f"coordinates must have 3 columns (x, y, z), got shape {coords.shape}")
    out = points @ matrix[:3, :3].T + matrix[:3, 3]
    return out[0] if single else out


def mni_to_tal(coords, transform: str = "spm") -> np.ndarray:
    """MNI → Talairach coordinates with icbm2tal.

    Parameters
    ----------
    coords : array_like, shape (3,) or (n, 3)
        MNI coordinates in mm.
    transform : {"spm", "fsl", "pooled"}, optional
        Lancaster's variant; ``spm`` (default) for data normalised with SPM, as GingerALE's
        "MNI (SPM)".

    Returns
    -------
    numpy.ndarray
        Talairach coordinates, same shape as ``coords``.

    Examples
    --------
    >>> mni_to_tal([0, 0, 0]).round(4).tolist()
    [-1.0207, -1.7667, 4.0926]
    """
    return _apply(icbm2tal_matrix(transform), coords)


def tal_to_mni(coords, transform: str = "spm") -> np.ndarray:
    """Talairach → MNI coordinates: the inverse of :func:`mni_to_tal`."""
    return _apply(np.linalg.inv(icbm2tal_matrix(transform)), coords)
