"""Talairach <-> MNI transforms against published matrices, NiMARE, and their inverses."""

import numpy as np
import pytest

from alereview.coordinates.transforms import ICBM2TAL, TRANSFORMS, mni2tal, tal2mni, to_mni

POINTS = np.array([[0.0, 0.0, 0.0], [-40, -78, -50], [54, -38, 36], [18, 10, 62], [-6, 30, -20], [70, -22, -16]])


@pytest.mark.parametrize("name", ["lancaster_spm", "lancaster_fsl", "lancaster_pooled"])
def test_lancaster_matrices_are_the_published_ones(name):
    # Lancaster et al. 2007 (icbm_*2tal.m): the origin maps to the translation column, and a
    # unit step along each axis adds that column of the 3x3 part.
    matrix = ICBM2TAL[name]
    np.testing.assert_allclose(mni2tal([0, 0, 0], name)[0], matrix[:, 3])
    for axis in range(3):
        step = np.zeros(3)
        step[axis] = 10
        np.testing.assert_allclose(mni2tal(step, name)[0] - matrix[:, 3], 10 * matrix[:, axis], atol=1e-12)


def test_published_spm_values():
    # Rows as BrainMap's icbm_spm2tal.m gives them (notes.md): a point worked by hand.
    x, y, z = 10.0, -20.0, 30.0
    expected = [
        0.9254 * x + 0.0024 * y - 0.0118 * z - 1.0207,
        -0.0048 * x + 0.9316 * y - 0.0871 * z - 1.7667,
        0.0152 * x + 0.0883 * y + 0.8924 * z + 4.0926,
    ]
    np.testing.assert_allclose(mni2tal([x, y, z], "lancaster_spm")[0], expected)


def test_pooled_matches_nimare():
    from nimare.utils import mni2tal as nimare_mni2tal
    from nimare.utils import tal2mni as nimare_tal2mni

    np.testing.assert_allclose(mni2tal(POINTS, "lancaster_pooled"), nimare_mni2tal(POINTS.copy()), atol=1e-9)
    np.testing.assert_allclose(tal2mni(POINTS, "lancaster_pooled"), nimare_tal2mni(POINTS.copy()), atol=1e-9)


def test_brett_matches_the_published_piecewise_matrices():
    # Brett's mni2tal: z >= 0: [0.99 0 0; 0 0.9688 0.0460; 0 -0.0485 0.9189];
    # z < 0: [0.99 0 0; 0 0.9688 0.0420; 0 -0.0485 0.8390] (4 decimals as published).
    up = np.array([[0.99, 0, 0], [0, 0.9688, 0.0460], [0, -0.0485, 0.9189]])
    down = np.array([[0.99, 0, 0], [0, 0.9688, 0.0420], [0, -0.0485, 0.8390]])
    above, below = np.array([10.0, 12, 14]), np.array([10.0, 12, -14])
    np.testing.assert_allclose(mni2tal(above, "brett")[0], up @ above, atol=2e-3)
    np.testing.assert_allclose(mni2tal(below, "brett")[0], down @ below, atol=2e-3)


@pytest.mark.parametrize("name", TRANSFORMS)
def test_round_trip(name):
    np.testing.assert_allclose(tal2mni(mni2tal(POINTS, name), name), POINTS, atol=1e-9)
    np.testing.assert_allclose(mni2tal(tal2mni(POINTS, name), name), POINTS, atol=1e-9)


def test_talairach_brains_are_smaller():
    # MNI brains are wider than Talairach's: converting Talairach to MNI moves lateral points out.
    for name in TRANSFORMS:
        assert tal2mni([60.0, 0, 0], name)[0, 0] > 60.5
        assert tal2mni([-60.0, 0, 0], name)[0, 0] < -60.5


def test_to_mni_and_bad_input():
    np.testing.assert_array_equal(to_mni(POINTS, "MNI"), POINTS)
    np.testing.assert_allclose(to_mni(POINTS, "TAL", "brett"), tal2mni(POINTS, "brett"))
    with pytest.raises(ValueError, match="unknown space"):
        to_mni(POINTS, "SPM")
    with pytest.raises(ValueError, match="unknown transform"):
        tal2mni(POINTS, "lancaster")
    with pytest.raises(ValueError, match=r"\(n, 3\)"):
        tal2mni([[1, 2]], "brett")
