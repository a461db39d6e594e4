"""Talairach Daemon style peak labels (alereview.labels.lookup) against the paper's Table 4."""

import csv
from collections import Counter

import numpy as np
import pytest

from alereview.errors import InputError
from alereview.labels import label_peak
from alereview.labels.atlases import Atlas, load_atlas
from alereview.labels.compare import agreement, is_brodmann, level_matches
from alereview.labels.lobes import hemisphere_of
from alereview.labels.lookup import (
    GREY_GYRI_WITHOUT_CELL_TYPE,
    brodmann_or_cell_type,
    grey_matter_mask,
    nearest_voxel,
)


@pytest.fixture(scope="module")
def table4(test_data):
    path = test_data / "labels" / "table4_peaks.tsv"
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_table4_agreement_with_the_default_rule(table4):
    counts = agreement(table4, label_peak)
    assert counts["n"] == 15
    assert counts["gyrus"] >= 14, counts["mismatches"]
    assert counts["ba"] >= 14, counts["mismatches"]
    assert counts["hemisphere"] >= 14, counts["mismatches"]
    assert counts["lobe"] >= 14, counts["mismatches"]


def test_plain_voxel_lookup_is_what_the_search_improves(table4):
    plain = agreement(table4, label_peak, method="radius", search_radius_mm=0)
    default = agreement(table4, label_peak, method="radius")
    assert plain["gyrus"] < default["gyrus"] and plain["ba"] < default["ba"]
    for row in table4:
        assert label_peak(float(row["x"]), float(row["y"]), float(row["z"]), method="radius", search_radius_mm=0)["rule"] in {
            "voxel",
            "none",
        }


def test_comparison_rules():
    putamen = {"hemisphere": "R", "lobe": "Sub-lobar", "gyrus": "Lentiform Nucleus", "ba": "Putamen"}
    assert level_matches("gyrus", "Lentiform Nucleus Putamen", putamen)
    assert level_matches("gyrus", "Lentiform Nucleus", putamen)
    assert level_matches("ba", "-", putamen)
    ifg = {"hemisphere": "L", "lobe": "Frontal Lobe", "gyrus": "Inferior Frontal Gyrus", "ba": "BA 45"}
    assert level_matches("ba", "45", ifg) and not level_matches("ba", "47", ifg)
    assert not level_matches("ba", "-", ifg)
    assert not level_matches("gyrus", "Inferior Frontal Gyrus BA 45", ifg)
    assert not level_matches("gyrus", "Middle Frontal Gyrus", ifg)
    assert is_brodmann("BA 4") and not is_brodmann("Putamen") and not is_brodmann("-")


def test_peak_in_grey_matter_keeps_its_voxel():
    label = label_peak(34, -8, 8, method="radius")  # Table 4: right putamen
    assert label["rule"] == "voxel"
    assert (label["gyrus"], label["ba"], label["lobe"], label["hemisphere"]) == (
        "Lentiform Nucleus",
        "Putamen",
        "Sub-lobar",
        "R",
    )
    assert label["distance_mm"] < 0.9
    assert label["aal"] == "Putamen_R"


def test_peak_in_white_matter_takes_the_nearest_grey_matter():
    label = label_peak(28, 50, 4, method="radius")  # the voxel itself is Sub-Gyral white matter
    plain = label_peak(28, 50, 4, method="radius", search_radius_mm=0)
    assert plain["gyrus"] == "Sub-Gyral" and plain["ba"] == "-" and plain["rule"] == "none"
    assert label["rule"] == "nearest_grey"
    assert 0 < label["distance_mm"] <= 7 + 0.87
    assert grey_matter_mask()[
        tuple(load_atlas("talairach_gyrus").voxel_indices([label["label_tal_x"], label["label_tal_y"], label["label_tal_z"]])[0])
    ]
    assert label_peak(28, 50, 4, method="radius", search_radius_mm=3)["rule"] == "none"


def test_peak_below_the_atlas_still_finds_the_cerebellum():
    # Talairach z = -48, below the atlas's lowest slice (z = -42).
    label = label_peak(-40, -78, -50)
    assert label["tal_z"] < -42
    assert label["gyrus"] == "Inferior Semi-Lunar Lobule" and label["ba"] == "-"
    assert label["lobe"] == "Cerebellum Posterior Lobe"


def test_hemisphere_logic():
    assert [hemisphere_of(x) for x in (-3, 0, 2)] == ["L", "midline", "R"]
    left, right = label_peak(-40, -20, 55), label_peak(40, -20, 55)
    assert (left["hemisphere"], right["hemisphere"]) == ("L", "R")
    assert left["aal"].endswith("_L") and right["aal"].endswith("_R")
    # The atlas and icbm2tal are not mirror-symmetric, but both sides are pericentral.
    assert {left["gyrus"], right["gyrus"]} <= {"Precentral Gyrus", "Postcentral Gyrus"}
    # Far outside the brain nothing is labelled, not even a hemisphere.
    outside = label_peak(0, 0, 200)
    assert (outside["hemisphere"], outside["lobe"], outside["gyrus"], outside["ba"], outside["aal"]) == ("-", "-", "-", "-", "-")
    assert outside["rule"] == "none" and outside["aal_distance_mm"] is None


def test_output_keys_and_provenance():
    label = label_peak(-54, 27, -2, method="radius", transform="pooled", search_radius_mm=5)
    for key in ("hemisphere", "lobe", "gyrus", "ba", "aal", "tal_x", "tal_y", "tal_z", "distance_mm", "rule"):
        assert key in label
    assert (label["transform"], label["search_radius_mm"]) == ("pooled", 5.0)
    assert (label["mni_x"], label["mni_y"], label["mni_z"]) == (-54.0, 27.0, -2.0)
    assert label["tal_x"] == pytest.approx(-51.5, abs=0.1)
    assert label_peak(-54, 27, -2) == label_peak(-54, 27, -2)  # deterministic


@pytest.mark.parametrize(
    "args, field",
    [
        (("a", 0, 0), "x"),
        ((0, float("nan"), 0), "y"),
        ((0, 0, float("inf")), "z"),
    ],
)
def test_bad_coordinates_name_the_field(args, field):
    with pytest.raises(InputError) as excinfo:
        label_peak(*args)
    assert excinfo.value.field == field


def test_bad_options():
    with pytest.raises(InputError, match="transform"):
        label_peak(0, 0, 0, transform="brett")
    with pytest.raises(InputError, match="search_radius_mm"):
        label_peak(0, 0, 0, search_radius_mm=-1)
    with pytest.raises(InputError, match="search_radius_mm"):
        label_peak(0, 0, 0, search_radius_mm="far")
    with pytest.raises(InputError, match="method"):
        label_peak(0, 0, 0, method="nearest")


def test_grey_gyri_without_cell_type_are_those_the_atlas_leaves_unsubdivided():
    # The gyri whose voxels (almost) never carry a cell type, less the ventricles (CSF).
    gyri, cells = load_atlas("talairach_gyrus"), load_atlas("talairach_ba")
    without = set()
    for index, name in gyri.names.items():
        voxels = gyri.data == index
        if (cells.data[voxels] > 0).mean() < 0.01:
            without.add(name)
    assert without - {"Lateral Ventricle", "Third Ventricle", "Fourth Ventricle"} == GREY_GYRI_WITHOUT_CELL_TYPE


def test_brodmann_or_cell_type():
    assert brodmann_or_cell_type("Brodmann area 45") == "BA 45"
    assert brodmann_or_cell_type("Putamen") == "Putamen"
    assert brodmann_or_cell_type("-") == "-"


def _toy_atlas(data):
    return Atlas(name="toy", space="talairach", data=np.asarray(data), affine=np.eye(4), names={1: "a", 2: "b"})


def test_nearest_voxel_takes_the_majority_among_equally_near():
    data = np.zeros((7, 7, 7), dtype=int)
    data[3, 3, 5] = 2  # one "b" two voxels away
    data[3, 3, 1] = 1  # two "a" two voxels away
    data[3, 1, 3] = 1
    data[0, 3, 3] = 2  # farther
    atlas = _toy_atlas(data)
    voxel, distance = nearest_voxel(atlas, [3, 3, 3], data > 0, radius_mm=5)
    assert distance == 2 and data[tuple(voxel)] == 1
    # No majority: the one nearest to the unrounded point wins.
    data[3, 1, 3] = 0
    voxel, _ = nearest_voxel(atlas, [3, 3, 3.4], data > 0, radius_mm=5)
    assert tuple(voxel) == (3, 3, 5)
    voxel, _ = nearest_voxel(atlas, [3, 3, 2.6], data > 0, radius_mm=5)
    assert tuple(voxel) == (3, 3, 1)
    assert nearest_voxel(atlas, [3, 3, 3], data > 0, radius_mm=1.5) is None


def test_every_table4_label_comes_from_grey_matter_or_says_why(table4):
    rules = Counter(label_peak(float(r["x"]), float(r["y"]), float(r["z"]))["rule"] for r in table4)
    assert set(rules) <= {"voxel", "nearest_grey"}
