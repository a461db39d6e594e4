"""Lancaster's icbm2tal transforms (alereview.labels.talairach)."""

import numpy as np
import pytest

from alereview.labels.talairach import ICBM2TAL, TRANSFORMS, icbm2tal_matrix, mni_to_tal, tal_to_mni


@pytest.mark.parametrize(
    "transform, origin",
    [
        # The translation column of Lancaster's icbm_spm2tal, icbm_fsl2tal, icbm_other2tal.
        ("spm", [-1.0207, -1.7667, 4.0926]),
        ("fsl", [-1.0680, -1.0239, 3.1883]),
        ("pooled", [-1.0423, -1.3940, 3.6475]),
    ],
)
def test_mni_origin_goes_to_the_published_translation(transform, origin):
    assert mni_to_tal([0, 0, 0], transform) == pytest.approx(origin, abs=1e-9)


def test_spm_transform_of_a_peak_by_hand():
    # Row by row of icbm_spm2tal for MNI (-54, 27, -2).
    x, y, z = -54, 27, -2
    expected = [
        0.9254 * x + 0.0024 * y - 0.0118 * z - 1.0207,
        -0.0048 * x + 0.9316 * y - 0.0871 * z - 1.7667,
        0.0152 * x + 0.0883 * y + 0.8924 * z + 4.0926,
    ]
    assert mni_to_tal([x, y, z], "spm") == pytest.approx(expected)
    assert mni_to_tal([x, y, z], "spm") == pytest.approx([-50.904, 23.820, 3.871], abs=1e-3)


def test_pooled_equals_nimare_mni2tal():
    # Values printed by nimare.utils.mni2tal (NiMARE 0.22.1, icbm_other2tal), copied here
    # because importing NiMARE takes seconds.
    coords = np.array([[-54, 27, -2], [34, -8, 8], [4, -58, 64], [-40, -78, -50]], dtype=float)
    nimare_values = [
        [-51.4774, 24.4714, 3.3283],
        [30.6907, -9.7126, 10.5697],
        [2.0715, -60.5632, 56.7159],
        [-38.3365, -70.7928, -47.4651],
    ]
    assert mni_to_tal(coords, "pooled") == pytest.approx(np.array(nimare_values), abs=1e-4)


@pytest.mark.parametrize("transform", TRANSFORMS)
def test_round_trip(transform):
    coords = np.array([[-54.0, 27.0, -2.0], [70.0, -22.0, -16.0], [0.0, 0.0, 0.0]])
    assert tal_to_mni(mni_to_tal(coords, transform), transform) == pytest.approx(coords, abs=1e-9)


def test_talairach_brain_is_smaller_than_mni():
    # icbm2tal shrinks MNI by 5-10 %: a peak far from the origin moves towards it.
    tal = mni_to_tal([-40, -78, -50], "spm")
    assert np.linalg.norm(tal) < np.linalg.norm([-40, -78, -50])
    assert tal[2] == pytest.approx(-48.02, abs=0.01)


def test_shapes_and_errors():
    assert mni_to_tal([1, 2, 3]).shape == (3,)
    assert mni_to_tal([[1, 2, 3]] * 4).shape == (4, 3)
    with pytest.raises(ValueError, match="3 columns"):
        mni_to_tal([1, 2])
    with pytest.raises(ValueError, match="unknown icbm2tal"):
        icbm2tal_matrix("brett")
    assert set(ICBM2TAL) == {"spm", "fsl", "pooled"}
