"""Share of a cluster's voxels per anatomical region.

Each voxel of the cluster (a label image in MNI space, e.g. the ALE's 2 mm grid) is labelled by
its own position — no nearest-grey-matter search, so white matter shows as such ("Sub-Gyral",
"Extra-Nuclear") and the shares describe where the cluster lies, as GingerALE's per-cluster
label summaries do. Talairach levels (gyrus, cell type / Brodmann area, lobe, hemisphere) go
through icbm2tal; AAL is read in MNI space. Voxels with no label count as ``"-"``, so the shares
of a cluster sum to 1.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np

from alereview.errors import InputError
from alereview.labels.atlases import load_atlas
from alereview.labels.lobes import LOBES, hemisphere_of, lobe_codes
from alereview.labels.lookup import DEFAULT_METHOD, DEFAULT_TRANSFORM, _check_options, brodmann_or_cell_type, resolve_transform
from alereview.labels.talairach import mni_to_tal

SHARE_ATLASES = ("gyrus", "ba", "lobe", "hemisphere", "aal")


def _load_label_image(label_img):
    import nibabel as nib  # deferred: keeps ``import alereview.labels`` light

    if isinstance(label_img, (str, Path)):
        path = Path(label_img)
        if not path.is_file():
            raise InputError("cluster label image not found", path=path)
        try:
            return nib.load(path), path
        except Exception as error:  # nibabel raises several types for unreadable files
            raise InputError(f"not a readable NIfTI image ({error})", path=path) from None
    return label_img, getattr(label_img, "get_filename", lambda: None)()


def cluster_voxels_mni(label_img, cluster_id) -> np.ndarray:
    """MNI coordinates (n, 3) of the voxels of one cluster of a label image.

    Raises
    ------
    InputError
        When the image is not 3D or holds no voxel with ``cluster_id``.
    """
    image, path = _load_label_image(label_img)
    data = np.asarray(image.dataobj)
    if data.ndim == 4 and data.shape[3] == 1:
        data = data[..., 0]
    if data.ndim != 3:
        raise InputError(f"expected a 3D cluster label image, got shape {data.shape}", path=path)
    ijk = np.argwhere(data == cluster_id)
    if len(ijk) == 0:
        raise InputError(f"no voxel has the cluster label {cluster_id}", path=path, field="cluster_id")
    return ijk @ image.affine[:3, :3].T + image.affine[:3, 3]


def voxel_region_names(mni, atlas="gyrus", transform=DEFAULT_TRANSFORM, method=DEFAULT_METHOD) -> list:
    """The region name at each MNI coordinate (n, 3), by its own voxel, for one atlas.

    The Talairach voxel is found as :func:`~alereview.labels.label_peak` finds it: integer
    millimetres toward zero for ``gingerale``, the nearest voxel for ``radius``.
    """
    if atlas not in SHARE_ATLASES:
        raise InputError(f"unknown atlas {atlas!r}; expected one of {', '.join(SHARE_ATLASES)}", field="atlas")
    mni = np.atleast_2d(np.asarray(mni, dtype=float))
    if atlas == "aal":
        aal = load_atlas("aal")
        return [aal.name_of(v) for v in aal.values(aal.voxel_indices(mni))]
    gyri = load_atlas("talairach_gyrus")
    tal = mni_to_tal(mni, transform)
    ijk = gyri.voxel_indices(np.trunc(tal) + 0.0 if method == "gingerale" else tal)
    if atlas == "gyrus":
        return [gyri.name_of(v) for v in gyri.values(ijk)]
    if atlas == "ba":
        cells = load_atlas("talairach_ba")
        return [brodmann_or_cell_type(cells.name_of(v)) for v in cells.values(ijk)]
    if atlas == "lobe":
        return [LOBES[c] if c >= 0 else "-" for c in lobe_codes(ijk)]
    # hemisphere: of the voxel, whether or not the atlas labels it
    return [hemisphere_of(x) for x in gyri.world(ijk)[:, 0].round()]


def region_shares(label_img, cluster_id, atlas="gyrus", transform=None, search_radius_mm=None, method=DEFAULT_METHOD, atlases=None):
    """Share of a cluster's voxels per region, largest first.

    Parameters
    ----------
    label_img : str, Path or nibabel image
        Cluster label image in MNI space (integer labels, 0 = background).
    cluster_id : int
        The cluster's label.
    atlas : {"gyrus", "ba", "lobe", "hemisphere", "aal"}, optional
        Which labels to count.
    transform : {"spm", "fsl", "pooled"}, optional
        icbm2tal variant for the Talairach levels; default: the method's.
    search_radius_mm, method, atlases : optional
        The options of :func:`~alereview.labels.label_peak`, so that the config's ``labels``
        section can be passed as it is; ``method`` chooses the default transform, the others
        are unused (shares label every voxel by its own position and do not search).

    Returns
    -------
    list of (str, float)
        (region, share of the cluster's voxels), sorted by share, then name; shares sum to 1.
    """
    _check_options(transform, 0 if search_radius_mm is None else search_radius_mm, method)
    transform = resolve_transform(method, transform)
    mni = cluster_voxels_mni(label_img, cluster_id)
    counts = Counter(voxel_region_names(mni, atlas, transform, method))
    total = sum(counts.values())
    return sorted(((name, n / total) for name, n in counts.items()), key=lambda item: (-item[1], item[0]))
