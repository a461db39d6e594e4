"""Gyrus → lobe map and the by-position lobe rules (alereview.labels.lobes)."""

from collections import Counter

import numpy as np

from alereview.labels.atlases import load_atlas
from alereview.labels.lobes import (
    CELL_TYPE_LOBE,
    CORTICAL_LOBES,
    GYRUS_LOBE,
    LOBES,
    NEAREST_ANY,
    NEAREST_CORTICAL,
    WHITE_MATTER_CELL_TYPES,
    lobe_at,
    lobe_codes,
)


def _index(atlas, name):
    return {label: i for i, label in atlas.names.items()}[name]


def test_every_gyrus_of_the_atlas_maps_to_a_lobe():
    names = set(load_atlas("talairach_gyrus").names.values())
    assert names == set(GYRUS_LOBE), names ^ set(GYRUS_LOBE)
    assert set(GYRUS_LOBE.values()) <= set(LOBES) | {NEAREST_CORTICAL, NEAREST_ANY}


def test_cell_type_names_exist_in_the_atlas():
    names = set(load_atlas("talairach_ba").names.values())
    assert set(CELL_TYPE_LOBE) <= names
    assert WHITE_MATTER_CELL_TYPES <= names


def test_every_gyrus_voxel_gets_a_lobe():
    gyri = load_atlas("talairach_gyrus")
    for name in GYRUS_LOBE:
        voxels = np.argwhere(gyri.data == _index(gyri, name))
        sample = voxels[:: max(1, len(voxels) // 50)]
        codes = lobe_codes(sample)
        assert (codes >= 0).all(), name
        lobe = GYRUS_LOBE[name]
        if lobe in LOBES:
            assert {LOBES[c] for c in codes} == {lobe}, name


def test_sub_gyral_takes_the_lobe_of_the_nearest_cortex():
    gyri = load_atlas("talairach_gyrus")
    voxels = np.argwhere(gyri.data == _index(gyri, "Sub-Gyral"))
    lobes = Counter(LOBES[c] for c in lobe_codes(voxels[::97]))
    assert set(lobes) <= set(CORTICAL_LOBES)
    assert len(lobes) == len(CORTICAL_LOBES)  # white matter under every cortical lobe
    # Deep frontal white matter (Talairach 25, 44, 13) sits under the frontal lobe.
    assert lobe_at(gyri.voxel_indices([25, 44, 13])) == "Frontal Lobe"


def test_cell_types_without_gyrus():
    gyri, cells = load_atlas("talairach_gyrus"), load_atlas("talairach_ba")
    red = np.argwhere((cells.data == _index(cells, "Red Nucleus")) & (gyri.data == 0))
    assert lobe_at(red[0]) == "Midbrain"
    callosum = np.argwhere((cells.data == _index(cells, "Corpus Callosum")) & (gyri.data == 0))
    assert lobe_at(callosum[0]) == "-"


def test_outside_the_atlas_has_no_lobe():
    assert lobe_at([[-1, 0, 0]]) == "-"
    assert lobe_at([[0, 0, 0]]) == "-"  # a background corner
