"""One record per cluster: which member is kept, and its missing fields completed.

The kept record is chosen by ``dedup.keep``:

``source_priority``
    the member from the database listed first in ``dedup.source_priority`` (databases not
    listed come after, in alphabetical order), then the most complete, then the lowest id;
``most_complete``
    the member with the most non-empty fields, then by source priority, then the lowest id.

Fields the kept record lacks are taken from the other members in the same order, so a DOI
found in any member reaches the unique record (and so its ``record_key``).
"""

from __future__ import annotations

from alereview.dedup.clusters import natural_key
from alereview.identity import record_key

# Fields that say where a row came from: never borrowed from another member.
PROVENANCE = ("record_id", "source", "source_file", "source_format", "source_index")
COMPLETENESS_FIELDS = ("title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "pmid", "abstract")
KEEP_MODES = ("source_priority", "most_complete")


def _empty(value) -> bool:
    return value is None or str(value).strip() == "" or str(value).strip().upper() == "NA"


def completeness(row: dict) -> int:
    """Number of non-empty bibliographic fields of a record."""
    return sum(1 for f in COMPLETENESS_FIELDS if not _empty(row.get(f)))


def priority_order(rows: list[dict], source_priority, keep: str = "source_priority") -> list[dict]:
    """The members of one cluster, the one to keep first."""
    rank = {name: position for position, name in enumerate(source_priority or [])}

    def source_rank(row):
        source = row.get("source", "")
        return (rank.get(source, len(rank)), source)

    if keep == "most_complete":
        key = lambda r: (-completeness(r), source_rank(r), natural_key(r["record_id"]))  # noqa: E731
    else:
        key = lambda r: (source_rank(r), -completeness(r), natural_key(r["record_id"]))  # noqa: E731
    return sorted(rows, key=key)


def merge_cluster(rows: list[dict], columns, source_priority, keep: str = "source_priority") -> tuple[dict, list[dict]]:
    """The completed kept record of one cluster, and the members in priority order.

    Parameters
    ----------
    rows : list of dict
        The cluster's records.
    columns : list of str
        The record columns to fill.
    source_priority : list of str
        Database names, most trusted first.
    keep : str
        ``source_priority`` or ``most_complete``.
    """
    ordered = priority_order(rows, source_priority, keep) if len(rows) > 1 else rows
    kept = dict(ordered[0])
    for column in columns:
        if column in PROVENANCE or not _empty(kept.get(column)):
            continue
        for other in ordered[1:]:
            if not _empty(other.get(column)):
                kept[column] = other[column]
                break
    return kept, ordered


def unique_record(rows: list[dict], columns, cluster_id: str, source_priority, keep: str = "source_priority") -> tuple[dict, str]:
    """The row of ``unique.tsv`` for one cluster, and the id of the kept record."""
    kept, ordered = merge_cluster(rows, columns, source_priority, keep)
    sources = []
    for row in ordered:
        if row.get("source", "") not in sources:
            sources.append(row.get("source", ""))
    out = {column: kept.get(column, "") for column in columns}
    out.update(
        cluster_id=cluster_id,
        record_key=record_key(
            kept.get("doi", ""), kept.get("pmid", ""), kept.get("title", ""), kept.get("year", ""), kept.get("authors", "")
        ),
        n_records=str(len(rows)),
        sources="; ".join(sources),
        member_ids="; ".join(sorted((r["record_id"] for r in rows), key=natural_key)),
    )
    return out, ordered[0]["record_id"]
