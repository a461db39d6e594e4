"""Share of a cluster's voxels per region (alereview.labels.shares)."""

import nibabel as nib
import numpy as np
import pytest

from alereview.errors import InputError
from alereview.labels import region_shares

# A 2 mm MNI grid like NiMARE's ale_2mm mask.
AFFINE = np.array([[2.0, 0, 0, -90], [0, 2.0, 0, -126], [0, 0, 2.0, -72], [0, 0, 0, 1]])


def _voxel(mni):
    return tuple(int(v) for v in np.linalg.solve(AFFINE, [*mni, 1])[:3].round())


@pytest.fixture(scope="module")
def cluster_image():
    data = np.zeros((91, 109, 91), dtype=np.int16)
    i, j, k = _voxel((-54, 28, -2))  # left inferior frontal gyrus (Table 4)
    data[i - 1 : i + 2, j - 1 : j + 2, k - 1 : k + 2] = 1
    data[_voxel((34, -8, 8))] = 2  # right putamen
    return nib.Nifti1Image(data, AFFINE)


def test_shares_are_sorted_and_sum_to_one(cluster_image):
    shares = region_shares(cluster_image, 1)
    assert sum(share for _, share in shares) == pytest.approx(1)
    assert [share for _, share in shares] == sorted((share for _, share in shares), reverse=True)
    assert all(n * 27 == pytest.approx(round(n * 27)) for _, n in shares)  # counts of 27 voxels
    assert shares[0][0] == "Inferior Frontal Gyrus"


def test_other_levels(cluster_image):
    assert region_shares(cluster_image, 1, atlas="hemisphere") == [("L", 1.0)]
    assert region_shares(cluster_image, 1, atlas="lobe")[0][0] == "Frontal Lobe"
    assert region_shares(cluster_image, 1, atlas="aal")[0][0].startswith("Frontal_Inf")
    # spm icbm2tal, nearest voxel (the radius method): the putamen.
    assert region_shares(cluster_image, 2, atlas="gyrus", method="radius") == [("Lentiform Nucleus", 1.0)]
    assert region_shares(cluster_image, 2, atlas="ba", method="radius") == [("Putamen", 1.0)]
    # pooled icbm2tal, integer mm toward zero (gingerale): the voxel itself is white matter beside
    # it (the peak label then finds the putamen in the cube; the shares do not search).
    assert region_shares(cluster_image, 2, atlas="gyrus") == [("Extra-Nuclear", 1.0)]


def test_shares_label_each_voxel_without_searching(cluster_image):
    from alereview.labels import label_peak

    # MNI (34, -8, 8) falls between AAL regions: the peak label searches, the shares do not.
    assert label_peak(34, -8, 8)["aal_distance_mm"] > 0
    assert region_shares(cluster_image, 2, atlas="aal") == [("-", 1.0)]


def test_accepts_the_label_peak_options(cluster_image):
    shares = region_shares(cluster_image, 1, transform="pooled", search_radius_mm=7)
    assert sum(share for _, share in shares) == pytest.approx(1)


def test_reads_a_file(tmp_path, cluster_image):
    path = tmp_path / "clusters.nii.gz"
    cluster_image.to_filename(path)
    assert region_shares(path, 2, atlas="ba", method="radius") == [("Putamen", 1.0)]
    assert region_shares(str(path), 1) == region_shares(cluster_image, 1)


def test_errors(tmp_path, cluster_image):
    with pytest.raises(InputError, match="no voxel has the cluster label 3") as excinfo:
        region_shares(cluster_image, 3)
    assert excinfo.value.field == "cluster_id"
    with pytest.raises(InputError, match="unknown atlas"):
        region_shares(cluster_image, 1, atlas="destrieux")
    with pytest.raises(InputError, match="not found"):
        region_shares(tmp_path / "missing.nii.gz", 1)
    bad = tmp_path / "bad.nii.gz"
    bad.write_text("not an image", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable NIfTI") as excinfo:
        region_shares(bad, 1)
    assert excinfo.value.path == str(bad)
