"""The records still to screen, in forms that screening tools import.

``to_screen.tsv`` (tab-separated, UTF-8) has the columns ASReview LAB reads — ``title``,
``abstract``, ``authors``, ``year``, ``journal``, ``doi``, ``pmid`` — plus ``record_key``,
``stage`` (the stage the record awaits) and ``awaiting`` (who has still to decide). ASReview
keeps unknown columns, so its export carries ``record_key`` back and matching is exact.

``to_screen.ris`` holds the same records as RIS, the format Rayyan imports most reliably; the
key is written into the notes (``N1  - ALEREVIEW-RECORD-KEY: doi:...``), which Rayyan keeps
and exports in front of its own data, so a Rayyan export matches by key too.
"""

from __future__ import annotations

import pandas as pd

from alereview.tsv import atomic_write_text

COLUMNS = [
    "record_key",
    "stage",
    "awaiting",
    "title",
    "abstract",
    "authors",
    "year",
    "journal",
    "volume",
    "issue",
    "pages",
    "doi",
    "pmid",
    "language",
    "sources",
]
KEY_NOTE = "ALEREVIEW-RECORD-KEY"


def to_screen_table(screening) -> pd.DataFrame:
    """One row per record that lacks a decision at the stage it has reached.

    Parameters
    ----------
    screening : Screening

    Returns
    -------
    pandas.DataFrame
        :data:`COLUMNS`, ordered by stage (title/abstract first) then record key.
    """
    rows = []
    for key, (stage, awaiting) in screening.pending.items():
        record = screening.index.records[key]
        row = {column: str(record.get(column, "") or "") for column in COLUMNS}
        row.update(record_key=key, stage=stage, awaiting=", ".join(awaiting))
        rows.append(row)
    order = {"title_abstract": 0, "full_text": 1}
    rows.sort(key=lambda r: (order[r["stage"]], r["record_key"]))
    return pd.DataFrame(rows, columns=COLUMNS)


def _clean(text) -> str:
    return " ".join(str(text or "").split())


def to_ris(table: pd.DataFrame) -> str:
    """The records of :func:`to_screen_table` as RIS text (one ``TY  - JOUR`` entry each)."""
    lines = []
    for row in table.to_dict("records"):
        lines.append("TY  - JOUR")
        lines.append(f"TI  - {_clean(row['title'])}")
        for author in [a.strip() for a in str(row["authors"]).split(";") if a.strip()]:
            lines.append(f"AU  - {author}")
        for tag, column in (
            ("PY", "year"),
            ("JO", "journal"),
            ("VL", "volume"),
            ("IS", "issue"),
            ("SP", "pages"),
            ("DO", "doi"),
            ("AB", "abstract"),
            ("LA", "language"),
        ):
            if _clean(row[column]):
                lines.append(f"{tag}  - {_clean(row[column])}")
        if _clean(row["pmid"]):
            lines.append(f"AN  - {_clean(row['pmid'])}")
        lines.append(f"N1  - {KEY_NOTE}: {row['record_key']}")
        lines.append("ER  - ")
        lines.append("")
    return "\n".join(lines)


def write_ris(table: pd.DataFrame, path) -> None:
    """Write :func:`to_ris` atomically (UTF-8, no BOM)."""
    atomic_write_text(path, to_ris(table))
