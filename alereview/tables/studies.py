"""The review's study tables (Table 1, and any more it configures), generic.

The study table (config ``studies.table``) needs only ``study_id``; every other column is the
review's own. Config ``tables.studies`` names the tables built from it: for each, its file
name, title, columns (a column of the study table, several joined, or a format string), their
headers and order, its notes and a summary sentence computed from the rows. Without that
config, one table lists each study with its experiments, foci and subjects counted from the
coordinates. The coordinates stage's ``foci_mni.tsv`` gives these computed columns:

``coordinates.experiments``
    experiments of the study (each counted once, whatever the number of analyses it feeds);
``coordinates.foci``
    their foci;
``coordinates.subjects``
    the sum of their sample sizes;
``coordinates.analyses``
    the analyses the study contributes to;
``coordinates.space``
    the space(s) its foci were reported in.

A review without a study table (coordinates only) gets the studies of its coordinates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from alereview.errors import ConfigError, InputError
from alereview.logs import get_logger
from alereview.tsv import read_tsv

log = get_logger(__name__)

#: Columns computed from the coordinates, with their default headers.
COMPUTED = {
    "coordinates.experiments": "Experiments",
    "coordinates.foci": "Foci",
    "coordinates.subjects": "Subjects (sum over experiments)",
    "coordinates.analyses": "Analyses",
    "coordinates.space": "Reported space",
}
#: Cells that mean "no value" (not counted in sums, dropped when columns are joined).
MISSING = ("", "-", "NA", "n/a")
#: A count to sum: ASCII digits only (``str.isdigit`` accepts ``²`` and other scripts' digits).
WHOLE_COUNT = re.compile(r"[0-9]+")
#: Names the other tables' files use.
RESERVED = ("table3_minors", "table4_clusters", "table5_jackknife")
_FIELD = re.compile(r"\{([^{}]+)\}")


@dataclass
class Column:
    """One column of a study table: the study-table columns it shows, its header, how it joins them."""

    sources: list
    header: str
    format: str = ""
    join: str = " / "
    render: object = None  # a function of the row, for the default table

    def value(self, row: dict) -> str:
        """The cell of ``row``.

        Examples
        --------
        >>> Column(["n_a", "n_b"], "n").value({"n_a": "10", "n_b": "-"})
        '10'
        >>> Column(["a", "b"], "x", format="{a} vs {b}").value({"a": "X", "b": "Y"})
        'X vs Y'
        """
        if self.render is not None:
            return self.render(row)
        if self.format:
            return _FIELD.sub(lambda m: str(row.get(m.group(1).strip(), "")), self.format)
        values = [str(row.get(s, "")) for s in self.sources]
        kept = values[:1] + [v for v in values[1:] if v.strip() not in MISSING]
        return self.join.join(kept)


@dataclass
class StudyTableSpec:
    """One configured study table (config ``tables.studies`` item)."""

    name: str
    title: str
    columns: list
    notes: list = field(default_factory=list)
    summary: dict | None = None

    @property
    def sources(self) -> list:
        """The study-table columns the table shows, in order of first use (its TSV's columns)."""
        return list(dict.fromkeys(s for c in self.columns for s in c.sources))


def study_and_id(row) -> str:
    """A study's name with its id when they differ: ``Kim et al. (kim2015)``, else the id once.

    Examples
    --------
    >>> study_and_id({"study_id": "kim2015", "study": "Kim et al."}), study_and_id({"study_id": "kim2015", "study": "kim2015"})
    ('Kim et al. (kim2015)', 'kim2015')
    """
    study_id, name = str(row["study_id"]), str(row.get("study") or "").strip()
    return f"{name} ({study_id})" if name and name != study_id else study_id


def default_spec() -> StudyTableSpec:
    """Table 1 of a review that configures none: study (and id), experiments, foci, subjects."""
    columns = [Column(["study_id", "study"], "Study", render=study_and_id)]
    columns += [Column([name], COMPUTED[name]) for name in ("coordinates.experiments", "coordinates.foci", "coordinates.subjects")]
    return StudyTableSpec("table1_studies", "Included studies.", columns)


def _column(item, key: str) -> Column:
    if isinstance(item, str):
        return Column([item], COMPUTED.get(item, item))
    if not isinstance(item, dict) or not (item.get("column") or item.get("format")):
        raise ConfigError(key, "a column is a column name or {column: name or [names], header: ..., format: ..., join: ...}")
    sources = item.get("column") or []
    sources = [sources] if isinstance(sources, str) else list(sources)
    text = item.get("format", "")
    for name in _FIELD.findall(text):
        if name.strip() not in sources:
            sources.append(name.strip())
    header = item.get("header") or COMPUTED.get(sources[0], sources[0])
    return Column(sources, header, text, item.get("join", " / "))


def table_specs(tables_config: dict | None) -> list:
    """The study tables a config asks for (config ``tables``); the default table when none.

    Raises
    ------
    ConfigError
        For a name used twice or reserved for another table, or a column without a name.
    """
    items = (tables_config or {}).get("studies") or []
    if not items:
        return [default_spec()]
    specs = []
    for i, item in enumerate(items):
        key = f"tables.studies[{i}]"
        name = item["name"]
        if name in RESERVED or name in [s.name for s in specs]:
            raise ConfigError(f"{key}.name", f"{name!r} is {'reserved for another table' if name in RESERVED else 'used twice'}")
        columns = [_column(c, f"{key}.columns[{j}]") for j, c in enumerate(item.get("columns") or [])]
        if not columns:
            raise ConfigError(f"{key}.columns", "a study table needs at least one column")
        notes = item.get("notes") or []
        specs.append(
            StudyTableSpec(name, item.get("title") or "", columns, [notes] if isinstance(notes, str) else list(notes), item.get("summary"))
        )
    return specs


def read_study_table(path) -> pd.DataFrame:
    """Read the study table (TSV, or CSV by its extension): ``study_id`` required, unique.

    Raises
    ------
    InputError
        For a missing ``study_id`` column, an empty or repeated id (naming the line).
    """
    df = read_tsv(path, sep=",") if str(path).lower().endswith(".csv") else read_tsv(path)
    df.columns = [str(c).strip() for c in df.columns]
    if "study_id" not in df.columns:
        raise InputError(f"missing column 'study_id' (columns: {', '.join(df.columns)})", path=path, line=1, field="study_id")
    seen = {}
    for line, value in enumerate(df["study_id"], start=2):
        value = value.strip()
        if not value:
            raise InputError("empty study_id", path=path, line=line, field="study_id")
        if value in seen:
            raise InputError(f"study_id {value!r} appears twice (also line {seen[value]})", path=path, line=line, field="study_id")
        seen[value] = line
    df["study_id"] = df["study_id"].str.strip()
    return df


def coordinate_counts(foci: pd.DataFrame) -> pd.DataFrame:
    """Per study (order of first appearance): its label and the ``coordinates.*`` columns.

    Parameters
    ----------
    foci : pandas.DataFrame
        The coordinates stage's ``foci_mni.tsv``: ``analysis, experiment_id, study_id, study, n,
        space`` per focus.
    """
    rows = {}
    for study_id, part in foci.groupby("study_id", sort=False):
        first = part.drop_duplicates("experiment_id")
        # An experiment that feeds several analyses counts once: its foci in its first analysis.
        own = part.merge(first[["experiment_id", "analysis"]], on=["experiment_id", "analysis"])
        rows[study_id] = {
            "study_id": study_id,
            "study": next((s for s in part.get("study", []) if s), study_id),
            "coordinates.experiments": str(len(first)),
            "coordinates.foci": str(len(own)),
            "coordinates.subjects": str(sum(int(float(n)) for n in first["n"] if str(n).strip() not in MISSING)),
            "coordinates.analyses": ", ".join(dict.fromkeys(part["analysis"])),
            "coordinates.space": ", ".join(dict.fromkeys(s for s in part.get("space", []) if s)),
        }
    return pd.DataFrame(list(rows.values()), columns=["study_id", "study", *COMPUTED])


def study_rows(studies: pd.DataFrame | None, foci: pd.DataFrame | None) -> pd.DataFrame:
    """The rows the study tables show: the study table's (in its order) with the computed columns.

    Without a study table, the studies of the coordinates; without coordinates, the computed
    columns are absent. A study of the table without coordinates counts 0 experiments.
    """
    if studies is None and foci is None:
        raise ValueError("a study table or the coordinates are needed")
    counts = coordinate_counts(foci) if foci is not None else None
    if studies is None:
        return counts.reset_index(drop=True)
    rows = studies.copy()
    if counts is None:
        if "study" not in rows.columns:
            rows["study"] = rows["study_id"]
        return rows.reset_index(drop=True)
    by_id = counts.set_index("study_id")
    extra = [s for s in by_id.index if s not in set(rows["study_id"])]
    if extra:
        log.warning("studies with coordinates but not in the study table: %s", ", ".join(extra))
        rows = pd.concat([rows, counts[counts["study_id"].isin(extra)][["study_id", "study"]]], ignore_index=True).fillna("")
    if "study" not in rows.columns:
        rows["study"] = ""
    labels = by_id["study"].to_dict()
    rows["study"] = [s if str(s).strip() else labels.get(i, i) for s, i in zip(rows["study"], rows["study_id"])]
    for name in COMPUTED:
        if name not in rows.columns:
            empty = "" if name in ("coordinates.analyses", "coordinates.space") else "0"
            rows[name] = [by_id.at[i, name] if i in by_id.index else empty for i in rows["study_id"]]
    return rows.reset_index(drop=True)


def study_label(row) -> str:
    """How Tables 3 and the risk-of-bias figures name a study: ``study``, with ``(ref)`` when the table has one.

    Examples
    --------
    >>> study_label({"study_id": "s1", "study": "Lee et al.", "ref": "12"}), study_label({"study_id": "s1"})
    ('Lee et al. (12)', 's1')
    """
    name = str(row.get("study") or "").strip() or str(row["study_id"])
    ref = str(row.get("ref") or "").strip()
    return f"{name} ({ref})" if ref else name


def _check_columns(spec: StudyTableSpec, rows: pd.DataFrame, path) -> None:
    for name in spec.sources:
        if name not in rows.columns:
            where = "the coordinates (give the coordinates stage's foci_mni.tsv)" if name in COMPUTED else "the study table"
            raise InputError(
                f"table {spec.name!r} (config tables.studies) shows column {name!r}, which {where} does not have"
                f" (columns: {', '.join(c for c in rows.columns if c not in COMPUTED)})",
                path=path,
                field=name,
            )


def build_data(spec: StudyTableSpec, rows: pd.DataFrame, path="studies") -> pd.DataFrame:
    """A study table's data (its TSV): the columns it shows, as they are, one row per study.

    Raises
    ------
    InputError
        For a column the study table (or the coordinates) does not have, naming it.
    """
    _check_columns(spec, rows, path)
    return rows.loc[:, spec.sources].reset_index(drop=True)


def build_display(spec: StudyTableSpec, data: pd.DataFrame) -> pd.DataFrame:
    """The table as printed: one column per configured column, under its header."""
    records = data.to_dict("records")
    headers = [c.header for c in spec.columns]
    columns = {}
    for column, header in zip(spec.columns, headers):
        if header in columns:  # two columns of one header stay two columns
            header = f"{header} ({len(columns) + 1})"
        columns[header] = [column.value(r) for r in records]
    return pd.DataFrame(columns, index=range(len(records)))


def _whole_number(value, path, line, column) -> int | None:
    text = str(value).strip()
    if text in MISSING:
        return None
    if not WHOLE_COUNT.fullmatch(text):
        raise InputError(f"expected a whole number (or - for none) to sum, got {text!r}", path=path, line=line, field=column)
    return int(text)


def _total(data: pd.DataFrame, item: dict, path, lines) -> int:
    column = item["column"]
    if column not in data.columns:
        raise InputError(f"the summary sums column {column!r}, which the table does not show", path=path, field=column)
    where = item.get("where") or {}
    total = 0
    for line, row in zip(lines, data.to_dict("records")):
        if any(str(row.get(k, "")).strip().casefold() != str(v).strip().casefold() for k, v in where.items()):
            continue
        total += _whole_number(row[column], path, line, column) or 0
    return total


def summary_sentence(spec: StudyTableSpec, data: pd.DataFrame, path="studies", lines=None) -> str:
    """One sentence of counts computed from the rows, for the table's first note.

    ``spec.summary`` may give ``count_by`` (a column whose values are counted) and ``totals``
    (``{column, label[, where: {column: value}]}`` summed over the rows). Without it, the
    computed count columns the table shows are summed.

    Examples
    --------
    >>> spec = StudyTableSpec("t", "", [], summary={"count_by": "design", "totals": [
    ...     {"column": "n", "label": "participants"}, {"column": "n", "label": "in trials", "where": {"design": "RCT"}}]})
    >>> summary_sentence(spec, pd.DataFrame({"design": ["RCT", "cohort", "RCT"], "n": ["10", "8", "-"]}))
    '3 studies (2 RCT, 1 cohort); 18 participants, 10 in trials.'
    """
    lines = list(lines) if lines is not None else list(range(2, len(data) + 2))
    summary = spec.summary
    if summary is None:
        labels = {
            "coordinates.experiments": "experiments",
            "coordinates.foci": "foci",
            "coordinates.subjects": "subjects (summed over experiments)",
        }
        summary = {"totals": [{"column": c, "label": label} for c, label in labels.items() if c in data.columns]}
    text = f"{len(data)} {'study' if len(data) == 1 else 'studies'}"
    count_by = summary.get("count_by")
    if count_by:
        if count_by not in data.columns:
            raise InputError(f"the summary counts by column {count_by!r}, which the table does not show", path=path, field=count_by)
        counts = data[count_by].map(lambda v: str(v).strip() or "unspecified").value_counts(sort=False)
        text += " (" + ", ".join(f"{n} {value}" for value, n in counts.items()) + ")"
    totals = [f"{_total(data, item, path, lines)} {item.get('label', item['column'])}" for item in summary.get("totals") or []]
    return text + ("; " + ", ".join(totals) if totals else "") + "."
