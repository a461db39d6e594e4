"""The NCBI API key never reaches a log, an exception message or a file (issue 13).

The stand-in echoes the key as NCBI does: in its 429 JSON (``"api-key"``), in a 500 page that
quotes the request, and in an ``<ERROR>`` reply (plain and URL-encoded).
"""

import logging

import pytest

from alereview.logs import setup_logging
from alereview.search.ratelimit import EntrezFailure, RateLimiter
from alereview.redaction import redact
from alereview.search.stage import run_pubmed
from eutils_standin import EUtilsStandIn, make_corpus

KEY = "f00dcafe0123456789abcdef0123456789ab"


def _files_with_key(root):
    return [p for p in root.rglob("*") if p.is_file() and KEY.encode() in p.read_bytes()]


def _search(server, work, **kwargs):
    return run_pubmed(
        "acupuncture",
        "2000-01-01",
        "2023-12-31",
        work / "snapshots",
        work / "results" / "search" / "pubmed.tsv",
        work / "results" / "search" / "pubmed.json",
        eutils_url=server.url,
        batch_size=50,
        limiter=RateLimiter(0.0),
        backoff=0.0,
        backoff_max=0.0,
        timeout=5,
        searched_on="2024-01-01",
        **kwargs,
    )


@pytest.fixture()
def keyed(monkeypatch, tmp_path):
    monkeypatch.setenv("NCBI_API_KEY", KEY)
    (tmp_path / "logs").mkdir()
    log = tmp_path / "logs" / "search_pubmed.log"
    setup_logging(log)
    yield tmp_path, log
    logging.getLogger("alereview").handlers[:] = []


def test_key_echoed_in_retried_replies_is_never_logged(keyed, capsys):
    work, log = keyed
    with EUtilsStandIn(make_corpus(120), retry_after="0") as server:
        server.inject("429", "esearch", times=1)
        server.inject("500", "efetch", times=1)
        server.inject("error200", "efetch", times=1)
        _search(server, work, max_tries=3)
        assert all(entry[2].get("api_key") == KEY for entry in server.requests())  # the key was sent
        assert [e[3] for e in server.requests() if e[3]] == ["429", "500", "error200"]
    text = log.read_text(encoding="utf-8")
    assert "HTTP 429" in text and "HTTP 500" in text and "<ERROR>" in text  # the replies were logged
    assert "[redacted]" in text
    assert KEY not in text and KEY not in capsys.readouterr().err
    assert _files_with_key(work) == []


@pytest.mark.parametrize("kind,utility", [("429", "esearch"), ("500", "efetch"), ("error200", "efetch")])
def test_key_is_not_in_the_error_of_a_failed_search(keyed, capsys, kind, utility):
    work, log = keyed
    with EUtilsStandIn(make_corpus(60), retry_after="0") as server:
        server.inject(kind, utility, times=99)
        with pytest.raises(EntrezFailure) as excinfo:
            _search(server, work, max_tries=2)
    chain, error = [], excinfo.value
    while error is not None:
        chain.append(str(error))
        error = error.__cause__ or error.__context__
    assert "failed after 2 tries" in chain[0]
    assert all(KEY not in message for message in chain)
    assert KEY not in log.read_text(encoding="utf-8") and KEY not in capsys.readouterr().err
    assert _files_with_key(work) == []


@pytest.mark.parametrize(
    "text",
    [
        f'{{"error":"API rate limit exceeded","api-key":"{KEY}"}}',
        f"GET /efetch.fcgi?db=pubmed&api_key={KEY}&id=1",
        f"apikey: {KEY}",
        f"APIKEY={KEY}",
        f"api%5Fkey%3D{KEY}",
        f"api_key%3D{KEY}",
        f"the key {KEY} alone",
    ],
)
def test_every_spelling_of_the_key_is_redacted(text, monkeypatch):
    monkeypatch.setenv("NCBI_API_KEY", KEY)
    assert KEY not in redact(text) and "[redacted]" in redact(text)


def test_an_echo_of_another_key_is_redacted_too():
    assert "abc123zz" not in redact('{"api-key":"abc123zz"}', secrets=[])


def test_any_logger_of_the_package_is_redacted(keyed):
    """The handler setup_logging installs redacts too: a key echoed by any module is not written."""
    _, log = keyed
    logging.getLogger("alereview").error("reply: %s", f'{{"api-key":"{KEY}"}}')
    logging.getLogger("nimare").warning("odd url ?api_key=%s", KEY)
    for handler in logging.getLogger("alereview").handlers:
        handler.flush()
    text = log.read_text(encoding="utf-8")
    assert "reply:" in text and "odd url" in text and KEY not in text
