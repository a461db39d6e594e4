"""Every file a researcher writes, checked before any job runs.

Snakemake deletes a job's outputs before it runs the job again, so a mistake found inside a job
(a mistyped decision word, a study table without its link column, an analysis renamed in the
config but not in the coordinate table) would cost the last good results. The workflow calls
:func:`check_inputs` while it reads its config (``rules/common.smk``): each file is read with the
reader its job uses, and checked against the config (reviewers, analyses, the study table's
studies), so a mistake stops the run before anything is deleted, with one message naming the
file, line and field. Files that passed are remembered by checksum (``.snakemake/alereview/``),
so an unchanged review is not read twice. Checks that need the results of a job (the included
studies of screening) are made by that stage's checking job (``rules/coordinates.smk``).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from alereview.coordinates.build import CheckSettings, check_across, convert, read_inputs
from alereview.coordinates.studies import LINK_COLUMNS, StudyTable, tie_to_studies
from alereview.dedup.files import read_manual_decisions
from alereview.errors import InputError
from alereview.logs import get_logger
from alereview.screening.decisions import read_votes
from alereview.tables.quality import read_minors, read_rob

LOG = get_logger(__name__)
CACHE = Path(".snakemake") / "alereview" / "inputs_checked.json"


def _existing(base_dir: Path, paths) -> list[str]:
    return [str(path) for path in paths if path and (base_dir / path).is_file()]


def _check_screening(config, base_dir):
    screening = config.get("screening") or {}
    if any(screening.get(stage) for stage in ("title_abstract", "full_text")):
        read_votes(screening, base_dir)


def _check_study_table(config, base_dir) -> StudyTable | None:
    path = (config.get("studies") or {}).get("table")
    if not path or not (base_dir / path).is_file():
        return None
    table = StudyTable(base_dir / path)
    searches = bool((config.get("search") or {}).get("pubmed") or (config.get("search") or {}).get("exports"))
    columns = set(next(iter(table.rows.values()), {}).keys())
    if searches and table.rows and not columns & set(LINK_COLUMNS):
        raise InputError(
            f"the study table has no column linking a study to its record ({', '.join(LINK_COLUMNS)}): "
            "screening's included records could not be matched to their coordinates",
            path=path,
            line=1,
            field="record_key",
        )
    return table


def _check_coordinates(config, base_dir, studies: StudyTable | None):
    section = config.get("coordinates") or {}
    tables = [base_dir / path for path in section.get("tables") or [] if (base_dir / path).is_file()]
    sleuth = [{**entry, "path": base_dir / entry["path"]} for entry in section.get("sleuth") or [] if (base_dir / entry["path"]).is_file()]
    studysets = [
        {**entry, "path": base_dir / entry["path"], **({"annotation": base_dir / entry["annotation"]} if entry.get("annotation") else {})}
        for entry in section.get("studysets") or []
        if (base_dir / entry["path"]).is_file()
    ]
    if not (tables or sleuth or studysets):
        return
    found = read_inputs(tables, sleuth, list(config.get("analyses") or {}), studysets, studies)
    if studies is not None:
        # The coordinates stage's own tie, without the included studies (known only after screening).
        found = tie_to_studies(found, studies)
    convert(found, section.get("transform", "lancaster_spm"))
    check_across(found, CheckSettings.from_config(section))


def _check_other_files(config, base_dir):
    manual = (config.get("dedup") or {}).get("manual_decisions")
    if manual and (base_dir / manual).is_file():
        read_manual_decisions(base_dir / manual)
    quality = config.get("quality") or {}
    for tool in ("rob1", "rob2"):
        if quality.get(tool) and (base_dir / quality[tool]).is_file():
            read_rob(base_dir / quality[tool], tool)
    if quality.get("minors") and (base_dir / quality["minors"]).is_file():
        read_minors(base_dir / quality["minors"])


def _fingerprint(config: dict, base_dir: Path) -> str:
    """Checksum of the config and of every file the checks read."""
    digest = hashlib.sha256(json.dumps(config, sort_keys=True, default=str).encode())
    section = config.get("coordinates") or {}
    paths = list(section.get("tables") or []) + [e["path"] for e in section.get("sleuth") or []]
    paths += [e[k] for e in section.get("studysets") or [] for k in ("path", "annotation") if e.get(k)]
    paths += [spec["path"] for stage in ("title_abstract", "full_text") for spec in (config.get("screening") or {}).get(stage) or []]
    paths += [(config.get("studies") or {}).get("table"), (config.get("dedup") or {}).get("manual_decisions")]
    paths += [(config.get("quality") or {}).get(tool) for tool in ("rob1", "rob2", "minors")]
    for path in _existing(base_dir, paths):
        digest.update(path.encode() + b"\0" + (base_dir / path).read_bytes())
    return digest.hexdigest()


def check_inputs(config: dict, base_dir=".") -> None:
    """Read and check every file a researcher writes (module docstring); InputError at the first mistake.

    Parameters
    ----------
    config : dict
        The validated config of the review.
    base_dir : str or Path
        The review folder (the config's paths are relative to it).
    """
    base_dir = Path(base_dir)
    cache = base_dir / CACHE
    fingerprint = _fingerprint(config, base_dir)
    if cache.is_file() and json.loads(cache.read_text(encoding="utf-8")).get("fingerprint") == fingerprint:
        return
    _check_screening(config, base_dir)
    studies = _check_study_table(config, base_dir)
    _check_coordinates(config, base_dir, studies)
    _check_other_files(config, base_dir)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"fingerprint": fingerprint}), encoding="utf-8")
