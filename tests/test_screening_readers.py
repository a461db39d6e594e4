"""Readers of decision files: Rayyan (RIS, CSV), Covidence, ASReview, plain CSV."""

import shutil

import pytest

from alereview.errors import ConfigError, InputError
from alereview.screening.asreview import read_asreview_csv
from alereview.screening.covidence import read_covidence_csv
from alereview.screening.plain import read_plain_csv
from alereview.screening.rayyan import parse_notes, read_rayyan_csv, read_rayyan_ris
from alereview.screening.readers import read_decision_file
from alereview.screening.votes import normalize_decision

REVIEWERS = ["LDX", "ZY"]


def test_real_rayyan_export(test_data):
    votes = read_rayyan_ris(test_data / "screening" / "rayyan_articles.ris", "title_abstract", ["Matt", "Laura"])
    assert len(votes) == 10  # 5 records x 2 reviewers
    by_record = {}
    for vote in votes:
        by_record.setdefault(vote.label, {})[vote.reviewer] = vote.decision
    assert by_record["rayyan-229697638"] == {"Matt": "exclude", "Laura": "exclude"}
    assert sum(v == {"Matt": "include", "Laura": "include"} for v in by_record.values()) == 4
    dois = {v.identity["doi"] for v in votes}
    assert "10.1111/ele.12916" in dois
    # Lines point at each record's TY line.
    assert {v.line for v in votes} == {1, 23, 33, 62, 87}


def test_real_rayyan_export_names_unknown_reviewer(test_data):
    with pytest.raises(InputError) as error:
        read_rayyan_ris(test_data / "screening" / "rayyan_articles.ris", "title_abstract", REVIEWERS, "ZYH")
    assert "rayyan_articles.ris, line 1" in str(error.value)
    assert "unknown reviewer 'Matt'" in str(error.value)
    assert error.value.field == "reviewer"


def test_rayyan_notes_reasons_maybe_and_key(test_data):
    votes = read_rayyan_ris(test_data / "screening" / "corpus" / "ta_rayyan.ris", "title_abstract", REVIEWERS, "ZYH")
    second = [v for v in votes if v.label == "rayyan-2"]
    assert [(v.reviewer, v.decision) for v in second] == [("LDX", "include"), ("ZY", "maybe"), ("ZYH", "include")]
    assert second[0].identity["doi"] == "10.1000/a2"  # from the doi.org URL
    fourth = [v for v in votes if v.label == "rayyan-4"]
    assert fourth[0].reason == "animal study"
    assert fourth[0].identity["title"] == "Needling in rats: an fMRI study"  # continuation line joined
    assert [v for v in votes if v.label == "rayyan-6"][0].identity["record_key"] == "doi:10.1000/a6"


def test_parse_notes_ruby_hash_and_records_without_decision():
    decisions, reasons = parse_notes(
        ' RAYYAN-INCLUSION: {"Zbys"=>"Excluded"} | RAYYAN-LABELS: x | RAYYAN-EXCLUSION-REASONS: wrong drug,wrong intervention'
    )
    assert decisions == {"Zbys": "Excluded"}
    assert reasons == ["wrong drug", "wrong intervention"]
    assert parse_notes("RAYYAN-LABELS: M.el-G please review") == ({}, [])
    with pytest.raises(InputError, match="RAYYAN-INCLUSION"):
        parse_notes('RAYYAN-INCLUSION: {"A"=>}', path="x.ris", line=3)


def test_rayyan_csv(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_text(
        "key,title,authors,journal,issn,volume,issue,pages,year,publisher,url,abstract,notes,doi,keywords\n"
        '1,"A study, with comma","Li, X and Wang, Y",J,,1,1,1,2019,,,,'
        '"RAYYAN-INCLUSION: {""LDX""=>""Excluded"", ""ZY""=>""Excluded""} | RAYYAN-EXCLUSION-REASONS: review",'
        "10.1/x,\n",
        encoding="utf-8",
    )
    votes = read_rayyan_csv(path, "title_abstract", REVIEWERS)
    assert [(v.reviewer, v.decision, v.reason, v.line) for v in votes] == [("LDX", "exclude", "review", 2), ("ZY", "exclude", "review", 2)]
    assert votes[0].identity["authors"] == "Li, X"
    assert votes[0].identity["title"] == "A study, with comma"


def test_unknown_decision_word_names_file_line_and_field(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("record_id,stage,reviewer,decision,reason\npmid:1,,LDX,include\npmid:2,,ZY,perhaps,\n")
    with pytest.raises(InputError) as error:
        read_plain_csv(path, "title_abstract", REVIEWERS)
    message = str(error.value)
    assert "d.csv, line 3" in message and "field 'decision'" in message and "'perhaps'" in message


def test_decision_words():
    assert normalize_decision("Included") == "include"
    assert normalize_decision("0") == "exclude"
    assert normalize_decision("Not retrieved") == "not_retrieved"
    with pytest.raises(InputError, match="full-text decision"):
        normalize_decision("not retrieved", stage="title_abstract")


def test_plain_csv_stage_column_and_default_reviewer(tmp_path):
    path = tmp_path / "both.tsv"
    path.write_text(
        "record_id\tstage\treviewer\tdecision\treason\n"
        "doi:10.1/a\ttitle/abstract\t\tinclude\t\n"
        "doi:10.1/a\tfull text\tZY\texclude\tROI only\n"
    )
    ta = read_plain_csv(path, "title_abstract", REVIEWERS, reviewer="LDX")
    ft = read_plain_csv(path, "full_text", REVIEWERS)
    assert [(v.reviewer, v.decision) for v in ta] == [("LDX", "include")]
    assert [(v.reviewer, v.decision, v.reason, v.line) for v in ft] == [("ZY", "exclude", "ROI only", 3)]
    with pytest.raises(InputError, match="empty reviewer"):
        read_plain_csv(path, "title_abstract", REVIEWERS)
    bad = tmp_path / "bad.csv"
    bad.write_text("record_id,stage,reviewer,decision\nx,abstracts please,LDX,include\n")
    with pytest.raises(InputError, match="unknown stage"):
        read_plain_csv(bad, "title_abstract", REVIEWERS)


def test_plain_csv_missing_column(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("id,verdict\n1,include\n")
    with pytest.raises(InputError, match="no 'record_id' or 'record_key' column"):
        read_plain_csv(path, "title_abstract", REVIEWERS)


def test_covidence(test_data):
    corpus = test_data / "screening" / "corpus"
    votes = read_covidence_csv(corpus / "ft_covidence_excluded.csv", "full_text", "exclude")
    assert [(v.reviewer, v.decision, v.reason) for v in votes] == [
        ("consensus", "exclude", "No stereotactic coordinates"),
        ("consensus", "exclude", "ROI only"),
    ]
    assert votes[0].identity["pmid"] == "102" and votes[0].identity["year"] == "2020"
    with pytest.raises(InputError, match="'decision'"):
        read_covidence_csv(corpus / "ft_covidence_excluded.csv", "full_text", "")


def test_asreview_never_uses_its_row_numbers(test_data):
    path = test_data / "screening" / "corpus" / "ta_asreview_ldx.csv"
    votes = read_asreview_csv(path, "title_abstract", "LDX", REVIEWERS)
    assert len(votes) == 5  # one unlabelled row gives no vote
    assert all("record_id" not in v.identity for v in votes)
    assert votes[0].identity["record_key"] == "doi:10.1000/a1"
    assert [v.decision for v in votes] == ["include", "include", "exclude", "exclude", "include"]
    with pytest.raises(InputError, match="'reviewer'"):
        read_asreview_csv(path, "title_abstract", "", REVIEWERS)
    assert len(read_asreview_csv(path, "title_abstract", "", ["LDX"])) == 5


def test_asreview_v0_included_column(tmp_path):
    path = tmp_path / "old.csv"
    path.write_text("record_id,title,doi,included\n0,A,10.1/a,1\n1,B,10.1/b,-1\n2,C,10.1/c,0.0\n")
    votes = read_asreview_csv(path, "title_abstract", "ZY", REVIEWERS)
    assert [(v.identity["doi"], v.decision) for v in votes] == [("10.1/a", "include"), ("10.1/c", "exclude")]


def test_dispatch_by_config_format(test_data, tmp_path):
    corpus = test_data / "screening" / "corpus"
    shutil.copy(corpus / "ta_plain.csv", tmp_path / "ta.csv")
    votes = read_decision_file({"path": "ta.csv", "format": "plain_csv"}, "title_abstract", REVIEWERS, "ZYH", tmp_path)
    assert len(votes) == 14 and votes[0].path == "ta.csv"
    with pytest.raises(ConfigError):
        read_decision_file({"path": "ta.csv", "format": "excel"}, "title_abstract", REVIEWERS, "ZYH", tmp_path)
    with pytest.raises(InputError, match="no such decision file"):
        read_decision_file({"path": "nope.csv", "format": "plain_csv"}, "title_abstract", REVIEWERS, "ZYH", tmp_path)


def test_not_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("record_id,stage,reviewer,decision\n针刺,,LDX,include\n".encode("gb18030"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_plain_csv(path, "title_abstract", REVIEWERS)
