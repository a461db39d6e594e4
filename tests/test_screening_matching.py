"""Matching decisions to deduplicated records by stable identity."""

import pandas as pd
import pytest

from alereview.errors import InputError
from alereview.screening.matching import RecordIndex, load_members
from alereview.screening.votes import Vote
from alereview.tsv import read_tsv


@pytest.fixture(scope="module")
def index(test_data):
    corpus = test_data / "screening" / "corpus"
    members = load_members(corpus / "clusters.tsv", corpus / "records.tsv")
    return RecordIndex(read_tsv(corpus / "unique.tsv"), members, source="unique.tsv")


def vote(**identity):
    return Vote("title_abstract", "LDX", "include", "", "d.csv", 7, "rec", identity)


@pytest.mark.parametrize(
    "identity, expected",
    [
        ({"record_key": "doi:10.1000/a1"}, "doi:10.1000/a1"),
        ({"record_id": "DOI:10.1000/A1"}, "doi:10.1000/a1"),  # keys normalised like DOIs
        ({"record_id": "embase-00003"}, "pmid:103"),  # a records.tsv id of a member
        ({"record_id": "pmid:101"}, "doi:10.1000/a1"),  # the key of a non-kept member's PMID
        ({"doi": "https://doi.org/10.1000/A2"}, "doi:10.1000/a2"),
        ({"pmid": "103"}, "pmid:103"),
        ({"title": "A review of acupuncture neuroimaging.", "year": "2018", "authors": "Zhang, L."}, "pmid:103"),
        ({"title": "针刺治疗脑卒中运动功能障碍的静息态fMRI研究", "year": "2021", "authors": "刘, 德"}, "ti:df428f931d82"),
        # Fallback: exact normalised title + year when the tool mangled the authors.
        ({"title": "NEEDLING IN RATS - an fMRI study", "year": "2017", "authors": "H. Chen"}, "ti:ac496c00e7bb"),
    ],
)
def test_match(index, identity, expected):
    assert index.match(vote(**identity)) == expected


def test_the_old_key_of_a_cluster_whose_key_changed_still_matches(index):
    # embase-00001 alone had key doi:10.1000/a1 too; its title hash is another identity of c1.
    assert index.match(vote(record_id="ti:cd1dc7b9c0ed")) == "doi:10.1000/a1"


def test_row_numbers_are_not_identities(index):
    with pytest.raises(InputError) as error:
        index.match(vote(record_id="3"))
    assert "unknown record '3'" in str(error.value)
    assert "d.csv, line 7" in str(error.value) and error.value.field == "record_id"


def test_unknown_record_names_file_line_and_field(index):
    with pytest.raises(InputError) as error:
        index.match(vote(title="Something else entirely", year="2020", doi="10.9/none"))
    assert error.value.path == "d.csv" and error.value.line == 7 and error.value.field == "doi"


def test_ambiguous_match_is_an_error_not_a_guess(test_data):
    corpus = test_data / "screening" / "corpus"
    unique = read_tsv(corpus / "unique.tsv")
    twin = unique.iloc[[3]].copy()
    twin["cluster_id"], twin["record_key"], twin["year"] = "c7", "ti:000000000000", "2017"
    index = RecordIndex(pd.concat([unique, twin], ignore_index=True), None)
    with pytest.raises(InputError, match="matches 2 records"):
        index.match(vote(title="Needling in rats: an fMRI study", year="2017", authors="Chen, H"))


def test_duplicate_keys_in_unique_are_rejected(test_data):
    unique = read_tsv(test_data / "screening" / "corpus" / "unique.tsv")
    with pytest.raises(InputError, match="names two deduplicated records"):
        RecordIndex(pd.concat([unique, unique.iloc[[0]]], ignore_index=True), None)


def test_first_surname_variant_gives_record_keys_title_key():
    from alereview.identity import normalize_text, record_key, title_key
    from alereview.screening.matching import surname_variants

    for title, year, authors in [
        ("Acupuncture &amp; <i>fMRI</i>", "2020", "Li, X; Wang, Y"),
        ("针刺 研究", " 2021 ", "刘, 德"),
        ("T", "", ""),
    ]:
        assert title_key(normalize_text(title), year, surname_variants(authors)[0]) == record_key(title=title, year=year, authors=authors)


def test_author_formats_without_comma_still_match(test_data):
    """A key computed from "Wilson, J.C." finds a record exported as "Wilson J.C." and back."""
    from alereview.identity import record_key

    unique = pd.DataFrame(
        [
            {
                "cluster_id": "c1",
                "record_key": "ti:x",
                "title": "A study of needles",
                "year": "2023",
                "authors": "Wilson J.C.; Lee K.",
                "doi": "",
                "pmid": "",
            },
            {"cluster_id": "c2", "record_key": "ti:y", "title": "针刺研究", "year": "2021", "authors": "刘德; 张伟", "doi": "", "pmid": ""},
        ]
    )
    index = RecordIndex(unique, None)
    assert index.match(vote(record_id=record_key(title="A study of needles", year="2023", authors="Wilson, J.C."))) == "ti:x"
    assert index.match(vote(record_id=record_key(title="针刺研究", year="2021", authors="刘, 德"))) == "ti:y"
    assert index.match(vote(title="A study of needles", year="2023", authors="J.C. Wilson")) == "ti:x"
