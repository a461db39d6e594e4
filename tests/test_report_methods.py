"""The generated methods section: only what the review did, each database once, the update, the warnings."""

import json
import re

import pandas as pd
import pytest

from alereview.config import SCHEMA_PATH, validate_config
from alereview.report import methods
from alereview.report.methods import kernel_fwhm_mm, methods_paragraphs, study_transforms

from report_fixtures import report_config

VERSIONS = {name: "1.0" for name in ("python", *methods.SOFTWARE)}


@pytest.fixture(autouse=True)
def fast_kernel(monkeypatch):
    monkeypatch.setattr(methods, "nimare_kernel_description", lambda: "An ALE kernel \\citep{eickhoff2012activation} was used.")


def text_of(config, thresholds=None, files=None):
    paragraphs, references = methods_paragraphs(config, thresholds or {}, versions=VERSIONS, files=files)
    text = " ".join(paragraphs)
    numbers = {int(n) for group in re.findall(r"\[([\d, ]+)\]", text) for n in group.split(",")}
    assert numbers == set(range(1, len(references) + 1)), "every citation number points to a reference"
    return text, references


def own_config(tmp_path, exports=(), pubmed=True, analyses=None, threshold=None):
    (tmp_path / "a.ris").write_text("TY  - JOUR\nER  - \n", encoding="utf-8")
    search = {"cutoff": "2024-06-30", "exports": [{"database": d, "path": "a.ris", "format": "ris"} for d in exports]}
    if pubmed:
        search["pubmed"] = {"query": "reading AND fMRI"}
    config = {
        "review": {"id": "r", "title": "R", "seed": 3},
        "search": search,
        "screening": {"reviewers": ["AB", "CD"]},
        "analyses": analyses or {"reading": {"title": "Reading"}},
        "ale": {"threshold": threshold or {"method": "cluster_fwe", "voxel_p": 0.001, "cluster_p": 0.05}},
    }
    return validate_config(config, SCHEMA_PATH, base_dir=tmp_path)


def summary(k, method="cluster_fwe", **extra):
    return {
        "n_experiments": k,
        "n_foci": 5 * k,
        "n_subjects": 20 * k,
        "n_clusters": 2,
        "method": method,
        "threshold": f"{method} threshold",
        **extra,
    }


def test_each_database_is_named_once(tmp_path):
    text, _ = text_of(own_config(tmp_path, exports=["Scopus", "Scopus", "Embase"]))
    assert "PubMed, Scopus and Embase were searched from inception to 2024-06-30" in text
    assert "Scopus and Scopus" not in text and "Scopus, Scopus" not in text


def test_talairach_sentence_only_when_a_study_used_talairach(tmp_path):
    config = report_config()
    mni = pd.DataFrame([{"study_id": "s1", "study": "Kim et al.", "space": "MNI", "transform": "none"}])
    mni.to_csv(tmp_path / "mni.tsv", sep="\t", index=False)
    text, references = text_of(config, files={"coordinates_transforms_tsv": str(tmp_path / "mni.tsv")})
    assert "Talairach space" not in text and "converted to MNI" not in text
    assert not any("Lancaster JL, Tordesillas" in r for r in references)
    text, _ = text_of(config)  # nothing says a study used Talairach: no sentence either
    assert "Talairach space" not in text
    tal = pd.concat(
        [
            mni,
            pd.DataFrame(
                [
                    {"study_id": "s2", "study": "Xie et al.", "space": "TAL", "transform": "lancaster_spm"},
                    {"study_id": "s3", "study": "Ping et al.", "space": "TAL", "transform": "brett"},
                ]
            ),
        ]
    )
    tal.to_csv(tmp_path / "tal.tsv", sep="\t", index=False)
    text, references = text_of(config, files={"coordinates_transforms_tsv": str(tmp_path / "tal.tsv")})
    assert "Lancaster's icbm2tal transform for SPM-normalised data" in text and "for 1 study (Xie et al.)" in text
    assert "Brett's tal2mni transform" in text and "(Ping et al.)" in text and "Kim et al." not in text
    assert any(r.startswith("Brett M") for r in references)


def test_transforms_from_foci_when_the_transform_table_is_absent():
    foci = pd.DataFrame(
        [{"study": "Xie et al.", "space": "TAL", "transform": "lancaster_fsl"}] * 3
        + [{"study": "Kim et al.", "space": "MNI", "transform": ""}]
    )
    assert study_transforms(None, foci) == {"lancaster_fsl": ["Xie et al."]}


def test_an_update_is_described_with_both_windows_and_what_was_searched_again(tmp_path):
    config = own_config(tmp_path, exports=["Scopus"])
    provenance = {
        "update": {
            "previous_window": {"mindate": "1800/01/01", "maxdate": "2023/12/31"},
            "new_window": {"mindate": "2024/01/01", "maxdate": "2024/06/30"},
            "pubmed_searched": "new_window_only",
            "databases_reread": ["Scopus"],
            "new_records": 61,
            "previous_records": 300,
            "new_records_by_source": {"PubMed": 40, "Scopus": 21},
            "counted_by": "record identity",
        }
    }
    (tmp_path / "provenance.json").write_text(json.dumps(provenance), encoding="utf-8")
    text, _ = text_of(config, files={"provenance_json": str(tmp_path / "provenance.json")})
    assert "the first version covered 1800-01-01 to 2023-12-31, the update 2024-01-01 to 2024-06-30" in text
    assert "PubMed was searched again for the new window only" in text and "Scopus was exported again and read whole" in text
    assert "61 records were new (PubMed 40; Scopus 21)" in text and "300 records of the previous version" in text
    text, _ = text_of(config)
    assert "updated" not in text


def test_update_from_the_pubmed_windows_alone(tmp_path):
    pubmed = {
        "windows": [
            {"mindate": "2024/01/01", "maxdate": "2024/06/30", "mode": "live"},
            {"mindate": "1800/01/01", "maxdate": "2023/12/31", "mode": "snapshot"},
        ]
    }
    (tmp_path / "pubmed.json").write_text(json.dumps(pubmed), encoding="utf-8")
    text, _ = text_of(own_config(tmp_path), files={"pubmed_json": str(tmp_path / "pubmed.json")})
    assert "the first version covered 1800-01-01 to 2023-12-31, the update 2024-01-01 to 2024-06-30" in text


def test_fewer_than_17_experiments_warned_and_not_20(tmp_path):
    config = own_config(tmp_path, analyses={"small": {"title": "Small"}, "large": {"title": "Large"}})
    text, _ = text_of(config, {"small": summary(10), "large": summary(20)})
    assert "Small (10 experiments) has fewer than 17 experiments" in text
    assert "Large (20 experiments)" not in text and "thresholded without correction" not in text
    text, _ = text_of(config, {"small": summary(20), "large": summary(20)})
    assert "Limitations" not in text


def test_uncorrected_and_cluster_fwe_notes_name_the_analyses(tmp_path):
    config = own_config(tmp_path, analyses={"a": {"title": "A"}, "b": {"title": "B"}})
    text, _ = text_of(config, {"a": summary(30, "uncorrected"), "b": summary(18, "cluster_fwe")})
    assert "A (30 experiments) was thresholded without correction for multiple comparisons" in text
    assert "B (18 experiments) used cluster-level FWE correction with fewer than 20 experiments" in text


def test_reference_review_analyses_carry_the_warning():
    config = report_config()
    thresholds = {name: summary(k, "uncorrected") for name, k in zip(config["analyses"], (6, 4, 16, 10))}
    text, _ = text_of(config, thresholds)
    for title, k in zip((a["title"] for a in config["analyses"].values()), (6, 4, 16, 10)):
        assert f"{title} ({k} experiments)" in text
    assert "fewer than 17 experiments" in text and "thresholded without correction" in text


def test_per_analysis_kernel_iterations_and_early_stop(tmp_path):
    pd.DataFrame({"n_subjects": [12, 30]}).to_csv(tmp_path / "experiments.tsv", sep="\t", index=False)
    files = {"reading:experiments_tsv": str(tmp_path / "experiments.tsv")}
    config = own_config(tmp_path)
    early = {"montecarlo_iterations": 1200, "montecarlo_iterations_max": 5000, "montecarlo_early_stop": True}
    text, _ = text_of(config, {"reading": summary(20, **early)}, files)
    assert f"kernel FWHM {kernel_fwhm_mm(30):.1f}-{kernel_fwhm_mm(12):.1f} mm (n = 12-30)" in text
    assert "Monte Carlo stopped early after 1200 of 5000 iterations" in text
    text, _ = text_of(config, {"reading": summary(20, montecarlo_iterations=1000)}, files)
    assert "1000 Monte Carlo iterations" in text and "stopped early" not in text
    assert kernel_fwhm_mm(10**9) == pytest.approx(5.7 / (2 * (2 / 3.141592653589793) ** 0.5) * (8 * 0.6931471805599453) ** 0.5)


def test_coordinates_only_review_has_no_search_paragraph(tmp_path):
    config = validate_config(
        {"review": {"id": "r", "title": "R"}, "analyses": {"reading": {"title": "Reading"}}}, SCHEMA_PATH, base_dir=tmp_path
    )
    text, references = text_of(config, {"reading": summary(21)})
    assert "searched" not in text and "PRISMA" not in text and "from the coordinates given" in text
    assert "Reading: 105 foci from 21 experiments" in text


def test_checks_are_described_with_their_parameters_and_flags(tmp_path):
    config = own_config(tmp_path, analyses={"reading": {"title": "Reading"}})
    pd.DataFrame(
        [
            {"analysis": "reading", "cluster": 2, "dominant": "Y", "few": "N"},
            {"analysis": "reading", "cluster": 1, "dominant": "N", "few": "N"},
        ]
    ).to_csv(tmp_path / "c.tsv", sep="\t", index=False)
    pd.DataFrame(
        [{"analysis": "reading", "cluster": 1, "fsn_text": "7", "robust": "N", "method": "cluster_fwe", "iterations_per_test": 100}]
    ).to_csv(tmp_path / "f.tsv", sep="\t", index=False)
    text, references = text_of(
        config,
        {"reading": summary(21)},
        {"checks_contributions_tsv": str(tmp_path / "c.tsv"), "checks_failsafe_tsv": str(tmp_path / "f.tsv")},
    )
    assert "(flagged: Reading cluster 2)" in text and "more than 50%" in text
    assert "up to 10 times the number of experiments" in text and "(Reading cluster 1 (N = 7))" in text
    assert "a Monte Carlo of 100 iterations per test" in text
    assert any(r.startswith("Acar F") for r in references) and any(r.startswith("Eickhoff SB, Nichols TE") for r in references)


def test_data_checks_are_summarised_with_the_subject_group_policy(tmp_path):
    config = report_config()
    config["coordinates"]["subject_groups"] = "warn"
    pd.DataFrame(
        [
            {"check": "talairach_studies", "analysis": "post_gt_pre", "count": 5, "details": ""},
            {"check": "shared_subjects", "analysis": "post_gt_pre", "count": 4, "details": ""},
            {"check": "shared_subjects", "analysis": "post_lt_pre", "count": 2, "details": ""},
            {"check": "foci_outside_mask", "analysis": "post_lt_pre", "count": 0, "details": ""},
        ]
    ).to_csv(tmp_path / "checks.tsv", sep="\t", index=False)
    text, references = text_of(config, files={"coordinates_checks_tsv": str(tmp_path / "checks.tsv")})
    assert "share (or may share) subjects, not pooled" in text and "Post- > pre-acupuncture 4, Post- < pre-acupuncture 2" in text
    assert "Subject groups were not pooled (coordinates.subject_groups: warn)" in text
    assert "foci outside" not in text and any(r.startswith("Turkeltaub PE, Eickhoff SB") for r in references)
