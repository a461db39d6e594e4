"""PRISMA-S (Rethlefsen et al. 2021): the 16 items with what the run recorded, the rest 'not recorded'."""

import pytest

from alereview.checks.prisma_s import databases, prisma_s_items
from alereview.errors import ConfigError

QUERY = '(reading OR dyslexia) AND "functional MRI"'


def config(**prisma_s):
    return {
        "review": {"id": "r", "title": "R"},
        "search": {
            "start": "1800-01-01",
            "cutoff": "2024-06-30",
            "pubmed": {"query": QUERY, "datetype": "edat", "eutils_url": "https://eutils.example/"},
            "exports": [{"database": "Scopus", "path": "scopus_a.ris"}, {"database": "Scopus", "path": "scopus_b.ris"}],
        },
        "dedup": {"keep": "source_priority", "source_priority": ["PubMed", "Scopus"]},
        "screening": {"reviewers": ["AB", "CD"], "arbiter": "EF"},
        "checks": {"prisma_s": prisma_s},
    }


PUBMED = {
    "query": QUERY,
    "query_translation": "reading[All Fields] ...",
    "datetype": "edat",
    "searched_on": "2024-07-01",
    "eutils_url": "https://eutils.example/",
    "window": {"mindate": "1800/01/01", "maxdate": "2024/06/30"},
    "windows": [{"window_id": "w1", "mindate": "1800/01/01", "maxdate": "2024/06/30", "searched_on": "2024-07-01", "mode": "live"}],
}
COUNTS = {
    "records": 120,
    "records_by_database": {"PubMed": 70, "Scopus": 50},
    "duplicates_removed": 30,
    "unique": 90,
    "uncertain_pairs": 2,
    "manual_decisions": {"same": 1, "different": 1},
}


def item(table, number):
    return table.set_index("item").loc[str(number)]


def test_sixteen_items_in_order_then_who_screened():
    table = prisma_s_items(config(), PUBMED, None, COUNTS)
    assert table["item"].tolist()[:16] == [str(i) for i in range(1, 17)]
    assert table["name"].iloc[7] == "Full search strategies" and table["name"].iloc[15] == "Deduplication"
    who = table.iloc[16]
    assert who["item"] == "PRISMA 2020 #8" and "AB, CD" in who["reported"] and "EF" in who["reported"]


def test_what_the_run_recorded():
    table = prisma_s_items(config(), PUBMED, None, COUNTS)
    assert f"PubMed, as run: {QUERY}" in item(table, 8)["reported"]
    assert "reading[All Fields]" in item(table, 8)["reported"]
    assert item(table, 13)["reported"].startswith("PubMed: 2024-07-01")
    assert "PubMed: 70; Scopus: 50; total 120 records." == item(table, 15)["reported"]
    dedup = item(table, 16)["reported"]
    assert "120 records, 30 duplicates removed, 90 unique records; 2 uncertain pairs" in dedup
    assert "manual decisions: 1 same, 1 different" in dedup and "PubMed, Scopus" in dedup
    assert "entry date (EDAT) from inception to 2024/06/30" in item(table, 9)["reported"]
    assert "No update" in item(table, 12)["reported"]


def test_databases_are_named_once():
    assert databases(config()["search"]) == ["PubMed", "Scopus"]
    reported = item(prisma_s_items(config(), PUBMED, None, COUNTS), 1)["reported"]
    assert reported.count("Scopus (export") == 1 and "scopus_a.ris, scopus_b.ris" in reported


def test_items_the_run_cannot_know_say_how_to_record_them():
    table = prisma_s_items(config(), PUBMED, None, COUNTS)
    for number, key in ((2, "multi_database"), (5, "citation_searching"), (14, "peer_review")):
        row = item(table, number)
        assert row["status"] == "not recorded" and f"checks.prisma_s.{key}" in row["reported"]
    assert item(table, 1)["status"] == "partly recorded" and "checks.prisma_s.platforms" in item(table, 1)["reported"]
    assert "Scopus: not recorded: give it as checks.prisma_s.strategies" in item(table, 8)["reported"]


def test_what_the_authors_record_in_config_is_reported():
    table = prisma_s_items(
        config(
            peer_review="PRESS by a librarian",
            platforms={"Scopus": "Scopus.com"},
            strategies={"Scopus": "TITLE-ABS-KEY(reading)"},
            search_dates={"Scopus": "2024-07-02"},
        ),
        PUBMED,
        None,
        COUNTS,
    )
    assert item(table, 14)["reported"] == "PRESS by a librarian" and item(table, 14)["status"] == "config"
    assert "Scopus via Scopus.com" in item(table, 1)["reported"] and item(table, 1)["status"] == "recorded + config"
    assert "Scopus: TITLE-ABS-KEY(reading)" in item(table, 8)["reported"] and "not recorded" not in item(table, 8)["reported"]
    assert "Scopus: 2024-07-02" in item(table, 13)["reported"]


def test_an_update_is_described_with_both_windows():
    pubmed = dict(
        PUBMED,
        windows=[
            {"window_id": "w1", "mindate": "1800/01/01", "maxdate": "2023/12/31", "searched_on": "2024-01-02", "mode": "snapshot"},
            {"window_id": "w2", "mindate": "2024/01/01", "maxdate": "2024/06/30", "searched_on": "2024-07-01", "mode": "live"},
        ],
    )
    text = item(prisma_s_items(config(), pubmed, None, COUNTS), 12)["reported"]
    assert "1800/01/01 to 2023/12/31" in text and "2024/01/01 to 2024/06/30" in text and "new window only" in text
    assert "Scopus" in text
    assert item(prisma_s_items(config(), pubmed, None, COUNTS), 13)["reported"].startswith("PubMed: 2024-01-02, 2024-07-01")


def test_a_database_the_review_did_not_search_is_refused():
    with pytest.raises(ConfigError, match=r"checks.prisma_s.platforms.Embase"):
        prisma_s_items(config(platforms={"Embase": "Ovid"}), PUBMED, None, COUNTS)


def test_exports_only_and_missing_counts():
    exports_only = config()
    del exports_only["search"]["pubmed"]
    table = prisma_s_items(exports_only, None, {"records": 50, "by_source": {"Scopus": 50}}, None)
    assert item(table, 8)["status"] == "not recorded" and item(table, 15)["reported"] == "Scopus: 50; total 50 records."
    assert "Counts: not recorded" in item(table, 16)["reported"]


def test_an_update_from_the_search_stage_s_facts():
    provenance = {
        "update": {
            "previous_window": {"mindate": "1800/01/01", "maxdate": "2023/12/31"},
            "new_window": {"mindate": "2024/01/01", "maxdate": "2024/06/30"},
            "pubmed_searched": "new_window_only",
            "databases_reread": ["Scopus"],
            "new_records": 61,
            "previous_records": 300,
        }
    }
    text = item(prisma_s_items(config(), PUBMED, provenance, COUNTS), 12)["reported"]
    assert "first search covered 1800/01/01 to 2023/12/31, the update 2024/01/01 to 2024/06/30" in text
    assert "Exports of Scopus were read again" in text and "previous version's 300, by record identity): 61" in text
