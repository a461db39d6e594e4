"""Deduplication from records to clusters, unique records, uncertain pairs and counts.

The steps, in order: normalise every record (:mod:`~alereview.dedup.normalize`), find
candidate pairs by blocking (:mod:`~alereview.dedup.blocking`; never all pairs), score them
(:mod:`~alereview.dedup.scoring`), decide (:mod:`~alereview.dedup.rules`), apply the
reviewer's manual decisions, join the ``same`` pairs into clusters
(:mod:`~alereview.dedup.clusters`) and keep one completed record per cluster
(:mod:`~alereview.dedup.merge`).

Outputs
-------
``clusters.tsv``
    Every record: ``record_id``, ``source``, ``cluster_id``, ``kept`` (true for the record
    kept), ``cluster_size``, ``rule`` (the strongest rule that joined it, ``unique`` for a
    record without duplicate, ``manual`` for a reviewer's decision), ``matched_with`` (the
    record of that pair), ``evidence`` (that pair's fields that agree ``+`` and differ ``-``,
    :func:`~alereview.dedup.queue.evidence`), the pair's ``score_*``
    (:mod:`~alereview.dedup.scoring`), the record's own ``record_key`` (before completion;
    used to follow it through updates), and the nearest record kept apart: ``split_from``
    (among the candidates decided different or left uncertain whose titles agree at least
    to ``title_grey``, are in another script, or that share an id: the most similar title),
    ``split_rule`` and ``split_evidence``; empty when there is none.
``unique.tsv``
    One row per cluster: the kept record's columns, completed from the other members, then
    ``cluster_id``, ``record_key`` (:func:`alereview.identity.record_key` of the completed
    record), ``n_records``, ``sources`` (databases, kept first) and ``member_ids``.
``uncertain_pairs.tsv``
    The review queue (:mod:`~alereview.dedup.queue`): grey-zone pairs whose records ended in
    different clusters, most likely duplicates first, at most ``review_share`` of the
    records: ``record_id_a``, ``record_id_b``, an empty ``decision`` for the reviewer
    (same/different; the filled file can be given as ``dedup.manual_decisions``, and pairs
    decided there leave the queue), ``rank``, ``likelihood``, the ``rule`` that sent it to
    review, its ``evidence``, the scores, and both records' fields side by side (``a_title``,
    ``b_title``, ...) with their ``record_key``.
``counts.json``
    ``records``, ``records_by_database``, ``duplicates_removed``, ``unique`` (PRISMA's
    identification boxes) and diagnostics (candidate pairs, uncertain pairs listed and
    beyond the queue, generic titles, rules used).
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

import pandas as pd

from alereview.dedup.blocking import candidate_pairs
from alereview.dedup.clusters import cluster_ids, link, natural_key
from alereview.dedup.merge import KEEP_MODES, unique_record
from alereview.dedup.prepare import prepare
from alereview.dedup.queue import evidence, likelihood, queue_size, rank
from alereview.dedup.rules import DIFFERENT, RULE_ORDER, SAME, UNCERTAIN, Thresholds, decide
from alereview.dedup.scoring import PairScores, score_pair
from alereview.errors import ConfigError, InputError
from alereview.identity import record_key
from alereview.search.fields import RECORD_COLUMNS
from alereview.logs import get_logger

log = get_logger(__name__)

SIDE_FIELDS = ["source", "title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "pmid", "record_key"]
SCORE_COLUMNS = [f"score_{name}" for name in PairScores.FIELDS]
CLUSTER_COLUMNS = [
    "record_id",
    "source",
    "cluster_id",
    "kept",
    "cluster_size",
    "rule",
    "matched_with",
    "evidence",
    *SCORE_COLUMNS,
    "record_key",
    "split_from",
    "split_rule",
    "split_evidence",
]
UNIQUE_EXTRA = ["cluster_id", "record_key", "n_records", "sources", "member_ids"]
UNCERTAIN_COLUMNS = ["record_id_a", "record_id_b", "decision", "rank", "likelihood", "rule", "evidence", *SCORE_COLUMNS] + [
    f"{side}_{name}" for name in SIDE_FIELDS for side in ("a", "b")
]


@dataclass
class DedupResult:
    """The four outputs of deduplication (tables as DataFrames of text)."""

    clusters: pd.DataFrame
    unique: pd.DataFrame
    uncertain: pd.DataFrame
    counts: dict
    pair_decisions: list = field(default_factory=list, repr=False)


def _check_records(records: pd.DataFrame, path) -> list[dict]:
    if "record_id" not in records.columns:
        raise InputError("no 'record_id' column", path=path, field="record_id")
    records = records.fillna("").astype(str)
    ids = records["record_id"].str.strip()
    for position, value in enumerate(ids):
        if not value:
            raise InputError("empty record_id", path=path, line=position + 2, field="record_id")
    repeated = ids[ids.duplicated()]
    if len(repeated):
        line = int(repeated.index[0]) + 2
        raise InputError(f"record_id {repeated.iloc[0]!r} appears more than once", path=path, line=line, field="record_id")
    rows = records.to_dict("records")
    for row, record_id in zip(rows, ids):
        row["record_id"] = record_id
    # Canonical order: the outputs do not depend on the order of the input rows.
    return sorted(rows, key=lambda row: natural_key(row["record_id"]))


def _decide_pairs(norm, pairs, decided: dict, limits: Thresholds):
    """Score and decide every candidate pair (pairs decided by hand are only recorded).

    Returns
    -------
    tuple
        ``same_edges`` (``(rule rank, -title, i, j, rule, scores)``), ``uncertain``
        (``(i, j, rule, scores)``), ``split`` (per record, its nearest pair kept apart) and
        ``pair_decisions`` (``(i, j, decision, rule)`` for every candidate).
    """
    rule_rank = {rule: position for position, rule in enumerate(RULE_ORDER)}
    same_edges, uncertain, pair_decisions = [], [], []
    split: dict[int, tuple] = {}
    started = time.perf_counter()
    for done, (i, j) in enumerate(pairs.tolist(), start=1):
        if done % 200000 == 0:
            log.info("scored %d of %d pairs (%.0f pairs/s)", done, len(pairs), done / (time.perf_counter() - started))
        scores = score_pair(norm[i], norm[j], limits.lowest_title)
        decision, rule = decide(scores, norm[i], norm[j], limits)
        pair_decisions.append((i, j, decision, rule))
        if (i, j) in decided:
            continue
        if decision == SAME:
            same_edges.append((rule_rank[rule], -(scores.title or 0.0), i, j, rule, scores))
            continue
        if decision == UNCERTAIN:
            uncertain.append((i, j, rule, scores))
        if decision == UNCERTAIN or _near_miss(scores, limits):
            _nearest_apart(split, i, j, rule, scores)
    return same_edges, uncertain, split, pair_decisions


def _near_miss(scores: PairScores, limits: Thresholds) -> bool:
    """A pair kept apart that a reader would ask about: titles alike, another script, or an id shared."""
    return (scores.title or 0.0) >= limits.title_grey or scores.cross_language or scores.doi == 1 or scores.pmid == 1


def _nearest_apart(split: dict, i: int, j: int, rule: str, scores: PairScores) -> None:
    """Remember, for both records, the candidate kept apart with the most similar title."""
    similarity = scores.title if scores.title is not None else (0.5 if scores.cross_language else 0.0)
    for me, other in ((i, j), (j, i)):
        best = split.get(me)
        if best is None or similarity > best[0]:
            split[me] = (similarity, other, rule, scores)


def _manual_pairs(manual: pd.DataFrame | None, index_of: dict, path, key_of: dict | None = None) -> tuple[dict, list, list]:
    """Map manual decisions to record indexes: ``{(i, j): decision}``, same list, different list.

    A record is found by its ``record_id``; when an updated export numbered its records anew,
    by the ``a_record_key``/``b_record_key`` the review queue wrote beside it (``key_of``:
    record key -> index, for keys that name a single record)."""
    decided: dict[tuple[int, int], str] = {}
    if manual is None or manual.empty:
        return decided, [], []
    for position, row in enumerate(manual.to_dict("records")):
        line = position + 2
        decision = str(row.get("decision", "")).strip().lower()
        if not decision:
            continue  # an uncertain pair not decided yet
        if decision not in (SAME, DIFFERENT):
            raise InputError(f"decision {decision!r} is not 'same' or 'different'", path=path, line=line, field="decision")
        ends = []
        for column, key_column in (("record_id_a", "a_record_key"), ("record_id_b", "b_record_key")):
            record_id = str(row.get(column, "")).strip()
            key = str(row.get(key_column, "") or "").strip()
            if record_id in index_of:
                ends.append(index_of[record_id])
            elif key_of and key in key_of:
                ends.append(key_of[key])
            else:
                raise InputError(f"record {record_id!r} is not among the records", path=path, line=line, field=column)
        i, j = sorted(ends)
        if i == j:
            raise InputError("a record paired with itself", path=path, line=line, field="record_id_b")
        if decided.get((i, j), decision) != decision:
            raise InputError("this pair was decided both 'same' and 'different'", path=path, line=line, field="decision")
        decided[(i, j)] = decision
    same = sorted(pair for pair, d in decided.items() if d == SAME)
    different = sorted(pair for pair, d in decided.items() if d == DIFFERENT)
    return decided, same, different


def _cluster_rows(rows, ids, kept_ids, joined, members, own_keys, split) -> list[dict]:
    """Rows of ``clusters.tsv``, ordered by cluster and record."""
    out = []
    for index, row in enumerate(rows):
        rule, other, scores = joined.get(index, ("unique", "", PairScores()))
        _, apart, apart_rule, apart_scores = split.get(index, (0.0, None, "", None))
        out.append(
            {
                "record_id": row["record_id"],
                "source": row.get("source", ""),
                "cluster_id": ids[index],
                "kept": "true" if row["record_id"] in kept_ids else "false",
                "cluster_size": str(len(members[ids[index]])),
                "rule": rule,
                "matched_with": other,
                "evidence": evidence(scores) if other else "",
                **scores.as_row(),
                "record_key": own_keys[index],
                "split_from": rows[apart]["record_id"] if apart is not None else "",
                "split_rule": apart_rule,
                "split_evidence": evidence(apart_scores) if apart_scores is not None else "",
            }
        )
    return sorted(out, key=lambda r: (natural_key(r["cluster_id"]), natural_key(r["record_id"])))


def _uncertain_table(rows, ids, uncertain, own_keys, limit) -> tuple[pd.DataFrame, int]:
    """``uncertain_pairs.tsv``: the review queue of grey-zone pairs still in different
    clusters, most likely first, at most ``limit``; and how many were left beyond it."""
    candidates = []
    for i, j, rule, scores in uncertain:
        a, b = sorted((i, j), key=lambda k: natural_key(rows[k]["record_id"]))
        if ids[a] == ids[b]:
            continue  # joined through other pairs anyway: nothing left to decide
        key = (natural_key(rows[a]["record_id"]), natural_key(rows[b]["record_id"]))
        candidates.append((likelihood(scores), key, a, b, rule, scores))
    queue, beyond = rank(candidates, limit)
    out = []
    for position, (chance, _, a, b, rule, scores) in enumerate(queue, start=1):
        row = {
            "record_id_a": rows[a]["record_id"],
            "record_id_b": rows[b]["record_id"],
            "decision": "",
            "rank": str(position),
            "likelihood": f"{chance:.3f}",
            "rule": rule,
            "evidence": evidence(scores),
            **scores.as_row(),
        }
        sides = {"a": {**rows[a], "record_key": own_keys[a]}, "b": {**rows[b], "record_key": own_keys[b]}}
        for name in SIDE_FIELDS:
            row[f"a_{name}"] = sides["a"].get(name, "")
            row[f"b_{name}"] = sides["b"].get(name, "")
        out.append(row)
    return pd.DataFrame(out, columns=UNCERTAIN_COLUMNS), len(beyond)


def deduplicate(
    records: pd.DataFrame,
    source_priority=(),
    keep: str = "source_priority",
    manual: pd.DataFrame | None = None,
    thresholds: dict | None = None,
    previous: pd.DataFrame | None = None,
    max_block: int = 50,
    window: int = 10,
    records_path=None,
    manual_path=None,
    review_share: float = 0.01,
) -> DedupResult:
    """Find the duplicate records and keep one completed record per cluster.

    Parameters
    ----------
    records : pandas.DataFrame
        Columns of ``records.tsv`` (only ``record_id`` is required; missing fields are no
        evidence either way).
    source_priority : list of str
        Databases in the order their records are preferred as the kept record.
    keep : {'source_priority', 'most_complete'}
        How the kept record of a cluster is chosen (:mod:`~alereview.dedup.merge`).
    manual : pandas.DataFrame, optional
        Manual decisions (``record_id_a``, ``record_id_b``, ``decision`` = same|different);
        they override the automatic decisions.
    thresholds : dict, optional
        Rule thresholds (:class:`~alereview.dedup.rules.Thresholds`).
    previous : pandas.DataFrame, optional
        A ``clusters.tsv`` of an earlier run, whose cluster ids are kept.
    max_block, window : int
        Blocking settings (:func:`~alereview.dedup.blocking.candidate_pairs`).
    records_path, manual_path : str, optional
        File names for error messages.
    review_share : float
        The review queue holds at most ``ceil(review_share * records)`` uncertain pairs
        (:mod:`~alereview.dedup.queue`).

    Returns
    -------
    DedupResult
    """
    if keep not in KEEP_MODES:
        raise ConfigError("dedup.keep", f"{keep!r} is not one of {list(KEEP_MODES)}")
    try:
        limits = Thresholds.from_config(thresholds)
    except TypeError as error:
        raise ConfigError("dedup.thresholds", str(error)) from None
    if not 0 <= review_share <= 1:
        raise ConfigError("dedup.review_share", f"{review_share!r} is not a share between 0 and 1")
    rows = _check_records(records, records_path)
    columns = [c for c in RECORD_COLUMNS if c in records.columns] + [c for c in records.columns if c not in RECORD_COLUMNS]
    record_ids = [row["record_id"] for row in rows]
    index_of = {record_id: i for i, record_id in enumerate(record_ids)}
    norm = prepare(rows)
    pairs = candidate_pairs(norm, max_block=max_block, window=window)
    log.info("%d records, %d candidate pairs from blocking", len(rows), len(pairs))
    own_keys = [record_key(r.get("doi", ""), r.get("pmid", ""), r.get("title", ""), r.get("year", ""), r.get("authors", "")) for r in rows]
    key_count = Counter(own_keys)
    key_of = {key: i for i, key in enumerate(own_keys) if key_count[key] == 1}
    decided, manual_same, manual_different = _manual_pairs(manual, index_of, manual_path, key_of)

    same_edges, uncertain, split, pair_decisions = _decide_pairs(norm, pairs, decided, limits)
    rule_rank = {rule: position for position, rule in enumerate(RULE_ORDER)}
    for i, j in manual_same:
        same_edges.append((rule_rank["manual"], 0.0, i, j, "manual", score_pair(norm[i], norm[j])))
    same_edges.sort(key=lambda e: e[:4])
    labels, refused = link(len(rows), [(e[2], e[3]) for e in same_edges if e[4] != "manual"], manual_same, manual_different)
    if refused:
        log.info("%d automatic matches refused because of manual 'different' decisions", len(refused))
    previous_ids = None
    if previous is not None and not previous.empty:
        previous_ids = {}
        if "record_key" in previous.columns:
            previous_ids.update(zip("key:" + previous["record_key"].astype(str), previous["cluster_id"].astype(str)))
        previous_ids.update(zip(previous["record_id"].astype(str), previous["cluster_id"].astype(str)))
    ids = cluster_ids(labels, record_ids, previous_ids, aliases=["key:" + key for key in own_keys])

    # The pair that joined each record: its strongest accepted edge (edges are sorted).
    refused_set = set(refused)
    joined: dict[int, tuple] = {}
    for _, _, i, j, rule, scores in same_edges:
        if (i, j) in refused_set:
            continue
        for me, other in ((i, j), (j, i)):
            joined.setdefault(me, (rule, record_ids[other], scores))

    members: dict[str, list[int]] = {}
    for index, cid in enumerate(ids):
        members.setdefault(cid, []).append(index)
    unique_rows, kept_ids = [], set()
    for cid in sorted(members, key=natural_key):
        row, kept_id = unique_record([rows[k] for k in members[cid]], columns, cid, source_priority, keep)
        unique_rows.append(row)
        kept_ids.add(kept_id)

    for index in [k for k, (_, other, _, _) in split.items() if ids[k] == ids[other]]:
        del split[index]  # joined through other pairs: not kept apart after all
    cluster_rows = _cluster_rows(rows, ids, kept_ids, joined, members, own_keys, split)
    clusters = pd.DataFrame(cluster_rows, columns=CLUSTER_COLUMNS)
    uncertain_df, beyond = _uncertain_table(rows, ids, uncertain, own_keys, queue_size(len(rows), review_share))

    unique = pd.DataFrame(unique_rows, columns=columns + UNIQUE_EXTRA)
    shared = unique.loc[unique["record_key"].duplicated(keep=False)].sort_values(["record_key", "cluster_id"])
    for key, group in shared.groupby("record_key", sort=True):
        # Kept apart (a supplement DOI, a manual "different") yet one identity downstream.
        log.warning("clusters %s share the record_key %s: decide them in dedup.manual_decisions", ", ".join(group["cluster_id"]), key)
    counts = {
        "records": len(rows),
        "records_by_database": dict(sorted(Counter(row.get("source", "") for row in rows).items())),
        "duplicates_removed": len(rows) - len(unique),
        "unique": len(unique),
        "clusters_with_duplicates": sum(1 for m in members.values() if len(m) > 1),
        "candidate_pairs": int(len(pairs)),
        "uncertain_pairs": len(uncertain_df),
        "uncertain_beyond_queue": beyond,
        "generic_titles": sum(1 for rec in norm if rec.generic),
        "clusters_sharing_record_key": int(len(shared)),
        "manual_decisions": {"same": len(manual_same), "different": len(manual_different)},
        "records_joined_by_rule": dict(sorted(Counter(r["rule"] for r in cluster_rows if r["rule"] != "unique").items())),
    }
    log.info(
        "%d records -> %d unique (%d duplicates removed), %d uncertain pairs to review (%d more kept apart)",
        counts["records"],
        counts["unique"],
        counts["duplicates_removed"],
        counts["uncertain_pairs"],
        beyond,
    )
    return DedupResult(clusters, unique, uncertain_df, counts, pair_decisions)
