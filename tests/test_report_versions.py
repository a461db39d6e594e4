"""The report's living-review section and methods paragraph (alereview.report.versions)."""

from alereview.report.html import Report
from alereview.report.versions import living_methods_paragraph, versions_files, versions_section
from test_versions import config, first_version, second_version


def test_section_says_what_changed_and_has_the_prisma_lsr_items(tmp_path):
    review = tmp_path / "review"
    review.mkdir()
    first_version(review)
    second_version(review)
    cfg = dict(config("2024-06-30"), screening={"reviewers": ["A", "B"]})
    files = versions_files(cfg, review / "results")
    report = Report(embed=False, base_dir=review / "results")
    versions_section(report, cfg, files, simulated=True)
    page = report.render("T")
    for text in (
        "Version</dt><dd>2 of a living review",
        "Previous version</dt><dd>version 1, searched to 2023-12-31",
        "new search cutoff (2023-12-31 → 2024-06-30)",
        "Since version 1: 1 study(ies) added (Title of k7), 1 removed",
        "Analysis A: experiments 4 → 5, foci 20 → 25, participants 80 → 100, clusters 2 → 3; 2 cluster(s) matched, 1 new, 0 vanished. Verdict: new finding",
        "History of the versions",
        "Jackknife changes",
    ):
        assert text.replace("→", "&#8594;") in page or text in page, text
    assert "<figcaption>Figure 1. Living PRISMA flow diagram" in page
    methods = living_methods_paragraph(files)
    assert methods.startswith("This report is version 2 of a living review") and "triggered by: new search cutoff" in methods


def test_first_version_says_there_is_nothing_to_compare(tmp_path):
    review = tmp_path / "review"
    review.mkdir()
    first_version(review)
    report = Report(embed=False)
    versions_section(report, config("2023-12-31"), versions_files(config("2023-12-31"), review / "results"), simulated=False)
    assert "This is the first version of the review" in report.render("T")


def test_without_the_files_the_section_says_what_is_missing(tmp_path):
    report = Report(embed=False)
    versions_section(report, config("x"), versions_files(config("x"), tmp_path), simulated=False)
    assert "Not available: the comparison with the previous version" in report.render("T")
    assert living_methods_paragraph(versions_files(config("x"), tmp_path)) == ""
