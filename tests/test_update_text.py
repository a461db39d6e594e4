"""The update's methods text counts the screened records by record identity, and lists each database once."""

from __future__ import annotations

import json

from alereview.checks.prisma_s import update_facts
from alereview.screening.prisma import read_prisma
from alereview.report.html import Report, _protocol
from alereview.report.methods import _update_sentences

import test_update
from test_update import decide, prisma, screen

export_update = test_update.export_update  # the fixture: first version screened, then an update

SEARCH = {
    "pubmed": {"query": "q"},
    "exports": [{"database": "Embase", "path": "embase.ris"}, {"database": "Embase", "path": "embase_update.ris"}],
}


def test_the_text_says_how_many_new_records_were_screened(export_update):
    work, results, _, to_screen = export_update
    decide(to_screen, work / "ta_v2_text.csv", "title_abstract")
    screen(work, results, ["ta_v1.csv", "ta_v2_text.csv"], ["ft_v1.csv"])
    prisma(work, results)
    provenance = json.loads((results / "records" / "provenance.json").read_text(encoding="utf-8"))
    pubmed = json.loads((results / "search" / "pubmed.json").read_text(encoding="utf-8"))
    facts = update_facts(pubmed, provenance)
    text = _update_sentences(facts, SEARCH, read_prisma(results / "prisma" / "prisma.csv"))
    # 15 records new to their database, 5 of them duplicates (3 of records screened before): 10 screened.
    assert "15 records were new" in text
    assert "10 of them were screened: the other 5 were duplicates" in text
    assert "only they were screened" not in text and "Embase, Embase" not in text


def test_without_duplicates_every_new_record_was_screened():
    facts = {"new_records": 4, "previous_records": 20, "previous_window": {}, "new_window": {}}
    text = _update_sentences(facts, {"exports": [{"database": "Scopus"}]}, {"records_screened": "4", "duplicates": "0"})
    assert "All 4 were screened." in text


def test_the_protocol_lists_each_database_once():
    config = {
        "review": {"title": "t"},
        "search": {
            "pubmed": {"query": "q"},
            "cutoff": "2024-01-01",
            "exports": [{"database": "Scopus", "path": "a.ris"}, {"database": "Scopus", "path": "b.ris"}],
        },
        "screening": {},
    }
    report = Report()
    _protocol(report, config)
    html = "\n".join(report.parts)
    assert "PubMed, Scopus" in html and "Scopus, Scopus" not in html
