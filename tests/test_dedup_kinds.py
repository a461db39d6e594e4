"""The failure kinds of issue 24 on small hand-made records, one test (or a few) per kind:
garbled author lists, a full citation match, a title reprinted in a later issue, recurring
editorial titles split by issue and pages, minitrack introductions each year, a DOI with a
title cut at the colon, a venue name the only conflict, a conference paper at two venues in
two years, errata and replies kept apart from their article."""

import pandas as pd
import pytest

from alereview.dedup.people import is_group, parse_people
from alereview.dedup.pipeline import deduplicate
from alereview.dedup.prepare import prepare
from alereview.dedup.rules import DIFFERENT, SAME, decide
from alereview.dedup.scoring import score_pair

ARTICLE = {
    "record_id": "a",
    "title": "Constraint-induced therapy versus bilateral arm training for motor recovery after stroke",
    "authors": "Wu, Ching-yi; Lin, Keh-chung; Chen, Hsieh-ching",
    "year": "2011",
    "journal": "Archives of Physical Medicine",
    "volume": "92",
    "issue": "4",
    "pages": "523-530",
    "doi": "",
    "pmid": "",
}


def judge(a, b):
    x, y = prepare([a, b])
    scores = score_pair(x, y)
    return decide(scores, x, y), scores


def variant(base, **changes):
    return {**base, "record_id": "b", **changes}


def pairs_of(result):
    groups = result.clusters.groupby("cluster_id")["record_id"].apply(sorted)
    return {tuple(g) for g in groups if len(g) > 1}


# --- Author lists parsed robustly ------------------------------------------------------------


def test_surname_and_given_name_swapped_are_one_author():
    swapped = variant(ARTICLE, authors="Ching-yi, Wu; Keh-chung, Lin; Hsieh-ching, Chen", pages="", volume="")
    (decision, rule), scores = judge(ARTICLE, swapped)
    assert scores.first_author == 1 and scores.authors == 1.0
    assert (decision, rule) == (SAME, "title_authors")
    # Two other people whose names merely share a surname are not swapped names.
    other = variant(swapped, authors="Wu, Jun; Lin, Mei; Chen, Wei")
    assert judge(ARTICLE, other)[1].first_author == 0


def test_a_null_surname_or_given_name_is_no_name():
    assert parse_people("null, Ching-yi Wu; Lin, null").names == (("wu", "c"), ("lin", ""))
    garbled = variant(ARTICLE, authors="null, Ching-yi Wu; Lin, null; Chen, H.", pages="", volume="")
    (decision, _), scores = judge(ARTICLE, garbled)
    assert scores.first_author == 1 and scores.authors == 1.0 and decision == SAME


def test_a_study_group_is_set_apart_from_the_people():
    assert is_group("ACCORD Study Group") and not is_group("Gerstein, H. C.") and not is_group("Study")
    people = parse_people("ACCORD Study Group; Gerstein, H. C.; Miller, M. E.")
    assert people.names == (("gerstein", "h"), ("miller", "m")) and people.groups == ("accordstudygroup",)
    base = variant(ARTICLE, record_id="g1", authors="Gerstein HC, Miller ME", pages="", volume="")
    with_group = variant(base, authors="ACCORD Study Group; Gerstein, H. C.; Miller, M. E.")
    (decision, _), scores = judge(base, with_group)
    assert scores.first_author == 1 and decision == SAME
    # A list of the group alone is no evidence against a list of its members.
    group_only = variant(base, authors="ACCORD Study Group")
    assert judge(base, group_only)[1].authors is None
    assert judge(group_only, variant(group_only, record_id="g2"))[1].first_author == 1


def test_initials_in_another_order_are_one_author():
    first = variant(ARTICLE, authors="Smith, J. A.; Lee, K.")
    swapped = variant(first, authors="Smith, A. J.; Lee, K.")
    assert judge(first, swapped)[1].first_author == 1
    # Initials with nothing in common are two people.
    assert judge(first, variant(first, authors="Smith, B. C.; Lee, K."))[1].first_author == 0


# --- A full citation is enough despite garbled authors ---------------------------------------


def test_full_citation_joins_despite_a_garbled_author_list():
    garbled = variant(ARTICLE, authors="Anonymous, Chen; Keh, L.; Hsieh, C.")
    assert judge(ARTICLE, garbled)[0] == (SAME, "full_citation")


@pytest.mark.parametrize(
    "change", [{"pages": "523-531"}, {"issue": "5"}, {"volume": "93"}, {"year": "2012"}, {"pages": "523"}, {"doi": "10.5555/x.1"}]
)
def test_full_citation_needs_every_part_of_the_citation(change):
    garbled = variant(ARTICLE, authors="Anonymous, Chen; Keh, L.; Hsieh, C.", **change)
    base = {**ARTICLE, "doi": "10.5555/x.2"} if "doi" in change else ARTICLE
    assert judge(base, garbled)[0][0] != SAME


# --- The same title reprinted in a later issue of the volume ---------------------------------


def test_reprint_in_a_later_issue_of_the_same_volume():
    reprinted = variant(ARTICLE, issue="9", pages="1201-1208")
    assert judge(ARTICLE, reprinted)[0] == (SAME, "reprint")
    # Another volume, or other authors, and it is another article.
    assert judge(ARTICLE, variant(reprinted, volume="93"))[0][0] != SAME
    assert judge(ARTICLE, variant(reprinted, authors="Brown, T.; Green, P."))[0][0] != SAME


def test_a_short_title_in_two_issues_is_not_a_reprint():
    column = variant(ARTICLE, record_id="c1", title="Statistics notes", authors="Bland, J. M.; Altman, D. G.")
    assert judge(column, variant(column, issue="9", pages="1201-1202"))[0][0] != SAME


# --- Recurring and generic titles split by issue and pages -----------------------------------


def test_remarks_from_the_editor_in_one_volume_split_by_issue_and_pages():
    rows = [
        {
            "record_id": f"e{k}",
            "title": "Remarks from the Editor",
            "authors": "Keil, Mark",
            "year": "2015",
            "journal": "Journal of the AIS",
            "volume": "16",
            "issue": str(k),
            "pages": f"{100 * k}-{100 * k + 2}",
        }
        for k in range(1, 4)
    ]
    rows.append({**rows[1], "record_id": "e9", "title": "Remarks From the Editor.", "journal": "J. AIS"})
    result = deduplicate(pd.DataFrame(rows))
    assert pairs_of(result) == {("e2", "e9")}
    assert judge(rows[0], rows[1])[0][0] == DIFFERENT
    # The same issue but other pages: two items too.
    assert judge(rows[0], {**rows[0], "record_id": "x", "pages": "150-151"})[0][0] == DIFFERENT


MINITRACK = {
    "record_id": "m1",
    "title": "Introduction to the Minitrack on Crowdsourcing and Digital Workforce in the Gig Economy",
    "authors": "Deng, Xuefei; Taylor, Joseph; Moussawi, Sara",
    "year": "2021",
    "journal": "Proceedings of the Annual Hawaii International Conference on System Sciences",
}


@pytest.mark.parametrize("doi", [True, False])
def test_minitrack_introductions_of_two_years_stay_apart(doi):
    first = {**MINITRACK, "doi": "10.24251/HICSS.2021.510" if doi else ""}
    second = variant(first, year="2022", doi="10.24251/HICSS.2022.544" if doi else "")
    assert judge(first, second)[0][0] == DIFFERENT


def test_one_minitrack_introduction_from_two_exports_is_joined():
    other = variant(
        MINITRACK,
        title="Introduction to the minitrack on crowdsourcing and digital workforce in the gig economy.",
        authors="Deng, X.; Taylor, J.; Moussawi, S.",
    )
    assert judge(MINITRACK, other)[0] == (SAME, "generic_topic")
    # Another minitrack of the same year is another item.
    assert judge(MINITRACK, variant(MINITRACK, title="Introduction to the Minitrack on Digital Platforms"))[0][0] != SAME


# --- The same DOI, one title cut at the colon ------------------------------------------------


def test_same_doi_and_a_title_cut_at_the_colon():
    full = {
        "record_id": "s1",
        "title": "How to conduct systematic literature reviews in management research: a guide in 6 steps and 14 decisions",
        "authors": "Sauer, Philipp C; Seuring, Stefan",
        "year": "2023",
        "doi": "10.1007/S11846-023-00668-3",
    }
    cut = variant(full, title="How to conduct systematic literature reviews")
    assert judge(full, cut)[0] == (SAME, "doi")
    # A supplement's DOI on another abstract is not a title cut short.
    assert judge(full, variant(full, title="Supply chain sustainability in emerging economies"))[0] == (DIFFERENT, "shared_id")


# --- A venue name the only conflict ----------------------------------------------------------

AMCIS = {
    "record_id": "c1",
    "title": "How Consumers Perceive Trustworthiness of Providers in Sharing Economy - Effects of Photos and Comments on Demand at Airbnb",
    "authors": "Deng, Chaoqun; Ravichandran, Thiagarajan",
    "year": "2017",
    "journal": "Americas Conference on Information Systems",
}


def test_a_venue_name_alone_does_not_split():
    other = variant(
        AMCIS, title=AMCIS["title"].replace(" - ", ": "), authors="Deng, Chaoqun; Ravichandran, T.", journal="Amcis 2017 Proceedings"
    )
    assert judge(AMCIS, other)[0] == (SAME, "venue_conflict")


def test_a_conference_paper_and_its_journal_version_stay_apart():
    # (The venue-name rule asks for two conferences or two journals.)
    journal = variant(AMCIS, journal="MIS Quarterly", volume="35", pages="120-145")
    assert judge(AMCIS, journal)[0][0] != SAME
    later = variant(journal, year="2018", journal="Journal of Management Information Systems")
    assert judge(AMCIS, later)[0][0] != SAME


def test_a_conference_paper_at_two_venues_in_two_years_stays_apart():
    other = variant(AMCIS, year="2018", journal="Proceedings of the European Conference on Information Systems")
    (decision, rule), _ = judge(AMCIS, other)
    assert decision != SAME and "venue_year" in rule


# --- Errata, replies and comments are left apart from their article --------------------------


@pytest.mark.parametrize(
    "title, pages",
    [
        ("Erratum: Constraint-induced therapy versus bilateral arm training for motor recovery after stroke", "1310"),
        ("Constraint-induced therapy versus bilateral arm training for motor recovery after stroke: reply", "1311-1312"),
        ("Comment on: Constraint-induced therapy versus bilateral arm training for motor recovery after stroke", "1309"),
    ],
)
def test_errata_replies_and_comments_stay_apart_from_their_article(title, pages):
    notice = variant(ARTICLE, title=title, authors="Wu, Ching-yi", issue="10", pages=pages)
    assert judge(ARTICLE, notice)[0][0] != SAME


# --- Online-first pagination -----------------------------------------------------------------


def test_an_online_first_record_paginated_from_one_joins_the_printed_one():
    online = variant(ARTICLE, volume="", issue="", pages="1-8")
    assert judge(ARTICLE, online)[0] == (SAME, "full_agreement")


# --- Versions of a Cochrane review -----------------------------------------------------------


def test_versions_of_a_cochrane_review_share_its_doi():
    # (bib-dedupe's own test fixture: a review and its update, .pub2 and .pub3)
    review = {
        "record_id": "r1",
        "title": "Air versus oxygen for resuscitation of infants at birth",
        "authors": "Tan, A.; Schulze, A.; O'Donnell, C. P.; Davis, P. G.",
        "year": "2004",
        "journal": "Cochrane Database Syst Rev",
        "issue": "3",
        "pages": "CD002273",
        "doi": "10.1002/14651858.CD002273.pub2",
    }
    update = variant(review, year="2005", issue="2", doi="10.1002/14651858.CD002273.pub3")
    (decision, _), scores = judge(review, update)
    assert scores.doi == 1 and decision == SAME
    other_review = variant(update, doi="10.1002/14651858.CD002274.pub3")
    assert judge(review, other_review)[1].doi == 0
