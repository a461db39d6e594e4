"""Updating a screened review to a new cutoff, end to end against the E-utilities stand-in.

The old window (up to 2024-03-21) holds 20 PubMed records; an Embase export adds 6, one a
duplicate of an old PubMed record and three that PubMed only indexes after the cutoff. Every
record of that first version is screened. Moving the cutoff to 2024-06-30 searches only the
new window (10 PubMed records), deduplicates them against everything seen before (three are
the Embase records already screened), keeps every earlier decision, and leaves exactly the
seven genuinely new records to screen; once they are decided PRISMA shows the update
(previous studies + new). The last test does the same through the workflow's own search,
dedup and screening rules under Snakemake, changing only ``search.cutoff``, and checks that a
job downstream of the screening gate (standing in for the ALE jobs) is not re-run when the
update includes no new study, and is re-run when it does.
"""

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from alereview.dedup.pipeline import deduplicate
from alereview.screening.prisma import read_prisma
from alereview.screening.gate import ScreeningIncomplete
from alereview.screening.workflow import run_decisions, run_gate, run_prisma
from alereview.search.ratelimit import RateLimiter
from alereview.search.stage import run_build_records, run_import, run_pubmed
from alereview.tsv import read_tsv, write_json, write_tsv
from eutils_standin import EUtilsStandIn

REPO = Path(__file__).resolve().parent.parent
QUERY = "(stroke OR hemiplegia) AND acupuncture AND fMRI"
START, OLD_CUTOFF, NEW_CUTOFF = "1800-01-01", "2024-03-21", "2024-06-30"
OLD = [(30000000 + i, dt.date(2023, 1, 5) + dt.timedelta(days=17 * i)) for i in range(20)]
NEW = [(30000020 + i, dt.date(2024, 4, 1) + dt.timedelta(days=7 * i)) for i in range(10)]
EMBASE_TWINS = (30000002, 30000020, 30000021, 30000022)  # one old, three new PubMed records
SCREENING = {"reviewers": ["LDX", "ZY"], "arbiter": "ZYH"}


def embase_ris(pmid, day, doi=True) -> str:
    """An Embase record of the same article as the stand-in's PubMed record ``pmid``."""
    lines = [
        "TY  - JOUR",
        f"TI  - Stand-in record {pmid}: acupuncture and fMRI",
        f"AU  - Author{pmid % 97}, A.B.",
        f"PY  - {day.year}",
        "JO  - Journal of Stand-in Studies",
        f"VL  - {pmid % 50}",
        f"IS  - {pmid % 12 + 1}",
        f"SP  - {pmid % 300 + 1}",
        "EP  - 9",
    ]
    if doi and pmid % 2 == 0:
        lines.append(f"DO  - 10.5555/standin.{pmid}")
    return "\n".join(lines + ["ER  - ", ""])


def write_embase(path):
    dates = dict(OLD + NEW)
    text = "".join(embase_ris(p, dates[p]) for p in EMBASE_TWINS)
    for letter in "AB":
        text += (
            f"TY  - JOUR\nTI  - Embase-only study {letter} of scalp acupuncture\nAU  - Other, {letter}.\n"
            f"PY  - 2022\nJO  - Embase Journal\nVL  - 3\nSP  - 1{letter == 'B' and '1' or '0'}\nER  - \n\n"
        )
    path.write_text(text, encoding="utf-8")


def search_and_dedup(server, work, cutoff):
    """The search and dedup stages as the workflow runs them, into work/results."""
    results = work / "results"
    run_pubmed(
        QUERY,
        START,
        cutoff,
        work / "snapshots",
        results / "search" / "pubmed.tsv",
        results / "search" / "pubmed.json",
        eutils_url=server.url,
        batch_size=7,
        limiter=RateLimiter(0.0),
        searched_on="2024-07-01",
        max_tries=2,
        backoff=0.01,
    )
    run_import(work / "embase.ris", "Embase", "ris", results / "search" / "embase.tsv", results / "search" / "embase.json")
    run_build_records(
        [results / "search" / "pubmed.tsv", results / "search" / "embase.tsv"],
        [results / "search" / "pubmed.json", results / "search" / "embase.json"],
        results / "records" / "records.tsv",
        results / "records" / "provenance.json",
        keep_ledger=True,
    )
    dedup = deduplicate(read_tsv(results / "records" / "records.tsv"), source_priority=["PubMed", "Embase"])
    write_tsv(dedup.clusters, results / "dedup" / "clusters.tsv")
    write_tsv(dedup.unique, results / "dedup" / "unique.tsv")
    write_json(results / "dedup" / "counts.json", dedup.counts)
    return results


def screen(work, results, ta, ft):
    out = results / "screening"
    config = dict(
        SCREENING,
        title_abstract=[{"path": p, "format": "plain_csv"} for p in ta],
        full_text=[{"path": p, "format": "plain_csv"} for p in ft],
    )
    run_decisions(
        results / "dedup" / "unique.tsv",
        results / "dedup" / "clusters.tsv",
        results / "records" / "records.tsv",
        config,
        out / "decisions.tsv",
        out / "agreement.tsv",
        out / "to_screen.tsv",
        out / "to_screen.ris",
        base_dir=work,
    )
    return out


def gate(results):
    out = results / "screening"
    return run_gate(
        out / "decisions.tsv",
        out / "to_screen.tsv",
        results / "dedup" / "unique.tsv",
        results / "dedup" / "clusters.tsv",
        results / "records" / "records.tsv",
        out / "included.tsv",
        out / "gate.json",
    )


def prisma(work, results):
    return run_prisma(
        results / "screening" / "decisions.tsv",
        results / "dedup" / "unique.tsv",
        results / "dedup" / "clusters.tsv",
        results / "records" / "records.tsv",
        results / "prisma" / "prisma.csv",
        results / "dedup" / "counts.json",
        results / "search" / "pubmed.json",
        work / "snapshots",
        ["PubMed", "Embase"],
    )


def decide(to_screen, path, stage, include=(), reason="No stereotactic coordinates"):
    """Both reviewers' decisions on every listed record: include the keys in ``include``."""
    rows = []
    for key in to_screen["record_key"]:
        decision = "include" if key in include else "exclude"
        for reviewer in ("LDX", "ZY"):
            rows.append(
                {
                    "record_id": key,
                    "stage": stage,
                    "reviewer": reviewer,
                    "decision": decision,
                    "reason": reason if decision == "exclude" else "",
                }
            )
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def review(tmp_path_factory):
    """The first version, screened completely, then the update searched and deduplicated."""
    work = tmp_path_factory.mktemp("update")
    write_embase(work / "embase.ris")
    with EUtilsStandIn(OLD + NEW) as server:
        results = search_and_dedup(server, work, OLD_CUTOFF)
        first = {"records": read_tsv(results / "records" / "records.tsv"), "unique": read_tsv(results / "dedup" / "unique.tsv")}
        out = screen(work, results, [], [])
        to_screen = read_tsv(out / "to_screen.tsv")
        first["to_screen"] = to_screen
        included_ta = sorted(to_screen["record_key"])[:2]
        decide(to_screen, work / "ta_v1.csv", "title_abstract", include=included_ta)
        out = screen(work, results, ["ta_v1.csv"], [])
        decide(read_tsv(out / "to_screen.tsv"), work / "ft_v1.csv", "full_text", include=included_ta[:1])
        screen(work, results, ["ta_v1.csv"], ["ft_v1.csv"])
        first["gate"] = gate(results)
        first["included_bytes"] = (results / "screening" / "included.tsv").read_bytes()
        first["gate_bytes"] = (results / "screening" / "gate.json").read_bytes()
        first["prisma"] = prisma(work, results)
        first["decision_files"] = {p: (work / p).read_bytes() for p in ("ta_v1.csv", "ft_v1.csv")}
        first["results"] = work / "results_v1"
        shutil.copytree(results, first["results"])
        requests_before = len(server.requests("esearch"))
        # The update: one config value, the cutoff.
        search_and_dedup(server, work, NEW_CUTOFF)
        new_windows = [e[2] for e in server.requests("esearch")[requests_before:]]
    return work, results, first, new_windows


def test_first_version(review):
    work, results, first, _ = review
    assert len(first["records"]) == 26 and len(first["unique"]) == 25
    assert len(first["to_screen"]) == 25
    assert first["gate"]["n_included"] == 1
    counts = first["prisma"]
    assert (counts["database_results"], counts["duplicates"], counts["records_screened"]) == (26, 1, 25)
    assert (counts["previous_studies"], counts["new_studies"]) == (0, 1)


def test_update_searches_only_the_new_window(review):
    _, _, _, new_windows = review
    assert new_windows, "the update did not search"
    assert {params.get("mindate") for params in new_windows} == {"2024/03/22"}
    assert {params.get("maxdate") for params in new_windows} == {"2024/06/30"}


def test_only_the_new_non_duplicates_await_screening(review):
    work, results, first, _ = review
    out = screen(work, results, ["ta_v1.csv"], ["ft_v1.csv"])
    to_screen = read_tsv(out / "to_screen.tsv")
    new_pmids = {str(p) for p, _ in NEW} - {str(p) for p in EMBASE_TWINS}
    expected = {f"doi:10.5555/standin.{p}" if int(p) % 2 == 0 else f"pmid:{p}" for p in new_pmids}
    assert set(to_screen["record_key"]) == expected and len(expected) == 7
    assert set(to_screen["stage"]) == {"title_abstract"}
    # Every earlier decision is kept, and no decision file was touched.
    decisions = read_tsv(out / "decisions.tsv")
    before = read_tsv(first["results"] / "screening" / "decisions.tsv")
    assert len(decisions) == len(before)
    assert sorted(decisions["decision"]) == sorted(before["decision"])
    assert {p: (work / p).read_bytes() for p in first["decision_files"]} == first["decision_files"]
    with pytest.raises(ScreeningIncomplete, match="7 record\\(s\\) await title/abstract screening"):
        gate(results)


def test_update_without_new_study_leaves_the_gate_outputs_identical(review):
    work, results, first, _ = review
    out = screen(work, results, ["ta_v1.csv"], ["ft_v1.csv"])
    decide(read_tsv(out / "to_screen.tsv"), work / "ta_v2_none.csv", "title_abstract")
    screen(work, results, ["ta_v1.csv", "ta_v2_none.csv"], ["ft_v1.csv"])
    gate(results)
    assert (results / "screening" / "included.tsv").read_bytes() == first["included_bytes"]
    assert (results / "screening" / "gate.json").read_bytes() == first["gate_bytes"]


def test_prisma_shows_the_update(review):
    work, results, first, _ = review
    out = screen(work, results, ["ta_v1.csv"], ["ft_v1.csv"])
    new = read_tsv(out / "to_screen.tsv")
    chosen = sorted(new["record_key"])[:1]
    decide(new, work / "ta_v2.csv", "title_abstract", include=chosen)
    out = screen(work, results, ["ta_v1.csv", "ta_v2.csv"], ["ft_v1.csv"])
    decide(read_tsv(out / "to_screen.tsv"), work / "ft_v2.csv", "full_text", include=chosen)
    screen(work, results, ["ta_v1.csv", "ta_v2.csv"], ["ft_v1.csv", "ft_v2.csv"])
    assert gate(results)["n_included"] == 2
    counts = prisma(work, results)
    assert counts["previous_studies"] == 1
    assert counts["database_results"] == 10 and counts["database_specific_results"] == "PubMed, 10"
    assert counts["duplicates"] == 3
    assert (counts["records_screened"], counts["records_excluded"], counts["dbr_sought_reports"]) == (7, 6, 1)
    assert (counts["dbr_assessed"], counts["new_studies"], counts["total_studies"]) == (1, 1, 2)
    written = read_prisma(results / "prisma" / "prisma.csv")
    assert written["previous_studies"] == "1" and written["total_studies"] == "2"


SNAKEFILE = """
configfile: "config.yaml"


include: "{repo}/rules/common.smk"
include: "{repo}/rules/search.smk"
include: "{repo}/rules/dedup.smk"
include: "{repo}/rules/screening.smk"


# Stands in for the coordinate and ALE jobs: it counts its runs.
rule ale_standin:
    input:
        unpack(after_screening_gate(included="results/screening/included.tsv")),
    output:
        "results/ale/standin.txt",
    log:
        "logs/ale_standin.log",
    shell:
        "cp {{input.included}} {{output}} && echo run >> ale_runs.txt"
"""


def snakemake_run(work, server, cutoff, ta, ft):
    """The workflow's own search, dedup and screening rules, with one config for the review."""
    import yaml

    config = {
        "review": {"id": "update_test", "title": "update test"},
        "search": {
            "cutoff": cutoff,
            "start": START,
            "pubmed": {
                "query": QUERY,
                "eutils_url": server.url,
                "snapshot_dir": "snapshots",
                "batch_size": 7,
                "max_tries": 2,
                "backoff": 0.01,
            },
            "exports": [{"database": "Embase", "path": "embase.ris", "format": "ris"}],
        },
        "dedup": {"source_priority": ["PubMed", "Embase"]},
        "screening": dict(
            SCREENING,
            title_abstract=[{"path": p, "format": "plain_csv"} for p in ta],
            full_text=[{"path": p, "format": "plain_csv"} for p in ft],
        ),
        "studies": {"table": "studies.tsv"},
        "coordinates": {},
        "analyses": {"a": {"title": "A"}},
        "ale": {},
    }
    (work / "config.yaml").write_text(yaml.safe_dump(config))
    # The study table is read before any job (alereview.review.inputs): a real one, not a stand-in.
    (work / "studies.tsv").write_text("study_id\trecord_key\nstudy1\tpmid:1\n")
    return subprocess.run(
        [sys.executable, "-m", "snakemake", "-s", str(work / "Snakefile"), "--directory", str(work), "-c1", "results/ale/standin.txt"],
        capture_output=True,
        text=True,
        timeout=600,
    )


def runs(work) -> int:
    path = work / "ale_runs.txt"
    return len(path.read_text().splitlines()) if path.exists() else 0


@pytest.mark.slow
def test_snakemake_update_to_a_new_cutoff(review, tmp_path):
    """One config value changes; only what changed re-runs; no new study, no ALE job."""
    work, _, first, _ = review
    (tmp_path / "Snakefile").write_text(SNAKEFILE.format(repo=REPO))
    shutil.copy(work / "embase.ris", tmp_path / "embase.ris")
    for name in first["decision_files"]:
        shutil.copy(work / name, tmp_path / name)
    with EUtilsStandIn(OLD + NEW) as server:
        done = snakemake_run(tmp_path, server, OLD_CUTOFF, ["ta_v1.csv"], ["ft_v1.csv"])
        assert done.returncode == 0, done.stderr[-3000:]
        assert runs(tmp_path) == 1
        assert (tmp_path / "results" / "screening" / "included.tsv").read_bytes() == first["included_bytes"]
        # The update: search.cutoff moves; the search re-runs for the new window only.
        searched = len(server.requests("esearch"))
        stopped = snakemake_run(tmp_path, server, NEW_CUTOFF, ["ta_v1.csv"], ["ft_v1.csv"])
        assert stopped.returncode != 0
        assert {e[2]["mindate"] for e in server.requests("esearch")[searched:]} == {"2024/03/22"}
        assert "7 record(s) await title/abstract screening" in stopped.stderr
        to_screen = read_tsv(tmp_path / "results" / "screening" / "to_screen.tsv")  # survives the gate
        assert len(to_screen) == 7
        # All new records excluded: screening re-runs, the ALE stand-in does not.
        decide(to_screen, tmp_path / "ta_none.csv", "title_abstract")
        done = snakemake_run(tmp_path, server, NEW_CUTOFF, ["ta_v1.csv", "ta_none.csv"], ["ft_v1.csv"])
        assert done.returncode == 0, done.stderr[-3000:]
        assert "localrule screening_decisions:" in done.stderr and "localrule ale_standin:" not in done.stderr
        assert runs(tmp_path) == 1
        # A new included study: the ALE stand-in re-runs.
        chosen = sorted(to_screen["record_key"])[:1]
        decide(to_screen, tmp_path / "ta_one.csv", "title_abstract", include=chosen)
        decide(to_screen[to_screen["record_key"].isin(chosen)], tmp_path / "ft_one.csv", "full_text", include=chosen)
        done = snakemake_run(tmp_path, server, NEW_CUTOFF, ["ta_v1.csv", "ta_one.csv"], ["ft_v1.csv", "ft_one.csv"])
        assert done.returncode == 0, done.stderr[-3000:]
        assert runs(tmp_path) == 2


# --- An update whose new records also come from an export without entry dates (issue 13) ---
# The update re-exports Embase for the new window: a RIS file (no entry dates) with three new
# Embase-only records and two Embase records of old PubMed articles (duplicates of records of
# the first version). Hand count of the update: identified 10 PubMed + 5 Embase = 15;
# duplicates 3 (new PubMed records already in the first Embase export) + 2 = 5; screened
# 7 new PubMed + 3 new Embase = 10.
EMBASE_UPDATE_DUPLICATES = (30000004, 30000005)
EMBASE_UPDATE_NEW = [
    "Cortical reorganisation after electroacupuncture in chronic hemiparesis",
    "Thalamic connectivity and needling at Baihui: a pilot study",
    "Cerebellar resting-state changes with moxibustion therapy",
]


def write_embase_update(path):
    dates = dict(OLD)
    text = "".join(embase_ris(p, dates[p]) for p in EMBASE_UPDATE_DUPLICATES)
    for number, title in enumerate(EMBASE_UPDATE_NEW, start=1):
        text += (
            f"TY  - JOUR\nTI  - {title}\nAU  - Novel{number}, Q.\nPY  - 2024\nJO  - Update Journal {number}\n"
            f"VL  - {number + 10}\nSP  - {number * 100}\nER  - \n\n"
        )
    path.write_text(text, encoding="utf-8")


def search_and_dedup_with(server, work, cutoff, exports):
    """As search_and_dedup, with the exports ``[(file name, database)]``."""
    results = work / "results"
    run_pubmed(
        QUERY,
        START,
        cutoff,
        work / "snapshots",
        results / "search" / "pubmed.tsv",
        results / "search" / "pubmed.json",
        eutils_url=server.url,
        batch_size=7,
        limiter=RateLimiter(0.0),
        searched_on="2024-07-01",
        max_tries=2,
        backoff=0.01,
    )
    tables, jsons = [results / "search" / "pubmed.tsv"], [results / "search" / "pubmed.json"]
    for number, (name, database) in enumerate(exports, start=1):
        run_import(work / name, database, "ris", results / "search" / f"export{number}.tsv", results / "search" / f"export{number}.json")
        tables.append(results / "search" / f"export{number}.tsv")
        jsons.append(results / "search" / f"export{number}.json")
    run_build_records(tables, jsons, results / "records" / "records.tsv", results / "records" / "provenance.json", keep_ledger=True)
    dedup = deduplicate(read_tsv(results / "records" / "records.tsv"), source_priority=["PubMed", "Embase"])
    write_tsv(dedup.clusters, results / "dedup" / "clusters.tsv")
    write_tsv(dedup.unique, results / "dedup" / "unique.tsv")
    write_json(results / "dedup" / "counts.json", dedup.counts)
    return results


@pytest.fixture(scope="module")
def export_update(tmp_path_factory):
    """First version screened; then the update with PubMed's new window and a new Embase RIS."""
    work = tmp_path_factory.mktemp("update_export")
    write_embase(work / "embase.ris")
    write_embase_update(work / "embase_update.ris")
    with EUtilsStandIn(OLD + NEW) as server:
        results = search_and_dedup_with(server, work, OLD_CUTOFF, [("embase.ris", "Embase")])
        to_screen = read_tsv(screen(work, results, [], []) / "to_screen.tsv")
        included = sorted(to_screen["record_key"])[:1]
        decide(to_screen, work / "ta_v1.csv", "title_abstract", include=included)
        decide(to_screen[to_screen["record_key"].isin(included)], work / "ft_v1.csv", "full_text", include=included)
        screen(work, results, ["ta_v1.csv"], ["ft_v1.csv"])
        first = prisma(work, results)
        search_and_dedup_with(server, work, NEW_CUTOFF, [("embase.ris", "Embase"), ("embase_update.ris", "Embase")])
    out = screen(work, results, ["ta_v1.csv"], ["ft_v1.csv"])
    return work, results, first, read_tsv(out / "to_screen.tsv")


def test_update_counts_records_of_an_export_without_entry_dates(export_update):
    work, results, first, to_screen = export_update
    assert (first["database_results"], first["duplicates"], first["records_screened"]) == (26, 1, 25)
    records = read_tsv(results / "records" / "records.tsv")
    assert not any(records.loc[records["source"] == "Embase", "entry_date"])  # RIS: no entry dates
    assert len(to_screen) == 10
    decide(to_screen, work / "ta_v2.csv", "title_abstract")
    screen(work, results, ["ta_v1.csv", "ta_v2.csv"], ["ft_v1.csv"])
    counts = prisma(work, results)
    hand = {
        "database_results": 15,
        "duplicates": 5,
        "records_screened": 10,
        "records_excluded": 10,
        "previous_studies": 1,
        "new_studies": 0,
        "total_studies": 1,
    }
    assert {key: counts[key] for key in hand} == hand
    assert counts["database_specific_results"] == "PubMed, 10; Embase, 5"  # Embase once, for two files


def test_update_facts_for_the_methods_text(export_update):
    import json

    _, results, _, _ = export_update
    update = json.loads((results / "records" / "provenance.json").read_text())["update"]
    assert update["previous_cutoff"] == "2024-03-21"
    assert update["new_window"] == {"mindate": "2024/03/22", "maxdate": "2024/06/30"}
    assert update["previous_window"]["maxdate"] == "2024/03/21"
    assert update["pubmed_searched"] == "new_window_only" and update["databases_reread"] == ["Embase"]
    assert update["counted_by"] == "record identity"
    assert update["new_records"] == 15 and update["new_records_by_source"] == {"PubMed": 10, "Embase": 5}
    assert update["previous_records"] == 26


def test_without_the_previous_ledger_the_fallback_is_announced(export_update, caplog, tmp_path):
    import logging

    from alereview.screening.versions import search_windows, split_versions
    from alereview.screening.workflow import load_tables

    work, results, _, _ = export_update
    windows = search_windows(results / "search" / "pubmed.json")
    snapshots = tmp_path / "snapshots"
    shutil.copytree(work / "snapshots", snapshots)
    (snapshots / windows[-2]["window_id"] / "review_records.tsv").unlink()
    members, unique = load_tables(results / "dedup" / "unique.tsv", results / "dedup" / "clusters.tsv", results / "records" / "records.tsv")
    with caplog.at_level(logging.WARNING, logger="alereview"):
        versions = split_versions(members, unique, windows, snapshots)
    assert any("review_records.tsv" in r.getMessage() and "entry date" in r.getMessage() for r in caplog.records)
    assert len(versions.new_record_ids) == 10  # only PubMed's: the RIS records have no entry date
