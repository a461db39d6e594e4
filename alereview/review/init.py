"""``alereview init DIR``: a new review folder, ready to fill in or to run.

A review is a folder: ``DIR/config/config.yaml`` defines it, paths in it are relative to
``DIR``, and ``snakemake --cores all --directory DIR`` (run from the workflow folder) writes
``DIR/results/``. Three starting points:

* ``alereview init DIR``: a full review (PubMed and/or exports, two reviewers and an arbiter,
  a study table and coordinate tables), with templates of the files a reviewer fills in;
* ``alereview init DIR --sleuth FILE [--sleuth FILE ...]``: coordinates only, one analysis per
  Sleuth (GingerALE) file, copied into ``DIR/coordinates/``; runs as is;
* ``alereview init DIR --studyset FILE [--annotation FILE]``: coordinates only, from a NiMADS
  studyset as Neurosynth Compose exports it (the annotation's columns choose the analyses).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from alereview.errors import InputError
from alereview.coordinates.nimads import _unwrap, read_json_file

#: Input templates of a full review: file -> (header line, what it is for).
TEMPLATES = {
    "templates/decisions.csv": (
        "record_id,stage,reviewer,decision,reason",
        "screening decisions in plain CSV (stage: title_abstract or full_text; decision: include, "
        "exclude, maybe; reason for full-text exclusions); record_id as in results/screening/to_screen.tsv. "
        "Rayyan, Covidence and ASReview exports are read as they are (config screening).",
    ),
    "templates/studies.tsv": (
        "study_id\tstudy\trecord_key\tn",
        "the study table, one row per included study: study_id, a display name, the record key "
        "of its record (results/screening/studies_template.tsv lists them once screening is done), "
        "n; add any columns of your own and name them in config tables.studies.",
    ),
    "templates/coordinates.tsv": (
        "study\texperiment\tcontrast\tx\ty\tz\tspace\tn",
        "the foci of the included studies, one row per focus: the analysis is the `contrast` "
        "column (a key of config analyses), space MNI or TAL, n the experiment's sample size.",
    ),
}


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower()
    return slug or "analysis"


def comment_text(text) -> str:
    r"""``text`` on one line, for a YAML comment: line breaks and other control characters as spaces.

    Examples
    --------
    >>> comment_text("Reading\n__use_yte__: true")
    'Reading __use_yte__: true'
    """
    return " ".join(re.sub(r"[\x00-\x1f\x7f\x85\u2028\u2029]", " ", str(text)).split())


def yaml_scalar(value) -> str:
    r"""``value`` as one YAML scalar, written by the emitter (a string double-quoted and escaped).

    Examples
    --------
    >>> print(yaml_scalar('A "quoted"\ntitle'))
    "A \"quoted\"\ntitle"
    """
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=float("inf")).strip()


def _header(title: str, lines: list[str]) -> str:
    body = "\n".join(f"# {comment_text(line)}" if line else "#" for line in lines)
    return f"# alereview review: {comment_text(title)}\n{body}\n\n"


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def _new_folder(directory: Path, force: bool) -> None:
    config = directory / "config" / "config.yaml"
    if config.exists() and not force:
        raise InputError("a review is already defined here; nothing was written (use --force to replace its config)", path=config)
    (directory / "config").mkdir(parents=True, exist_ok=True)


def _copy_inputs(files, directory: Path, folder: str) -> list[str]:
    """Copy input files into ``DIR/folder`` (never over a different file); their relative paths."""
    relative = []
    for source in map(Path, files):
        if not source.is_file():
            raise InputError("no such file", path=source)
        target = directory / folder / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and target.read_bytes() != source.read_bytes():
            raise InputError(f"a different file of that name is already in {target.parent}; nothing was copied", path=target)
        if not target.exists():
            shutil.copyfile(source, target)
        relative.append(f"{folder}/{source.name}")
    return relative


def ale_section(iterations: int) -> dict:
    """The recommended ALE thresholds: cluster-level FWE (Eickhoff et al. 2016)."""
    return {
        "threshold": {"method": "cluster_fwe", "voxel_p": 0.001, "cluster_p": 0.05},
        "montecarlo": {"iterations": iterations},
    }


def init_sleuth(directory, sleuth_files, title="", iterations=1000, force=False) -> Path:
    """Write a coordinates-only review of Sleuth files (one analysis per file) that runs as is."""
    directory = Path(directory)
    _new_folder(directory, force)
    paths = _copy_inputs(sleuth_files, directory, "coordinates")
    names = [_slug(Path(p).stem) for p in paths]
    if len(set(names)) != len(names):
        raise InputError("two Sleuth files give the same analysis name; rename one", path=sleuth_files[0])
    title = title or f"ALE meta-analysis of {', '.join(Path(p).stem for p in paths)}"
    config = {
        "review": {"id": _slug(directory.resolve().name), "title": title, "seed": 1},
        "coordinates": {"sleuth": [{"path": p, "analysis": n} for p, n in zip(paths, names)]},
        "analyses": {n: {"title": Path(p).stem.replace("_", " ")} for p, n in zip(paths, names)},
        "ale": ale_section(iterations),
    }
    header = _header(
        title,
        [
            "A coordinates-only review: one analysis per Sleuth file in coordinates/.",
            "Run it from the alereview folder: snakemake --cores all --directory " + str(directory),
            "Every key, its type and default: alereview/data/config.schema.yaml in the alereview folder.",
            "Add `studies: {table: studies.tsv}` for a study table, `quality:` for risk of bias.",
        ],
    )
    return _write_config(directory, header + _dump(config))


def init_studyset(directory, studyset, annotation=None, title="", iterations=1000, force=False) -> Path:
    """Write a coordinates-only review of a NiMADS studyset (+ annotation) that runs as is."""
    directory = Path(directory)
    _new_folder(directory, force)
    paths = _copy_inputs([studyset] + ([annotation] if annotation else []), directory, "coordinates")
    entry = {"path": paths[0]}
    if annotation:
        entry["annotation"] = paths[1]
        entry["analyses"] = {_slug(key): key for key in boolean_note_keys(annotation)}
    else:
        entry["analysis"] = _slug(Path(paths[0]).stem.replace(".studyset", ""))
    title = title or f"ALE meta-analysis of {Path(paths[0]).stem}"
    config = {
        "review": {"id": _slug(directory.resolve().name), "title": title, "seed": 1},
        "coordinates": {"studysets": [entry]},
        "ale": ale_section(iterations),
    }
    header = _header(
        title,
        [
            "A coordinates-only review from a NiMADS studyset (Neurosynth Compose export).",
            "With an annotation, each of its boolean columns is one analysis (the analyses it includes).",
            "Run it from the alereview folder: snakemake --cores all --directory " + str(directory),
        ],
    )
    return _write_config(directory, header + _dump(config))


def boolean_note_keys(annotation_path) -> list[str]:
    """The boolean note keys of a NiMADS annotation: each chooses the analyses of one ALE."""

    annotation = _unwrap(read_json_file(annotation_path))
    keys = annotation.get("note_keys") if isinstance(annotation, dict) else None
    if not isinstance(keys, dict):
        raise InputError("not a NiMADS annotation: no 'note_keys' object", path=annotation_path, field="note_keys")
    chosen = [key for key, kind in keys.items() if str(kind).lower() in ("boolean", "bool")]
    if not chosen:
        raise InputError(f"no boolean note key to choose analyses by (keys: {sorted(keys)})", path=annotation_path, field="note_keys")
    return chosen


def _write_config(directory: Path, text: str) -> Path:
    path = directory / "config" / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def init_full(directory, title="", force=False) -> Path:
    """Write a full review's config (search to report) and the templates of its inputs."""
    from importlib import resources

    directory = Path(directory)
    _new_folder(directory, force)
    template = resources.files("alereview").joinpath("data/review_template.yaml").read_text(encoding="utf-8")
    given, title = title, title or "TODO: the title of your review"
    text = template.format(
        title=comment_text(title),
        title_value=yaml_scalar(title),
        id=yaml_scalar(_slug(directory.resolve().name)),
        directory=comment_text(directory),
    )
    lines = []
    for name, (header, purpose) in TEMPLATES.items():
        target = directory / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_text(header + "\n", encoding="utf-8")
        lines.append(f"- `{name}`: {purpose}")
    readme = directory / "README.md"
    if not readme.exists():
        readme.write_text(
            f"# {comment_text(given or directory.name)}\n\nAn alereview review. `config/config.yaml` defines it; run "
            f"`snakemake --cores all --directory {directory}` from the alereview folder.\n\n"
            "Templates of the inputs you fill in:\n\n" + "\n".join(lines) + "\n",
            encoding="utf-8",
        )
    return _write_config(directory, text)
