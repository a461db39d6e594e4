"""Tying experiments to the included studies.

Every experiment names its study by ``study_id`` (coordinate tables) or by the study part of its
Sleuth label (``Xie et al. (ref20_xie)``, ``Xie et al.``, ``Xie et al., 2015``). The study table
(config ``studies.table``) links study ids to record keys, and screening's ``included.tsv`` says
which records were included. Coordinates of a study screening did not include, or an included
study without coordinates, is an error or a warning (config ``coordinates.unmatched``).
"""

from __future__ import annotations

from alereview.coordinates.model import split_study
from alereview.errors import InputError
from alereview.identity import normalize_text
from alereview.logs import get_logger
from alereview.tsv import read_tsv

LOGGER = get_logger(__name__)


class StudyTable:
    """The study table: ``study_id``, ``study`` (display name), ``record_key``, optional ``year``.

    Parameters
    ----------
    path : str or Path
        ``studies.tsv``.
    """

    def __init__(self, path):
        self.path = str(path)
        table = read_tsv(path)
        for column in ("study_id", "study"):
            if column not in table.columns:
                raise InputError(f"missing column {column!r}", path=path, line=1, field=column)
        self.rows = {}
        self.lines = {}
        for line, row in enumerate(table.to_dict("records"), start=2):
            study_id = row["study_id"].strip()
            if not study_id:
                raise InputError("empty study_id", path=path, line=line, field="study_id")
            if study_id in self.rows:
                raise InputError(f"duplicate study_id {study_id!r} (also line {self.lines[study_id]})", path=path, line=line, field="study_id")
            self.rows[study_id], self.lines[study_id] = row, line
        self._by_label = {}
        for study_id, row in self.rows.items():
            names = {row["study"]}
            if row.get("year"):
                names |= {f"{row['study']}, {row['year']}", f"{row['study']} {row['year']}", f"{row['study']} ({row['year']})"}
            for name in names:
                self._by_label.setdefault(normalize_text(name), set()).add(study_id)

    def label(self, study_id: str) -> str:
        return self.rows[study_id]["study"] or study_id

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

    def included_ids(self, included_keys) -> set:
        """Ids of the studies whose ``record_key`` is among ``included_keys``."""
        return {sid for sid, row in self.rows.items() if row.get("record_key", "").strip() in included_keys}


def read_included(path) -> dict:
    """``{record_key: line}`` of screening's ``included.tsv``."""
    table = read_tsv(path)
    if "record_key" not in table.columns:
        raise InputError("missing column 'record_key'", path=path, line=1, field="record_key")
    return {key.strip(): line for line, key in enumerate(table["record_key"], start=2) if key.strip()}


def _report(policy: str, error: InputError) -> None:
    if policy == "error":
        raise error
    LOGGER.warning("%s", error)


def tie_to_studies(experiments, studies: StudyTable, included=None, policy: str = "error", included_path=None):
    """Resolve each experiment's study, and keep the experiments of included studies.

    Parameters
    ----------
    experiments : list of Experiment
        Their ``study_id`` is what the input gave; it becomes the study table's id, and
        ``study_label`` its display name.
    studies : StudyTable
    included : dict, optional
        ``{record_key: line}`` from :func:`read_included`; None skips the screening check.
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
            raise InputError(f"unknown study {experiment.study_text or experiment.study_id!r}: not a study_id (or study name) of {studies.path}",
                             path=experiment.source, line=experiment.first_line, field="study")
        experiment.study_id, experiment.study_label = study_id, studies.label(study_id)
    if included is None:
        return list(experiments)
    included_ids = studies.included_ids(included)
    kept = []
    for experiment in experiments:
        if experiment.study_id in included_ids:
            kept.append(experiment)
            continue
        key = studies.rows[experiment.study_id].get("record_key", "") or "(no record_key)"
        _report(policy, InputError(f"coordinates of study {experiment.study_id!r} ({key}), which screening did not include"
                                   f"{'; dropped' if policy != 'error' else ''}",
                                   path=experiment.source, line=experiment.first_line, field="study"))
    with_coordinates = {e.study_id for e in kept}
    for study_id in sorted(included_ids - with_coordinates, key=lambda s: studies.lines[s]):
        _report(policy, InputError(f"included study {study_id!r} has no coordinates in any input",
                                   path=studies.path, line=studies.lines[study_id], field="study_id"))
    known_keys = {row.get("record_key", "").strip() for row in studies.rows.values()}
    for key, line in included.items():
        if key not in known_keys:
            _report(policy, InputError(f"included record {key!r} has no study in {studies.path}, so no coordinates",
                                       path=included_path, line=line, field="record_key"))
    return kept
