"""Match decisions to records by stable identity, never by row numbers.

A decision file names a record the way its tool does: alereview's key (``doi:...``,
``pmid:...``, ``ti:<hash>``, :func:`alereview.identity.record_key`), a ``record_id`` of
``records.tsv``, or only the bibliographic fields (Rayyan, Covidence). Every deduplicated
cluster is findable by the key of the cluster *and* by the identities of each of its member
records, so a decision still finds its record after a re-run or a search update has merged a
new duplicate into the cluster (and perhaps changed its key from ``ti:`` to ``doi:``).

Order of lookup for one decision, first unique hit wins:

1. an explicit key (``record_key`` column, or a ``record_id`` that is a key) or a
   ``records.tsv`` ``record_id``;
2. the DOI (normalised), 3. the PMID;
4. the title/year/first-author hash (``ti:``) of the decision's fields;
5. fallback: the exact normalised title and the year (for tools that mangle author names).

A lookup that hits two clusters is an error (ambiguous), never a guess; no hit at all is an
error naming the file, line and field.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from alereview.errors import InputError
from alereview.identity import first_author_surname, normalize_doi, normalize_text, title_key
from alereview.tsv import read_tsv

KEY_PREFIXES = ("doi:", "pmid:", "ti:")
_FIELDS = ("source", "title", "authors", "year", "doi", "pmid", "entry_date")


def looks_like_key(text) -> bool:
    """True for ``doi:...``, ``pmid:...`` or ``ti:...``."""
    return str(text).startswith(KEY_PREFIXES)


def title_year_key(title, year):
    """The fallback identity: normalised title and the year's four digits."""
    return normalize_text(title), str(year or "").strip()[:4]


def member_identities(row) -> set:
    """Every key under which one record can be found.

    Its own :func:`~alereview.identity.record_key`, and also its DOI key, its PMID key and its
    title hash (``ti:``) whatever the record's own key is, so that a decision file that knew
    the record with fewer identifiers still finds it.
    """
    get = lambda name: str(row.get(name, "") or "")
    keys = set()
    doi, pmid = normalize_doi(get("doi")), get("pmid").strip()
    if doi:
        keys.add("doi:" + doi)
    if pmid:
        keys.add("pmid:" + pmid)
    if get("title").strip() or not keys:
        title = normalize_text(get("title"))
        for surname in surname_variants(get("authors")):
            keys.add(title_key(title, get("year"), surname))
    return keys


def surname_variants(authors) -> list:
    """The first author's surname as ``record_key`` reads it, and as other formats write it.

    ``record_key`` takes the text before the first comma (``"Wilson, J.C."``). Exports also
    write ``"Wilson J.C."`` or ``"J.C. Wilson"`` (no comma) and Chinese names without a
    separator (``"刘德"``); their surname is then the first word, the last word, or the first
    character, so a decision keyed under one format still finds a record written in another.
    """
    first = str(authors or "").split(";")[0].strip()
    variants = [first_author_surname(first)]
    if first and "," not in first:
        words = first.split()
        candidates = [words[0], words[-1]] if len(words) > 1 else []
        if len(words) == 1 and is_cjk(first):
            candidates.append(first[0])
        for word in candidates:
            surname = first_author_surname(word)
            if surname and surname not in variants:
                variants.append(surname)
    return variants


def is_cjk(text) -> bool:
    """True when ``text`` starts with a CJK ideograph."""
    return bool(text) and "\u4e00" <= text[0] <= "\u9fff"


def load_members(clusters_path, records_path=None) -> pd.DataFrame:
    """One row per record with its ``cluster_id`` and bibliographic fields.

    ``clusters.tsv`` maps ``record_id`` to ``cluster_id``; when it does not carry the fields
    themselves they are joined from ``records.tsv``.
    """
    clusters = read_tsv(clusters_path)
    for column in ("record_id", "cluster_id"):
        if column not in clusters.columns:
            raise InputError("missing column", path=clusters_path, line=1, field=column)
    missing = [f for f in _FIELDS if f not in clusters.columns]
    if missing and records_path is not None:
        records = read_tsv(records_path)
        keep = ["record_id"] + [f for f in missing if f in records.columns]
        clusters = clusters.merge(records[keep], on="record_id", how="left", validate="one_to_one").fillna("")
    return clusters


class RecordIndex:
    """Find the deduplicated record (cluster) a decision refers to.

    Parameters
    ----------
    unique : pandas.DataFrame
        ``results/dedup/unique.tsv``: one row per cluster with ``cluster_id``, ``record_key``
        and the record's fields.
    members : pandas.DataFrame, optional
        One row per original record with ``record_id``, ``cluster_id`` and fields
        (:func:`load_members`).
    source : str
        The unique table's path, for messages.
    """

    def __init__(self, unique: pd.DataFrame, members: pd.DataFrame | None = None, source="unique.tsv"):
        self.source = str(source)
        if "record_key" not in unique.columns:
            raise InputError("missing column", path=source, line=1, field="record_key")
        duplicated = unique["record_key"][unique["record_key"].duplicated()]
        if len(duplicated):
            key = duplicated.iloc[0]
            clusters = list(unique.loc[unique["record_key"] == key].get("cluster_id", unique["record_key"]))
            raise InputError(
                f"record_key {key!r} names two deduplicated records (clusters "
                f"{', '.join(map(str, clusters))}): they share this identity but dedup kept "
                "them apart, so decisions cannot tell them apart; settle the pair in config "
                "dedup.manual_decisions",
                path=source,
                field="record_key",
            )
        self.records = {row["record_key"]: row for row in unique.to_dict("records")}
        key_of_cluster = dict(zip(unique.get("cluster_id", unique["record_key"]), unique["record_key"]))
        self._keys = defaultdict(set)
        self._record_ids = {}
        self._title_year = defaultdict(set)
        self._normalised = {}
        rows = [(row["record_key"], row) for row in unique.to_dict("records")]
        if members is not None:
            for row in members.to_dict("records"):
                key = key_of_cluster.get(row["cluster_id"])
                if key is None:
                    raise InputError(f"cluster {row['cluster_id']!r} is not in {self.source}", record=row["record_id"], field="cluster_id")
                self._record_ids[str(row["record_id"])] = key
                rows.append((key, row))
        for key, row in rows:
            self._keys[key].add(key)
            for identity in member_identities(row):
                self._keys[identity].add(key)
            title = str(row.get("title", "") or "")
            if title.strip():
                normalised = self._normalised.get(title)
                if normalised is None:
                    normalised = self._normalised[title] = normalize_text(title)
                self._title_year[(normalised, str(row.get("year", "") or "").strip()[:4])].add(key)

    def __contains__(self, key) -> bool:
        return key in self.records

    def _one(self, hits, vote, field, value):
        if len(hits) == 1:
            return next(iter(hits))
        if len(hits) > 1:
            raise InputError(
                f"{value!r} matches {len(hits)} records: {', '.join(sorted(hits))}; give the record_key",
                path=vote.path,
                line=vote.line,
                record=vote.label,
                field=field,
            )
        return None

    def match(self, vote) -> str:
        """The ``record_key`` of the cluster ``vote`` is about.

        Raises
        ------
        InputError
            When no record matches (unknown record) or two do (ambiguous).
        """
        identity = vote.identity
        explicit = str(identity.get("record_key") or "").strip()
        record_id = str(identity.get("record_id") or "").strip()
        for field, value in (("record_key", explicit), ("record_id", record_id)):
            if not value:
                continue
            if looks_like_key(value.lower()):
                # Keys typed or exported by other tools: normalise them as record_key did.
                prefix, _, rest = value.partition(":")
                rest = normalize_doi(rest) if prefix.lower() == "doi" else rest.strip().lower()
                value = f"{prefix.lower()}:{rest}"
                hit = self._one(self._keys.get(value, set()), vote, field, value)
            else:
                hit = self._record_ids.get(value)
            if hit:
                return hit
        doi = normalize_doi(identity.get("doi", ""))
        if doi:
            hit = self._one(self._keys.get("doi:" + doi, set()), vote, "doi", doi)
            if hit:
                return hit
        pmid = str(identity.get("pmid", "") or "").strip()
        if pmid:
            hit = self._one(self._keys.get("pmid:" + pmid, set()), vote, "pmid", pmid)
            if hit:
                return hit
        title = str(identity.get("title", "") or "")
        if title.strip():
            normalised = normalize_text(title)
            for surname in surname_variants(identity.get("authors", "")):
                hashed = title_key(normalised, identity.get("year", ""), surname)
                hit = self._one(self._keys.get(hashed, set()), vote, "title", title[:60])
                if hit:
                    return hit
            hit = self._one(self._title_year.get(title_year_key(title, identity.get("year", "")), set()), vote, "title", title[:60])
            if hit:
                return hit
        field = "record_id" if record_id else "record_key" if explicit else "doi" if doi else "pmid" if pmid else "title"
        shown = record_id or explicit or doi or pmid or title[:60]
        raise InputError(
            f"unknown record {shown!r}: no record of {self.source} has this key, DOI, PMID or title and year",
            path=vote.path,
            line=vote.line,
            record=vote.label,
            field=field,
        )
