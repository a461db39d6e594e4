"""Synthetic experiments on NiMARE's ale_2mm grid whose right answers are known, for the checks' tests."""

from dataclasses import dataclass

import numpy as np

from alereview.checks.space import load_space

SPACE = load_space("ale_2mm")


@dataclass
class Exp:
    """What the checks need of an experiment: name, slug, n and MNI foci."""

    slug: str
    n: int
    mni: np.ndarray

    @property
    def name(self) -> str:
        return f"Study {self.slug}: task"


def experiment(slug, foci, n=20) -> Exp:
    return Exp(slug, n, np.asarray(foci, dtype=float).reshape(-1, 3))


def near(point, count, seed, spread=2.0) -> np.ndarray:
    """``count`` foci within ``spread`` mm (grid steps of 2 mm) of ``point``, reproducibly."""
    rng = np.random.default_rng(seed)
    return np.asarray(point, float) + 2 * rng.integers(-int(spread // 2), int(spread // 2) + 1, size=(count, 3))


def blob(experiments, share=0.5) -> np.ndarray:
    """A one-cluster label image: voxels whose ALE exceeds ``share`` of the maximum of ``experiments``' ALE."""
    ale = SPACE.ale(experiments)
    return (ale > share * ale.max()).astype(np.int32)


def random_foci(count, seed) -> np.ndarray:
    """``count`` distinct mask voxels at random, in MNI mm."""
    voxels = np.argwhere(SPACE.mask)
    ijk = voxels[np.random.default_rng(seed).choice(len(voxels), count, replace=False)]
    return ijk @ SPACE.affine[:3, :3].T + SPACE.affine[:3, 3]


def clusters_table(labels, experiments):
    """``clusters.tsv``-like rows (cluster, x, y, z of its ALE maximum) for a label image."""
    import pandas as pd

    ale = SPACE.ale(experiments)
    rows = []
    for cluster in range(1, int(labels.max()) + 1):
        ijk = np.unravel_index(np.argmax(np.where(labels == cluster, ale, -1)), labels.shape)
        x, y, z = SPACE.affine[:3, :3] @ np.array(ijk) + SPACE.affine[:3, 3]
        rows.append({"cluster": cluster, "x": int(x), "y": int(y), "z": int(z)})
    return pd.DataFrame(rows, columns=["cluster", "x", "y", "z"])
