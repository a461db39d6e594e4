"""The review queue (uncertain_pairs.tsv): ranked, capped, both records side by side; the
reviewer's decisions come back through manual decisions and survive a search update; the
evidence of every join and split in clusters.tsv."""

import hashlib
import math

import pandas as pd
import pytest

from alereview.dedup.pipeline import UNCERTAIN_COLUMNS, deduplicate
from alereview.dedup.queue import evidence, likelihood, queue_size, rank
from alereview.dedup.scoring import PairScores
from alereview.errors import ConfigError, InputError


def _grey_records(n_pairs=12, n_unique=100):
    """Grey pairs (same title, one side without authors, different journals and volumes;
    those that share the first page are joined) among unique records."""
    rows = []
    for k in range(n_pairs):
        title = " ".join(hashlib.sha1(str(k).encode()).hexdigest()[i : i + 7] for i in range(0, 35, 7)) + " after training"
        rows.append(
            dict(
                record_id=f"db-{2 * k:04d}",
                source="A",
                title=title,
                authors=f"Berger, K{k}",
                year="2020",
                journal=f"Journal number {k}",
                volume="5",
                pages=f"{100 + k}-110",
            )
        )
        rows.append(
            dict(
                record_id=f"db-{2 * k + 1:04d}",
                source="B",
                title=title,
                authors="",
                year="2020",
                journal=f"Other periodical {k}",
                volume="9",
                pages=f"{100 + k}-110" if k % 3 == 0 else "",
            )
        )
    for k in range(n_unique):
        words = hashlib.md5(str(k).encode()).hexdigest()
        title = " ".join(words[i : i + 6] for i in range(0, 30, 6))  # unlike any other title
        rows.append(
            dict(
                record_id=f"u-{k:04d}",
                source="A",
                title=title,
                authors=f"Author{k}, A",
                year=str(2000 + k % 20),
                journal="Some journal",
                volume=str(k),
                pages=str(k),
            )
        )
    return pd.DataFrame(rows)


def test_queue_is_capped_ranked_and_shows_both_records():
    records = _grey_records()
    result = deduplicate(records)
    queue = result.uncertain
    limit = math.ceil(0.01 * len(records))
    assert len(queue) == limit == 2
    assert result.counts["uncertain_pairs"] == limit
    everything = deduplicate(records, review_share=1.0).uncertain
    assert len(everything) > limit
    assert result.counts["uncertain_beyond_queue"] == len(everything) - limit
    assert list(queue.columns) == UNCERTAIN_COLUMNS
    likelihoods = queue["likelihood"].astype(float).tolist()
    assert likelihoods == sorted(likelihoods, reverse=True) and queue["rank"].tolist() == ["1", "2"]
    for _, row in queue.iterrows():
        assert "title 1.00" in row["evidence"] and "volume -" in row["evidence"] and row["rule"].startswith("grey")
        for field in ("title", "authors", "year", "journal", "volume", "pages", "doi", "record_key"):
            assert f"a_{field}" in row and f"b_{field}" in row
    wider = deduplicate(records, review_share=0.5).uncertain
    assert wider.iloc[:2]["record_id_a"].tolist() == queue["record_id_a"].tolist()


def test_review_share_is_checked():
    with pytest.raises(ConfigError, match="dedup.review_share"):
        deduplicate(_grey_records(1, 1), review_share=1.5)


def test_decisions_leave_the_queue_and_survive_an_update():
    records = _grey_records()
    first = deduplicate(records, review_share=0.05)
    decided = first.uncertain.head(2).copy()
    decided["decision"] = ["same", "different"]
    # The update: new records arrive (one a duplicate of a decided record); the filled
    # queue of the first run is given back as manual decisions, as the docs tell.
    late = [
        dict(
            record_id="db-9000",
            source="C",
            title=records.loc[0, "title"],
            authors="Berger, K0",
            year="2020",
            journal="Journal number 0",
            volume="5",
            pages="100-110",
        ),
        dict(record_id="u-9001", source="C", title="A new unrelated record on sleep", authors="New, A", year="2024"),
    ]
    updated = pd.concat([records, pd.DataFrame(late)], ignore_index=True)
    second = deduplicate(updated, manual=decided, previous=first.clusters, review_share=0.05)
    cid = second.clusters.set_index("record_id")["cluster_id"]
    same, different = decided.iloc[0], decided.iloc[1]
    assert cid[same["record_id_a"]] == cid[same["record_id_b"]]
    assert cid[different["record_id_a"]] != cid[different["record_id_b"]]
    assert second.clusters.set_index("record_id").loc[same["record_id_b"], "rule"] in ("manual", "title_authors")
    queued = set(zip(second.uncertain["record_id_a"], second.uncertain["record_id_b"]))
    assert not queued & set(zip(decided["record_id_a"], decided["record_id_b"]))
    remaining = len(deduplicate(updated, manual=decided, review_share=1.0).uncertain)
    assert len(second.uncertain) == min(remaining, math.ceil(0.05 * len(updated)))  # refilled with the next pairs
    assert second.counts["manual_decisions"] == {"same": 1, "different": 1}
    # cluster ids of the first run are kept (but where the reviewer joined two clusters)
    before = first.clusters.set_index("record_id")["cluster_id"]
    before = before.drop([same["record_id_a"], same["record_id_b"]])
    assert (cid[before.index] == before).all()


def test_clusters_tell_which_evidence_joined_or_split_each_record():
    rows = [
        dict(record_id="x-1", title="Editorial", authors="Moreau, J", journal="J Brain", year="2019", volume="12", pages="201-202"),
        dict(record_id="x-2", title="EDITORIAL", authors="Moreau, J.", journal="J Brain", year="2019", volume="12", pages="201--202"),
        dict(record_id="x-3", title="Editorial", authors="Moreau, J", journal="J Brain", year="2019", volume="13", pages="5-6"),
    ]
    clusters = deduplicate(pd.DataFrame(rows)).clusters.set_index("record_id")
    assert clusters.loc["x-2", "rule"] == "generic_citation" and clusters.loc["x-2", "matched_with"] == "x-1"
    assert "volume +" in clusters.loc["x-2", "evidence"] and "pages +" in clusters.loc["x-2", "evidence"]
    assert clusters.loc["x-3", "rule"] == "unique" and clusters.loc["x-3", "split_from"] in ("x-1", "x-2")
    assert clusters.loc["x-3", "split_rule"].startswith("generic_split:")
    assert "volume -" in clusters.loc["x-3", "split_evidence"]


def test_likelihood_orders_by_evidence_and_rank_breaks_ties_by_ids():
    weak = PairScores(title=0.85, year_diff=0)
    strong = PairScores(title=0.85, year_diff=0, pages=1, volume=1, authors=1.0, first_author=1)
    against = PairScores(title=0.85, year_diff=0, pages=0, volume=0)
    assert likelihood(strong) > likelihood(weak) > likelihood(against)
    queue, rest = rank([(0.5, ("b",)), (0.9, ("c",)), (0.5, ("a",))], 2)
    assert [k for _, k in queue] == [("c",), ("a",)] and rest == [(0.5, ("b",))]
    assert queue_size(80000, 0.01) == 800 and queue_size(5, 0.01) == 1 and queue_size(0, 0.01) == 0
    assert evidence(against) == "title 0.85; year +; volume -; pages -"


def test_decisions_follow_records_renumbered_by_an_update():
    records = _grey_records()
    first = deduplicate(records, review_share=0.05)
    decided = first.uncertain.head(1).copy()
    decided["decision"] = "same"
    # The updated export numbers its records anew: the decision is found by the record keys.
    renumbered = records.copy()
    renumbered["record_id"] = renumbered["record_id"].str.replace("db-", "db2-")
    second = deduplicate(renumbered, manual=decided, previous=first.clusters)
    a, b = (decided.iloc[0][c].replace("db-", "db2-") for c in ("record_id_a", "record_id_b"))
    cid = second.clusters.set_index("record_id")["cluster_id"]
    assert cid[a] == cid[b]
    assert second.clusters.set_index("record_id").loc[[a, b], "rule"].tolist().count("manual") >= 1
    # Without the keys, a decision naming records that are gone is an error, as before.
    with pytest.raises(InputError, match="not among the records"):
        deduplicate(renumbered, manual=decided.drop(columns=["a_record_key", "b_record_key"]))
