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

# Rows of the 3x4 MNI → Talairach affines (Lancaster 2007; BrainMap's icbm_*2tal.m).
ICBM2TAL = {
    "spm": np.array(
        [
            [0.9254, 0.0024, -0.0118, -1.0207],
            [-0.0048, 0.9316, -0.0871, -1.7667],
            [0.0152, 0.0883, 0.8924, 4.0926],
        ]
    ),
    "fsl": np.array(
        [
            [0.9464, 0.0034, -0.0026, -1.0680],
            [-0.0083, 0.9479, -0.0580, -1.0239],
            [0.0053, 0.0617, 0.9010, 3.1883],
        ]
    ),
    "pooled": np.array(
        [
            [0.9357, 0.0029, -0.0072, -1.0423],
            [-0.0065, 0.9396, -0.0726, -1.3940],
            [0.0103, 0.0752, 0.8967, 3.6475],
        ]
    ),
}
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
        raise ValueError(
            f"unknown icbm2tal transform {transform!r}; expected one of {', '.join(TRANSFORMS)}"
        ) from None
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
