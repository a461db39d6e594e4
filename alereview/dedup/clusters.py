"""Duplicate clusters: connected components of the "same" pairs, and their stable ids.

Pairs are joined with union-find, strongest first (manual ``same``, then DOI, PMID, ...).
A manual ``different`` is a cannot-link constraint: a join that would put two records a
reviewer declared different into one cluster is refused, so a chain of automatic matches
(A~B, B~C) cannot undo a human decision (A != C).

Cluster ids
-----------
A cluster's id is the ``record_id`` of its *anchor*: the member that comes first in natural
order (source slug, then the number: ``pubmed-9`` before ``pubmed-10``). It depends only on
the member ids, so re-runs give the same ids. In a search update, a new record joining an
existing cluster does not rename it when its id sorts after the anchor's, which holds for
PubMed (PMIDs grow with the date a record enters PubMed) and for records appended to an
export; to make ids stable whatever the new records are, give the previous run's
``clusters.tsv`` as ``dedup.previous_clusters``: a cluster that holds a record of an earlier
cluster (found by ``record_id``, or by its own ``record_key`` when an updated export numbered
its records anew) inherits that cluster's id (the lowest one, naturally ordered, if it holds
several).
"""

from __future__ import annotations

import re
from functools import cache

from alereview.errors import InputError


class UnionFind:
    """Union-find over ``n`` items with cannot-link constraints between items."""

    def __init__(self, n: int):
        self.parent = list(range(n))
        self.forbidden: dict[int, set[int]] = {}

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def forbid(self, i: int, j: int) -> None:
        """Never put ``i`` and ``j`` in one component."""
        self.forbidden.setdefault(self.find(i), set()).add(j)
        self.forbidden.setdefault(self.find(j), set()).add(i)

    def can_union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if any(self.find(k) == rj for k in self.forbidden.get(ri, ())):
            return False
        return not any(self.find(k) == ri for k in self.forbidden.get(rj, ()))

    def union(self, i: int, j: int) -> bool:
        """Join the components of ``i`` and ``j``; False when a constraint forbids it."""
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        if not self.can_union(i, j):
            return False
        keep, drop = min(ri, rj), max(ri, rj)
        self.parent[drop] = keep
        if drop in self.forbidden:
            self.forbidden.setdefault(keep, set()).update(self.forbidden.pop(drop))
        return True

    def components(self) -> list[int]:
        return [self.find(i) for i in range(len(self.parent))]


@cache
def natural_key(record_id: str):
    """Sort key that orders ``pubmed-9`` before ``pubmed-10``."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", record_id) if part)


def link(n: int, same_pairs, manual_same=(), manual_different=()) -> tuple[list[int], list[tuple[int, int]]]:
    """Connected components of the ``same`` pairs, honouring manual decisions.

    Parameters
    ----------
    n : int
        Number of records.
    same_pairs : iterable of (int, int)
        Automatic ``same`` pairs, strongest first.
    manual_same, manual_different : iterable of (int, int)
        Pairs a reviewer decided.

    Returns
    -------
    labels : list of int
        A component label (its lowest member index) per record.
    refused : list of (int, int)
        Automatic pairs that were not joined because of a manual ``different``.
    """
    uf = UnionFind(n)
    for i, j in manual_different:
        uf.forbid(i, j)
    for i, j in manual_same:
        if not uf.union(i, j):
            raise InputError(
                f"manual decisions contradict each other: 'same' for records {i} and {j} joins a pair declared 'different'",
                field="decision",
            )
    refused = []
    for i, j in same_pairs:
        if not uf.union(i, j):
            refused.append((i, j))
    return uf.components(), refused


def cluster_ids(
    labels: list[int], record_ids: list[str], previous: dict[str, str] | None = None, aliases: list[str] | None = None
) -> list[str]:
    """The id of each record's cluster (see the module docstring).

    Parameters
    ----------
    labels : list of int
        Component label per record, from :func:`link`.
    record_ids : list of str
        The records' ids.
    previous : dict, optional
        ``record_id -> cluster_id`` of an earlier run (and ``alias -> cluster_id``).
    aliases : list of str, optional
        A second name per record to look up in ``previous`` when its ``record_id`` is not
        there: its ``record_key``, which survives an export re-numbered by an update.
    """
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(label, []).append(index)
    groups = sorted(members.values(), key=lambda g: natural_key(min((record_ids[k] for k in g), key=natural_key)))
    wanted = {}
    for number, group in enumerate(groups):
        own = min((record_ids[k] for k in group), key=natural_key)
        found = set()
        for k in group if previous else ():
            name = record_ids[k] if record_ids[k] in previous else (aliases[k] if aliases else None)
            if name in previous:
                found.add(previous[name])
        inherited = sorted(found, key=natural_key)
        wanted[number] = (inherited[0] if inherited else own, own)
    # A previous cluster split in two (a new manual "different"): the part that holds the
    # record the id was named after keeps it; the other part takes its own anchor's id.
    claims: dict[str, list[int]] = {}
    for number, (cid, _own) in wanted.items():
        claims.setdefault(cid, []).append(number)
    ids = [""] * len(labels)
    taken = set()
    for number, group in enumerate(groups):
        cid, own = wanted[number]
        rivals = claims[cid]
        if len(rivals) > 1:
            holders = [r for r in rivals if cid in {record_ids[k] for k in groups[r]}]
            winner = holders[0] if holders else rivals[0]
            if number != winner:
                cid = own
        if cid in taken:
            cid = own
        suffix = 1
        while cid in taken:
            cid, suffix = f"{own}.{suffix}", suffix + 1
        taken.add(cid)
        for k in group:
            ids[k] = cid
    return ids
