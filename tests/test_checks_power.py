"""Power and threshold warnings (Eickhoff et al. 2016), naming the analysis, in the log and the table."""

import logging

import pandas as pd

from alereview.checks.power import PowerSettings, analysis_flags, analysis_warnings, power_warnings

from conftest import REPO


def test_ten_experiments_warned_twenty_not():
    ten = analysis_warnings("reading", "Reading", 10, "cluster_fwe")
    assert len(ten) == 1 and "Reading (reading) has 10 experiments, fewer than 17" in ten[0]
    assert "Cluster-level FWE is robust from about 20" in ten[0]
    assert analysis_warnings("reading", "Reading", 20, "cluster_fwe") == []
    assert analysis_warnings("reading", "Reading", 25, "voxel_fwe") == []


def test_seventeen_to_nineteen_get_the_cluster_fwe_note_only_with_cluster_fwe():
    assert analysis_flags(18, "cluster_fwe") == ["few_for_cluster_fwe"]
    assert "robust from about 20" in analysis_warnings("a", "A", 18, "cluster_fwe")[0]
    assert analysis_flags(18, "voxel_fwe") == []
    assert analysis_flags(16, "uncorrected") == ["few", "uncorrected"]


def test_uncorrected_thresholds_are_warned_whatever_the_size():
    warnings = analysis_warnings("big", "Big", 40, "uncorrected", "voxel p < 0.001 (uncorrected)")
    assert len(warnings) == 1 and warnings[0].startswith("Big (big) is thresholded without correction")
    assert "voxel p < 0.001" in warnings[0]


def test_settings_from_config():
    assert PowerSettings.from_config({"min_experiments": 10}) == PowerSettings(10, 20)
    assert analysis_flags(12, "cluster_fwe", PowerSettings(10, 15)) == ["few_for_cluster_fwe"]


def reference_counts():
    """The reference review's experiments per analysis, counted from its coordinate table."""
    foci = pd.read_csv(REPO / "examples" / "reference_review" / "coordinates" / "foci.tsv", sep="\t", dtype=str)
    return foci.drop_duplicates(["contrast", "study", "experiment"]).groupby("contrast").size().to_dict()


def test_the_reference_review_carries_the_warnings(caplog):
    import yaml

    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))
    counts = reference_counts()
    assert sorted(counts.values()) == [4, 6, 10, 16]
    summaries = {
        name: {
            "n_experiments": counts[name],
            "method": config["ale"]["threshold"]["method"],
            "threshold": "voxel p < 0.001 (uncorrected), clusters >= 400 mm3",
        }
        for name in config["analyses"]
    }
    with caplog.at_level(logging.WARNING):
        table = power_warnings(config["analyses"], summaries)
    assert (table["few_experiments"] == "Y").all() and (table["uncorrected"] == "Y").all()
    for name, k in counts.items():
        row = table.set_index("analysis").loc[name]
        assert f"({name}) has {k} experiments, fewer than 17" in row["warnings"]
        assert any(f"({name}) has {k} experiments" in message for message in caplog.messages)
