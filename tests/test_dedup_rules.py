"""Each decision rule of alereview.dedup.rules on small hand-made pairs."""

import pytest

from alereview.dedup.prepare import prepare
from alereview.dedup.rules import DIFFERENT, SAME, UNCERTAIN, Thresholds, decide
from alereview.dedup.scoring import score_pair

ARTICLE = {
    "record_id": "a",
    "title": "Acupuncture modulates resting-state connectivity of the motor network after ischemic stroke",
    "authors": "Li, Wei; Zhang, Hong; Chen, Min",
    "year": "2020",
    "journal": "NeuroImage: Clinical",
    "volume": "28",
    "pages": "102-110",
    "doi": "10.1016/j.nicl.2020.102",
    "pmid": "32000001",
}
CHINESE = {
    "record_id": "c",
    "title": "针刺对缺血性脑卒中后运动网络静息态功能连接的调节作用",
    "authors": "李伟; 张红; 陈敏",
    "year": "2020",
    "journal": "中国针灸",
    "volume": "40",
    "pages": "1021-1026",
    "doi": "",
    "pmid": "",
}


def judge(a, b, **limits):
    x, y = prepare([a, b])
    return decide(score_pair(x, y), x, y, Thresholds(**limits))


def variant(base, **changes):
    return {**base, "record_id": "b", **changes}


def test_same_doi():
    other = variant(ARTICLE, title=ARTICLE["title"].upper(), pmid="", doi="https://doi.org/10.1016/J.NICL.2020.102")
    assert judge(ARTICLE, other) == (SAME, "doi")


def test_same_pmid():
    assert judge(ARTICLE, variant(ARTICLE, doi="")) == (SAME, "pmid")


def test_shared_supplement_doi_with_other_title_is_different():
    other = variant(ARTICLE, title="Exenatide lowers hepatic fat in obese adolescents", pmid="")
    assert judge(ARTICLE, other) == (DIFFERENT, "shared_id")


def test_same_doi_with_somewhat_different_title_is_uncertain():
    other = variant(ARTICLE, title="Acupuncture modulates motor connectivity: erratum", pmid="")
    assert judge(ARTICLE, other) == (UNCERTAIN, "id_title_conflict")


def test_title_and_authors():
    other = variant(ARTICLE, doi="", pmid="", pages="102-10", journal="Neuroimage Clin", authors="Li W; Zhang H; Chen M")
    assert judge(ARTICLE, other) == (SAME, "title_authors")


def test_title_and_authors_tolerate_an_epub_year():
    other = variant(ARTICLE, doi="", pmid="", year="2021")
    assert judge(ARTICLE, other) == (SAME, "title_authors")


def test_title_venue_for_a_truncated_title():
    other = variant(ARTICLE, doi="", pmid="", title="Acupuncture modulates resting-state connectivity of the motor network")
    assert judge(ARTICLE, other) == (SAME, "title_venue")


def test_full_agreement_outweighs_a_page_typo():
    other = variant(ARTICLE, doi="", pmid="", pages="104-112")
    assert judge(ARTICLE, other) == (SAME, "full_agreement")


def test_review_id_joins_versions_of_a_cochrane_review():
    review = variant(
        ARTICLE, record_id="r1", doi="", pmid="", journal="Cochrane Database Syst Rev", pages="CD006828", volume="", year="2008"
    )
    assert judge(review, variant(review, year="2012")) == (SAME, "review_id")


def test_citation_joins_an_article_under_two_translated_titles():
    other = variant(ARTICLE, doi="", pmid="", title="Acupuncture regulates the motor network after stroke: an fMRI study")
    assert judge(ARTICLE, other) == (SAME, "citation")


def test_conference_abstract_and_later_article_stay_apart():
    abstract = variant(ARTICLE, doi="", pmid="", year="2019", volume="24", pages="", journal="NeuroImage: Clinical. Conference")
    decision, rule = judge(ARTICLE, abstract)
    assert decision != SAME and "year_volume" in rule


def test_same_title_in_two_journals_with_other_pages_is_not_same():
    other = variant(ARTICLE, doi="", pmid="", journal="Journal of Vascular Research", volume="50", pages="45")
    assert judge(ARTICLE, other)[0] != SAME


def test_different_numbers_in_titles_are_different_reports():
    part1 = variant(ARTICLE, record_id="p1", doi="", pmid="", title="Acupuncture after stroke: part II, the motor network", pages="")
    part2 = variant(part1, title="Acupuncture after stroke: part III, the motor network")
    assert judge(part1, part2)[0] != SAME


def test_doi_mismatch_is_strong_evidence_against():
    other = variant(ARTICLE, pmid="", doi="10.1016/j.nicl.2020.999", volume="")
    decision, rule = judge(ARTICLE, other, full_agreement_authors=1.01)
    assert decision == UNCERTAIN and "doi" in rule
    # With another volume too, nothing is left to say it is the same record.
    assert judge(ARTICLE, variant(other, volume="29")) != (SAME, "full_agreement")


def test_doi_mismatch_outweighed_when_all_else_agrees_down_to_the_page():
    # One export carries the DOI of a sister journal's record (a real case of the ASySD set).
    other = variant(ARTICLE, pmid="", doi="10.1016/j.regpep.2020.999")
    assert judge(ARTICLE, other) == (SAME, "full_agreement")
    assert judge(ARTICLE, variant(other, pages="111-119"))[0] != SAME
    assert judge(ARTICLE, variant(other, authors="Wu, Jun; Zhang, Hong"))[0] != SAME


def test_grey_zone_goes_to_a_human():
    other = variant(
        ARTICLE,
        doi="",
        pmid="",
        title="Acupuncture modulates resting-state connectivity of the visual network after stroke",
        authors="",
        pages="",
        volume="",
    )
    assert judge(ARTICLE, other)[0] == UNCERTAIN


def test_unrelated_titles_are_different():
    other = variant(ARTICLE, doi="", pmid="", title="Diet and exercise in type 2 diabetes", authors="Smith, J", pages="55-60")
    assert judge(ARTICLE, other) == (DIFFERENT, "title")


def test_cjk_identical_titles_with_an_agreeing_author():
    other = variant(CHINESE, title="针刺对缺血性脑卒中后运动网络 静息态功能连接的调节作用。", pages="1021-6")
    assert judge(CHINESE, other) == (SAME, "cjk_title")


def test_cjk_titles_differing_in_one_character_are_never_merged():
    other = variant(CHINESE, title="电针对缺血性脑卒中后运动网络静息态功能连接的调节作用")
    assert judge(CHINESE, other) == (UNCERTAIN, "cjk_title_grey")
    other = variant(CHINESE, title="针刺对出血性脑卒中后语言网络静息态功能连接的调节作用")
    assert judge(CHINESE, other) == (DIFFERENT, "cjk_title")


def test_cjk_and_english_titles_of_one_article_join_by_doi():
    chinese = {**CHINESE, "doi": "10.13703/j.0255-2930.2020.10.001"}
    english = variant(ARTICLE, doi="10.13703/J.0255-2930.2020.10.001", pmid="", year="2021", pages="1021-1026")
    assert judge(chinese, english) == (SAME, "doi")


def test_cjk_and_english_titles_join_by_full_citation_only():
    english = variant(ARTICLE, doi="", pmid="", journal="Zhongguo Zhen Jiu", volume="40", pages="1021-6", authors="")
    assert judge(CHINESE, english) == (SAME, "cross_language")
    assert judge(CHINESE, variant(english, volume=""))[0] == UNCERTAIN
    assert judge(CHINESE, variant(english, pages="1021-1030"))[0] == DIFFERENT


@pytest.mark.parametrize("field", ["title", "authors", "journal", "year", "pages", "volume"])
def test_one_missing_field_does_not_prevent_a_match(field):
    other = variant(ARTICLE, doi="", pmid="", **{field: ""})
    decision, _ = judge(ARTICLE, other) if field != "title" else (SAME, "")
    assert decision == SAME


def test_thresholds_come_from_config():
    other = variant(ARTICLE, doi="", pmid="", title=ARTICLE["title"] + " in rats", pages="", volume="")
    assert judge(ARTICLE, other)[0] == SAME
    assert judge(ARTICLE, other, title_same=0.99, title_venue=0.99)[0] == UNCERTAIN
