"""The E-utilities client against the local stand-in: every fault survived or failed cleanly."""

import pytest

from alereview.search.entrez import EntrezClient, check_efetch, parse_esearch
from alereview.search.ratelimit import EntrezFailure, RateLimiter, RetryPolicy, TransientError, call_with_retries, parse_retry_after
from eutils_standin import EUtilsStandIn, make_corpus

FAULTS = ["429", "500", "502", "drop", "error200", "truncated", "short_read", "notxml", "missing", "stall"]


@pytest.fixture
def standin():
    with EUtilsStandIn(make_corpus(1200), retry_after="0") as server:
        yield server


def fast_client(server, max_tries=3, **kwargs):
    return EntrezClient(
        server.url,
        email="test@example.org",
        api_key="",
        timeout=0.5,
        policy=RetryPolicy(max_tries=max_tries, backoff=0.01, backoff_max=0.05),
        limiter=RateLimiter(0.0),
        **kwargs,
    )


def test_esearch_reads_count_history_and_translation(standin):
    client = fast_client(standin)
    reply = client.esearch("stroke AND acupuncture", "edat", "2000-01-01", "2005-12-31")
    assert reply.count == len(reply.pmids) > 0
    assert reply.webenv.startswith("MCID_") and reply.query_key == "1"
    assert reply.query_translation == "stroke AND acupuncture AND 2000/01/01:2005/12/31[Date - Entry]"
    params = standin.requests("esearch")[0][2]
    assert params["tool"] == "alereview" and params["email"] == "test@example.org"
    assert params["usehistory"] == "y" and params["datetype"] == "edat"


@pytest.mark.parametrize("kind", FAULTS)
def test_each_fault_is_retried_then_survived(standin, kind):
    client = fast_client(standin)
    search = client.esearch("q", "edat", "2000-01-01", "2023-12-31")
    standin.inject(kind, "efetch", times=2)
    pmids = search.pmids[:100]
    xml = client.efetch_history(search.webenv, search.query_key, 0, pmids, "EFetch batch 1 of 12")
    check_efetch(xml, pmids)
    assert client.retries.count == 2
    assert [entry[3] for entry in standin.requests("efetch")] == [kind, kind, None]


@pytest.mark.parametrize("kind", ["500", "error200", "truncated", "drop"])
def test_each_fault_fails_cleanly_naming_the_batch(standin, kind):
    client = fast_client(standin, max_tries=3)
    search = client.esearch("q", "edat", "2000-01-01", "2023-12-31")
    standin.inject(kind, "efetch", times=99)
    with pytest.raises(EntrezFailure, match=r"EFetch batch 7 of 12 failed after 3 tries"):
        client.efetch_history(search.webenv, search.query_key, 600, search.pmids[600:700], "EFetch batch 7 of 12")
    assert len(standin.requests("efetch")) == 3


def test_esearch_error_in_200_is_retried_not_taken_for_zero_hits(standin):
    client = fast_client(standin)
    standin.inject("error200", "esearch", times=1)
    reply = client.esearch("q", "edat", "2000-01-01", "2023-12-31")
    assert reply.count == 1200 and client.retries.count == 1


def test_429_honours_retry_after():
    with EUtilsStandIn(make_corpus(50), retry_after="1") as server:
        client = fast_client(server)
        server.inject("429", "esearch", times=1)
        client.esearch("q", "edat", "2000-01-01", "2023-12-31")
        first, second = server.requests("esearch")
        assert first[3] == "429" and second[3] is None
        assert second[0] - first[0] >= 0.95  # waited Retry-After, not the 0.01 s backoff


def test_backoff_doubles_and_is_capped():
    policy = RetryPolicy(max_tries=6, backoff=0.5, backoff_max=3)
    assert [policy.delay(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 3, 3]
    sleeps = []
    attempts = iter([TransientError("HTTP 500"), TransientError("HTTP 502"), "ok"])

    def flaky():
        outcome = next(attempts)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    assert call_with_retries(flaky, policy, "x", sleep=sleeps.append) == "ok"
    assert sleeps == [0.5, 1.0]
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # a past date: no wait


def test_a_bad_request_is_not_retried(standin):
    client = fast_client(standin)
    with pytest.raises(EntrezFailure, match="HTTP 404"):
        client.request("nosuchutility.fcgi", {})
    assert len(standin.requests()) == 1


def test_pmid_check_rejects_a_batch_missing_one_record(standin):
    client = fast_client(standin, max_tries=2)
    search = client.esearch("q", "edat", "2000-01-01", "2023-12-31")
    standin.inject("missing", "efetch", times=5)
    with pytest.raises(EntrezFailure, match="PMID mismatch: asked 50, got 49"):
        client.efetch_history(search.webenv, search.query_key, 0, search.pmids[:50], "EFetch batch 1")


def test_efetch_by_id_and_long_queries_are_posted(standin):
    client = fast_client(standin)
    pmids = [str(30000000 + i) for i in range(250)]
    xml = client.efetch_ids(pmids, "EFetch by id")
    check_efetch(xml, pmids)
    assert "id" in standin.requests("efetch")[0][2] and standin.requests("efetch")[0][4] == "POST"
    long_query = " OR ".join(f'"term number {i}"[tiab]' for i in range(60))
    client.esearch("short", "edat", "2000-01-01", "2000-12-31")
    client.esearch(long_query, "edat", "2000-01-01", "2000-12-31")
    short, long = standin.requests("esearch")
    assert (short[4], long[4]) == ("GET", "POST") and long[2]["term"] == long_query


def test_standin_enforces_the_esearch_cap():
    with EUtilsStandIn(make_corpus(12000)) as server:
        client = fast_client(server, max_tries=1)
        with pytest.raises(EntrezFailure, match="retstart' cannot be larger than 9998"):
            call_with_retries(
                lambda: parse_esearch(client.request("esearch.fcgi", {"term": "q", "retstart": 9999})), client.policy, "ESearch page 2"
            )
        reply = client.esearch("q", "edat", "1800-01-01", "2024-03-21")
        assert reply.count == 12000 and len(reply.pmids) == 9999
        with pytest.raises(EntrezFailure, match="cap"):
            client.efetch_history(reply.webenv, reply.query_key, 9900, reply.pmids[9900:9999] + ["1", "2"], "b")


def test_real_replies_parse(test_data):
    reply = parse_esearch((test_data / "entrez" / "esearch2.xml").read_bytes())
    assert reply.count == 42249 and len(reply.pmids) == 100 and reply.webenv.startswith("MCID_")
    assert "[Date - Entry]" in reply.query_translation
    empty = parse_esearch((test_data / "entrez" / "esearch8.xml").read_bytes())
    assert empty.count == 0 and empty.pmids == []
    with pytest.raises(TransientError, match="Empty ID list"):
        check_efetch((test_data / "entrez" / "epost3.xml").read_bytes(), [])
    with pytest.raises(TransientError, match="not XML"):
        check_efetch((test_data / "entrez" / "pubmed3.html").read_bytes(), [])
    truncated = (test_data / "entrez" / "pubmed4.xml").read_bytes()[:5000]
    with pytest.raises(TransientError, match="truncated"):
        check_efetch(truncated, ["27797938"])
    check_efetch((test_data / "entrez" / "pubmed2.xml").read_bytes(), ["11700088", "11748933"])


@pytest.mark.parametrize("key, per_second", [("", 3), ("fake-key-for-rate", 10)])
def test_rate_limit_is_ncbis(monkeypatch, key, per_second):
    monkeypatch.setenv("NCBI_API_KEY", key)
    with EUtilsStandIn(make_corpus(10)) as server:
        client = EntrezClient(server.url, email="t@example.org", policy=RetryPolicy(max_tries=1))
        for _ in range(per_second + 3):
            client.esearch("q", "edat", "2000-01-01", "2023-12-31")
        times = [entry[0] for entry in server.requests()]
        window = [times[i + per_second] - times[i] for i in range(len(times) - per_second)]
        assert min(window) >= 1.0, f"more than {per_second} requests within one second"
        assert ("api_key" in server.requests()[0][2]) == bool(key)
