"""A local stand-in for NCBI E-utilities (ESearch, EFetch for PubMed) that injects faults.

Tests start it on 127.0.0.1 (a free port) and point the real client at ``standin.url``. It
serves a synthetic corpus of PubMed records, each with an entry date, with the behaviours of
the real service that matter here: the history server (``usehistory=y`` → ``WebEnv`` and
``QueryKey``), date windows (``datetype``, ``mindate``, ``maxdate``), ESearch's cap of 9,999
IDs (an ``<ERROR>`` in a 200 reply when ``retstart`` > 9998), and EFetch by history or by
``id``. Faults are queued with :meth:`EUtilsStandIn.inject`:

``429``          HTTP 429 with ``Retry-After`` and NCBI's JSON body (echoing the ``api-key``)
``500``/``502``  a server error with an HTML page (quoting the request, with its ``api_key``)
``drop``         the connection closed without a reply
``error200``     HTTP 200 whose body is ``<ERROR>Search Backend failed ...</ERROR>`` (echoing the key,
                 plain and URL-encoded)
``truncated``    HTTP 200 with the XML cut in the middle
``short_read``   a ``Content-Length`` longer than the body, then the connection closed
``notxml``       HTTP 200 with an HTML page (as ``pubmed3.html``)
``missing``      HTTP 200, valid XML, one article fewer than asked for
``stall``        no reply for ``stall_seconds`` (the client's timeout should fire first)
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

CAP = 9999
RETSTART_ERROR = (
    b'<?xml version="1.0" encoding="UTF-8" ?>\n<eSearchResult><ERROR>Search Backend failed: '
    b"Exception:\n'retstart' cannot be larger than 9998. For PubMed, ESearch can only "
    b"retrieve the first 9,999 records matching the query. To obtain more than 9,999 "
    b"PubMed records, consider using EDirect</ERROR></eSearchResult>"
)
HTML_ERROR = (
    b"<!DOCTYPE html><html><head><title>Server Error</title></head><body><h1>"
    b"Internal Server Error</h1><p>The server encountered an internal error.</p></body></html>"
)


def make_corpus(n, first_pmid=30000000, start=dt.date(2000, 1, 1), end=dt.date(2023, 12, 31)):
    """``n`` (pmid, entry date) pairs spread evenly over ``start .. end``."""
    days = (end - start).days
    return [(first_pmid + i, start + dt.timedelta(days=(i * days) // max(n - 1, 1))) for i in range(n)]


def article_xml(pmid, entry_date, title=None, author=None) -> str:
    """A small but complete PubmedArticle (title and first author's surname may be given)."""
    title = escape(title) if title else f"Stand-in record {pmid}: acupuncture and <i>fMRI</i>"
    author = escape(author) if author else f"Author{pmid % 97}"
    doi = f'<ArticleId IdType="doi">10.5555/standin.{pmid}</ArticleId>' if pmid % 2 == 0 else ""
    return (
        f'<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">{pmid}</PMID>'
        f'<Article PubModel="Print"><Journal><JournalIssue CitedMedium="Print"><Volume>{pmid % 50}</Volume>'
        f"<Issue>{pmid % 12 + 1}</Issue><PubDate><Year>{entry_date.year}</Year></PubDate></JournalIssue>"
        f"<Title>Journal of Stand-in Studies</Title></Journal>"
        f"<ArticleTitle>{title}</ArticleTitle>"
        f"<Pagination><MedlinePgn>{pmid % 300 + 1}-9</MedlinePgn></Pagination>"
        f"<Abstract><AbstractText>Abstract of {pmid}.</AbstractText></Abstract>"
        f'<AuthorList CompleteYN="Y"><Author ValidYN="Y"><LastName>{author}</LastName>'
        f"<Initials>AB</Initials></Author></AuthorList><Language>eng</Language></Article></MedlineCitation>"
        f'<PubmedData><History><PubMedPubDate PubStatus="entrez"><Year>{entry_date.year}</Year>'
        f"<Month>{entry_date.month}</Month><Day>{entry_date.day}</Day></PubMedPubDate></History>"
        f'<PublicationStatus>ppublish</PublicationStatus><ArticleIdList><ArticleId IdType="pubmed">{pmid}'
        f"</ArticleId>{doi}</ArticleIdList></PubmedData></PubmedArticle>"
    )


class EUtilsStandIn:
    """The server; use as a context manager.

    Parameters
    ----------
    corpus : list of (int, datetime.date)
        The records every query finds (the query text is only echoed in ``QueryTranslation``).
    retry_after : str
        ``Retry-After`` sent with injected 429s.
    records : dict, optional
        ``{pmid: (title, first author's surname)}`` for a corpus on a topic of its own.
    """

    def __init__(self, corpus, retry_after="1", stall_seconds=1.5, records=None):
        self.records = records or {}
        self.stall_seconds = stall_seconds
        self.corpus = sorted(corpus, key=lambda item: (item[1], item[0]), reverse=True)
        self.retry_after = retry_after
        self.faults = []
        self.log = []
        self.sessions = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/entrez/eutils/"

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._server.shutdown()
        self._server.server_close()

    def inject(self, kind, utility="efetch", times=1, **match):
        """Queue ``times`` faults of ``kind`` for requests to ``utility`` whose params match."""
        with self._lock:
            self.faults.append({"kind": kind, "utility": utility, "times": times, "match": {k: str(v) for k, v in match.items()}})

    def requests(self, utility=None):
        """Logged requests (``(time, utility, params, fault, method)``), optionally of one utility."""
        return [entry for entry in self.log if utility is None or entry[1] == utility]

    def _take_fault(self, utility, params):
        with self._lock:
            for fault in self.faults:
                if fault["utility"] == utility and fault["times"] > 0 and all(params.get(k) == v for k, v in fault["match"].items()):
                    fault["times"] -= 1
                    return fault["kind"]
        return None

    def _window(self, params):
        low, high = (dt.date.fromisoformat(params[k].replace("/", "-")) if k in params else None for k in ("mindate", "maxdate"))
        return [(pmid, day) for pmid, day in self.corpus if (low is None or day >= low) and (high is None or day <= high)]

    def esearch(self, params) -> bytes:
        hits = self._window(params)
        retstart, retmax = int(params.get("retstart", 0)), int(params.get("retmax", 20))
        if retstart > CAP - 1:
            return RETSTART_ERROR
        ids = [pmid for pmid, _ in hits][retstart : min(retstart + retmax, CAP)]
        history = ""
        if params.get("usehistory") == "y":
            with self._lock:
                webenv = f"MCID_standin_{len(self.sessions) + 1:06d}"
                self.sessions[webenv] = hits
            history = f"<QueryKey>1</QueryKey><WebEnv>{webenv}</WebEnv>"
        field = "Date - Entry" if params.get("datetype", "edat") == "edat" else "Date - Publication"
        window = f" AND {params['mindate']}:{params['maxdate']}[{field}]" if "mindate" in params else ""
        warning = (
            "<WarningList><OutputMessage>Restrictions achieved</OutputMessage></WarningList>" if len(hits) > CAP and retmax >= CAP else ""
        )
        body = (
            f'<?xml version="1.0" encoding="UTF-8" ?>\n<eSearchResult><Count>{len(hits)}</Count>'
            f"<RetMax>{len(ids)}</RetMax><RetStart>{retstart}</RetStart>{history}<IdList>\n"
            + "".join(f"<Id>{pmid}</Id>\n" for pmid in ids)
            + f"</IdList><TranslationSet/><QueryTranslation>{escape(params.get('term', ''))}{window}"
            f"</QueryTranslation>{warning}</eSearchResult>"
        )
        return body.encode("utf-8")

    def efetch(self, params, drop_one=False) -> bytes:
        if "WebEnv" in params:
            hits = self.sessions.get(params["WebEnv"])
            if hits is None:
                return b"<eFetchResult><ERROR>Unable to obtain query #1</ERROR></eFetchResult>"
            retstart, retmax = int(params.get("retstart", 0)), int(params.get("retmax", 20))
            if retstart > CAP - 1:
                return RETSTART_ERROR.replace(b"eSearchResult", b"eFetchResult")
            chosen = hits[retstart : min(retstart + retmax, CAP)]
        else:
            wanted = [int(p) for p in params.get("id", "").split(",") if p.strip()]
            dates = dict(self.corpus)
            chosen = [(p, dates[p]) for p in wanted if p in dates]
        if drop_one and chosen:
            chosen = chosen[:-1]
        body = (
            '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
            '1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
            "<PubmedArticleSet>\n" + "\n".join(article_xml(p, d, *self.records.get(p, ())) for p, d in chosen) + "\n</PubmedArticleSet>\n"
        )
        return body.encode("utf-8")

    def _handler_class(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                parsed = urllib.parse.urlsplit(self.path)
                self._serve(parsed.path, dict(urllib.parse.parse_qsl(parsed.query)), "GET")

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                data = self.rfile.read(length).decode("utf-8")
                self._serve(urllib.parse.urlsplit(self.path).path, dict(urllib.parse.parse_qsl(data)), "POST")

            def _reply(self, status, body, content_type="text/xml; charset=UTF-8", headers=(), length=None):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body) if length is None else length))
                for name, value in headers:
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def _serve(self, path, params, method):
                utility = path.rsplit("/", 1)[-1].replace(".fcgi", "")
                fault = standin._take_fault(utility, params)
                standin.log.append((time.monotonic(), utility, params, fault, method))
                if utility not in ("esearch", "efetch"):
                    return self._reply(404, HTML_ERROR, "text/html")
                # As NCBI: error replies echo the request's API key (the client's IP without one).
                key = params.get("api_key") or self.client_address[0]
                if fault == "429":
                    body = f'{{"error":"API rate limit exceeded","api-key":"{key}","count":"4","limit":"3"}}'
                    return self._reply(429, body.encode(), "application/json", [("Retry-After", standin.retry_after)])
                if fault in ("500", "502"):
                    echo = (f"<p>Request: {self.command} {self.path}?{urllib.parse.urlencode(params)}</p><p>apikey: {key}</p>").encode()
                    return self._reply(int(fault), HTML_ERROR.replace(b"</body>", echo + b"</body>"), "text/html")
                if fault == "stall":
                    time.sleep(standin.stall_seconds)
                    self.close_connection = True
                    return
                if fault == "drop":
                    self.close_connection = True
                    return
                if fault == "error200":
                    tag = "eSearchResult" if utility == "esearch" else "eFetchResult"
                    return self._reply(
                        200,
                        f"<{tag}><ERROR>Search Backend failed: Database is not "
                        f"supported: pubmed (api_key={key}; "
                        f"{urllib.parse.quote('api_key=' + key)})</ERROR></{tag}>".encode(),
                    )
                if fault == "notxml":
                    return self._reply(
                        200,
                        b"<html><head><title>PmFetch response</title></head><body><pre>Pubmed-entry ::= {</pre></body></html>",
                        "text/html",
                    )
                body = standin.esearch(params) if utility == "esearch" else standin.efetch(params, fault == "missing")
                if fault == "truncated":
                    return self._reply(200, body[: len(body) // 2])
                if fault == "short_read":
                    self.close_connection = True
                    return self._reply(200, body[: len(body) // 2], length=len(body))
                return self._reply(200, body)

        return Handler


def read_corpus(path):
    """A corpus TSV (``pmid, entry_date, title, author``): corpus pairs and the records mapping."""
    import csv

    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    corpus = [(int(r["pmid"]), dt.date.fromisoformat(r["entry_date"])) for r in rows]
    return corpus, {int(r["pmid"]): (r["title"], r["author"]) for r in rows}


def main(argv=None) -> int:
    """Serve a corpus TSV until interrupted: ``python tests/eutils_standin.py CORPUS.tsv``."""
    import argparse

    parser = argparse.ArgumentParser(description="A local E-utilities stand-in serving a corpus TSV.")
    parser.add_argument("corpus", help="TSV: pmid, entry_date, title, author")
    args = parser.parse_args(argv)
    corpus, records = read_corpus(args.corpus)
    with EUtilsStandIn(corpus, records=records) as server:
        print(server.url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    raise SystemExit(main())
