"""The living-review part of the ``examples/own_review`` test (tests/test_examples.py).

v1 is the first complete run; the update to 2024-06-30 includes two new studies with their
coordinates (``screening/*_2024.csv``, ``studies_2024.tsv``, ``coordinates_2024.tsv``) and is
published as v2 beside v1; an attempt at v3 (cutoff 2024-12-31) fails on a broken coordinate
table and changes neither; once fixed, v3 is published, and 3 versions are measured on disk.
"""

import hashlib
from pathlib import Path

import pandas as pd
import yaml

from alereview.tsv import read_json, read_tsv
from alereview.versions.manifest import published_versions
from alereview.versions.publish import disk_usage

#: The records the update brings to screening (4 PubMed, one with a Scopus twin; 1 Scopus only).
NEW_RECORDS = (
    "doi:10.5555/standin.31000012",
    "pmid:31000013",
    "doi:10.5555/standin.31000014",
    "pmid:31000015",
    "doi:10.5555/example.sutton2024",
)
INCLUDED_IN_UPDATE = ("doi:10.5555/standin.31000012", "doi:10.5555/standin.31000014")
ANALYSES = ("dyslexia_lt_controls", "dyslexia_gt_controls")


def tree_digest(folder) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def versions(results) -> list[int]:
    return [int(m["version"]) for m in published_versions(results / "versions")]


def check_first_version(results) -> dict:
    """v1 is published (the run that completed before the update); returns its digest and size."""
    assert versions(results) == [1]
    v1 = results / "versions" / "v1"
    assert read_json(v1 / "manifest.json")["trigger"] == ["first version"]
    for name in (
        "report.html",
        "prisma/prisma.csv",
        "config/config.yaml",
        "tables/table4_clusters.html",
        "figures/prisma_living.png",
        *[f"ale/{a}/clusters.nii.gz" for a in ANALYSES],
    ):
        assert (v1 / name).is_file(), name
    return {"digest": tree_digest(v1), "bytes": disk_usage(results / "versions")}


def include_update_studies(review, update):
    """What the reviewers do: their 2024 decisions, the new studies' rows and coordinates."""
    update["screening"]["title_abstract"].append({"path": "screening/title_abstract_2024.csv", "format": "plain_csv"})
    update["screening"]["full_text"].append({"path": "screening/full_text_2024.csv", "format": "plain_csv"})
    update["coordinates"]["tables"] = [*update["coordinates"]["tables"], "coordinates_2024.tsv"]
    with open(review / "studies.tsv", "a", encoding="utf-8") as table:
        table.write("".join((review / "studies_2024.tsv").read_text(encoding="utf-8").splitlines(keepends=True)[1:]))


def check_second_version(results, v1):
    """v2 is published beside an unchanged v1, and its change table says what the update did."""
    assert versions(results) == [1, 2]
    assert tree_digest(results / "versions" / "v1") == v1["digest"]
    changes = read_tsv(results / "versions" / "changes.tsv")
    print("\nexamples/own_review, change table of v2 against v1 (results/versions/changes.tsv):")
    with pd.option_context("display.max_colwidth", 70, "display.width", 250):
        print(changes.to_string(index=False))
    studies = changes[changes["section"] == "studies"]
    assert sorted(studies.loc[studies["change"] == "added", "item"]) == sorted(INCLUDED_IN_UPDATE)
    assert not (studies["change"] == "removed").any()
    counts = changes[(changes["section"] == "analysis") & (changes["item"] == "experiments")].set_index("analysis")
    assert counts.loc["dyslexia_lt_controls", ["before", "after", "change"]].tolist() == ["6", "8", "+2"]
    verdicts = changes[changes["section"] == "verdict"].set_index("analysis")["after"]
    assert set(verdicts.index) == set(ANALYSES)
    assert set(verdicts) <= {"unchanged", "strengthened", "weakened", "new finding"}
    assert read_tsv(results / "versions" / "history.tsv")["version"].tolist() == ["v1", "v2"]
    living = pd.read_csv(results / "versions" / "prisma_living.csv")
    assert living["new_studies"].tolist() == [6, 2] and living["cumulative_identified"].tolist() == [17, 24]
    report = (results / "versions" / "v2" / "report.html").read_text(encoding="utf-8")
    assert "Living review: versions and what changed" in report and "Version</dt><dd>2 of a living review" in report
    assert "This report is version 2 of a living review" in report


def failed_then_third_version(review, update, v1, run):
    """An attempt at v3 that fails mid-run (a broken coordinate table), then the fixed one."""
    results = review / "results"
    v2 = tree_digest(results / "versions" / "v2")
    broken = review / "coordinates_broken.tsv"
    broken.write_text(
        "study\texperiment\tcontrast\tx\ty\tz\tspace\tn\tdirection\n"
        "Marlow2024\tdyslexia < controls\tdyslexia_lt_controls\tforty\t-58\t-12\tMNI\t44\tdeactivation\n"
    )
    attempt = dict(
        update,
        search=dict(update["search"], cutoff="2024-12-31"),
        coordinates=dict(update["coordinates"], tables=[*update["coordinates"]["tables"], broken.name]),
    )
    config_path = review / "config" / "config.yaml"
    config_path.write_text(yaml.safe_dump(attempt, sort_keys=False))
    failed = run()
    assert failed.returncode != 0, failed.stderr[-2000:]
    assert versions(results) == [1, 2] and not (results / "versions" / "v3").exists()
    assert tree_digest(results / "versions" / "v1") == v1["digest"]
    assert tree_digest(results / "versions" / "v2") == v2
    attempt["coordinates"]["tables"] = update["coordinates"]["tables"]
    config_path.write_text(yaml.safe_dump(attempt, sort_keys=False))
    done = run()
    assert done.returncode == 0, done.stderr[-4000:]
    assert versions(results) == [1, 2, 3]
    assert read_json(results / "versions" / "v3" / "manifest.json")["trigger"] == ["new search cutoff (2024-06-30 → 2024-12-31)"]
    assert tree_digest(results / "versions" / "v1") == v1["digest"]
    assert tree_digest(results / "versions" / "v2") == v2
    manifest = read_json(results / "versions" / "v3" / "manifest.json")
    new_files = sorted((e for e in manifest["files"] if e["stored"] == "copied"), key=lambda e: -e["bytes"])
    print(
        f"\nv3 stores {len(new_files)} new files of {len(manifest['files'])}; the largest: "
        + ", ".join(f"{e['path']} ({e['bytes'] / 1e6:.2f} MB)" for e in new_files[:8])
    )
    three = disk_usage(results / "versions")
    copies = sum(p.stat().st_size for p in (results / "versions").rglob("*") if p.is_file())
    print(
        f"\nexamples/own_review on disk: 1 version {v1['bytes'] / 1e6:.2f} MB; 3 versions {three / 1e6:.2f} MB "
        f"({three / v1['bytes']:.2f}×; {copies / 1e6:.2f} MB if every file were a copy)"
    )
    assert three < copies
