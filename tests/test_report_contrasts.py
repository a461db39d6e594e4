"""The report shows each contrast like an analysis: its method, figures and cluster table."""

import json

import pandas as pd

from alereview.report.contrasts import contrast_files, contrasts_section
from alereview.report.html import Report


def test_contrast_section_shows_method_and_clusters(tmp_path):
    config = {
        "analyses": {"a": {"title": "Reading"}, "b": {"title": "Listening"}},
        "ale": {
            "contrasts": [
                {"name": "a_vs_b", "kind": "subtraction", "a": "a", "b": "b"},
                {"name": "a_and_b", "kind": "conjunction", "a": "a", "b": "b"},
            ]
        },
    }
    files = contrast_files(config, tmp_path)
    (tmp_path / "ale" / "contrasts" / "a_vs_b").mkdir(parents=True)
    (tmp_path / "ale" / "contrasts" / "a_and_b").mkdir(parents=True)
    pd.DataFrame(
        {"cluster": [1], "direction": ["a > b"], "volume_mm3": [800], "x": [-44], "y": [18], "z": [24], "gyrus": ["Inferior Frontal Gyrus"]}
    ).to_csv(files["contrast:a_vs_b:clusters_tsv"], sep="\t", index=False)
    (tmp_path / "ale" / "contrasts" / "a_vs_b" / "threshold.json").write_text(json.dumps({"threshold": "gated, p < 0.05"}))
    pd.DataFrame(columns=["cluster", "x", "y", "z"]).to_csv(files["contrast:a_and_b:clusters_tsv"], sep="\t", index=False)
    report = Report(embed=False, base_dir=tmp_path)
    contrasts_section(report, config, files, simulated=False)
    page = "\n".join(report.parts)
    assert "Reading − Listening" in page and "Reading ∩ Listening" in page
    assert "Subtraction: gated, p &lt; 0.05" in page or "Subtraction: gated, p < 0.05" in page
    assert "Inferior Frontal Gyrus" in page and "Volume (mm³)" in page
    assert "No cluster survived the threshold in this contrast." in page


def test_no_contrast_no_section():
    report = Report(embed=False)
    contrasts_section(report, {"ale": {"contrasts": []}}, {}, simulated=False)
    assert report.parts == [] and report.toc == []
