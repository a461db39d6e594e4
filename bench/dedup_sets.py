"""The labelled deduplication sets of ``../shared/data/dedup_benchmarks``, and each one's quirks.

The one place where a set's columns are mapped to the fields both tools read: alereview's
``records.tsv`` columns (``title``, ``authors``, ``year``, ``journal``, ``volume``, ``issue``,
``pages``, ``doi``, ``abstract``) and bib-dedupe's CoLRev fields (the same, plus
``ENTRYTYPE`` and ``booktitle``, carried as the extra columns ``entrytype`` and ``booktitle``:
see ``bench/dedup_bibdedupe.py``). Every column of a set's file is either given to the tools
(:attr:`LabelledSet.fields`, :attr:`LabelledSet.extra`) or declared ignored with the reason
(:attr:`LabelledSet.ignored`); a column that is neither stops the benchmark, so no field is
ever dropped silently.

Quirks, by set:

``asysd_diabetes``
    Authors run together (``Adeli K.Lewis G. F.``: split at each initial's period);
    ``number`` is the issue; ``NA`` means empty; ``label`` and ``source`` are the gold
    standard's labels (never given to a tool); ``isbn`` holds ISSNs, a field neither
    tool compares.
``colrev_respiratory``
    ``number`` is a record counter (1112, 1113, ... one per record), not the issue: ignored.
``colrev_special_cases``
    Conference papers give their venue as ``booktitle`` (bib-dedupe's field; alereview's
    ``records.tsv`` has one venue column, ``journal``, which takes the booktitle when the
    journal is empty, as the search stage's readers do); ``colrev_status``, ``file_name``,
    ``cited_by`` and ``note`` are CoLRev's bookkeeping.

Gold standard (as the benchmarks' README says): two records are true duplicates when their
ids share a line of ``merged_record_ids.csv``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dedup_benchmarks"
#: The columns both tools are given (records.tsv names), in order.
TOOL_COLUMNS = [
    "record_id",
    "source",
    "title",
    "authors",
    "year",
    "journal",
    "volume",
    "issue",
    "pages",
    "doi",
    "abstract",
    "entrytype",
    "booktitle",
]


def asysd_authors(text: str) -> str:
    """ASySD's run-together authors as ``Surname, Initials; ...``.

    Examples
    --------
    >>> asysd_authors("Adeli K.Lewis G. F.")
    'Adeli, K.; Lewis, G. F.'
    """
    if text in ("", "NA"):
        return ""
    names = re.split(r"(?<=\.)(?=\S)", text)
    out = []
    for name in names:
        match = re.match(r"^(.*?)\s+((?:[A-Z][a-z]?\.?\s*-?)+)$", name.strip())
        out.append(f"{match.group(1)}, {match.group(2).strip()}" if match else name.strip())
    return "; ".join(out)


def bibtex_authors(text: str) -> str:
    """CoLRev's ``Surname, Given and Surname, Given`` as ``Surname, Given; ...``."""
    return "; ".join(name.strip() for name in re.split(r"\s+and\s+", text) if name.strip())


def asysd_record_id(value: str) -> str:
    """ASySD's numeric record ids as the gold standard writes them (``id_0000001``)."""
    return f"id_{int(value):07d}"


@dataclass(frozen=True)
class LabelledSet:
    """One labelled set: where it is and how its columns become the tools' fields.

    Attributes
    ----------
    fields : dict
        File column -> tool column (:data:`TOOL_COLUMNS`).
    extra : dict
        File column -> tool column, for fields only one tool has a place for (``ENTRYTYPE``,
        ``booktitle``: bib-dedupe's; alereview's ``journal`` takes the booktitle when empty).
    ignored : dict
        File column -> why neither tool is given it.
    convert : dict
        Tool column -> function applied to each value (author formats, record ids).
    """

    name: str
    folder: str
    records_file: str
    fields: dict
    ignored: dict
    extra: dict = field(default_factory=dict)
    convert: dict = field(default_factory=dict)
    encoding: str = "utf-8"
    empty: tuple = ("NA",)

    @property
    def directory(self) -> Path:
        return SHARED / self.folder

    def available(self) -> bool:
        """True when the set's files are at hand."""
        return (self.directory / self.records_file).is_file() and (self.directory / "merged_record_ids.csv").is_file()

    def records(self) -> pd.DataFrame:
        """The set's records with the columns of :data:`TOOL_COLUMNS` (every file column
        accounted for: given to the tools or declared ignored)."""
        path = self.directory / self.records_file
        raw = pd.read_csv(path, encoding=self.encoding, dtype=str, keep_default_na=False)
        undeclared = [c for c in raw.columns if c not in self.fields and c not in self.extra and c not in self.ignored]
        if undeclared:
            raise ValueError(f"{path}: columns {undeclared} are neither given to the tools nor declared ignored (bench/dedup_sets.py)")
        raw = raw.replace(dict.fromkeys(self.empty, ""))
        out = pd.DataFrame({"source": self.name}, index=raw.index)
        for column, target in {**self.fields, **self.extra}.items():
            out[target] = raw[column]
        for target, function in self.convert.items():
            out[target] = out[target].map(function)
        for column in TOOL_COLUMNS:
            if column not in out.columns:
                out[column] = ""
        if "booktitle" in self.extra.values():
            out["journal"] = out["journal"].where(out["journal"] != "", out["booktitle"])
        return out[TOOL_COLUMNS].reset_index(drop=True)

    def gold(self) -> set:
        """The true duplicate pairs: every pair of ids within a gold group."""
        return gold_pairs(self.directory)


def gold_pairs(directory: Path) -> set:
    """Pairs of record ids that share a line of ``merged_record_ids.csv``."""
    pairs = set()
    for line in (Path(directory) / "merged_record_ids.csv").read_text().split("\n")[1:]:
        ids = sorted(x for x in line.strip().strip('"').split(";") if x)
        pairs.update(itertools.combinations(ids, 2))
    return pairs


_COLREV_BOOKKEEPING = "CoLRev's bookkeeping (status, file, citation count, notes): not a bibliographic field"

SETS = {
    "asysd_diabetes": LabelledSet(
        name="asysd_diabetes",
        folder="asysd_diabetes",
        records_file="labelled_test_set.csv",
        encoding="latin-1",
        fields={
            "record_id": "record_id",
            "title": "title",
            "author": "authors",
            "year": "year",
            "journal": "journal",
            "volume": "volume",
            "number": "issue",
            "pages": "pages",
            "doi": "doi",
            "abstract": "abstract",
        },
        ignored={
            "label": "the gold standard's label (In_database / Duplicate_in_trash)",
            "source": "the gold standard's label (duplicate / unique)",
            "isbn": "holds ISSNs: a field neither tool compares",
        },
        convert={"record_id": asysd_record_id, "authors": asysd_authors},
    ),
    "colrev_respiratory": LabelledSet(
        name="colrev_respiratory",
        folder="colrev_respiratory",
        records_file="records_pre_merged.csv",
        fields={
            "ID": "record_id",
            "title": "title",
            "author": "authors",
            "year": "year",
            "journal": "journal",
            "volume": "volume",
            "pages": "pages",
        },
        extra={"ENTRYTYPE": "entrytype"},
        ignored={"number": "a record counter (1112, 1113, ...: one value per record), not the issue"},
        convert={"authors": bibtex_authors},
    ),
    "colrev_special_cases": LabelledSet(
        name="colrev_special_cases",
        folder="colrev_special_cases",
        records_file="records_pre_merged.csv",
        fields={
            "ID": "record_id",
            "title": "title",
            "author": "authors",
            "year": "year",
            "journal": "journal",
            "volume": "volume",
            "issue": "issue",
            "pages": "pages",
            "doi": "doi",
            "abstract": "abstract",
        },
        extra={"ENTRYTYPE": "entrytype", "booktitle": "booktitle"},
        ignored={
            "colrev_status": _COLREV_BOOKKEEPING,
            "file_name": _COLREV_BOOKKEEPING,
            "cited_by": _COLREV_BOOKKEEPING,
            "note": _COLREV_BOOKKEEPING,
        },
        convert={"authors": bibtex_authors},
    ),
}
