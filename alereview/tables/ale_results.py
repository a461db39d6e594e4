"""The review's Tables 4 (clusters) and 5 (jackknife), gathered over its analyses.

An analysis without a surviving cluster is a result, not an error: Table 4 gives it one row
whose ``note`` says so (with its threshold), Table 5 has no row for it (nothing to re-test).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from alereview.jackknife.leave_out import long_table
from alereview.coordinates.studies import StudyTable
from alereview.logs import get_logger
from alereview.tsv import read_json, read_tsv

LOG = get_logger(__name__)

TABLE4_COLUMNS = [
    "contrast",
    "cluster",
    "volume_mm3",
    "x",
    "y",
    "z",
    "peak_ale",
    "p",
    "z_score",
    "cluster_p_fwe",
    "hemisphere",
    "lobe",
    "gyrus",
    "ba",
    "aal",
    "gyrus_shares",
    "subpeaks",
    "note",
]
TABLE5_COLUMNS = ["contrast", "order", "study", "ref", "cluster", "cluster_label", "survived"]


def table4(analyses, clusters_paths, threshold_paths) -> pd.DataFrame:
    """Table 4: the clusters of every analysis, in config order.

    Parameters
    ----------
    analyses : list of str
        Analysis names, in the order of the table.
    clusters_paths, threshold_paths : list of str
        Each analysis' ``clusters.tsv`` and ``threshold.json``, same order.
    """
    parts = []
    for analysis, clusters_path, threshold_path in zip(analyses, clusters_paths, threshold_paths):
        clusters = read_tsv(clusters_path)
        if clusters.empty:
            summary = read_json(threshold_path)
            parts.append(pd.DataFrame([{"contrast": analysis, "note": f"no cluster survived ({summary['threshold']})"}]))
            continue
        clusters = clusters.rename(columns={"analysis": "contrast"})
        clusters["note"] = ""
        parts.append(clusters)
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    # Extra atlases of config labels.atlases (columns atlas_<name>) follow the AAL column.
    columns = list(TABLE4_COLUMNS)
    at = columns.index("aal") + 1
    columns[at:at] = [column for column in table.columns if column.startswith("atlas_")]
    return table.reindex(columns=columns).astype(object).fillna("")


def study_refs(experiments: pd.DataFrame, studies: StudyTable) -> dict:
    """Experiment slug → the reference number (``ref``) of its study in the study table.

    Parameters
    ----------
    experiments : pandas.DataFrame
        An analysis' ``experiments.tsv`` (:func:`~alereview.jackknife.leave_out.experiment_table`):
        ``slug`` and ``study_id`` (the study as the experiment's name gives it: an id,
        ``Label (id)`` or ``Label, Year``, resolved as the coordinates stage resolves it).
    studies : StudyTable
        The review's study table (config ``studies.table``).

    Returns
    -------
    dict
        ``""`` for an experiment whose study is not in the table or has no ``ref`` (logged).
    """
    refs = {}
    for row in experiments.to_dict("records"):
        study_id = studies.resolve(str(row["study_id"]))
        ref = str(studies.rows[study_id].get("ref", "") or "").strip() if study_id else ""
        if not ref:
            LOG.warning("%s: no reference number for study %r in %s", row["slug"], row["study_id"], studies.path)
        refs[row["slug"]] = ref
    return refs


def table5(analyses, jackknife_paths, clusters_paths, experiments_paths, studies_path) -> pd.DataFrame:
    """Table 5 in long form (``contrast, order, study, ref, cluster, cluster_label, survived``).

    Parameters
    ----------
    analyses : list of str
    jackknife_paths : list of str
        Each analysis' ``results/jackknife/<analysis>.tsv`` (wide, counts in the last row).
    clusters_paths : list of str
        Each analysis' ``clusters.tsv``.
    experiments_paths : list of str
        Each analysis' ``experiments.tsv`` (slug and study of every experiment).
    studies_path : str, list of one str, or None
        The study table (``study_id``, ``study``, ``ref``), for the reference numbers; None
        or an empty list (a review without one) leaves ``ref`` empty.
    """
    if studies_path is not None and not isinstance(studies_path, (str, Path)):
        studies_path = studies_path[0] if len(studies_path) else None  # snakemake's input list
    studies = StudyTable(studies_path) if studies_path else None
    parts = []
    for analysis, jackknife_path, clusters_path, experiments_path in zip(
        analyses, jackknife_paths, clusters_paths, experiments_paths, strict=True
    ):
        clusters = read_tsv(clusters_path)
        if clusters.empty:
            continue
        refs = study_refs(read_tsv(experiments_path), studies) if studies is not None else {}
        parts.append(long_table(analysis, read_tsv(jackknife_path), clusters, refs))
    if not parts:
        return pd.DataFrame(columns=TABLE5_COLUMNS)
    return pd.concat(parts, ignore_index=True)[TABLE5_COLUMNS]
