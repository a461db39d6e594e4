"""Whole PubMed searches against the stand-in: split by date, resumed, replayed, updated."""

import json
import logging

import pytest

from alereview.logs import setup_logging
from alereview.search.entrez import EntrezClient
from alereview.search.pubmed import search_pubmed, split_slices
from alereview.search.ratelimit import EntrezFailure, RateLimiter, RetryPolicy
from alereview.search.snapshot import find_snapshot, read_snapshot, window_id
from alereview.search.stage import run_pubmed
from eutils_standin import EUtilsStandIn, make_corpus

QUERY = "(stroke OR hemiplegia) AND (acupuncture OR electroacupuncture) AND fMRI"


def factory(server, max_tries=3):
    def make():
        return EntrezClient(
            server.url,
            email="t@example.org",
            api_key="",
            timeout=2,
            policy=RetryPolicy(max_tries=max_tries, backoff=0.01, backoff_max=0.05),
            limiter=RateLimiter(0.0),
        )

    return make


@pytest.mark.slow
def test_12000_hits_are_split_by_date_and_fetched_whole(tmp_path):
    corpus = make_corpus(12000)
    with EUtilsStandIn(corpus) as server:
        records, facts = search_pubmed(
            QUERY, "edat", "1800-01-01", "2024-03-21", tmp_path, factory(server), batch_size=500, searched_on="2024-03-22"
        )
        assert sorted(int(r["pmid"]) for r in records) == sorted(p for p, _ in corpus)
        assert facts["count"] == facts["records"] == 12000
        snapshot = find_snapshot(tmp_path, QUERY, "edat", "1800-01-01", "2024-03-21")
        slices = snapshot.manifest["slices"]
        assert len(slices) >= 2 and all(s["count"] <= 9999 for s in slices)
        assert sum(s["count"] for s in slices) == 12000
        # Slices tile the window without overlap; no EFetch ever passes retstart 9998.
        assert all(int(e[2].get("retstart", 0)) + int(e[2].get("retmax", 0)) <= 9999 for e in server.requests("efetch"))
        assert len(server.requests("efetch")) == facts["batches"] == len(snapshot.manifest["batches"])


def test_a_day_over_the_cap_fails_clearly(tmp_path):
    day = make_corpus(10050, start=__import__("datetime").date(2020, 5, 1), end=__import__("datetime").date(2020, 5, 1))
    with EUtilsStandIn(day) as server, pytest.raises(EntrezFailure, match="2020/05/01: 10050 hits in one day"):
        split_slices(factory(server)(), QUERY, "edat", "2020-01-01", "2020-12-31")


def test_a_resumed_run_fetches_only_the_missing_batches(tmp_path):
    with EUtilsStandIn(make_corpus(2300)) as server:
        server.inject("500", "efetch", times=99, retstart=1000)
        with pytest.raises(EntrezFailure, match=r"EFetch batch 3 of 5 .*records 1001-1500.* failed after 3 tries"):
            search_pubmed(QUERY, "edat", "1800-01-01", "2024-03-21", tmp_path, factory(server), batch_size=500)
        partial = read_snapshot(tmp_path / window_id(QUERY, "edat", "1800-01-01", "2024-03-21"))
        assert not partial.complete and [b["file"] for b in partial.manifest["batches"]] == [
            "efetch/batch_00001.xml",
            "efetch/batch_00002.xml",
        ]
        assert find_snapshot(tmp_path, QUERY, "edat", "1800-01-01", "2024-03-21") is None
        server.faults.clear()
        before = len(server.requests("efetch"))
        records, facts = search_pubmed(QUERY, "edat", "1800-01-01", "2024-03-21", tmp_path, factory(server), batch_size=500)
        second_run = [int(e[2]["retstart"]) for e in server.requests("efetch")[before:]]
        assert second_run == [1000, 1500, 2000]
        assert len(records) == 2300 and facts["windows"][0]["mode"] == "resumed"
        assert facts["windows"][0]["batches_reused"] == 2 and facts["batches_fetched"] == 3


def test_a_damaged_saved_batch_is_fetched_again(tmp_path):
    with EUtilsStandIn(make_corpus(1200)) as server:
        server.inject("drop", "efetch", times=99, retstart=1000)
        with pytest.raises(EntrezFailure):
            search_pubmed(QUERY, "edat", "1800-01-01", "2024-03-21", tmp_path, factory(server, 2), batch_size=500)
        path = tmp_path / window_id(QUERY, "edat", "1800-01-01", "2024-03-21") / "efetch" / "batch_00001.xml"
        path.write_bytes(path.read_bytes()[:300])
        server.faults.clear()
        before = len(server.requests("efetch"))
        search_pubmed(QUERY, "edat", "1800-01-01", "2024-03-21", tmp_path, factory(server), batch_size=500)
        assert [int(e[2]["retstart"]) for e in server.requests("efetch")[before:]] == [0, 1000]


def test_a_complete_snapshot_is_replayed_offline_identically(tmp_path):
    with EUtilsStandIn(make_corpus(700)) as server:
        live = run_pubmed(
            QUERY,
            "1800-01-01",
            "2024-03-21",
            tmp_path / "snap",
            tmp_path / "a.tsv",
            tmp_path / "a.json",
            eutils_url=server.url,
            batch_size=300,
            limiter=RateLimiter(0.0),
            searched_on="2024-03-22",
        )
    assert live["windows"][0]["mode"] == "live" and live["records"] == 700
    # No server now: a replay must not touch the network.
    replay = run_pubmed(
        QUERY,
        "1800-01-01",
        "2024-03-21",
        tmp_path / "snap",
        tmp_path / "b.tsv",
        tmp_path / "b.json",
        eutils_url="http://127.0.0.1:9/",
        batch_size=300,
    )
    assert replay["windows"][0]["mode"] == "snapshot" and replay["requests"] == 0
    assert (tmp_path / "a.tsv").read_bytes() == (tmp_path / "b.tsv").read_bytes()
    again = run_pubmed(
        QUERY, "1800-01-01", "2024-03-21", tmp_path / "snap", tmp_path / "c.tsv", tmp_path / "c.json", eutils_url="http://127.0.0.1:9/"
    )
    assert (tmp_path / "b.json").read_bytes() == (tmp_path / "c.json").read_bytes()
    assert again["searched_on"] == "2024-03-22" and again["query_translation"].endswith("[Date - Entry]")


def test_an_update_searches_only_the_new_window(tmp_path):
    corpus = make_corpus(900, end=__import__("datetime").date(2024, 12, 31))
    with EUtilsStandIn(corpus) as server:
        first, _ = search_pubmed(QUERY, "edat", "1800-01-01", "2024-03-21", tmp_path, factory(server), batch_size=400)
        before = len(server.requests("esearch"))
        updated, facts = search_pubmed(QUERY, "edat", "1800-01-01", "2024-09-30", tmp_path, factory(server), batch_size=400)
        new_searches = server.requests("esearch")[before:]
        assert {(e[2]["mindate"], e[2]["maxdate"]) for e in new_searches} == {("2024/03/22", "2024/09/30")}
    assert [w["mode"] for w in facts["windows"]] == ["snapshot", "live"]
    expected = sorted(p for p, day in corpus if day.isoformat() <= "2024-09-30")
    assert sorted(int(r["pmid"]) for r in updated) == expected
    assert [r["pmid"] for r in updated[: len(first)]] == [r["pmid"] for r in first]


def test_api_key_never_reaches_a_file(tmp_path, monkeypatch):
    secret = "SECRET0api0key0123456789"
    monkeypatch.setenv("NCBI_API_KEY", secret)
    log = tmp_path / "search.log"
    setup_logging(log, level=logging.DEBUG)
    try:
        with EUtilsStandIn(make_corpus(600), retry_after="0") as server:
            server.inject("500", "efetch", times=1)
            server.inject("drop", "esearch", times=1)
            run_pubmed(
                QUERY,
                "1800-01-01",
                "2024-03-21",
                tmp_path / "snap",
                tmp_path / "out" / "pubmed.tsv",
                tmp_path / "out" / "pubmed.json",
                eutils_url=server.url,
                backoff=0.01,
                limiter=RateLimiter(0.0),
            )
            assert all(e[2].get("api_key") == secret for e in server.requests())  # it was used
    finally:
        setup_logging(None)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(files) >= 6 and "retry" in log.read_text()
    for path in files:
        assert secret.encode() not in path.read_bytes(), path
    facts = json.loads((tmp_path / "out" / "pubmed.json").read_text())
    assert facts["retries"] == 2 and facts["biopython"]


def test_an_empty_window_gives_a_complete_empty_snapshot(tmp_path):
    with EUtilsStandIn(make_corpus(50)) as server:
        records, facts = search_pubmed(QUERY, "edat", "1990-01-01", "1990-12-31", tmp_path, factory(server))
    assert records == [] and facts["count"] == 0 and facts["batches"] == 0
    assert find_snapshot(tmp_path, QUERY, "edat", "1990-01-01", "1990-12-31").complete


def test_esearch_warnings_reach_the_provenance(tmp_path, test_data):
    from alereview.search.snapshot import write_snapshot

    write_snapshot(
        tmp_path,
        "abcXYZ",
        "edat",
        "2000-01-01",
        "2000-12-31",
        (test_data / "entrez" / "esearch8.xml").read_bytes(),
        [],
        "(abcXYZ[All Fields])",
        "2024-01-01",
    )
    records, facts = search_pubmed("abcXYZ", "edat", "2000-01-01", "2000-12-31", tmp_path)
    assert records == [] and any("PhraseNotFound: abcXYZ" in w for w in facts["esearch_warnings"])
