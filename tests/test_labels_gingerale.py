"""GingerALE's nearest-grey-matter rule (alereview.labels.lookup, method="gingerale")."""

import csv
import itertools

import numpy as np
import pytest

from alereview.labels import label_peak
from alereview.labels.atlases import Atlas, load_atlas
from alereview.labels.compare import agreement
from alereview.labels.lookup import (
    DEFAULT_METHOD,
    GINGERALE_CUBE_MM,
    _label_pair_keys,
    cube_search,
    grey_matter_mask,
    resolve_transform,
)
from alereview.labels.talairach import mni_to_tal


@pytest.fixture(scope="module")
def table4(test_data):
    path = test_data / "labels" / "table4_peaks.tsv"
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_default_is_gingerale_with_pooled_icbm2tal():
    assert DEFAULT_METHOD == "gingerale"
    assert resolve_transform("gingerale") == "pooled" and resolve_transform("radius") == "spm"
    assert resolve_transform("gingerale", "auto") == "pooled"
    assert resolve_transform("radius", "fsl") == "fsl"


def test_the_gingerale_3_report_example():
    # A real GingerALE 3 cluster report (issue 16): (-40, -52, -20) is "Fusiform Gyrus, BA 37";
    # the radius rule (spm icbm2tal) says "Culmen".
    label = label_peak(-40, -52, -20)
    assert (label["hemisphere"], label["lobe"], label["gyrus"], label["ba"]) == ("L", "Temporal Lobe", "Fusiform Gyrus", "BA 37")
    assert label_peak(-40, -52, -20, method="radius")["gyrus"] == "Culmen"


def test_table4_agreement(table4):
    counts = agreement(table4, label_peak)
    assert (counts["n"], counts["gyrus"], counts["ba"], counts["hemisphere"], counts["lobe"]) == (15, 15, 15, 15, 15), counts["mismatches"]


def test_integer_millimetres_toward_zero():
    # Pooled icbm2tal of MNI (-40, -52, -20) is (-38.48, -48.54, -18.61): cut to (-38, -48, -18),
    # where rounding would give (-38, -49, -19).
    tal = mni_to_tal([-40, -52, -20], "pooled")
    label = label_peak(-40, -52, -20)
    assert label["rule"] == "voxel"
    assert (label["label_tal_x"], label["label_tal_y"], label["label_tal_z"]) == tuple(int(v) for v in np.trunc(tal))


def test_gyrus_and_brodmann_area_come_from_one_atlas_voxel():
    gyri, cells = load_atlas("talairach_gyrus"), load_atlas("talairach_ba")
    rng = np.random.default_rng(0)
    for mni in rng.uniform([-65, -100, -40], [65, 70, 75], size=(60, 3)):
        for method in ("gingerale", "radius"):
            label = label_peak(*mni, method=method)
            voxel = gyri.voxel_indices([label["label_tal_x"], label["label_tal_y"], label["label_tal_z"]])[0]
            assert gyri.name_of(gyri.values(voxel)[0]) == label["gyrus"]
            ba = cells.name_of(cells.values(voxel)[0]).replace("Brodmann area ", "BA ")
            assert ba == label["ba"]


def _toy(data):
    data = np.asarray(data)
    return Atlas(name="toy", space="talairach", data=data, affine=np.eye(4), names={1: "a", 2: "b"})


def test_cube_search_takes_the_most_frequent_label_of_the_smallest_cube():
    data = np.zeros((13, 13, 13), dtype=int)
    centre = (6, 6, 6)
    data[6, 6, 8] = 1  # one "a" at 2 mm (a face of the ±2 cube)
    data[4, 4, 4] = 2  # two "b" at the corners of the ±2 cube (3.5 mm)
    data[8, 8, 8] = 2
    atlas = _toy(data)
    voxel, half = cube_search(atlas, centre, data > 0, data)
    # Nearest-voxel would say "a"; the cube counts voxels: "b" has more.
    assert half == 2 and data[tuple(voxel)] == 2
    assert tuple(voxel) == (4, 4, 4)  # equal distance: first in x, y, z order
    # A label in a smaller cube wins whatever the counts farther out.
    data[7, 6, 6] = 1
    voxel, half = cube_search(_toy(data), centre, data > 0, data)
    assert half == 1 and tuple(voxel) == (7, 6, 6)


def test_cube_search_stops_at_5_mm():
    data = np.zeros((15, 15, 15), dtype=int)
    data[7, 7, 7 + GINGERALE_CUBE_MM + 1] = 1
    assert cube_search(_toy(data), (7, 7, 7), data > 0, data) is None
    data[7, 7, 7 + GINGERALE_CUBE_MM] = 1
    voxel, half = cube_search(_toy(data), (7, 7, 7), data > 0, data)
    assert half == GINGERALE_CUBE_MM


def test_white_matter_peak_reports_the_cube():
    label = label_peak(28, 50, 4)  # Sub-Gyral white matter at the voxel
    assert label["rule"] == "nearest_grey" and 1 <= label["search_cube_mm"] <= GINGERALE_CUBE_MM
    voxel = load_atlas("talairach_gyrus").voxel_indices([label["label_tal_x"], label["label_tal_y"], label["label_tal_z"]])[0]
    assert grey_matter_mask()[tuple(voxel)]
    tal = np.trunc(mni_to_tal([28, 50, 4], "pooled"))
    assert np.max(np.abs(np.array([label["label_tal_x"], label["label_tal_y"], label["label_tal_z"]]) - tal)) == label["search_cube_mm"]


def test_the_chosen_label_is_the_mode_of_its_cube():
    # Property on real peaks: no other grey label has more voxels in the reported cube.
    gyri = load_atlas("talairach_gyrus")
    keys, grey = _label_pair_keys(), grey_matter_mask()
    for mni in [(28, 50, 4), (34, -8, 8), (-28, -64, 34), (50, 18, 24)]:
        label = label_peak(*mni)
        if label["rule"] != "nearest_grey":
            continue
        centre = gyri.voxel_indices(np.trunc(mni_to_tal(mni, "pooled")))[0]
        half = label["search_cube_mm"]
        cube = np.array([centre + np.array(o) for o in itertools.product(range(-half, half + 1), repeat=3)])
        cube = cube[grey[tuple(cube.T)]]
        counts = np.unique(keys[tuple(cube.T)], return_counts=True)
        chosen = keys[tuple(gyri.voxel_indices([label["label_tal_x"], label["label_tal_y"], label["label_tal_z"]])[0])]
        assert counts[1][counts[0] == chosen][0] == counts[1].max()


def test_describe_names_the_method():
    from alereview.labels.lookup import describe

    assert "pooled" in describe() and "±5 mm" in describe()
    text = describe(method="radius", search_radius_mm=7, atlases=["juelich"])
    assert "spm" in text and "within 7 mm" in text and "juelich" in text
