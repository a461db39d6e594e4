"""The unified table of records: every record of every source, ``results/records/records.tsv``.

Each source's records become rows with the columns of :data:`RECORD_COLUMNS`; ``record_id`` is
``pubmed-<PMID>`` for PubMed and ``<source slug>-<5-digit index>`` for the others, the index
running over a source's files in config order, so identifiers are stable across re-runs.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import pandas as pd

from alereview.errors import InputError
from alereview.search.fields import FIELDS, RECORD_COLUMNS
from alereview.tsv import read_tsv, write_json, write_tsv

PUBMED = "PubMed"


def source_slug(name: str) -> str:
    """A lower-case identifier for a database name.

    Examples
    --------
    >>> source_slug("Web of Science")
    'web_of_science'
    >>> source_slug("Cochrane Library")
    'cochrane_library'
    """
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    slug = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    return slug or "source_" + hashlib.sha1(str(name).encode("utf-8")).hexdigest()[:6]


def export_keys(exports) -> list:
    """One file-name-safe key per configured export: the database slug, numbered when repeated.

    Examples
    --------
    >>> export_keys([{"database": "Embase"}, {"database": "CNKI"}, {"database": "Embase"}])
    ['embase_1', 'cnki', 'embase_2']
    """
    slugs = [source_slug(e["database"]) for e in exports]
    keys, seen = [], {}
    for slug in slugs:
        if slugs.count(slug) > 1:
            seen[slug] = seen.get(slug, 0) + 1
            keys.append(f"{slug}_{seen[slug]}")
        else:
            keys.append(slug)
    return keys


def records_frame(records, source: str, source_file: str, source_format: str) -> pd.DataFrame:
    """Rows of one file or search, in the records.tsv layout (``record_id`` not yet set for exports).

    Parameters
    ----------
    records : list of dict
        Fields of :data:`~alereview.search.fields.FIELDS` (missing ones are empty), optionally
        ``source_index``.
    source : str
        The database name (``PubMed``, ``Embase``, ...).
    source_file, source_format : str
        Where the records were read, and in which format.
    """
    rows = []
    for position, record in enumerate(records, start=1):
        row = {name: str(record.get(name, "") or "") for name in FIELDS}
        row["source"] = source
        row["source_file"] = str(record.get("source_file") or source_file)
        row["source_format"] = source_format
        row["source_index"] = str(record.get("source_index", position))
        row["record_id"] = f"pubmed-{row['pmid']}" if source == PUBMED and row["pmid"] else ""
        rows.append(row)
    return pd.DataFrame(rows, columns=RECORD_COLUMNS).fillna("")


def assign_record_ids(frames) -> pd.DataFrame:
    """Concatenate per-source frames and give every record its identifier.

    Raises
    ------
    InputError
        A PubMed record without PMID, or two records with one identifier.
    """
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=RECORD_COLUMNS)
    table = pd.concat(frames, ignore_index=True).fillna("")
    counters = {}
    ids = []
    for row in table.itertuples(index=False):
        if row.source == PUBMED:
            if not row.pmid:
                raise InputError("PubMed record without PMID", path=row.source_file, record=row.source_index, field="pmid")
            ids.append(f"pubmed-{row.pmid}")
            continue
        slug = source_slug(row.source)
        counters[slug] = counters.get(slug, 0) + 1
        ids.append(f"{slug}-{counters[slug]:05d}")
    table["record_id"] = ids
    duplicated = table["record_id"][table["record_id"].duplicated()]
    if len(duplicated):
        first = duplicated.iloc[0]
        where = table[table["record_id"] == first].iloc[1]
        raise InputError(
            f"record identifier {first} occurs twice", path=where["source_file"], record=where["source_index"], field="record_id"
        )
    return table[RECORD_COLUMNS]


def build_records(tables, infos, records_path, provenance_path, extra=None) -> pd.DataFrame:
    """Gather the per-source tables into ``records.tsv`` and write ``provenance.json``.

    Parameters
    ----------
    tables : list of str or Path
        Per-source TSVs (PubMed's search table first, then the exports in config order).
    infos : list of dict
        One per table: ``source``, ``file``, ``format``, ``encoding``, ``records`` (and, for
        PubMed, the search facts).
    records_path, provenance_path : str or Path
        Outputs.
    extra : callable, optional
        ``extra(table)`` returns more facts (a dict) for ``provenance.json``.
    """
    frames = []
    for path, info in zip(tables, infos):
        frame = read_tsv(path)
        missing = [c for c in RECORD_COLUMNS if c not in frame.columns]
        if missing:
            raise InputError(f"missing columns {missing}", path=path, line=1, field=missing[0])
        if len(frame) != int(info["records"]):
            raise InputError(f"{len(frame)} rows but its provenance says {info['records']} records", path=path, field="records")
        frames.append(frame[RECORD_COLUMNS])
    table = assign_record_ids(frames)
    write_tsv(table, records_path, columns=RECORD_COLUMNS)
    counts = table.groupby("source", sort=False).size().to_dict() if len(table) else {}
    write_json(
        provenance_path,
        {
            "records": int(len(table)),
            "by_source": {name: int(n) for name, n in counts.items()},
            "sources": list(infos),
            **(extra(table) if extra else {}),
        },
    )
    return table
