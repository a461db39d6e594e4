"""Cluster panels and glass brain: drawn from the ALE outputs, lettered, offline, headless."""

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from alereview.errors import ConfigError, InputError
from alereview.figures.brain import cluster_label, plot_cluster_panels, plot_glass, read_clusters, truncated_cmap
from alereview.figures.build import analysis_figures
from alereview.figures.common import panel_letter

from synthetic_ale import write_analysis


@pytest.fixture(scope="module")
def analysis(tmp_path_factory):
    return write_analysis(tmp_path_factory.mktemp("ale") / "patients_gt_hc", "patients_gt_hc")


def _coloured_pixels(png):
    """Pixels that are neither grey (template, text) nor white: the ALE map and the cross hairs."""
    rgb = np.asarray(Image.open(png).convert("RGB")).astype(int)
    spread = rgb.max(axis=2) - rgb.min(axis=2)
    return rgb[spread > 60]


def test_panels_show_the_map_at_the_requested_dpi(analysis, tmp_path):
    clusters = read_clusters(analysis / "clusters.tsv")
    paths = plot_cluster_panels(
        analysis / "thresholded_ale.nii.gz",
        clusters,
        [tmp_path / "c.png", tmp_path / "c.svg"],
        title="Patients > HC",
        dpi=80,
        simulated=True,
    )
    assert [p.suffix for p in paths] == [".png", ".svg"]
    image = Image.open(tmp_path / "c.png")
    assert image.info["dpi"][0] == pytest.approx(80, abs=1)
    # inferno's warm colours (red > blue) are on the brain: the map is drawn, not washed out.
    colours = _coloured_pixels(tmp_path / "c.png")
    assert ((colours[:, 0] > 150) & (colours[:, 2] < 120)).sum() > 20
    svg = (tmp_path / "c.svg").read_text(encoding="utf-8")
    for text in ("Patients &gt; HC", "MNI (-40, -78, -50)", "Inferior Frontal Gyrus, BA45", "Simulated inputs"):
        assert text in svg
    # Panels lettered in table order.
    assert svg.index("A  L Cerebellum") < svg.index("B  L Frontal Lobe") < svg.index("C  L Parietal Lobe")


def test_background_is_white_not_a_grey_box(analysis, tmp_path):
    clusters = read_clusters(analysis / "clusters.tsv")
    plot_cluster_panels(analysis / "thresholded_ale.nii.gz", clusters, [tmp_path / "c.png"], dpi=60)
    rgb = np.asarray(Image.open(tmp_path / "c.png").convert("RGB"))
    # Corners and the margin around each slice are white: the template is brain-extracted.
    assert (rgb[:5, :5] == 255).all() and (rgb[-5:, -5:] == 255).all()
    assert (rgb == 255).all(axis=2).mean() > 0.4


def test_glass_brain_marks_every_peak(analysis, tmp_path):
    clusters = read_clusters(analysis / "clusters.tsv")
    plot_glass(analysis / "thresholded_ale.nii.gz", clusters, [tmp_path / "g.svg"], title="T")
    svg = (tmp_path / "g.svg").read_text(encoding="utf-8")
    for letter in "ABC":
        assert svg.count(f">{letter}<") >= 3  # once in each of the three views


def test_no_cluster_gives_a_statement_not_an_empty_brain(tmp_path):
    empty = write_analysis(tmp_path / "none", "patients_gt_hc", n_clusters=0)
    analysis_figures(
        empty / "thresholded_ale.nii.gz", empty / "clusters.tsv", tmp_path / "c.png", tmp_path / "g.png", title="Patients < HC", dpi=60
    )
    for name in ("c.svg", "g.svg"):
        assert "No cluster survived the threshold" in (tmp_path / name).read_text(encoding="utf-8")


def test_two_runs_give_identical_files(analysis, tmp_path):
    clusters = read_clusters(analysis / "clusters.tsv").iloc[:1]
    for run in ("a", "b"):
        plot_cluster_panels(analysis / "thresholded_ale.nii.gz", clusters, [tmp_path / f"{run}.png", tmp_path / f"{run}.svg"], dpi=50)
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    assert (tmp_path / "a.svg").read_bytes() == (tmp_path / "b.svg").read_bytes()


def test_bad_cluster_table_names_line_and_field(tmp_path):
    pd.DataFrame({"cluster": ["1"], "x": ["-40"], "y": ["n/a"], "z": ["2"]}).to_csv(tmp_path / "c.tsv", sep="\t", index=False)
    with pytest.raises(InputError) as excinfo:
        read_clusters(tmp_path / "c.tsv")
    assert (excinfo.value.line, excinfo.value.field) == (2, "y")
    pd.DataFrame({"cluster": ["1"], "peak": ["-40 2 2"]}).to_csv(tmp_path / "d.tsv", sep="\t", index=False)
    with pytest.raises(InputError, match="x, y, z"):
        read_clusters(tmp_path / "d.tsv")


def test_labels_and_letters():
    assert (
        cluster_label({"hemisphere": "L", "lobe": "Frontal Lobe", "gyrus": "Inferior Frontal Gyrus", "ba": "45"})
        == "L Frontal Lobe, Inferior Frontal Gyrus, BA45"
    )
    assert cluster_label({"hemisphere": "R", "lobe": "Sub-lobar", "gyrus": "Claustrum", "ba": "-"}) == "R Sub-lobar, Claustrum"
    assert (
        cluster_label({"hemisphere": "R", "lobe": "Sub-lobar", "gyrus": "Lentiform Nucleus", "ba": "Putamen"})
        == "R Sub-lobar, Lentiform Nucleus, Putamen"
    )
    assert cluster_label({"lobe": "Parietal Lobe", "gyrus": "Precuneus", "ba": "BA 7"}) == "Parietal Lobe, Precuneus, BA 7"
    assert [panel_letter(i) for i in (0, 8, 26, 27)] == ["A", "I", "AA", "AB"]
    # The colour map's darkest quarter is left out so weak voxels stay visible on the template.
    assert truncated_cmap("inferno")(0.0)[:3] != (0.0, 0.0, 0.0)


def test_unknown_colour_map_names_the_key():
    with pytest.raises(ConfigError) as excinfo:
        truncated_cmap("rainbowz")
    assert excinfo.value.key == "figures.cmap"
