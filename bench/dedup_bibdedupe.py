"""bib-dedupe (PyPI ``bib-dedupe``, MIT; Wagner et al., JOSS 2024) run on alereview's records.

The comparator of ``bench/dedup_accuracy.py``: an optional bench dependency
(``pip install -e .[bench]``), never a runtime one. Its documented steps are applied as its
README gives them: ``prep`` -> ``block`` -> ``match`` -> ``cluster`` on a CoLRev-style table
(``ID``, ``ENTRYTYPE``, ``title``, ``author`` as ``Surname, Given and Surname, Given``,
``year``, ``journal``, ``booktitle``, ``volume``, ``number``, ``pages``, ``doi``, ``abstract``):
every field of alereview's records that bib-dedupe reads, and the set's own ``entrytype`` and
``booktitle`` when it has them (``bench/dedup_sets.py``; ``ENTRYTYPE`` is ``article``
otherwise, bib-dedupe's own default). Pairs that
bib-dedupe labels ``maybe`` are left out of its clusters, as they are left out of
alereview's (both go to a person). ``cpu=1`` everywhere: the CPU time is then comparable with
alereview's single process, and the shared machine is not flooded with worker processes.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import resource
import time

import pandas as pd


def available() -> bool:
    """True when bib-dedupe is installed."""
    try:
        import bib_dedupe  # noqa: F401
    except ImportError:
        return False
    return True


def colrev_table(records: pd.DataFrame) -> pd.DataFrame:
    """alereview's records (``record_id``, ``authors`` as ``Surname, I.; ...``) as CoLRev fields."""
    records = records.fillna("").astype(str)
    column = lambda name: records[name] if name in records.columns else ""  # noqa: E731
    authors = column("authors")
    if isinstance(authors, pd.Series):
        authors = authors.map(lambda text: " and ".join(a.strip() for a in text.split(";") if a.strip()))
    entrytype = column("entrytype")
    entrytype = entrytype.where(entrytype != "", "article") if isinstance(entrytype, pd.Series) else "article"
    booktitle = column("booktitle")
    journal = column("journal")
    if isinstance(booktitle, pd.Series) and isinstance(journal, pd.Series):
        # alereview's one venue column took the booktitle: bib-dedupe has both fields.
        journal = journal.where(journal != booktitle, "")
    return pd.DataFrame(
        {
            "ID": records["record_id"],
            "ENTRYTYPE": entrytype,
            "title": column("title"),
            "author": authors,
            "year": column("year"),
            "journal": journal,
            "booktitle": booktitle,
            "volume": column("volume"),
            "number": column("issue"),
            "pages": column("pages"),
            "doi": column("doi"),
            "abstract": column("abstract"),
        }
    )


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run(records: pd.DataFrame) -> tuple[set, float, float]:
    """Duplicate pairs found by bib-dedupe, wall seconds and CPU seconds.

    Returns
    -------
    tuple
        ``(pairs, wall, cpu)``: ``pairs`` a set of sorted ``(record_id, record_id)`` tuples
        (every pair within a cluster, as for alereview).
    """
    import bib_dedupe.bib_dedupe as bd

    table = colrev_table(records)
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    with contextlib.redirect_stdout(io.StringIO()):
        prepared = bd.prep(table, verbosity_level=0, cpu=1)
        blocked = bd.block(prepared, verbosity_level=0, cpu=1)
        matched = bd.match(blocked, verbosity_level=0, cpu=1)
        clusters = bd.cluster(matched, verbosity_level=0)
    wall, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
    pairs = set()
    for members in clusters:
        pairs.update(itertools.combinations(sorted(str(m) for m in members), 2))
    return pairs, wall, cpu
