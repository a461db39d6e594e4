"""Reading NIMADS studysets (Neurosynth Compose / NeuroStore exports) and NiMARE Dataset JSON.

Both become the long table of foci (:data:`~alereview.coordinates.model.FOCI_COLUMNS`), as
coordinate tables and Sleuth files do, so that every experiment gets the same checks
(:mod:`~alereview.coordinates.validate`) whatever its format. Each row is located by its record,
``study <id>, analysis <id> (<name>), point <k>``, so every error names the study, the analysis
and the field.

NIMADS studyset (``{"id", "name", "studies": [{"id", "name", "authors", "year", "metadata",
"analyses": [{"id", "name", "metadata", "points": [{"coordinates": [x, y, z], "space"}]}]}]}``;
a Compose bundle's ``{"snapshot": ...}`` wrapper is unwrapped). The sample size of an analysis is,
as NiMARE reads it, the first of: the analysis' ``metadata.sample_sizes`` / ``sample_size``, the
annotation note's ``sample_sizes`` / ``sample_size``, the study's ``metadata.sample_sizes`` /
``sample_size``. A subject group: ``metadata.subject_group`` (analysis, note, then study); a
region-of-interest analysis: ``metadata.roi``.

NIMADS annotation (``{"id", "name", "note_keys": {key: type}, "notes": [{"study", "analysis",
"note": {key: value}}]}``; Neurosynth Compose's default key is ``included``): with config
``analyses: {analysis: note_key}`` an analysis of the studyset feeds ``analysis`` when its note's
``note_key`` is true. Without an annotation file, a single annotation embedded in the studyset
(top-level ``annotations`` with notes) is used.

NiMARE Dataset JSON (``{study_id: {"contrasts": {id: {"coords": {"space", "x", "y", "z"},
"metadata": {"sample_sizes": [n]}}}}}``): every contrast is an experiment.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from alereview.coordinates.model import FOCI_COLUMNS, READER_COLUMNS
from alereview.errors import InputError
from alereview.logs import get_logger

LOGGER = get_logger(__name__)

TRUE_NOTES = {"true", "yes", "1", "y", "included", "include"}
FALSE_NOTES = {"false", "no", "0", "n", "", "excluded", "exclude", "none", "null"}


def read_json_file(path, object_pairs_hook=None) -> object:
    """The parsed JSON of ``path``; an InputError naming the line of a syntax error."""
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", path=path)
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"), object_pairs_hook=object_pairs_hook)
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text ({error.reason} at byte {error.start})", path=path) from None
    except json.JSONDecodeError as error:
        raise InputError(f"not valid JSON: {error.msg} (column {error.colno})", path=path, line=error.lineno) from None


def _unwrap(data):
    """A Compose bundle's studyset/annotation: ``{"snapshot": {"snapshot": {...}}}`` -> ``{...}``."""
    while isinstance(data, dict) and "snapshot" in data and "studies" not in data and "notes" not in data:
        data = data["snapshot"]
    return data


def _label(study: dict) -> str:
    """How the study is named in experiment names: its name, or ``Author et al., Year``."""
    name = str(study.get("name") or "").strip()
    authors = str(study.get("authors") or "").strip()
    year = study.get("year") or (study.get("metadata") or {}).get("year") or ""
    if authors and (not name or len(name) > 60):  # a paper title: cite it by author and year
        first = authors.replace(";", ",").split(",")[0].strip().split(" ")[0]
        several = "," in authors or ";" in authors or " and " in authors
        return f"{first}{' et al.' if several else ''}{f', {year}' if year else ''}"
    return name or str(study.get("id"))


def _study_text(study: dict, study_id: str | None = None) -> str:
    label = _label(study)
    study_id = str(study.get("id") or "").strip() if study_id is None else study_id
    return label if label == study_id else f"{label} ({study_id})"


class _Pairs(dict):
    """A JSON object that remembers the keys it was given more than once (``json`` keeps the last)."""

    repeated: list


def _object_pairs(pairs) -> _Pairs:
    found = _Pairs()
    found.repeated = []
    for key, value in pairs:
        if key in found:
            found.repeated.append(key)
            k = 2
            while f"{key}_{k}" in found:
                k += 1
            key = f"{key}_{k}"
        found[key] = value
    return found


def _repeated_id(policy: str, path, kind: str, study_id: str, first: str, second: str, renamed: str) -> None:
    """Two studies (or contrasts) with one id: an error, or (``rename``) a warning that the later is renamed."""
    message = f"two {kind} with the id {study_id!r} ({first} and {second})"
    if policy != "rename":
        raise InputError(
            f"{message}: one study entered twice, or two studies given one id? Give each its own id, "
            "or set coordinates.duplicate_study_ids: rename to keep both as different studies",
            path=path,
            record=second,
            field="id",
        )
    LOGGER.warning("%s: %s; the later is read as %r (coordinates.duplicate_study_ids: rename)", path, message, renamed)


def _size_text(value, where: dict, field: str) -> str | None:
    """A sample size value as text ("" = missing); a list must hold one number (or equal ones)."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, (list, tuple)):
        distinct = {json.dumps(v) for v in value}
        if len(distinct) > 1:
            raise InputError(
                f"several sample sizes {list(value)}; the ALE kernel needs one per analysis (the subjects of the contrast): give one",
                field=field,
                **where,
            )
        value = value[0]
    if isinstance(value, (bool, dict, list)):
        raise InputError(f"sample size is not a number: {value!r}", field=field, **where)
    return str(value)


def _first(candidates, where):
    """The first present ``(field, value)`` of ``candidates``, as ``(field, text)``; else ``("", "")``."""
    for field, value in candidates:
        text = _size_text(value, where, field)
        if text is not None:
            return field, text
    return "", ""


def _truth(value, where: dict, key: str) -> bool:
    text = str(value).strip().lower() if value is not None else ""
    if value is True or text in TRUE_NOTES:
        return True
    if value is False or value is None or text in FALSE_NOTES:
        return False
    raise InputError(f"note {key!r} is {value!r}: expected true or false", field=key, **where)


def load_annotation(path, studyset: dict, studyset_path) -> dict | None:
    """The annotation: from ``path``, else the single one embedded in the studyset, else None."""
    if path:
        annotation = _unwrap(read_json_file(path))
        if not isinstance(annotation, dict) or not isinstance(annotation.get("notes"), list):
            raise InputError("not a NIMADS annotation: expected an object with a 'notes' list", path=path, field="notes")
        annotation["_path"] = str(path)
        return annotation
    embedded = [a for a in studyset.get("annotations") or [] if isinstance(a, dict) and a.get("notes")]
    if len(embedded) > 1:
        raise InputError(
            f"{len(embedded)} annotations embedded; name the one to use (coordinates.studysets[].annotation)",
            path=studyset_path,
            field="annotations",
        )
    if embedded:
        embedded[0]["_path"] = str(studyset_path)
        return embedded[0]
    return None


def _notes(annotation) -> dict:
    """``{(study id, analysis id): note}`` and ``{analysis id: note}`` of an annotation."""
    notes = {}
    for index, entry in enumerate(annotation.get("notes") or [], start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("note") or {}, dict):
            raise InputError(
                "a note is an object {study, analysis, note: {key: value}}",
                path=annotation["_path"],
                record=f"notes[{index}]",
                field="note",
            )
        note = entry.get("note") or {}
        analysis = str(entry.get("analysis") if not isinstance(entry.get("analysis"), dict) else entry["analysis"].get("id"))
        study = entry.get("study")
        study = str(study.get("id") if isinstance(study, dict) else study) if study is not None else ""
        notes[(study, analysis)] = (index, note)
        notes.setdefault(("", analysis), (index, note))
    return notes


def _selection(entry: dict, annotation) -> dict:
    """``{analysis name: note key}`` (note key None = every analysis of the studyset)."""
    if entry.get("analyses"):
        if annotation is None:
            raise InputError(
                "coordinates.studysets[].analyses choose analyses by annotation note keys, but there is no "
                "annotation (give 'annotation: FILE')",
                path=entry["path"],
                field="annotation",
            )
        declared = set(annotation.get("note_keys") or {})
        used = {key for _, note in _notes(annotation).values() for key in note}
        for name, key in entry["analyses"].items():
            if key not in declared | used:
                raise InputError(
                    f"analysis {name!r}: the annotation has no note key {key!r}; its keys are {sorted(declared | used)}",
                    path=annotation["_path"],
                    field="note_keys",
                )
        return dict(entry["analyses"])
    return {entry.get("analysis", ""): None}


def _point_rows(points, base: dict, record: str, path) -> list:
    rows = []
    for k, point in enumerate(points, start=1):
        where = {"path": path, "record": f"{record}, point {k}"}
        if not isinstance(point, dict):
            raise InputError(f"a point is an object with 'coordinates' and 'space', got {point!r}", field="points", **where)
        xyz = point.get("coordinates")
        if xyz is None and all(axis in point for axis in "xyz"):
            xyz = [point["x"], point["y"], point["z"]]
        if not isinstance(xyz, (list, tuple)) or len(xyz) != 3:
            found = len(xyz) if isinstance(xyz, (list, tuple)) else "no"
            raise InputError(f"a point has x, y and z: found {found} coordinate(s) in {xyz!r}", field="coordinates", **where)
        space = point.get("space") or "MNI"
        rows.append({**base, "x": _cell(xyz[0]), "y": _cell(xyz[1]), "z": _cell(xyz[2]), "space": str(space), "line": where["record"]})
    return rows


def _cell(value) -> str:
    return "" if value is None else str(value)


def _meta(obj) -> dict:
    value = obj.get("metadata") if isinstance(obj, dict) else None
    return value if isinstance(value, dict) else {}


def _nested(item, path, record) -> None:
    if not isinstance(item, dict):
        raise InputError(
            f"expected an object, found {item!r}: export the studyset nested (studies with their "
            "analyses and points, as Neurosynth Compose's bundle or NeuroStore's ?nested=true give it)",
            path=path,
            record=record,
        )


def _study_ids(data: dict, path, policy: str) -> list:
    """Each study's id; a repeated id is an error, or (``rename``) the later one gets ``_2``, ``_3``."""
    ids, first = [], {}
    for number, study in enumerate(data.get("studies") or [], start=1):
        _nested(study, path, f"studies[{number}]")
        study_id = str(study.get("id") or "").strip()
        if study_id in first:
            k = 2
            while f"{study_id}_{k}" in first:
                k += 1
            _repeated_id(policy, path, "studies", study_id, first[study_id], f"studies[{number}]", f"{study_id}_{k}")
            study_id = f"{study_id}_{k}"
        first.setdefault(study_id, f"studies[{number}]")
        ids.append(study_id)
    return ids


def _nimads_rows(data: dict, path, selection: dict, notes: dict | None, notes_path=None, policy: str = "error") -> list:
    rows, unspaced = [], 0
    for study, study_id in zip(data.get("studies") or [], _study_ids(data, path, policy)):
        for index, analysis in enumerate(study.get("analyses") or [], start=1):
            _nested(analysis, path, f"study {study.get('id')}, analyses[{index}]")
        names = [str(a.get("name") or a.get("id") or "").strip() for a in study.get("analyses") or []]
        for analysis in study.get("analyses") or []:
            analysis_id = str(analysis.get("id") or "").strip()
            name = str(analysis.get("name") or analysis_id).strip()
            condition = name if names.count(name) == 1 else f"{name} [{analysis_id}]"  # names must be unique
            record = f"study {study_id}, analysis {analysis_id}" + (f" ({name})" if name != analysis_id else "")
            where = {"path": path, "record": record}
            index, note = (notes or {}).get((study_id, analysis_id)) or (notes or {}).get(("", analysis_id)) or (0, {})
            at_note = {"path": notes_path, "record": f"notes[{index}] ({record})"}
            targets = [a for a, key in selection.items() if key is None or _truth(note.get(key), at_note, key)]
            if not targets:
                continue
            meta, study_meta = _meta(analysis), _meta(study)
            _, n = _first(
                [
                    ("metadata.sample_sizes", meta.get("sample_sizes")),
                    ("metadata.sample_size", meta.get("sample_size")),
                    ("note.sample_sizes", note.get("sample_sizes")),
                    ("note.sample_size", note.get("sample_size")),
                    ("study metadata.sample_sizes", study_meta.get("sample_sizes")),
                    ("study metadata.sample_size", study_meta.get("sample_size")),
                ],
                where,
            )
            points = analysis.get("points") or []
            if not points:
                raise InputError("analysis has no points (foci)", field="points", **where)
            unspaced += sum(1 for p in points if isinstance(p, dict) and not p.get("space"))
            group = meta.get("subject_group") or note.get("subject_group") or study_meta.get("subject_group") or ""
            roi = meta.get("roi", note.get("roi", study_meta.get("roi", "")))
            for target in targets:
                base = {
                    "study": _study_text(study, study_id),
                    "experiment": condition,
                    "contrast": target,
                    "n": n,
                    "direction": str(meta.get("direction") or ""),
                    "table": "",
                    "page": "",
                    "transform": "",
                    "subject_group": str(group),
                    "roi": "yes" if roi is True else ("no" if roi is False else _cell(roi)),
                    "source": str(path),
                    "label": str(meta.get("experiment_name") or ""),
                }
                rows += _point_rows(points, base, record, path)
    if unspaced:
        LOGGER.warning("%s: %d point(s) without a space; taken as MNI", path, unspaced)
    return rows


def _dataset_rows(data: dict, path, analysis: str, policy: str = "error") -> list:
    rows = []
    for key in getattr(data, "repeated", []):
        _repeated_id(policy, path, "studies", key, f"study {key}", f"a later study {key}", f"{key}_2")
    for study_id, study in data.items():
        for key in getattr((study or {}).get("contrasts") if isinstance(study, dict) else None, "repeated", []):
            _repeated_id(policy, path, f"contrasts of study {study_id}", key, f"contrast {key}", f"a later contrast {key}", f"{key}_2")
        if not isinstance(study, dict) or not isinstance(study.get("contrasts"), dict):
            raise InputError(
                "not a NIMADS studyset ('studies') nor a NiMARE Dataset ({study: {'contrasts': ...}})",
                path=path,
                record=str(study_id),
                field="contrasts",
            )
        for contrast_id, contrast in study["contrasts"].items():
            record = f"study {study_id}, contrast {contrast_id}"
            where = {"path": path, "record": record}
            coords = (contrast or {}).get("coords") or {}
            xs, ys, zs = (coords.get(axis) or [] for axis in "xyz")
            if not xs:
                continue  # an image-only contrast
            if not len(xs) == len(ys) == len(zs):
                raise InputError(f"coords x, y and z have {len(xs)}, {len(ys)} and {len(zs)} values", field="coords", **where)
            meta = _meta(contrast)
            _, n = _first([("metadata.sample_sizes", meta.get("sample_sizes")), ("metadata.sample_size", meta.get("sample_size"))], where)
            label = str(_meta(study).get("study_name") or study_id)
            base = {
                "study": label if label == str(study_id) else f"{label} ({study_id})",
                "experiment": str(contrast_id),
                "contrast": analysis,
                "n": n,
                "direction": "",
                "table": "",
                "page": "",
                "transform": "",
                "subject_group": str(meta.get("subject_group") or ""),
                "roi": _cell(meta.get("roi", "")),
                "source": str(path),
            }
            for k, xyz in enumerate(zip(xs, ys, zs), start=1):
                rows.append(
                    {
                        **base,
                        "x": _cell(xyz[0]),
                        "y": _cell(xyz[1]),
                        "z": _cell(xyz[2]),
                        "space": str(coords.get("space") or "MNI"),
                        "line": f"{record}, point {k}",
                    }
                )
    return rows


def restore_reported(experiments, path) -> None:
    """Give experiments read from a studyset this workflow wrote their reported space and foci back.

    The coordinates stage writes MNI points and keeps, in each analysis' metadata,
    ``reported_space``, ``reported_coordinates`` and ``transform``; experiments of other
    studysets (or whose metadata do not fit their points) are left as read.
    """
    data = _unwrap(read_json_file(path))
    if not isinstance(data, dict) or not isinstance(data.get("studies"), list):
        return
    kept = {}
    for study in data["studies"]:
        for analysis in study.get("analyses") or []:
            meta = _meta(analysis)
            if meta.get("reported_space") in ("MNI", "TAL") and meta.get("reported_coordinates") is not None:
                kept[(str(study.get("id")), str(analysis.get("name") or analysis.get("id")))] = meta
    for experiment in experiments:
        meta = kept.get((experiment.study_id, experiment.condition))
        if meta is None:
            continue
        try:
            reported = np.asarray(meta["reported_coordinates"], dtype=float).reshape(-1, 3)
        except (TypeError, ValueError):
            continue
        if reported.shape == experiment.mni.shape:
            experiment.reported, experiment.space = reported, meta["reported_space"]
            experiment.transform = str(meta.get("transform") or "") if experiment.space == "TAL" else ""


def read_studyset(entry, duplicate_study_ids: str = "error") -> pd.DataFrame:
    """Read one studyset input into the long table of foci (values as text, for validation).

    Parameters
    ----------
    entry : dict or str or Path
        A ``coordinates.studysets`` entry: ``{"path": ..., "analysis": name}`` (every analysis of
        the file feeds ``name``) or ``{"path": ..., "annotation": ..., "analyses": {name: note_key}}``;
        a bare path reads every analysis with contrast ``""`` (``alereview ale``).
    duplicate_study_ids : {"error", "rename"}
        Two studies with one id (NIMADS ``studies`` entries, or NiMARE Dataset keys, which JSON
        readers silently merge): an error naming both, or ``rename``: both kept as different
        studies, the later one's id with ``_2`` (a warning).

    Returns
    -------
    pandas.DataFrame
        :data:`~alereview.coordinates.model.FOCI_COLUMNS`; ``n`` is ``""`` where the file gives no
        sample size (the study table's ``n`` may fill it in, else validation names the analysis).

    Raises
    ------
    InputError
        Not JSON, not a studyset, an analysis without points, a point without three coordinates,
        several sample sizes, a note key the annotation lacks or a note that is not true/false,
        two studies with one id (unless ``duplicate_study_ids="rename"``).
    """
    entry = {"path": entry} if isinstance(entry, (str, Path)) else dict(entry)
    path = str(entry["path"])
    data = _unwrap(read_json_file(path, object_pairs_hook=_object_pairs))
    if isinstance(data, dict) and isinstance(data.get("studies"), list):
        annotation = load_annotation(entry.get("annotation"), data, path)
        selection = _selection(entry, annotation)
        rows = _nimads_rows(
            data,
            path,
            selection,
            _notes(annotation) if annotation else None,
            annotation["_path"] if annotation else None,
            duplicate_study_ids,
        )
    elif isinstance(data, dict) and data and not entry.get("analyses"):
        rows = _dataset_rows(data, path, entry.get("analysis", ""), duplicate_study_ids)
    else:
        raise InputError(
            "not a NIMADS studyset (an object with a 'studies' list) nor a NiMARE Dataset JSON"
            + (" (annotation note keys choose analyses of NIMADS studysets only)" if entry.get("analyses") else ""),
            path=path,
            field="studies",
        )
    if not rows:
        raise InputError(
            "no analysis with coordinates" + (" chosen by the annotation" if entry.get("analyses") else ""), path=path, field="studies"
        )
    return pd.DataFrame(rows, columns=FOCI_COLUMNS + READER_COLUMNS)
