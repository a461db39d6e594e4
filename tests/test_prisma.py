"""PRISMA 2020 counts from the data, written in the PRISMA2020 R package's template."""

import csv
import shutil

import pytest

from alereview.errors import InputError
from alereview.screening.prisma import (
    FIRST_VERSION_TEXT,
    TEMPLATE_COLUMNS,
    format_databases,
    format_reasons,
    prisma_counts,
    prisma_table,
    read_prisma,
    read_template,
)
from alereview.screening.matching import load_members
from alereview.screening.workflow import run_decisions, run_prisma
from alereview.tsv import read_tsv


@pytest.fixture
def screened(test_data, tmp_path):
    corpus = test_data / "screening" / "corpus"
    for path in corpus.iterdir():
        shutil.copy(path, tmp_path / path.name)
    config = {
        "reviewers": ["LDX", "ZY"],
        "arbiter": "ZYH",
        "title_abstract": [{"path": "ta_plain.csv", "format": "plain_csv"}],
        "full_text": [{"path": "ft_plain.csv", "format": "plain_csv"}],
    }
    run_decisions(
        tmp_path / "unique.tsv",
        tmp_path / "clusters.tsv",
        tmp_path / "records.tsv",
        config,
        tmp_path / "decisions.tsv",
        tmp_path / "agreement.tsv",
        tmp_path / "to_screen.tsv",
        None,
        base_dir=tmp_path,
    )
    return tmp_path


def test_counts_from_the_corpus(screened):
    counts = run_prisma(
        screened / "decisions.tsv",
        screened / "unique.tsv",
        screened / "clusters.tsv",
        screened / "records.tsv",
        screened / "prisma.csv",
        screened / "counts.json",
        databases=["PubMed", "Embase", "CNKI"],
    )
    assert counts["database_results"] == 8
    assert counts["database_specific_results"] == "PubMed, 3; Embase, 3; CNKI, 2"
    assert counts["duplicates"] == 2
    assert (counts["records_screened"], counts["records_excluded"], counts["dbr_sought_reports"]) == (6, 3, 3)
    assert (counts["dbr_notretrieved_reports"], counts["dbr_assessed"]) == (0, 3)
    assert counts["dbr_excluded"] == "No stereotactic coordinates, 1; ROI only, 1"
    assert (counts["new_studies"], counts["previous_studies"], counts["total_studies"]) == (1, 0, 1)
    written = read_prisma(screened / "prisma.csv")
    assert written["records_screened"] == "6" and written["dbr_excluded"] == counts["dbr_excluded"]
    # The flow adds up.
    assert counts["database_results"] - counts["duplicates"] == counts["records_screened"]
    assert counts["records_screened"] - counts["records_excluded"] == counts["dbr_sought_reports"]


def test_not_retrieved_reports(screened):
    decisions = read_tsv(screened / "decisions.tsv")
    decisions.loc[(decisions["record_key"] == "doi:10.1000/a2") & (decisions["stage"] == "full_text"), ["decision", "reason"]] = [
        "not_retrieved",
        "",
    ]
    counts = prisma_counts(decisions, load_members(screened / "clusters.tsv", screened / "records.tsv"), read_tsv(screened / "unique.tsv"))
    assert (counts["dbr_sought_reports"], counts["dbr_notretrieved_reports"], counts["dbr_assessed"]) == (3, 1, 2)
    assert counts["dbr_excluded"] == "ROI only, 1"


def test_template_format_is_kept(screened):
    run_prisma(
        screened / "decisions.tsv", screened / "unique.tsv", screened / "clusters.tsv", screened / "records.tsv", screened / "prisma.csv"
    )
    with open(screened / "prisma.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    template = read_template()
    assert list(rows[0]) == TEMPLATE_COLUMNS
    assert [r["data"] for r in rows] == [r["data"] for r in template]
    for row, original in zip(rows, template):
        # A first version's included box has its own wording (alereview.screening.prisma.FIRST_VERSION_TEXT).
        kept = [k for k in TEMPLATE_COLUMNS[:-1] if not (k == "boxtext" and row["data"] in FIRST_VERSION_TEXT)]
        assert {k: row[k] for k in kept} == {k: original[k] for k in kept}


def test_mismatch_with_dedup_counts_is_logged(screened, caplog):
    (screened / "counts.json").write_text('{"records": 9, "duplicates_removed": 2}')
    run_prisma(
        screened / "decisions.tsv",
        screened / "unique.tsv",
        screened / "clusters.tsv",
        screened / "records.tsv",
        screened / "prisma.csv",
        screened / "counts.json",
    )
    assert "database_results = 8 but" in caplog.text


def test_format_reasons_and_databases():
    assert format_reasons(["ROI only", "No coordinates", "roi  only", "a; b"]) == "ROI only, 2; a/ b, 1; No coordinates, 1"
    assert format_reasons([]) == ""
    assert format_databases({"Embase": 2, "PubMed": 5, "CNKI": 1}, ["PubMed", "Embase"]) == "PubMed, 5; Embase, 2; CNKI, 1"


def test_unknown_key_is_refused():
    with pytest.raises(KeyError):
        prisma_table({"records_screend": 1})


@pytest.mark.slow
def test_reference_review_gives_the_papers_flow(repo_root, tmp_path):
    """The default review: 3,292, 937, 2,355, 2,278, 77, 63, 14, computed from its data.

    The search is replayed from the committed snapshot and exports, deduplicated with the
    config's settings, screened from the committed Rayyan and CSV decision files; the counts are
    compared with the paper's (examples/reference_review/facts/prisma_counts.tsv).
    """
    from alereview.config import load_config
    from alereview.dedup.pipeline import deduplicate
    from alereview.search.records import export_keys
    from alereview.search.stage import run_build_records, run_import, run_pubmed
    from alereview.tsv import write_json, write_tsv

    config = load_config(repo_root / "config" / "config.yaml")
    search, out = config["search"], tmp_path
    pubmed = search["pubmed"]
    run_pubmed(
        pubmed["query"],
        search["start"],
        search["cutoff"],
        repo_root / pubmed["snapshot_dir"],
        out / "pubmed.tsv",
        out / "pubmed.json",
        datetype=pubmed["datetype"],
    )
    tables, infos = [out / "pubmed.tsv"], [out / "pubmed.json"]
    for key, export in zip(export_keys(search["exports"]), search["exports"]):
        run_import(
            repo_root / export["path"],
            export["database"],
            export["format"],
            out / f"{key}.tsv",
            out / f"{key}.json",
            export.get("encoding", "auto"),
            display_path=export["path"],
        )
        tables.append(out / f"{key}.tsv")
        infos.append(out / f"{key}.json")
    run_build_records(tables, infos, out / "records.tsv", out / "provenance.json")
    manual = config["dedup"].get("manual_decisions")
    dedup = deduplicate(
        read_tsv(out / "records.tsv"),
        source_priority=config["dedup"]["source_priority"],
        manual=read_tsv(repo_root / manual) if manual else None,
    )
    write_tsv(dedup.clusters, out / "clusters.tsv")
    write_tsv(dedup.unique, out / "unique.tsv")
    write_json(out / "counts.json", dedup.counts)
    screening = {
        **config["screening"],
        **{
            stage: [{**spec, "path": str(repo_root / spec["path"])} for spec in config["screening"][stage]]
            for stage in ("title_abstract", "full_text")
        },
    }
    try:
        run_decisions(
            out / "unique.tsv",
            out / "clusters.tsv",
            out / "records.tsv",
            screening,
            out / "decisions.tsv",
            out / "agreement.tsv",
            out / "to_screen.tsv",
            None,
        )
    except InputError as error:
        # Known gap of the search stage, not of screening: Embase RIS gives the PubMed ID in C5,
        # which records.tsv does not carry yet, so a full-text decision keyed pmid:<C5> has no
        # record. Any other error fails the test.
        pmid = str(error.record or "").removeprefix("pmid:")
        embase = (repo_root / "examples" / "reference_review" / "search" / "embase.ris").read_text(encoding="utf-8-sig")
        if pmid.isdigit() and f"C5  - {pmid}" in embase and pmid not in set(read_tsv(out / "records.tsv")["pmid"]):
            pytest.xfail(f"records.tsv lacks the PMID {pmid} that embase.ris gives in C5 (search stage)")
        raise
    assert read_tsv(out / "to_screen.tsv").empty
    counts = run_prisma(
        out / "decisions.tsv", out / "unique.tsv", out / "clusters.tsv", out / "records.tsv", out / "prisma.csv", out / "counts.json"
    )
    facts = read_tsv(repo_root / "examples" / "reference_review" / "facts" / "prisma_counts.tsv")
    for key, value in zip(facts["prisma2020_key"], facts["n"]):
        got = counts[key]
        if key == "dbr_excluded":  # "Reason, n; Reason, n"
            got = sum(int(part.rsplit(",", 1)[1]) for part in got.split(";"))
        assert got == int(value), key


def test_cli_prisma(screened, capsys):
    from alereview.cli import main

    results = screened / "results"
    for sub, names in (
        ("dedup", ("unique.tsv", "clusters.tsv", "counts.json")),
        ("records", ("records.tsv",)),
        ("screening", ("decisions.tsv",)),
    ):
        (results / sub).mkdir(parents=True)
        for name in names:
            shutil.copy(screened / name, results / sub / name)
    (screened / "config").mkdir()
    (screened / "config" / "config.yaml").write_text(
        "review: {id: t, title: t}\nsearch: {cutoff: '2024-03-21'}\ndedup: {}\n"
        "screening: {reviewers: [LDX, ZY]}\nstudies: {table: records.tsv}\ncoordinates: {}\n"
        "analyses: {a: {title: A}}\nale: {}\n"
    )
    assert main(["prisma", "--config", str(screened / "config" / "config.yaml"), "--results", str(results)]) == 0
    printed = capsys.readouterr().out
    assert "records_screened\t6" in printed and "new_studies\t1" in printed
    assert read_prisma(results / "prisma" / "prisma.csv")["duplicates"] == "2"


def test_a_database_with_two_exports_is_listed_once():
    """Two exports of one database (e.g. an update's re-export): "PubMed, 2; Scopus, 5", not Scopus twice."""
    from alereview.screening.prisma import format_databases

    order = ["PubMed", "Scopus", "Scopus"]
    assert format_databases({"PubMed": 2, "Scopus": 5}, order) == "PubMed, 2; Scopus, 5"


def test_search_databases_lists_each_once():
    from alereview.config_refs import search_databases

    config = {"search": {"pubmed": {"query": "q"}, "exports": [{"database": "Scopus"}, {"database": "Embase"}, {"database": "Scopus"}]}}
    assert search_databases(config) == ["PubMed", "Scopus", "Embase"]
