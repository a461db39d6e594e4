"""Clusters as connected components, manual cannot-links, and stable cluster ids."""

import pytest

from alereview.dedup.clusters import UnionFind, cluster_ids, link, natural_key
from alereview.errors import InputError


def test_connected_components_join_chains():
    labels, refused = link(5, [(0, 1), (1, 2), (3, 4)])
    assert labels == [0, 0, 0, 3, 3] and refused == []


def test_manual_different_cuts_a_chain():
    # 0~1 and 1~2 automatically, but a reviewer said 0 != 2: the weaker link is refused.
    labels, refused = link(3, [(0, 1), (1, 2)], manual_different=[(0, 2)])
    assert labels[0] != labels[2] and refused == [(1, 2)]


def test_manual_same_joins_what_no_rule_found():
    labels, _ = link(3, [], manual_same=[(0, 2)])
    assert labels == [0, 1, 0]


def test_contradictory_manual_decisions_are_an_error():
    with pytest.raises(InputError, match="contradict"):
        link(3, [], manual_same=[(0, 1), (1, 2)], manual_different=[(0, 2)])


def test_union_find_constraints_follow_merged_components():
    uf = UnionFind(4)
    uf.forbid(0, 3)
    assert uf.union(0, 1) and uf.union(2, 3)
    assert not uf.union(1, 2)


def test_natural_order_of_record_ids():
    ids = ["pubmed-10", "pubmed-9", "cnki-00002", "cnki-00010"]
    assert sorted(ids, key=natural_key) == ["cnki-00002", "cnki-00010", "pubmed-9", "pubmed-10"]


def test_cluster_id_is_the_first_member_in_natural_order():
    ids = cluster_ids([0, 0, 2], ["pubmed-10", "pubmed-9", "embase-00001"])
    assert ids == ["pubmed-9", "pubmed-9", "embase-00001"]


def test_cluster_id_survives_a_later_pubmed_record_joining():
    before = cluster_ids([0, 0], ["pubmed-30000002", "embase-00004"])
    after = cluster_ids([0, 0, 0], ["pubmed-30000002", "embase-00004", "pubmed-30000025"])
    assert set(after) == set(before) == {"embase-00004"}


def test_previous_clusters_keep_their_ids_whatever_joins():
    previous = {"pubmed-5": "pubmed-5", "wanfang-00003": "pubmed-5"}
    # A new record (cbm-00001) sorts before the old anchor; the previous id is kept anyway.
    ids = cluster_ids([0, 0, 0, 3], ["pubmed-5", "wanfang-00003", "cbm-00001", "cnki-00009"], previous)
    assert ids == ["pubmed-5", "pubmed-5", "pubmed-5", "cnki-00009"]


def test_a_split_cluster_gives_its_id_to_the_part_named_by_it():
    previous = {"a-1": "a-1", "b-2": "a-1"}
    ids = cluster_ids([0, 1], ["a-1", "b-2"], previous)
    assert ids == ["a-1", "b-2"]
