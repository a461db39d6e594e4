"""results/report.html: every section, offline (no script, no CDN), images embedded, methods generated."""

import re

import pandas as pd

import pytest

from alereview.report import methods
from alereview.report.html import build_report
from alereview.report.methods import Citations, methods_paragraphs

from report_fixtures import report_config, report_files


@pytest.fixture()
def fast_kernel(monkeypatch):
    """NiMARE's import takes seconds; its boilerplate is tested once, below."""
    monkeypatch.setattr(methods, "nimare_kernel_description", lambda: "An ALE kernel \\citep{eickhoff2012activation} was used.")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    return root, report_files(root)


def test_report_holds_every_section_and_opens_offline(inputs, fast_kernel, tmp_path):
    root, files = inputs
    page = build_report(report_config(), files, tmp_path / "report.html").read_text(encoding="utf-8")
    for heading in (
        "Protocol",
        "Search provenance",
        "Selection of studies",
        "Included studies",
        "Risk of bias",
        "ALE analyses",
        "Methods",
        "Software",
        "References",
    ):
        assert f">{heading}</h2>" in page, heading
    assert "simulated inputs" in page
    assert "stroke[MeSH Terms] AND ..." in page and "1800/01/01 to 2024/03/21" in page
    assert "Cohen" in page and "0.71" in page
    assert "Characteristics of the included studies" in page and "Aggregate score" in page
    assert "No cluster survived the threshold in this analysis." in page  # patients < HC
    assert "Foci converted from Talairach" in page and '<td class="num">74</td>' in page
    # Offline: no script, no external stylesheet or font, every image a data URI.
    assert "<script" not in page and "<link" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    images = re.findall(r'<img src="([^"]+)"', page)
    # 4 review figures and 3 per analysis with clusters (the fixtures give clusters to two).
    assert len(images) == 4 + 2 * 3 and all(src.startswith("data:image/png;base64,") for src in images)


def test_linked_images_are_relative(inputs, fast_kernel, tmp_path):
    root, files = inputs
    page = build_report(report_config(), files, root / "report.html", embed=False).read_text(encoding="utf-8")
    sources = re.findall(r'<img src="([^"]+)"', page)
    assert sources and all(s.startswith("figures/") for s in sources)


def test_missing_inputs_are_said_not_hidden(fast_kernel, tmp_path):
    page = build_report(report_config(), {}, tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.count("Not available") >= 5


def test_two_runs_are_identical(inputs, fast_kernel, tmp_path):
    root, files = inputs
    first = build_report(report_config(), files, tmp_path / "a.html").read_bytes()
    assert build_report(report_config(), files, tmp_path / "b.html").read_bytes() == first


def test_methods_paragraph_from_config_and_versions(fast_kernel):
    config = report_config()
    # What the analysis job recorded (threshold.json), not the config, says how maps were thresholded.
    thresholds = {
        "post_gt_pre": {
            "n_experiments": 16,
            "n_foci": 133,
            "n_subjects": 300,
            "n_clusters": 9,
            "threshold": "p < .001",
            "method": "uncorrected",
            "cluster_forming_voxel_p": 0.001,
            "min_cluster_mm3": 400.0,
        }
    }
    versions = methods.software_versions()
    paragraphs, references = methods_paragraphs(config, thresholds, versions=versions)
    text = " ".join(paragraphs)
    assert f"NiMARE {versions['nimare']}" in text and f"nilearn {versions['nilearn']}" in text
    assert "2024-03-21" in text and "PROSPERO CRD42024526263" in text
    assert "uncorrected voxel-level p < 0.001 with clusters of at least 400 mm³" in text
    assert "133 foci from 16 experiments" in text and "9 clusters survived" in text
    assert "MINORS" in text and "RoB 1" in text and "jackknife" in text
    # Every citation number points to a reference.
    numbers = {int(n) for group in re.findall(r"\[([\d, ]+)\]", text) for n in group.split(",")}
    assert numbers == set(range(1, len(references) + 1))
    assert any("Turkeltaub" in r for r in references) and any("NiMARE" in r for r in references)


def test_nimare_boilerplate_is_nimares_own():
    text = methods.nimare_kernel_description()
    assert "ALE kernel" in text and "\\citep{eickhoff2012activation}" in text
    citations = Citations()
    assert citations.replace_latex(text).count("[1]") >= 1 and citations.references()[0].startswith("Eickhoff SB")


def test_standard_layout_follows_the_config():
    from alereview.report.files import standard_files

    config = report_config()
    files = standard_files(config, "res")
    assert files["rob1_traffic_light"] == "res/figures/rob1_traffic_light.png" and "rob2_summary" not in files
    assert files["post_gt_pre:jackknife_png"] == "res/figures/post_gt_pre_jackknife.png"
    config["jackknife"]["enabled"] = False
    config["quality"]["minors"] = ""
    files = standard_files(config, "res")
    assert "table5_html" not in files and "post_gt_pre:jackknife_png" not in files and "table3_html" not in files


# --- The report has only the sections the review has ----------------------------------------

SLEUTH = """// Reference=MNI
// Kim et al. (kim2015): rhyme
// Subjects=18
-40\t-60\t-10
-42\t-58\t-12

// Osei and Park (osei2018): words
// Subjects=24
-50\t-40\t10
"""


def coordinates_only_config(tmp_path, jackknife=True):
    """A made-up review of reading in children that starts from one Sleuth file."""
    from alereview.config import SCHEMA_PATH, validate_config

    (tmp_path / "reading.txt").write_text(SLEUTH, encoding="utf-8")
    config = {
        "review": {"id": "reading_children", "title": "Reading in children"},
        "analyses": {"reading": {"title": "Reading"}},
        "coordinates": {"sleuth": [{"path": "reading.txt", "analysis": "reading"}]},
        "jackknife": {"enabled": jackknife},
    }
    return validate_config(config, SCHEMA_PATH, base_dir=tmp_path)


def test_coordinates_only_review_has_no_search_screening_or_quality(fast_kernel, tmp_path):
    from alereview.report.files import standard_files

    config = coordinates_only_config(tmp_path, jackknife=False)
    files = standard_files(config, tmp_path / "results")
    assert not {
        "pubmed_json",
        "provenance_json",
        "prisma_png",
        "agreement_tsv",
        "table3_html",
        "table5_html",
        "minors_png",
        "rob1_traffic_light",
        "reading:jackknife_png",
    } & set(files)
    assert files["study_table:table1_studies"].endswith("tables/table1_studies.html")
    page = build_report(config, files, tmp_path / "report.html").read_text(encoding="utf-8")
    for heading in ("Search provenance", "Selection of studies", "Risk of bias"):
        assert f">{heading}</h2>" not in page, heading
    for heading in ("Protocol", "Included studies", "ALE analyses", "Methods"):
        assert f">{heading}</h2>" in page, heading
    assert "table5_jackknife" not in page and "PRISMA" not in page and "Databases" not in page
    assert "Not available: the table table1_studies.html" in page


def test_risk_of_bias_heading_only_with_judgements(inputs, fast_kernel, tmp_path):
    root, files = inputs
    config = report_config()
    config["quality"] = {"rob1": "", "rob2": "", "minors": ""}
    page = build_report(config, files, tmp_path / "report.html").read_text(encoding="utf-8")
    assert ">Risk of bias</h2>" not in page and "Aggregate score" not in page
    page = build_report(report_config(), files, tmp_path / "report.html").read_text(encoding="utf-8")
    section = page.split(">Risk of bias</h2>", 1)[1].split("<h2", 1)[0]
    assert "<figure>" in section and "Aggregate score" in section


def test_talairach_said_only_when_foci_were_converted(inputs, fast_kernel, tmp_path):
    root, files = inputs
    page = build_report(report_config(), files, tmp_path / "a.html").read_text(encoding="utf-8")
    assert "Talairach foci converted to MNI" in page and "Foci converted from Talairach" in page
    summary = pd.read_csv(files["coordinates_summary_tsv"], sep="\t", dtype=str).assign(studies_from_tal="0", foci_from_tal="0")
    summary.to_csv(tmp_path / "summary.tsv", sep="\t", index=False)
    page = build_report(report_config(), {**files, "coordinates_summary_tsv": tmp_path / "summary.tsv"}, tmp_path / "b.html").read_text(
        encoding="utf-8"
    )
    assert "Coordinates entered into each analysis (MNI)" in page and "Talairach foci converted" not in page
    assert "Foci converted from Talairach" not in page


def test_standard_files_with_sections_left_out(tmp_path):
    from alereview.report.files import standard_files

    config = {"review": {"id": "r", "title": "R"}, "analyses": {"a": {"title": "A"}}}
    files = standard_files(config, "res")
    assert files["a:jackknife_png"] == "res/figures/a_jackknife.png" and "prisma_png" not in files
    config.update(search={}, screening={}, studies={}, quality={})
    assert standard_files(config, "res") == files


def test_methods_say_the_threshold_the_job_recorded_not_the_config(fast_kernel):
    config = report_config()
    config["ale"]["threshold"] = {"method": "voxel_fwe", "voxel_fwe_p": 0.01}  # a later edit, not yet run
    recorded = {
        "n_experiments": 16,
        "n_foci": 133,
        "n_subjects": 300,
        "n_clusters": 2,
        "threshold": "cluster FWE",
        "method": "cluster_fwe",
        "cluster_forming_voxel_p": 0.001,
        "cluster_p": 0.05,
        "mask": "ale_2mm",
    }
    paragraphs, _ = methods_paragraphs(config, {"post_gt_pre": recorded}, versions=methods.software_versions())
    text = " ".join(paragraphs)
    assert "a cluster-level family-wise error rate p < 0.05 (cluster-forming voxel p < 0.001), within the ale_2mm mask" in text
    assert "voxel-level family-wise error rate p < 0.01" not in text
