"""The failure kinds of issue 15 on small hand-made records: recurring generic titles, page
forms, Chinese records (names in characters against transliterations)."""

import pandas as pd
import pytest

from alereview.dedup.generic import is_generic_title, recurring_titles
from alereview.dedup.names import pinyin_surname
from alereview.dedup.normalize import expand_pages, parse_authors
from alereview.dedup.pipeline import deduplicate
from alereview.dedup.prepare import prepare
from alereview.dedup.rules import DIFFERENT, SAME, UNCERTAIN, decide
from alereview.dedup.scoring import score_pair

EDITORIAL = dict(
    record_id="a",
    title="Editorial",
    authors="Moreau, J.",
    year="2019",
    journal="Journal of Brain Imaging",
    volume="12",
    issue="3",
    pages="201-202",
    doi="10.5555/jbi.12.3.201",
)


def judge(a, b):
    x, y = prepare([a, b])
    return decide(score_pair(x, y), x, y)


@pytest.mark.parametrize(
    "title",
    [
        "Editorial",
        "Editorial introduction",
        "Reply",
        "Erratum",
        "Corrigendum",
        "Preface",
        "Book review",
        "Letter to the editor",
        "In this issue",
    ],
)
def test_generic_titles_are_recognised(title):
    assert is_generic_title(prepare([{"record_id": "x", "title": title}])[0].title)


def test_specific_titles_are_not_generic():
    assert not is_generic_title("reply to smith et al on acupuncture")
    assert not is_generic_title("editorial decisions in neuroimaging journals a survey of reviewers")


@pytest.mark.parametrize("field, value", [("volume", "13"), ("issue", "4"), ("pages", "301-302"), ("doi", "10.5555/jbi.12.4.301")])
def test_generic_title_split_by_any_different_citation_field(field, value):
    # (the same DOI would join them; the copy without DOI must be split by the field alone)
    other = {**EDITORIAL, "record_id": "b", "doi": "", field: value}
    decision, rule = judge(EDITORIAL, other)
    assert decision == DIFFERENT and rule.startswith("generic_split:") and field in rule


def test_generic_title_joined_by_the_same_citation():
    other = {**EDITORIAL, "record_id": "b", "doi": "", "title": "EDITORIAL.", "journal": "J Brain Imaging"}
    assert judge(EDITORIAL, other) == (SAME, "generic_citation")


def test_generic_title_with_half_a_citation_goes_to_a_person_and_without_one_stays_apart():
    half = {**EDITORIAL, "record_id": "b", "doi": "", "volume": "", "issue": ""}
    assert judge(EDITORIAL, half) == (UNCERTAIN, "generic_grey")
    bare = {**half, "pages": ""}
    assert judge(EDITORIAL, bare) == (DIFFERENT, "generic_no_citation")


def test_recurring_short_titles_are_learnt_from_the_records():
    rows = [{"record_id": f"r{k}", "title": "Clinical images", "volume": str(10 + k), "pages": str(k)} for k in range(3)]
    assert recurring_titles(prepare(rows)) == {"clinical images"}
    assert recurring_titles(prepare(rows[:2])) == frozenset()


def test_editorials_of_many_issues_are_not_merged():
    rows = [
        {
            **EDITORIAL,
            "record_id": f"e-{k}",
            "volume": str(12 + k // 4),
            "issue": str(k % 4 + 1),
            "pages": f"{100 + k}-{101 + k}",
            "doi": f"10.5555/jbi.{k}",
        }
        for k in range(8)
    ]
    rows.append({**rows[3], "record_id": "e-99", "doi": "", "journal": "J Brain Imaging"})  # one real duplicate
    clusters = deduplicate(pd.DataFrame(rows)).clusters.set_index("record_id")
    assert clusters["cluster_id"].nunique() == 8
    assert clusters.loc["e-99", "cluster_id"] == clusters.loc["e-3", "cluster_id"]
    assert clusters.loc["e-99", "rule"] == "generic_citation"


@pytest.mark.parametrize("pages", ["5--11", "5-11", "5\u201311", "pp. 5-11", "5-11+", "p. 5-11", "pp5-11"])
def test_page_forms_parse_alike(pages):
    assert expand_pages(pages) == ("5", "5-11")


@pytest.mark.parametrize("pages", ["e0123", "E0123", "e123"])
def test_article_numbers_parse_alike(pages):
    assert expand_pages(pages) == ("e123", "e123")


def test_pinyin_surnames():
    assert pinyin_surname("王伟") == "wang" and pinyin_surname("欧阳娜") == "ouyang" and pinyin_surname("") == ""
    assert parse_authors("徐洋, 李洋，王涛、赵静") == [("徐洋", ""), ("李洋", ""), ("王涛", ""), ("赵静", "")]
    assert parse_authors("XU Jie; LI Na") == [("xu", "j"), ("li", "n")]


CN = dict(
    record_id="c1",
    title="电针治疗脑卒中后吞咽障碍的临床观察",
    authors="王伟；李娜；张敏",
    year="2018",
    journal="中国针灸",
    volume="38",
    issue="5",
    pages="481-484",
    doi="",
)
EN = dict(
    record_id="c2",
    title="Electroacupuncture for post-stroke dysphagia: a clinical observation",
    authors="WANG Wei; LI Na; ZHANG Min",
    year="2018",
    journal="Zhongguo Zhen Jiu",
    volume="",
    issue="5",
    pages="481-4",
    doi="",
)


def test_chinese_and_english_records_of_one_article_are_joined_by_citation_and_pinyin_authors():
    assert judge(CN, EN) == (SAME, "cross_language")


def test_chinese_and_english_records_in_another_issue_or_by_other_authors_stay_apart():
    assert judge(CN, {**EN, "issue": "6"})[0] == DIFFERENT
    assert judge(CN, {**EN, "authors": "SUN Li; HUANG Jun; LIU Min", "volume": "38"})[0] == DIFFERENT


def test_chinese_titles_alike_with_different_pages_are_different():
    other = {**CN, "record_id": "c3", "authors": "赵静；周杰", "pages": "611-614"}
    assert judge(CN, other)[0] == DIFFERENT


def test_chinese_title_spacing_and_name_separators_do_not_matter():
    other = {**CN, "record_id": "c3", "title": " ".join(CN["title"]), "authors": "王伟, 李娜, 张敏"}
    assert judge(CN, other) == (SAME, "cjk_title")
