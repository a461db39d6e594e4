"""PubMed XML parsing on real EFetch replies (Biopython's tests) and synthetic edge cases."""

import pytest

from alereview.search.pubmed_xml import article_pmids, parse_pubmed_xml


def parse(test_data, name):
    return {r["pmid"]: r for r in parse_pubmed_xml((test_data / "entrez" / name).read_bytes())}


def test_no_abstract_season_date_and_no_doi(test_data):
    record = parse(test_data, "pubmed1.xml")["12091962"]
    assert record["abstract"] == "" and record["doi"] == ""
    assert record["year"] == "1990"  # <Year>1990</Year><Season>Spring</Season>
    assert record["authors"] == "Olivero, JM" and record["pages"] == "113-125"
    assert record["entry_date"] == "1990-04-01" and record["language"] == "en"


def test_doi_from_article_ids_and_entities(test_data):
    records = parse(test_data, "pubmed1.xml")
    assert records["9997"]["doi"] == "10.1016/0005-2795(76)90109-4"
    record = parse(test_data, "pubmed2.xml")["11748933"]
    assert "(P < 0.001)" in record["abstract"]
    assert record["authors"].startswith("Taddei, AR; Barbato, F") and record["authors"].count(";") == 7


def test_structured_abstract(test_data):
    record = parse(test_data, "pubmed4.xml")["27797938"]
    labels = [label for label in ("OBJECTIVE:", "DESIGN:", "RESULTS:", "CONCLUSIONS:") if label in record["abstract"]]
    assert labels == ["OBJECTIVE:", "DESIGN:", "RESULTS:", "CONCLUSIONS:"]
    assert record["abstract"].index("OBJECTIVE:") < record["abstract"].index("CONCLUSIONS:")


def test_inline_markup_in_titles(test_data):
    assert parse(test_data, "pubmed4.xml")["27797938"]["title"].startswith(
        "Leucocyte telomere length, genetic variants at the TERT gene region"
    )
    assert parse(test_data, "pubmed6.xml")["30108519"]["title"].startswith('A "Blood Relationship" Between')


def test_elocation_pages_and_no_issue(test_data):
    record = parse(test_data, "pubmed7.xml")["29963580"]
    assert record["doi"] == "10.1117/1.JMI.5.2.026002" and record["pages"] == "026002"


@pytest.mark.parametrize(
    "name", ["pubmed1.xml", "pubmed2.xml", "pubmed4.xml", "pubmed5.xml", "pubmed6.xml", "pubmed7.xml", "synthetic_cases.xml"]
)
def test_every_article_is_read(test_data, name):
    data = (test_data / "entrez" / name).read_bytes()
    expected = data.count(b"<PubmedArticle>") + data.count(b"<PubmedBookArticle>")
    records = parse_pubmed_xml(data)
    assert len(records) == expected > 0
    assert all(r["pmid"].isdigit() and r["title"] and len(r["year"]) == 4 for r in records)


def test_synthetic_medline_date_cjk_collective_and_book(test_data):
    records = parse(test_data, "synthetic_cases.xml")
    medline_date = records["10000001"]
    assert medline_date["year"] == "1998"  # <MedlineDate>1998 Dec-1999 Jan</MedlineDate>
    assert medline_date["authors"] == "王, W; Stroke Acupuncture Trial Group"  # ValidYN="N" dropped
    assert medline_date["abstract"].startswith("OBJECTIVE: To observe the effect of Xingnao Kaiqiao acupuncture.")
    assert medline_date["abstract"].endswith("(P<0.05; 10(3) voxels).")  # <sup>3</sup> kept apart
    assert medline_date["language"] == "zh" and medline_date["entry_date"] == "1999-01-15"
    cjk = records["10000002"]
    assert cjk["title"] == "静息态功能磁共振成像研究：针刺与脑卒中" and cjk["journal"] == "脑卒中研究"
    assert cjk["year"] == "2021" and cjk["doi"] == "10.1234/ZX.2021.0012" and cjk["language"] == "zh; en"
    book = records["10000003"]
    assert book["title"] == "Acupuncture for Stroke Rehabilitation" and book["journal"] == "StatPearls"
    assert book["authors"] == "Doe, J" and book["doi"] == "10.5555/book.chapter.3"
    assert book["entry_date"] == "2024-02-04"


def test_article_pmids_in_order(test_data):
    import xml.etree.ElementTree as ET

    root = ET.fromstring((test_data / "entrez" / "synthetic_cases.xml").read_bytes())
    assert article_pmids(root) == ["10000001", "10000002", "10000003"]
