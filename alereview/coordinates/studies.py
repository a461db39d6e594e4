"""Tying experiments to the included studies.

Every experiment names its study by ``study_id`` (coordinate tables) or by the study part of its
Sleuth label (``Lee et al. (lee2019)``, ``Lee et al.``, ``Lee et al., 2019``). The study table
(config ``studies.table``, optional) links study ids to their records (record key, DOI, PMID or
title), and screening's ``included.tsv`` says which records were included. Without a study table
(a coordinates-only review) experiments keep the study ids and names their inputs give. Coordinates of a study screening did not include, or an included
study without coordinates, is an error or a warning (config ``coordinates.unmatched``).
"""

from __future__ import annotations

import csv
import difflib
from pathlib import Path

import pandas as pd

from alereview.coordinates.model import split_study
from alereview.coordinates.validate import parse_sample_size
from alereview.errors import InputError
from alereview.identity import normalize_doi, normalize_text
from alereview.logs import get_logger
from alereview.tsv import read_tsv

LOGGER = get_logger(__name__)


#: Columns of the study table that link a study to its record (any one of them will do).
LINK_COLUMNS = ("record_key", "doi", "pmid", "title")


def _identities(row: dict) -> set:
    """The keys a record or study row can be recognised by: record key, DOI, PMID, title."""
    keys = set()
    for key in str(row.get("record_key", "") or "").split(";") + str(row.get("identities", "") or "").split(";"):
        if key.strip():
            keys.add(key.strip())
    doi = normalize_doi(row.get("doi", "") or "")
    if doi:
        keys.add(f"doi:{doi}")
    pmid = str(row.get("pmid", "") or "").strip()
    if pmid:
        keys.add(f"pmid:{pmid}")
    title = normalize_text(row.get("title", "") or "")
    if title:
        keys.add(f"title:{title}")
    return keys


def read_study_table(path) -> pd.DataFrame:
    """The study table as text (``.csv``: comma-separated, else tab-separated); clear errors.

    Raises
    ------
    InputError
        Not UTF-8, a row with more cells than the header, or a column name given twice.
    """
    path = Path(path)
    sep = "," if path.suffix.lower() == ".csv" else "\t"
    try:
        header = path.read_text(encoding="utf-8-sig").splitlines()[:1]
        names = [name.strip() for name in header[0].split(sep)] if header else []
        with open(path, encoding="utf-8-sig", newline="") as handle:
            for line, cells in enumerate(csv.reader(handle, delimiter=sep), start=1):
                if cells and any(c.strip() for c in cells) and len(cells) != len(names):
                    raise InputError(
                        f"wrong number of columns: found {len(cells)}, the header has {len(names)} (a stray tab/comma, or a missing cell?)",
                        path=path,
                        line=line,
                    )
        table = read_tsv(path, sep=sep, encoding="utf-8-sig", index_col=False)
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text ({error.reason} at byte {error.start}); save the table as UTF-8", path=path) from None
    except pd.errors.ParserError as error:
        raise InputError(f"cannot be read as a {'CSV' if sep == ',' else 'TSV'} table: {error}", path=path) from None
    repeated = sorted({name for name in names if name and names.count(name) > 1})
    if repeated:
        raise InputError(f"column {repeated[0]!r} appears twice in the header", path=path, line=1, field=repeated[0])
    return table.rename(columns=str.strip)


class StudyTable:
    """The study table: ``study_id`` and any columns of the user's.

    Read here: ``study`` (display name; default the id), ``year`` (to recognise ``Label, Year``
    in Sleuth files), the link to the study's record (``record_key``, ``doi``, ``pmid`` or
    ``title``: any of them, when the review screens) and ``n`` (the sample size of the study's
    experiments where the coordinates give none). Every other column is the user's.

    Parameters
    ----------
    path : str or Path
        ``studies.tsv`` (or ``.csv``).
    """

    def __init__(self, path):
        self.path = str(path)
        table = read_study_table(path)
        if "study_id" not in table.columns:
            raise InputError("missing column 'study_id'", path=path, line=1, field="study_id")
        self.rows = {}
        self.lines = {}
        for line, row in enumerate(table.to_dict("records"), start=2):
            study_id = row["study_id"].strip()
            if not study_id:
                raise InputError("empty study_id", path=path, line=line, field="study_id")
            if study_id in self.rows:
                raise InputError(
                    f"duplicate study_id {study_id!r} (also line {self.lines[study_id]})", path=path, line=line, field="study_id"
                )
            self.rows[study_id], self.lines[study_id] = row, line
        self._by_label = {}
        for study_id, row in self.rows.items():
            label = self.label(study_id)
            names = {label}
            if row.get("year"):
                names |= {f"{label}, {row['year']}", f"{label} {row['year']}", f"{label} ({row['year']})"}
            for name in names:
                self._by_label.setdefault(normalize_text(name), set()).add(study_id)

    def label(self, study_id: str) -> str:
        return str(self.rows[study_id].get("study", "") or "").strip() or study_id

    def resolve(self, study: str) -> str | None:
        """The study id that ``study`` (an id, ``Label (id)``, ``Label`` or ``Label, Year``) names."""
        if study in self.rows:
            return study
        _, study_id = split_study(study)
        if study_id in self.rows:
            return study_id
        matches = self._by_label.get(normalize_text(study), set())
        if len(matches) == 1:
            return next(iter(matches))
        return None

    def included_ids(self, included) -> set:
        """Ids of the studies linked to a record of ``included`` (:func:`read_included`)."""
        keys = {key for record in included.values() for key in record["ids"]}
        return {sid for sid, row in self.rows.items() if _identities(row) & keys}


def read_included(path) -> dict:
    """``{record_key: {"line": line, "ids": identities}}`` of screening's ``included.tsv``."""
    table = read_tsv(path)
    if "record_key" not in table.columns:
        raise InputError("missing column 'record_key'", path=path, line=1, field="record_key")
    included = {}
    for line, row in enumerate(table.to_dict("records"), start=2):
        key = row["record_key"].strip()
        if key:
            included[key] = {"line": line, "ids": _identities(row)}
    return included


def fill_sample_sizes(foci, studies) -> None:
    """Fill empty ``n`` cells of the long table of foci from the study table's ``n`` column.

    Rows filled get ``n_source`` = ``"study table"`` (a column added when missing).
    """
    if studies is None or "n" not in next(iter(studies.rows.values()), {}):
        return
    if "n_source" not in foci.columns:
        foci["n_source"] = ""
    for index in foci.index[foci["n"].fillna("").astype(str).str.strip() == ""]:
        study_id = studies.resolve(str(foci.at[index, "study"]).strip())
        n = str(studies.rows[study_id].get("n", "") or "").strip() if study_id else ""
        if n:
            parse_sample_size(n, path=studies.path, line=studies.lines[study_id], field="n")
            foci.at[index, "n"] = n
            foci.at[index, "n_source"] = "study table"


def _report(policy: str, error: InputError) -> None:
    if policy == "error":
        raise error
    LOGGER.warning("%s", error)


def _study_link_error(studies: StudyTable, study_id: str, included: dict):
    """The study table's fault, when a study with coordinates links to no included record while
    included records have no study (a ``record_key`` typo, most likely); else None."""
    known = set().union(*(_identities(row) for row in studies.rows.values()))
    orphans = [key for key, record in included.items() if not record["ids"] & known]
    if not orphans:
        return None
    row = studies.rows[study_id]
    key = str(row.get("record_key", "") or "").strip()
    close = difflib.get_close_matches(key, orphans, n=1, cutoff=0.6) if key else []
    hint = f"; did you mean {close[0]!r}?" if close else f"; included records without a study: {', '.join(orphans[:5])}"
    return InputError(
        f"study {study_id!r} links to no record that screening included (record_key {key or '(empty)'!r}, or its doi, pmid, title){hint}",
        path=studies.path,
        line=studies.lines[study_id],
        field="record_key",
    )


def tie_to_studies(experiments, studies: StudyTable, included=None, policy: str = "error", included_path=None):
    """Resolve each experiment's study, and keep the experiments of included studies.

    Parameters
    ----------
    experiments : list of Experiment
        Their ``study_id`` is what the input gave; it becomes the study table's id, and
        ``study_label`` its display name.
    studies : StudyTable
    included : dict, optional
        From :func:`read_included`; None skips the screening check.
    policy : {"error", "warn"}
        For coordinates of a study not included, and included studies without coordinates.
        With "warn", the former are dropped (and logged).
    included_path : str, optional
        For messages.

    Returns
    -------
    list of Experiment
        The experiments to analyse.

    Raises
    ------
    InputError
        A study the study table does not know (always: a typo), or, with ``policy="error"``,
        an unmatched study as above.
    """
    for experiment in experiments:
        study_id = studies.resolve(experiment.study_text or experiment.study_id)
        if study_id is None:
            raise InputError(
                f"unknown study {experiment.study_text or experiment.study_id!r}: not a study_id (or study name) of {studies.path}",
                field="study",
                **experiment.where(),
            )
        experiment.study_id, experiment.study_label = study_id, studies.label(study_id)
        experiment.label = ""  # named by the study table from here on: "Label (id): condition"
    if included is None:
        return list(experiments)
    included_ids = studies.included_ids(included)
    kept, blamed = [], set()
    for experiment in experiments:
        if experiment.study_id in included_ids:
            kept.append(experiment)
            continue
        key = studies.rows[experiment.study_id].get("record_key", "") or "(no record_key)"
        link_error = _study_link_error(studies, experiment.study_id, included)
        if link_error is not None:
            if experiment.study_id not in blamed:
                blamed.add(experiment.study_id)
                _report(policy, link_error)
            continue
        _report(
            policy,
            InputError(
                f"coordinates of study {experiment.study_id!r} ({key}), which screening did not include"
                f"{'; dropped' if policy != 'error' else ''}",
                field="study",
                **experiment.where(),
            ),
        )
    with_coordinates = {e.study_id for e in kept}
    for study_id in sorted(included_ids - with_coordinates, key=lambda s: studies.lines[s]):
        _report(
            policy,
            InputError(
                f"included study {study_id!r} has no coordinates in any input",
                path=studies.path,
                line=studies.lines[study_id],
                field="study_id",
            ),
        )
    known = set().union(*(_identities(row) for row in studies.rows.values()))
    for key, record in included.items():
        if not record["ids"] & known:
            _report(
                policy,
                InputError(
                    f"included record {key!r} has no study in {studies.path} (matched by {', '.join(LINK_COLUMNS)}), so no coordinates",
                    path=included_path,
                    line=record["line"],
                    field="record_key",
                ),
            )
    return kept
