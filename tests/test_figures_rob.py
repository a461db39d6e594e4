"""Risk-of-bias traffic lights and summaries (RoB 1, RoB 2), Cochrane and colour-blind palettes; MINORS."""

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from alereview.figures.build import quality_figures
from alereview.figures.rob import PALETTES, plot_minors, plot_summary, plot_traffic_light
from alereview.tables.quality import read_minors, read_rob

from conftest import TEST_DATA

# Three RCTs (RoB 1) and three non-randomised studies (MINORS), trimmed from the reference review.
QUALITY = TEST_DATA / "quality"


def _has_colour(png, hex_colour, tolerance=6):
    rgb = np.asarray(Image.open(png).convert("RGB")).astype(int)
    target = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
    return (np.abs(rgb - target).max(axis=2) <= tolerance).sum() > 30


@pytest.fixture(scope="module")
def rob1():
    return read_rob(QUALITY / "rob1.tsv", "rob1")


def test_traffic_light_in_cochrane_colours(rob1, tmp_path):
    plot_traffic_light(rob1, [tmp_path / "t.png", tmp_path / "t.svg"], labels={"ref19_xiaoqing": "Xiaoqing (19)"}, dpi=60, simulated=True)
    for judgement in ("Low", "Unclear", "High"):
        assert _has_colour(tmp_path / "t.png", PALETTES["cochrane"][judgement]), judgement
    svg = (tmp_path / "t.svg").read_text(encoding="utf-8")
    assert "Xiaoqing (19)" in svg and "ref28_ximei" in svg and "Overall" in svg and "Simulated inputs" in svg
    assert "D7: Other bias" in svg


def test_colourblind_palette(rob1, tmp_path):
    plot_summary(rob1, [tmp_path / "s.png"], palette="colourblind", dpi=60)
    assert _has_colour(tmp_path / "s.png", "#fed98e") and _has_colour(tmp_path / "s.png", "#d95f0e")
    assert not _has_colour(tmp_path / "s.png", PALETTES["cochrane"]["Low"])
    with pytest.raises(ValueError, match="palette"):
        plot_summary(rob1, [tmp_path / "x.png"], palette="rainbow")


def test_summary_counts_studies_per_judgement(rob1, tmp_path):
    plot_summary(rob1, [tmp_path / "s.svg"])
    svg = (tmp_path / "s.svg").read_text(encoding="utf-8")
    assert "n = 3" in svg and "Overall risk of bias" in svg


def test_rob2_domains(tmp_path):
    domains = ["randomisation_process", "deviations_from_intervention", "missing_outcome_data", "outcome_measurement", "selected_result"]
    rows = [(s, d, j) for s, js in (("a", ["Low"] * 5), ("b", ["Low", "Some concerns", "Low", "High", "Low"])) for d, j in zip(domains, js)]
    pd.DataFrame(rows, columns=["study_id", "domain", "judgement"]).to_csv(tmp_path / "rob2.tsv", sep="\t", index=False)
    rob = read_rob(tmp_path / "rob2.tsv", "rob2")
    plot_traffic_light(rob, [tmp_path / "t.svg", tmp_path / "t.png"], tool="rob2", dpi=60)
    svg = (tmp_path / "t.svg").read_text(encoding="utf-8")
    assert "RoB 2" in svg and "D5: Bias in selection of the reported result" in svg and "Some concerns" in svg
    assert _has_colour(tmp_path / "t.png", PALETTES["cochrane"]["Some concerns"])


def test_minors_table_figure(tmp_path):
    plot_minors(read_minors(QUALITY / "minors.tsv"), [tmp_path / "m.svg"], labels={"ref20_xie": "Xie et al. (20)"})
    svg = (tmp_path / "m.svg").read_text(encoding="utf-8")
    assert "Xie et al. (20)" in svg and "18/24" in svg and "9/16" in svg and "n/a" in svg


@pytest.mark.slow
def test_quality_figures_from_files(tmp_path):
    outputs = {k: tmp_path / f"{k}.png" for k in ("rob1_traffic_light", "rob1_summary", "minors")}
    quality_figures(QUALITY / "studies.tsv", outputs, rob1=QUALITY / "rob1.tsv", minors=QUALITY / "minors.tsv", dpi=50, vector_format="pdf")
    for path in outputs.values():
        assert path.is_file() and path.with_suffix(".pdf").is_file()
