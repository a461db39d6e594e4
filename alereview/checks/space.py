"""The voxel space of an analysis: its mask, affine, kernels, and ALE maps computed in it.

The ALE arithmetic is :class:`alereview.ale.montecarlo.NullModel`'s (NiMARE's, without
importing NiMARE), on any mask: NiMARE's ``ale_2mm`` template or a NIfTI mask. Kernels are
:func:`alereview.ale.engine.ale_kernel` for the mask's voxel size, as NiMARE's
``get_ale_kernel`` gives them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from alereview.ale.engine import ale_kernel, load_template_mask, mm_to_ijk
from alereview.ale.montecarlo import NullModel
from alereview.errors import InputError


@dataclass
class Space:
    """A mask and what is needed to compute ALE maps in it.

    Attributes
    ----------
    mask : numpy.ndarray of bool, 3D
    affine : numpy.ndarray, 4x4
    zooms : tuple of float
        Voxel size (mm).
    source : str
        ``ale_2mm`` (NiMARE's template) or the mask's path.
    fwhm : float or None
        One kernel FWHM (mm) for every experiment; None: the sample-size kernel.
    """

    mask: np.ndarray
    affine: np.ndarray
    zooms: tuple
    source: str = "ale_2mm"
    fwhm: float | None = None
    _kernels: dict = field(default_factory=dict, repr=False)

    @property
    def is_template(self) -> bool:
        """Whether this is NiMARE's ``ale_2mm`` template (the fast engine's only mask)."""
        return self.source == "ale_2mm"

    def log_kernel(self, n: int) -> np.ndarray:
        """``log1p(-kernel)`` (float32) of an experiment of ``n`` subjects (cached by ``n``)."""
        n = int(n) if self.fwhm is None else 0
        if n not in self._kernels:
            self._kernels[n] = np.log1p(-ale_kernel(n, self.zooms, self.fwhm).astype(np.float32))
        return self._kernels[n]

    def ijk(self, mni) -> np.ndarray:
        """Voxel indices of MNI coordinates (rounded as NiMARE rounds them)."""
        return mm_to_ijk(np.asarray(mni, dtype=float).reshape(-1, 3), self.affine)

    def ale(self, experiments) -> np.ndarray:
        """The ALE map (3D float32, 0 outside the mask) of ``experiments`` (``.n``, ``.mni``)."""
        experiments = list(experiments)
        if not experiments:
            return np.zeros(self.mask.shape, dtype=np.float32)
        model = NullModel(self.mask, [self.log_kernel(e.n) for e in experiments], np.array([len(e.mni) for e in experiments]), 0.0)
        return model.ale_volume(np.concatenate([self.ijk(e.mni) for e in experiments]))


def load_space(mask="ale_2mm", fwhm: float | None = None) -> Space:
    """The space of ``ale.mask``: NiMARE's ``ale_2mm`` template or a NIfTI mask path.

    ``fwhm``: the analysis' fixed kernel FWHM in mm (``ale.kernel.fwhm_mm``), None for the
    sample-size kernel.
    """
    if mask in (None, "", "ale_2mm"):
        data, affine, zooms = load_template_mask()
        return Space(data, np.asarray(affine, dtype=float), tuple(float(z) for z in zooms), fwhm=fwhm)
    import nibabel as nib

    try:
        image = nib.load(str(mask))
    except Exception as error:  # noqa: BLE001 - nibabel raises several types for a bad file
        raise InputError(f"not a readable NIfTI mask: {error}", path=mask) from error
    data = np.asarray(image.dataobj)
    if data.ndim != 3:
        raise InputError(f"a mask must be a 3D image, this one has shape {data.shape}", path=mask)
    return Space(data != 0, np.asarray(image.affine, dtype=float), tuple(float(z) for z in image.header.get_zooms()[:3]), str(mask), fwhm)
