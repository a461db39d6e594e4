"""A living review's versions on small synthetic results (alereview.versions).

v1 is published; the update (new cutoff, a new study with its experiment, a cluster grown, one
new) publishes v2 beside it, v1 byte-identical; a failed attempt at v3 leaves both untouched;
a re-run of the same state publishes nothing. Also the cluster matching and verdict rules, the
commands, and the size on disk of 3 versions against 1.
"""

import hashlib
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from alereview.cli import main as cli
from alereview.tsv import read_json, read_tsv
from alereview.versions import publish as publish_module
from alereview.versions.clusters import dice_matrix, greedy_pairs, match_clusters, verdict
from alereview.versions.manifest import fingerprint, published_versions, triggers, versions_config
from alereview.versions.publish import disk_usage
from alereview.versions.steps import run_changes, run_publish
from versions_fixtures import write_ale, write_report, write_screening

EXPERIMENTS_V1 = ["s1_a", "s2_a", "s3_a", "s4_a"]
BOXES_V1 = [(2, 8, 2, 8, 2, 8), (15, 19, 15, 19, 15, 19)]


def config(cutoff, exports=("scopus.ris",)):
    return {
        "review": {"id": "t", "title": "T", "simulated_inputs": True},
        "search": {
            "cutoff": cutoff,
            "start": "2000-01-01",
            "exports": [{"database": "Scopus", "path": p, "format": "ris"} for p in exports],
        },
        "analyses": {"a": {"title": "Analysis A"}},
    }


def tree_digest(folder) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def build(review, cfg, figure=False):
    """The two version rules, as the workflow runs them, in the review folder ``review``."""
    results = review / "results"
    versions = results / "versions"
    (review / "config").mkdir(exist_ok=True)
    (review / "config" / "config.yaml").write_text(f"search: {{cutoff: '{cfg['search']['cutoff']}'}}\n")
    current = run_changes(
        cfg,
        results,
        review,
        versions / "changes.tsv",
        versions / "current.json",
        versions / "history.tsv",
        versions / "prisma_living.csv",
        figure_paths=[results / "figures" / "prisma_living.png"] if figure else (),
        dpi=40,
    )
    published = run_publish(cfg, review / "config" / "config.yaml", results, versions / "current.json", versions / "published.json")
    return current, published


def first_version(review):
    (review / "scopus.ris").write_text("TY  - JOUR\nTI  - one\nER  - \n")
    results = review / "results"
    write_ale(results, "a", BOXES_V1, EXPERIMENTS_V1, jackknife_kept=[4, 3])
    write_screening(results, ["k1", "k2", "k3", "k4", "k5", "k6"], ["k1", "k2", "k3", "k4"], identified=7)
    write_report(results, "version one")
    return build(review, config("2023-12-31"), figure=True)


def second_version(review):
    """The update: new cutoff, study s5 (record k7) included, cluster 1 grown, a third cluster."""
    results = review / "results"
    write_ale(
        results,
        "a",
        [(2, 10, 2, 10, 2, 10), (15, 19, 15, 19, 15, 19), (22, 26, 2, 6, 22, 26)],
        EXPERIMENTS_V1 + ["s5_a"],
        jackknife_kept=[5, 4, 3],
    )
    write_screening(
        results,
        ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8"],
        ["k1", "k2", "k3", "k7"],
        excluded=[("k4", "No whole-brain coordinates")],
        identified=3,
        previous=3,
        new_studies=1,
    )
    write_report(results, "version two")
    return build(review, config("2024-06-30"))


@pytest.fixture
def review(tmp_path):
    review = tmp_path / "review"
    review.mkdir()
    return review


def test_first_version_is_published_read_only_with_its_manifest(review):
    current, published = first_version(review)
    assert current["version"] == 1 and current["trigger"] == ["first version"]
    assert published == {"version": 1, "published_now": True, "dir": "v1", "why": "first version"}
    v1 = review / "results" / "versions" / "v1"
    for name in (
        "report.html",
        "ale/a/clusters.nii.gz",
        "prisma/prisma.csv",
        "config/config.yaml",
        "config/config.resolved.yaml",
        "versions/changes.tsv",
        "manifest.json",
        "figures/prisma_living.png",
    ):
        assert (v1 / name).is_file(), name
        assert not os.stat(v1 / name).st_mode & 0o222, name  # read-only
    manifest = read_json(v1 / "manifest.json")
    assert manifest["software"]["numpy"] == np.__version__
    by_path = {e["path"]: e for e in manifest["files"]}
    assert by_path["report.html"]["sha256"] == hashlib.sha256((v1 / "report.html").read_bytes()).hexdigest()
    assert not (v1 / "versions" / "v1").exists()  # versions are not nested


def test_update_publishes_v2_compares_it_and_leaves_v1_byte_identical(review):
    first_version(review)
    v1 = review / "results" / "versions" / "v1"
    before = tree_digest(v1)
    current, published = second_version(review)
    assert current["version"] == 2 and current["base_version"] == 1 and published["published_now"]
    assert current["trigger"] == [
        "new search cutoff (2023-12-31 → 2024-06-30)",
        "included experiments changed in a (+1 added, −0 removed, 0 with changed data)",
    ]
    assert tree_digest(v1) == before
    changes = read_tsv(review / "results" / "versions" / "changes.tsv")
    studies = changes[changes["section"] == "studies"].set_index("item")
    assert studies.loc["k7", "change"] == "added"
    assert studies.loc["k4", "change"] == "removed"
    assert studies.loc["k4", "detail"].endswith("excluded at full/text screening: No whole-brain coordinates")
    counts = changes[changes["section"] == "analysis"].set_index("item")
    assert (counts.loc["experiments", "before"], counts.loc["experiments", "after"], counts.loc["experiments", "change"]) == (
        "4",
        "5",
        "+1",
    )
    clusters = changes[changes["section"] == "cluster"]
    assert list(clusters["item"]) == ["1 → 1", "2 → 2", "– → 3"]
    assert clusters["change"].iloc[0].startswith("matched: Dice 0.59, peak shift 3.5 mm, volume +137.0%")
    assert clusters["change"].iloc[2] == "new"
    jackknife = changes[changes["section"] == "jackknife"]
    assert list(zip(jackknife["before"], jackknife["after"])) == [("4/4", "5/5"), ("3/4", "4/5")]
    assert changes[changes["section"] == "verdict"]["after"].tolist() == ["new finding"]
    history = read_tsv(review / "results" / "versions" / "history.tsv")
    assert history["version"].tolist() == ["v1", "v2"] and history["search_cutoff"].tolist() == ["2023-12-31", "2024-06-30"]
    living = pd.read_csv(review / "results" / "versions" / "prisma_living.csv")
    assert living["identified"].tolist() == [7, 3] and living["cumulative_identified"].tolist() == [7, 10]
    assert living["total_studies"].tolist() == [4, 4] and living["new_studies"].tolist() == [4, 1]


def test_unchanged_files_are_hard_links_between_versions(review):
    first_version(review)
    second_version(review)
    versions = review / "results" / "versions"
    assert os.stat(versions / "v1" / "ale" / "big_map.bin").st_ino == os.stat(versions / "v2" / "ale" / "big_map.bin").st_ino
    assert os.stat(versions / "v1" / "report.html").st_ino != os.stat(versions / "v2" / "report.html").st_ino
    # Never linked to the live results (which the next run rewrites).
    assert os.stat(versions / "v2" / "ale" / "big_map.bin").st_ino != os.stat(review / "results" / "ale" / "big_map.bin").st_ino


def test_a_failed_attempt_at_v3_changes_no_published_version(review, monkeypatch):
    first_version(review)
    second_version(review)
    versions = review / "results" / "versions"
    before = {name: tree_digest(versions / name) for name in ("v1", "v2")}
    results = review / "results"
    write_ale(results, "a", BOXES_V1[:1], EXPERIMENTS_V1[:2], jackknife_kept=[1])
    calls = {"n": 0}
    real_place = publish_module._place

    def failing_place(source, target, earlier):
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disk full (simulated)")
        return real_place(source, target, earlier)

    monkeypatch.setattr(publish_module, "_place", failing_place)
    with pytest.raises(OSError, match="disk full"):
        build(review, config("2024-12-31"))
    monkeypatch.setattr(publish_module, "_place", real_place)
    assert [m["version"] for m in published_versions(versions)] == [1, 2]
    assert {name: tree_digest(versions / name) for name in ("v1", "v2")} == before
    assert (versions / ".v3.partial").exists() and not (versions / "v3").exists()
    # The next successful attempt removes the unfinished one and publishes v3.
    current, published = build(review, config("2024-12-31"))
    assert published["dir"] == "v3" and not (versions / ".v3.partial").exists()
    assert {name: tree_digest(versions / name) for name in ("v1", "v2")} == before
    verdicts = read_tsv(versions / "changes.tsv")
    assert verdicts[verdicts["section"] == "verdict"]["after"].tolist() == ["weakened"]


def test_rerun_of_the_same_state_publishes_nothing(review):
    first_version(review)
    current, published = build(review, config("2023-12-31"))
    assert current["version"] == 1 and current["published"] and not published["published_now"]
    assert [m["version"] for m in published_versions(review / "results" / "versions")] == [1]


def test_coordinates_only_review_whose_sleuth_file_gained_experiments(tmp_path):
    review = tmp_path / "coords"
    review.mkdir()
    results = review / "results"
    cfg = {"review": {"id": "c", "title": "C"}, "analyses": {"a": {"title": "A"}}}
    write_ale(results, "a", BOXES_V1, EXPERIMENTS_V1)
    _, published = build_plain(review, cfg)
    assert published["dir"] == "v1"
    _, published = build_plain(review, cfg)
    assert not published["published_now"]
    write_ale(results, "a", BOXES_V1, EXPERIMENTS_V1 + ["s9_a"])
    current, published = build_plain(review, cfg)
    assert published["dir"] == "v2" and current["trigger"][0].startswith("included experiments changed in a (+1 added")
    changes = read_tsv(results / "versions" / "changes.tsv")
    assert changes[changes["section"] == "studies"]["item"].tolist() == ["s9"]
    assert changes[changes["section"] == "verdict"]["after"].tolist() == ["unchanged"]


def build_plain(review, cfg):
    results = review / "results"
    versions = results / "versions"
    (review / "config").mkdir(exist_ok=True)
    (review / "config" / "config.yaml").write_text("review: {id: c}\n")
    current = run_changes(
        cfg, results, review, versions / "changes.tsv", versions / "current.json", versions / "history.tsv", versions / "prisma_living.csv"
    )
    return current, run_publish(cfg, review / "config" / "config.yaml", results, versions / "current.json", versions / "published.json")


def test_exports_only_review_with_a_new_export(review):
    first_version(review)
    (review / "scopus_2024.ris").write_text("TY  - JOUR\nTI  - two\nER  - \n")
    cfg = config("2023-12-31", exports=("scopus.ris", "scopus_2024.ris"))
    current, published = build(review, cfg)
    assert published["dir"] == "v2" and current["trigger"] == ["new search export(s): scopus_2024.ris"]


def test_commands_list_and_compare(review, capsys):
    first_version(review)
    second_version(review)
    assert cli(["versions", str(review)]) == 0
    out = capsys.readouterr().out
    assert "v1" in out and "v2" in out and "2 version(s)" in out
    assert cli(["compare", str(review), "v1", "v2", "--tsv"]) == 0
    printed = capsys.readouterr().out
    assert printed == (review / "results" / "versions" / "changes.tsv").read_text()
    assert cli(["compare", str(review), "v1", "v7"]) == 2
    assert "no published version 'v7' (published: v1, v2)" in capsys.readouterr().err


def test_size_on_disk_of_three_versions_against_one(review, capsys):
    first_version(review)
    versions = review / "results" / "versions"
    one = disk_usage(versions)
    second_version(review)
    write_report(review / "results", "version three")
    build(review, config("2024-12-31"))
    three = disk_usage(versions)
    naive = sum(p.stat().st_size for p in versions.rglob("*") if p.is_file())
    with capsys.disabled():
        print(f"\nsynthetic review: 1 version {one} B, 3 versions {three} B on disk ({three / one:.2f}×; {naive} B as copies)")
    assert three < 1.5 * one < naive


def test_dice_and_greedy_matching():
    before = np.zeros((4, 4, 1), int)
    after = np.zeros((4, 4, 1), int)
    before[0:2, 0:2] = 1
    before[2:4, 2:4] = 2
    after[0:2, 0:1] = 2  # half of old 1
    after[2:4, 2:4] = 1  # old 2 exactly
    dice = dice_matrix(before, after, 2, 2)
    assert dice[1, 0] == 1.0 and dice[0, 1] == pytest.approx(2 * 2 / (4 + 2))
    assert greedy_pairs(dice) == [(1, 0), (0, 1)]
    with pytest.raises(ValueError, match="different grids"):
        dice_matrix(before, after[:3], 2, 2)


@pytest.mark.parametrize(
    ("boxes_after", "expected"),
    [
        (BOXES_V1, "unchanged"),
        (BOXES_V1[:1], "weakened"),
        ([(2, 6, 2, 6, 2, 6), BOXES_V1[1]], "weakened"),
        ([(2, 9, 2, 9, 2, 9), BOXES_V1[1]], "strengthened"),
        ([*BOXES_V1, (22, 26, 2, 6, 22, 26)], "new finding"),
    ],
)
def test_verdict_rules(tmp_path, boxes_after, expected):
    write_ale(tmp_path / "old", "a", BOXES_V1, EXPERIMENTS_V1)
    write_ale(tmp_path / "new", "a", boxes_after, EXPERIMENTS_V1)
    side = {key: lambda root, key=key: str(root / "ale" / "a" / key) for key in ("clusters.tsv", "clusters.nii.gz")}
    matches = match_clusters(
        {"clusters_tsv": side["clusters.tsv"](tmp_path / "old"), "clusters_img": side["clusters.nii.gz"](tmp_path / "old")},
        {"clusters_tsv": side["clusters.tsv"](tmp_path / "new"), "clusters_img": side["clusters.nii.gz"](tmp_path / "new")},
    )
    assert verdict(matches)[0] == expected


def test_triggers_in_words():
    assert triggers(
        {"cutoff": "a", "exports": [{"path": "x", "sha256": "1"}], "experiments": {}},
        {"cutoff": "a", "exports": [{"path": "x", "sha256": "2"}], "experiments": {}},
    ) == ["changed search export(s): x"]
    assert (
        triggers(
            {"cutoff": "a", "exports": [], "experiments": {"a": ["e|1|1"]}}, {"cutoff": "a", "exports": [], "experiments": {"a": ["e|1|1"]}}
        )
        == []
    )


def test_the_comparison_reads_a_narrow_part_of_the_config(review):
    cfg = config("2023-12-31")
    narrow = versions_config(dict(cfg, figures={"dpi": 300}, search=dict(cfg["search"], pubmed={"query": "q", "email": "e"})))
    assert set(narrow) == {"review", "search", "analyses"} and narrow["search"]["pubmed"] is True
    (review / "scopus.ris").write_text("TY  - JOUR\nER  - \n")
    assert fingerprint_of(narrow, review) == fingerprint_of(dict(cfg, search=dict(cfg["search"], pubmed={"query": "q"})), review)


def fingerprint_of(cfg, review):
    return fingerprint(cfg, review / "results", review)
