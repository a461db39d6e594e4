"""Checks of the long table of foci: each value, then each experiment as a whole.

Every problem raises :class:`~alereview.errors.InputError` naming the file, the line and the
field, so a reviewer can open the table and fix it. Nothing is corrected silently.
"""

from __future__ import annotations

import math

import pandas as pd

from alereview.coordinates.model import DIRECTIONS, locate, normalize_space
from alereview.coordinates.transforms import TRANSFORMS
from alereview.errors import InputError
from alereview.numbers import is_number, parse_number


#: Accepted spellings of the ``roi`` flag (case-insensitive); empty means "no".
ROI_VALUES = {
    "yes": "yes",
    "y": "yes",
    "true": "yes",
    "1": "yes",
    "roi": "yes",
    "no": "no",
    "n": "no",
    "false": "no",
    "0": "no",
    "": "no",
    "whole brain": "no",
    "whole_brain": "no",
}


def _text(value) -> str:
    """A cell as stripped text; missing cells (None, NaN of a column a reader lacks) are ""."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _where(row):
    return locate(row["source"], row["line"])


def _number(row, column) -> float:
    text = str(row[column]).strip()
    if text == "":
        raise InputError("missing coordinate; every focus needs x, y and z", field=column, **_where(row))
    return parse_number(text, "a number", field=column, **_where(row))  # strict: no 4_2, nan, 1e400


def parse_sample_size(text, path=None, line=None, field: str = "n", record=None) -> int:
    """A sample size: a whole number > 0 (``"12"`` or ``"12.0"``).

    Raises
    ------
    InputError
        Missing, not a number, not whole or not > 0; naming ``path``, ``line`` and ``field``.
    """
    where = {**locate(path, line), "field": field}
    if record is not None:
        where["record"] = record
    text = "" if text is None else str(text).strip()
    if text == "":
        raise InputError(
            "missing sample size; every experiment needs its number of subjects (here, or in the study table's 'n' column for its study)",
            **where,
        )
    if not is_number(text):  # strict: no 4_2, nan, 1e400
        raise InputError(f"sample size is not a number: {text!r}; it must be a whole number > 0", **where)
    value = parse_number(text)
    if value <= 0 or value != int(value):
        raise InputError(f"sample size must be a whole number > 0, got {text!r}", **where)
    return int(value)


def _sample_size(row) -> int:
    where = _where(row)
    if _text(row["n"]) == "" and "record" in where:  # a JSON studyset: say where n can go
        raise InputError(
            "missing sample size: neither the analysis' metadata.sample_sizes / sample_size, its "
            "annotation note nor its study's metadata gives one; add it there, or an 'n' column "
            "for this study to the study table (studies.table)",
            field="sample_sizes",
            **where,
        )
    return parse_sample_size(row["n"], field="n" if "record" not in where else "sample_sizes", **where)


def validate_rows(foci: pd.DataFrame, analyses=None) -> pd.DataFrame:
    """Parse and check every value; returns a copy with numbers, spaces and names normalised.

    Parameters
    ----------
    foci : pandas.DataFrame
        The long table (text values) from :func:`~alereview.coordinates.tables.read_table` or
        :func:`~alereview.coordinates.sleuth.read_sleuth`.
    analyses : collection of str, optional
        The configured analyses; a ``contrast`` outside them is an error.

    Raises
    ------
    InputError
        Missing or non-numeric coordinates, an unknown space, ``n`` missing or not > 0, an empty
        study, experiment or contrast, an unknown contrast, direction or transform.
    """
    rows = []
    for row in foci.to_dict("records"):
        for column in ("study", "experiment", "contrast"):
            row[column] = str(row[column]).strip()
            if not row[column]:
                raise InputError(f"empty {column}; every focus needs its study, experiment and contrast", field=column, **_where(row))
        if analyses is not None and row["contrast"] not in analyses:
            raise InputError(
                f"unknown contrast {row['contrast']!r}; the configured analyses are {sorted(analyses)}", field="contrast", **_where(row)
            )
        for column in ("x", "y", "z"):
            row[column] = _number(row, column)
        space = normalize_space(row["space"])
        if space is None:
            raise InputError(f"unknown space {str(row['space']).strip()!r}; expected MNI or TAL (Talairach)", field="space", **_where(row))
        row["space"] = space
        row["n"] = _sample_size(row)
        row["direction"] = _text(row.get("direction")).lower()
        if row["direction"] and row["direction"] not in DIRECTIONS:
            raise InputError(
                f"unknown direction {row['direction']!r}; expected one of {list(DIRECTIONS)} or empty", field="direction", **_where(row)
            )
        row["transform"] = _text(row.get("transform")).lower()
        if row["transform"] and row["transform"] not in TRANSFORMS:
            raise InputError(
                f"unknown transform {row['transform']!r}; expected one of {list(TRANSFORMS)} or empty", field="transform", **_where(row)
            )
        for column in ("table", "page", "subject_group"):
            row[column] = _text(row.get(column))
        roi = _text(row.get("roi")).lower()
        if roi not in ROI_VALUES:
            raise InputError(f"roi must be yes or no (or empty), got {roi!r}", field="roi", **_where(row))
        row["roi"] = ROI_VALUES[roi]
        rows.append(row)
    columns = list(foci.columns) + [c for c in ("subject_group", "roi") if c not in foci.columns]
    return pd.DataFrame(rows, columns=columns)


def _describe(row) -> str:
    where = _where(row)
    return f"{row['source']} " + (f"line {where['line']}" if "line" in where else f"record {where.get('record', '?')}")


def validate_experiments(foci: pd.DataFrame) -> None:
    """Check each experiment's rows agree: one ``n``, one space, one direction, one transform, one file.

    An experiment is the rows sharing contrast, study, experiment (and ``block``, for Sleuth
    blocks that share a name). The same experiment in two files is a duplicate (copied twice, or
    two experiments given the same name).

    Raises
    ------
    InputError
        Naming the later of the two disagreeing rows and the earlier one it disagrees with.
    """
    first = {}
    for row in foci.to_dict("records"):
        key = (row["contrast"], row["study"], row["experiment"], _text(row.get("block")))
        if key not in first:
            first[key] = row
            continue
        earlier = first[key]
        name = f"experiment {row['experiment']!r} of study {row['study']!r} ({row['contrast']})"
        if row["source"] != earlier["source"]:
            raise InputError(
                f"duplicate experiment: {name} is also in {_describe(earlier)}; give each experiment a unique name",
                field="experiment",
                **_where(row),
            )
        if row["n"] != earlier["n"]:
            raise InputError(
                f"{name} has two different sample sizes: {row['n']} here, {earlier['n']} on line {earlier['line']}",
                field="n",
                **_where(row),
            )
        if row["space"] != earlier["space"]:
            raise InputError(
                f"mixed spaces inside {name}: {row['space']} here, {earlier['space']} on line {earlier['line']}",
                field="space",
                **_where(row),
            )
        for column in ("direction", "transform", "subject_group", "roi"):
            if row.get(column, "") != earlier.get(column, ""):
                raise InputError(
                    f"{name} has two different values of {column}: {row[column]!r} here, {earlier[column]!r} on line {earlier['line']}",
                    field=column,
                    **_where(row),
                )
