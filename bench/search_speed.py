"""Speed of the search stage: PubMed XML parsing, export readers, a 12,000-hit live search.

Run on demand: ``python bench/search_speed.py``. The live search goes to the local E-utilities
stand-in (tests/eutils_standin.py) with NCBI's own pacing (10 requests/s, as with an API key),
so its time is what the same search would take against NCBI, less network latency.
"""

import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from eutils_standin import EUtilsStandIn, article_xml, make_corpus  # noqa: E402

from alereview.search.entrez import EntrezClient  # noqa: E402
from alereview.search.exports import read_export  # noqa: E402
from alereview.search.pubmed import search_pubmed  # noqa: E402
from alereview.search.pubmed_xml import parse_pubmed_xml  # noqa: E402
from alereview.search.ratelimit import RateLimiter  # noqa: E402


def timed(label, function, count_of=len):
    start = time.perf_counter()
    result = function()
    seconds = time.perf_counter() - start
    n = count_of(result)
    print(f"{label:<48} {n:>7} records  {seconds:7.2f} s  {n / seconds:9.0f} records/s")
    return result


def main():
    corpus = make_corpus(12000)
    xml = ("<PubmedArticleSet>" + "".join(article_xml(p, d) for p, d in corpus) + "</PubmedArticleSet>").encode()
    timed("parse PubMed XML (12,000 synthetic articles)", lambda: parse_pubmed_xml(xml))
    shared = REPO.parent / "shared" / "data" / "exports"
    for name in ("zotero_export.ris", "mendeley_export.xml", "wos_test.ris"):
        if (shared / name).is_file():
            timed(f"read {name}", lambda name=name: read_export(shared / name)[0])
    resources = REPO / "examples" / "reference_review" / "search"
    for name in ("cnki.ris", "wanfang.csv", "vip.xml", "web_of_science.txt", "cbm.nbib", "embase.ris"):
        if (resources / name).is_file():
            timed(f"read reference {name}", lambda name=name: read_export(resources / name)[0])
    with EUtilsStandIn(corpus) as server, tempfile.TemporaryDirectory() as snapshot_dir:

        def live():
            factory = lambda: EntrezClient(server.url, email="bench@example.org", limiter=RateLimiter.for_ncbi(True))
            return search_pubmed("bench", "edat", "1800-01-01", "2024-03-21", snapshot_dir, factory, batch_size=500)[0]

        timed("live search, 12,000 hits, split, 10 req/s", live)
        print(f"{'  requests made':<48} {len(server.requests()):>7}")
        timed("replay of that snapshot (offline)", lambda: search_pubmed("bench", "edat", "1800-01-01", "2024-03-21", snapshot_dir)[0])
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
