"""The methods text names voxel-level FDR and a fixed-FWHM kernel correctly when an analysis uses them."""

import pandas as pd

from alereview.config import SCHEMA_PATH, validate_config
from alereview.report import methods
from alereview.report.methods import methods_paragraphs

VERSIONS = {name: "1.0" for name in ("python", *methods.SOFTWARE)}


def _config(tmp_path, threshold, kernel=None, checks=None):
    config = {
        "review": {"id": "r", "title": "R", "seed": 3},
        "analyses": {"reading": {"title": "Reading"}},
        "ale": {"threshold": threshold, "kernel": kernel or {}},
        "checks": checks or {},
    }
    return validate_config(config, SCHEMA_PATH, base_dir=tmp_path)


def _text(config, thresholds=None, files=None):
    paragraphs, references = methods_paragraphs(config, thresholds or {}, versions=VERSIONS, files=files)
    return " ".join(paragraphs), references


def test_fdr_and_fixed_fwhm_are_described_as_settings_of_older_analyses(tmp_path, monkeypatch):
    monkeypatch.setattr(methods, "nimare_kernel_description", lambda: "NiMARE's sample-size kernel.")
    config = _config(tmp_path, {"method": "fdr", "fdr_q": 0.01, "fdr_variant": "pn", "min_volume_mm3": 200}, {"fwhm_mm": 10})
    summary = {
        "n_foci": 40,
        "n_experiments": 12,
        "n_subjects": 200,
        "n_clusters": 3,
        "kernel_fwhm_mm": 10.0,
        "method": "fdr",
        "cluster_forming_voxel_p": 0.001,
        "fdr_q": 0.01,
        "fdr_variant": "pn",
        "min_cluster_mm3": 200.0,
        "mask": "ale_2mm",
        "threshold": "voxel-level FDR q < 0.01 (pN, Benjamini-Yekutieli), clusters >= 200 mm3, 6-connectivity, fixed 10 mm FWHM kernel",
    }
    text, references = _text(config, {"reading": summary})
    assert "voxel-level false discovery rate q < 0.01" in text and "Benjamini-Yekutieli procedure" in text
    assert "GingerALE's pN" in text and "clusters of at least 200 mm³" in text and "no Monte Carlo" in text
    assert "fixed 10 mm full width at half maximum" in text and "GingerALE 1.x" in text
    assert "fixed kernel FWHM 10 mm for every experiment" in text
    assert "NiMARE's sample-size kernel" not in text
    assert any("Genovese" in r for r in references) and any("Yekutieli" in r for r in references)
    assert "cluster-level family-wise error correction being the current recommendation" in text


def test_the_default_kernel_and_threshold_do_not_mention_older_settings(tmp_path, monkeypatch):
    monkeypatch.setattr(methods, "nimare_kernel_description", lambda: "An ALE kernel \\citep{eickhoff2012activation} was used.")
    text, references = _text(_config(tmp_path, {"method": "cluster_fwe"}))
    assert "false discovery" not in text and "fixed" not in text and "GingerALE 1.x" not in text
    assert not any("Genovese" in r for r in references)


def test_the_contribution_rule_in_the_methods_text(tmp_path, monkeypatch):
    monkeypatch.setattr(methods, "nimare_kernel_description", lambda: "An ALE kernel was used.")
    contributions = tmp_path / "contributions.tsv"
    pd.DataFrame(
        [
            {"analysis": "reading", "cluster": 1, "dominant": "N", "pair": "N", "few": "N"},
            {"analysis": "reading", "cluster": 2, "dominant": "N", "pair": "Y", "few": "N"},
        ]
    ).to_csv(contributions, sep="\t", index=False)
    text, _ = _text(_config(tmp_path, {"method": "cluster_fwe"}), files={"checks_contributions_tsv": contributions})
    assert "rested on one or two experiments" in text and "two largest together more than 80%" in text
    assert "(flagged: Reading cluster 2)" in text
