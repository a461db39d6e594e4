"""Normalisation of each kind of difference real exports show (alereview.dedup.normalize)."""

import pytest

from alereview.dedup.normalize import (
    expand_pages,
    is_cjk,
    journal_words,
    journals_match,
    normalize_doi,
    normalize_journal,
    normalize_title,
    normalize_volume,
    normalize_year,
    page_starts,
    parse_authors,
    title_parts,
)


def same_journal(a, b):
    return journals_match(journal_words(normalize_journal(a)), journal_words(normalize_journal(b)))


def test_case_and_punctuation():
    assert normalize_title("Acupuncture, fMRI: A Study.") == normalize_title("ACUPUNCTURE FMRI - a study")


def test_html_entities_and_markup():
    assert normalize_title("Effects of <i>Scalp</i> acupuncture &amp; rehabilitation") == "effects of scalp acupuncture rehabilitation"
    # inline markup joins (Ca<sup>2+</sup>), double-escaped entities are decoded
    assert normalize_title("Ca<sup>2</sup> handling") == normalize_title("Ca2 handling")
    assert normalize_title("A &amp;lt; B") == normalize_title("A < B")


def test_diacritics_and_greek_letters():
    assert normalize_title("Café study of Schölmerich") == normalize_title("Cafe study of Scholmerich")
    assert normalize_title("β-blockers and TNF-α") == "beta blockers and tnf alpha"


def test_bracketed_translated_titles_and_notes():
    assert normalize_title("[Acupuncture for stroke].") == normalize_title("Acupuncture for stroke")
    assert normalize_title("Acupuncture for stroke [abstract no: 134]") == "acupuncture for stroke"
    assert (
        title_parts("Utilidad de los antimicrobianos en trauma; Are antimicrobials useful in trauma?")[1]
        == "are antimicrobials useful in trauma"
    )


def test_initials_versus_full_names_and_et_al():
    full = parse_authors("Zhou, Xiangdong; Lan, Jian; Zhang, Ting")
    initials = parse_authors("Zhou, X.; Lan, J.; Zhang, T.; et al.")
    assert full == initials == [("zhou", "x"), ("lan", "j"), ("zhang", "t")]
    assert parse_authors("Zhou, X. and Lan, J.") == [("zhou", "x"), ("lan", "j")]  # BibTeX
    assert parse_authors("Zhou X, Lan J") == [("zhou", "x"), ("lan", "j")]  # Vancouver
    assert parse_authors("Xiangdong Zhou; Jian Lan") == [("zhou", "x"), ("lan", "j")]  # given first
    assert parse_authors("von Pawel, J.; Van Schil, P.") == parse_authors("Pawel, J.; Schil, P.")


def test_chinese_author_names_kept_whole():
    assert parse_authors("张三; 李四") == [("张三", ""), ("李四", "")]


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("123-9", ("123", "123-129")),
        ("123-129", ("123", "123-129")),
        ("1260-70", ("1260", "1260-1270")),
        ("S31--S32", ("s31", "s31-s32")),
        ("e103114", ("e103114", "e103114")),
        ("742-8; discussion 748-9", ("742", "742-748")),
        ("21-Aug", ("21", "21-28")),  # a spreadsheet's date for 21-8
        ("0123-0129", ("123", "123-129")),
        ("NA", ("", "")),
        ("", ("", "")),
    ],
)
def test_page_ranges(raw, expected):
    assert expand_pages(raw) == expected


def test_multi_range_pages_as_sets():
    assert page_starts("233-238+230-235+246-251") == page_starts('"230-5, 246-51, 233-8"')


def test_journal_abbreviations():
    assert same_journal("Curr Opin Lipidol", "Current opinion in lipidology")
    assert same_journal("Dtsch-Med-Wochenschr", "Deutsche Medizinische Wochenschrift")
    assert same_journal("J Clin Oncol", "Journal of clinical oncology : official journal of the American Society")
    assert same_journal("PLoS ONE [Electronic Resource]", "PLOS ONE")
    assert same_journal("Radiotherapy & Oncology", "Radiotherapy and oncology")
    assert not same_journal("Brain Research", "NeuroImage")


def test_doi_prefixes_and_url_forms():
    forms = [
        "10.1016/J.NICL.2020.102",
        "https://doi.org/10.1016/j.nicl.2020.102",
        "doi: 10.1016/j.nicl.2020.102",
        "http://dx.doi.org/10.1016/j.nicl.2020.102",
    ]
    assert {normalize_doi(f) for f in forms} == {"10.1016/j.nicl.2020.102"}


def test_missing_fields_give_empty_values():
    assert normalize_year("") == "" and normalize_year("2019 Mar") == "2019"
    assert normalize_volume("NA") == "" and normalize_volume("9 (8) (no pagination)") == "9"
    assert parse_authors("") == [] and parse_authors("[Anonymous]") == []
    assert normalize_journal("") == "" and normalize_title(None) == ""


def test_cjk_titles_lose_spaces_and_width_differences():
    assert is_cjk("针刺治疗脑卒中后运动功能障碍的fMRI研究")
    assert not is_cjk("Acupuncture for stroke")
    # half/full-width punctuation and spaces around Latin words do not count
    assert normalize_title("针刺治疗脑卒中的 fMRI 研究：随机对照试验") == normalize_title("针刺治疗脑卒中的ｆＭＲＩ研究:随机对照试验")
    # but different characters stay different
    assert normalize_title("针刺治疗脑卒中") != normalize_title("电针治疗脑卒中")
