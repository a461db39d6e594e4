"""Compare labels with a published Talairach Daemon table (GingerALE style), and count agreement.

Published GingerALE tables print the Daemon's levels in their own columns: hemisphere, lobe,
gyrus, and a Brodmann area column holding the number only ("45"), with "-" where the label has
no Brodmann area. Where the cell type is a nucleus, tables join it to the gyrus ("Lentiform
Nucleus Putamen"). The comparison rules, the same for every row:

- gyrus: the table's text equals our gyrus, or our gyrus followed by our cell type when that is
  not a Brodmann area;
- Brodmann area: a number n in the table matches our "BA n"; "-" matches any label that is not
  a Brodmann area (a cell type or none);
- hemisphere and lobe: equal text.
"""

from __future__ import annotations

import re

LEVELS = ("hemisphere", "lobe", "gyrus", "ba")


def is_brodmann(ba: str) -> bool:
    """Whether a ``ba`` value of :func:`~alereview.labels.label_peak` is a Brodmann area."""
    return re.fullmatch(r"BA \d+", ba) is not None


def level_matches(level: str, published: str, label: dict) -> bool:
    """Whether one published level agrees with a label (rules in the module docstring)."""
    published = " ".join(published.split())
    if level == "gyrus":
        joined = f"{label['gyrus']} {label['ba']}"
        return published == label["gyrus"] or (not is_brodmann(label["ba"]) and published == joined)
    if level == "ba":
        if published in ("-", ""):
            return not is_brodmann(label["ba"])
        return label["ba"] == f"BA {published.removeprefix('BA').strip()}"
    if level in ("hemisphere", "lobe"):
        return published == label[level]
    raise ValueError(f"unknown level {level!r}; expected one of {', '.join(LEVELS)}")


def agreement(rows, label_fn, **options) -> dict:
    """Count the rows of a published table whose levels our labels reproduce.

    Parameters
    ----------
    rows : iterable of dict
        With ``x, y, z`` (MNI) and any of ``hemisphere, lobe, gyrus, ba``.
    label_fn : callable
        ``label_fn(x, y, z, **options) -> dict``, e.g. :func:`~alereview.labels.label_peak`.

    Returns
    -------
    dict
        ``{level: number of rows that agree}`` for each level present, plus ``n`` (rows) and
        ``mismatches`` (list of (row index, level, published, ours)).
    """
    counts = {}
    mismatches = []
    n = 0
    for index, row in enumerate(rows):
        n += 1
        label = label_fn(float(row["x"]), float(row["y"]), float(row["z"]), **options)
        for level in LEVELS:
            if level not in row:
                continue
            ok = level_matches(level, row[level], label)
            counts[level] = counts.get(level, 0) + ok
            if not ok:
                mismatches.append((index, level, row[level], label[level]))
    return {"n": n, **counts, "mismatches": mismatches}
