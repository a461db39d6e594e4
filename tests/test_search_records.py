"""records.tsv: identifiers, provenance, the CLI and the workflow rules of the search stage."""

import json
import re
import os
import shutil
import subprocess
import sys

import pytest
import yaml

from alereview.cli import main
from alereview.errors import InputError
from alereview.search.entrez import EntrezClient
from alereview.search.fields import RECORD_COLUMNS
from alereview.search.pubmed import search_pubmed
from alereview.search.ratelimit import RateLimiter
from alereview.search.records import assign_record_ids, export_keys, records_frame, source_slug
from alereview.tsv import read_tsv
from eutils_standin import EUtilsStandIn, make_corpus


def test_record_ids_run_per_source_over_its_files():
    pubmed = records_frame([{"pmid": "123", "title": "a"}, {"pmid": "45", "title": "b"}], "PubMed", "snap", "pubmed_xml")
    embase_1 = records_frame([{"title": "c"}, {"title": "d"}], "Embase", "e1.ris", "ris")
    wos = records_frame([{"title": "e"}], "Web of Science", "w.txt", "wos")
    embase_2 = records_frame([{"title": "f"}], "Embase", "e2.ris", "ris")
    table = assign_record_ids([pubmed, embase_1, wos, embase_2])
    assert list(table.columns) == RECORD_COLUMNS
    assert list(table["record_id"]) == ["pubmed-123", "pubmed-45", "embase-00001", "embase-00002", "web_of_science-00001", "embase-00003"]
    assert list(table["source_index"]) == ["1", "2", "1", "2", "1", "1"]


def test_record_id_problems_are_located():
    with pytest.raises(InputError, match=r"snap, record 1, field 'pmid'"):
        assign_record_ids([records_frame([{"title": "no pmid"}], "PubMed", "snap", "pubmed_xml")])
    twice = records_frame([{"pmid": "7"}, {"pmid": "7"}], "PubMed", "snap", "pubmed_xml")
    with pytest.raises(InputError, match=r"pubmed-7 occurs twice"):
        assign_record_ids([twice])


def test_slugs_and_keys():
    assert source_slug("万方").startswith("source_") and source_slug("Cochrane Library") == "cochrane_library"
    assert export_keys([{"database": "CNKI"}, {"database": "Wanfang"}]) == ["cnki", "wanfang"]


def test_cli_import_reads_every_record_and_is_deterministic(shared_dir, tmp_path):
    files = [str(shared_dir / "data" / "exports" / n) for n in ("scopus.ris", "wos_test.ris", "mendeley_export.xml")]
    assert (
        main(
            [
                "import",
                *files,
                "--database",
                "Scopus",
                "--database",
                "Web of Science",
                "--database",
                "Mendeley",
                "--out",
                str(tmp_path / "a"),
            ]
        )
        == 0
    )
    table = read_tsv(tmp_path / "a" / "records.tsv")
    assert list(table.columns) == RECORD_COLUMNS and len(table) == 10 + 50 + 1233
    provenance = json.loads((tmp_path / "a" / "provenance.json").read_text())
    assert [(s["source"], s["format"], s["encoding"], s["records"]) for s in provenance["sources"]] == [
        ("Scopus", "ris", "utf-8-sig", 10),
        ("Web of Science", "ris", "utf-8-sig", 50),
        ("Mendeley", "endnote_xml", "utf-8", 1233),
    ]
    assert (
        main(
            [
                "import",
                *files,
                "--database",
                "Scopus",
                "--database",
                "Web of Science",
                "--database",
                "Mendeley",
                "--out",
                str(tmp_path / "b"),
            ]
        )
        == 0
    )
    assert (tmp_path / "a" / "records.tsv").read_bytes() == (tmp_path / "b" / "records.tsv").read_bytes()


def test_cli_import_reports_bad_input(tmp_path, capsys):
    bad = tmp_path / "bad.ris"
    bad.write_text("TY  - JOUR\nTI  - x\n", encoding="utf-8")
    assert main(["import", str(bad), "--out", str(tmp_path / "out")]) == 2
    assert "bad.ris, record 1, field 'ER'" in capsys.readouterr().err
    assert not (tmp_path / "out" / "records.tsv").exists()


def test_cli_search_against_the_standin(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("NCBI_API_KEY", raising=False)
    with EUtilsStandIn(make_corpus(150), retry_after="0") as server:
        args = [
            "search",
            "--query",
            "stroke AND acupuncture",
            "--mindate",
            "2000-01-01",
            "--maxdate",
            "2023-12-31",
            "--eutils-url",
            server.url,
            "--batch-size",
            "100",
            "--backoff",
            "0.01",
            "--max-tries",
            "2",
        ]
        server.inject("500", "efetch", times=9, retstart=100)
        assert main([*args, "--out", str(tmp_path / "out")]) == 1
        assert "EFetch batch 2 of 2" in capsys.readouterr().err
        server.faults.clear()
        assert main([*args, "--out", str(tmp_path / "out")]) == 0
    table = read_tsv(tmp_path / "out" / "records.tsv")
    assert len(table) == 150 and table["record_id"].str.startswith("pubmed-").all()
    facts = json.loads((tmp_path / "out" / "pubmed.json").read_text())
    assert facts["count"] == 150 and facts["window"] == {"mindate": "2000/01/01", "maxdate": "2023/12/31"}
    assert facts["windows"][0]["batches_reused"] == 1


@pytest.mark.slow
def test_workflow_rules_build_records_offline(tmp_path, repo_root, test_data):
    query = "stroke AND acupuncture"
    with EUtilsStandIn(make_corpus(300)) as server:
        search_pubmed(
            query,
            "edat",
            "1800-01-01",
            "2024-03-21",
            tmp_path / "snap",
            lambda: EntrezClient(server.url, api_key="", limiter=RateLimiter(0)),
            batch_size=200,
        )
    (tmp_path / "studies.tsv").write_text("study_id\trecord_key\nstudy1\tpmid:1\n")  # read before any job
    config = {
        "review": {"id": "t", "title": "t"},
        "search": {
            "cutoff": "2024-03-21",
            "start": "1800-01-01",
            "pubmed": {"query": query, "snapshot_dir": str(tmp_path / "snap"), "eutils_url": "http://127.0.0.1:9/"},
            "exports": [
                {"database": "Web of Science", "path": str(test_data / "search_exports" / "wos_plain.txt"), "format": "wos"},
                {"database": "Wanfang", "path": str(test_data / "search_exports" / "wanfang.csv"), "format": "csv"},
            ],
        },
        "dedup": {},
        "screening": {"reviewers": ["A"]},
        "studies": {"table": str(tmp_path / "studies.tsv")},
        "coordinates": {},
        "analyses": {"a": {"title": "A"}},
        "ale": {},
    }
    (tmp_path / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    # Only the search stage's rules (and the shared config checks), so that this test does not
    # depend on the other stages' inputs.
    (tmp_path / "Snakefile").write_text(
        f'configfile: "config.yaml"\ninclude: "{repo_root}/rules/common.smk"\ninclude: "{repo_root}/rules/search.smk"\n', encoding="utf-8"
    )
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "snakemake",
            "-s",
            str(tmp_path / "Snakefile"),
            "--directory",
            str(tmp_path),
            "--configfile",
            str(tmp_path / "config.yaml"),
            "-c1",
            "results/records/records.tsv",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NCBI_API_KEY": ""},
    )
    assert run.returncode == 0, run.stderr[-3000:]
    table = read_tsv(tmp_path / "results" / "records" / "records.tsv")
    assert table["source"].value_counts().to_dict() == {"PubMed": 300, "Web of Science": 3, "Wanfang": 2}
    assert list(table["record_id"][300:]) == [
        "web_of_science-00001",
        "web_of_science-00002",
        "web_of_science-00003",
        "wanfang-00001",
        "wanfang-00002",
    ]
    provenance = json.loads((tmp_path / "results" / "records" / "provenance.json").read_text())
    assert provenance["records"] == 305 and provenance["sources"][2]["encoding"] == "utf-8-sig"
    assert json.loads((tmp_path / "results" / "search" / "pubmed.json").read_text())["requests"] == 0


def test_the_reference_review_yields_its_records_offline(tmp_path, repo_root):
    """The default config's snapshot and exports give the paper's 3,292 records, without network."""
    from alereview.config import load_yaml
    from alereview.search.stage import run_build_records, run_import, run_pubmed

    config = load_yaml(repo_root / "config" / "config.yaml")["search"]
    pubmed = config["pubmed"]
    facts = read_tsv(repo_root / "examples" / "reference_review" / "facts" / "prisma_counts.tsv")
    expected_total = int(facts.set_index("prisma2020_key").loc["database_results", "n"])
    tables = [tmp_path / "pubmed.tsv"]
    jsons = [tmp_path / "pubmed.json"]
    # A copy of the snapshot: building records keeps a ledger beside it (alereview.search.ledger).
    snapshots = tmp_path / "snapshots"
    shutil.copytree(repo_root / pubmed["snapshot_dir"], snapshots)
    search = run_pubmed(
        pubmed["query"],
        config["start"],
        config["cutoff"],
        snapshots,
        tables[0],
        jsons[0],
        datetype=pubmed["datetype"],
        eutils_url="http://127.0.0.1:9/",
    )
    assert search["requests"] == 0 and search["windows"][0]["mode"] == "snapshot"
    for key, export in zip(export_keys(config["exports"]), config["exports"]):
        tables.append(tmp_path / f"{key}.tsv")
        jsons.append(tmp_path / f"{key}.json")
        info = run_import(
            repo_root / export["path"], export["database"], export["format"], tables[-1], jsons[-1], encoding=export.get("encoding", "auto")
        )
        raw = (repo_root / export["path"]).read_bytes()
        counters = {
            "ris": lambda raw, path: len(re.findall(rb"^ER  -", raw, re.M)),
            "wos": lambda raw, path: len(re.findall(rb"^ER\s*$", raw, re.M)),
            "endnote_xml": lambda raw, path: raw.count(b"<record>"),
            "nbib": lambda raw, path: len(re.findall(rb"^TI  - ", raw, re.M)),
            "csv": lambda raw, path: len(read_tsv(path, sep=",", encoding="utf-8-sig")),
        }
        independent = counters[export["format"]](raw, repo_root / export["path"])
        assert info["records"] == independent, export["path"]
    table = run_build_records(tables, jsons, tmp_path / "records.tsv", tmp_path / "provenance.json")
    assert len(table) == expected_total == 3292
    assert table["record_id"].is_unique and (table["title"] != "").all()


def test_author_names_follow_the_records_contract():
    """'Surname Initials' (Embase, MEDLINE AU) becomes 'Surname, Initials'; full names stay."""
    from alereview.search.fields import join_authors

    names = ["Wilson J.C.", "van der Berg JC", "Wang Wei", "Smith, John", "王伟", "LI X"]
    assert join_authors(names) == "Wilson, J.C.; van der Berg, JC; Wang Wei; Smith, John; 王伟; LI, X"
