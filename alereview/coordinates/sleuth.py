"""GingerALE's Sleuth text format: reading into the long table of foci, and writing.

The format (GingerALE manual; what NiMARE's ``convert_sleuth_to_*`` reads)::

    // Reference=MNI
    // Author, Year: condition
    // Subjects=12
    -40	-78	-50
    10	20	30

    // Other, Year: condition
    // Subjects=20
    ...

The first line gives the space (``MNI`` or ``Talairach``); each experiment is a group of ``//``
header lines, the last of which is ``// Subjects=N``, then one ``x y z`` line per focus; a blank
line separates experiments.

Two optional header lines, alereview's own conventions: ``//`` comment lines, which GingerALE
and NiMARE read at most as part of the experiment's name (NiMARE joins every header line but
``Subjects`` into it), so the file stays valid for both::

    // SubjectGroup=patients
    // ROI=yes

``SubjectGroup`` (or ``Subject group:``) names the group of subjects of the experiment:
experiments of one study with the same group share subjects, and Turkeltaub et al. (2012)
pool them into one experiment (config ``coordinates.subject_groups``). ``ROI`` (or ``ROI=yes``)
marks foci of a region-of-interest analysis. Neither is part of the experiment's name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from alereview.coordinates.encodings import read_sleuth_text
from alereview.coordinates.labels import number_conflicts, study_ids
from alereview.coordinates.model import FOCI_COLUMNS, READER_COLUMNS, normalize_space
from alereview.coordinates.validate import parse_sample_size
from alereview.errors import InputError
from alereview.logs import get_logger
from alereview.tsv import atomic_write_text

LOGGER = get_logger(__name__)

_REFERENCE = re.compile(r"^//\s*reference\s*=\s*(.*?)\s*$", re.IGNORECASE)
_SUBJECTS = re.compile(r"^//\s*subjects\s*=\s*(.*?)\s*$", re.IGNORECASE)
_YEAR = re.compile(r"(19|20)\d{2}")
_GROUP = re.compile(r"^//\s*subject[\s_-]*group\s*[:=]\s*(.*?)\s*$", re.IGNORECASE)
_ROI = re.compile(r"^//\s*roi\s*(?:[:=]\s*(.*?))?\s*$", re.IGNORECASE)


def _is_label(text: str) -> bool:
    return not (_SUBJECTS.match(text) or _GROUP.match(text) or _ROI.match(text))


def split_label(label: str) -> tuple[str, str]:
    """(study, condition) of a Sleuth experiment label, the way NiMARE splits it.

    The separator is the first ``:`` or ``;`` after a four-digit year if there is one, else the
    first anywhere; without a separator the whole label is both.

    Examples
    --------
    >>> split_label("Smith et al., 2010: faces > houses")
    ('Smith et al., 2010', 'faces > houses')
    >>> split_label("Lee et al. (lee2019): words > rest (RT)")
    ('Lee et al. (lee2019)', 'words > rest (RT)')
    """
    label = label.strip()
    year = _YEAR.search(label)
    start = year.end() if year else 0
    positions = [i for i in (label.find(":", start), label.find(";", start)) if i != -1]
    if not positions and start:
        positions = [i for i in (label.find(":"), label.find(";")) if i != -1]
    if not positions:
        return label, label
    cut = min(positions)
    study, condition = label[:cut].strip(), label[cut + 1 :].strip()
    return (study or label), (condition or label)


def _header_blocks(numbered, reference_line: int, path) -> list:
    """The experiments of the file as GingerALE reads them: a ``//`` line after foci starts one.

    Returns dicts ``{"headers": [(line, text)], "foci": [(line, text)]}``. Blank lines do not
    matter; a name line after a ``Subjects`` line of the same header block (an experiment with no
    foci, then the next one) is an error.
    """
    experiments, current = [], None
    for number, line in numbered:
        if number <= reference_line or not line:
            continue
        if line.startswith("//"):
            if current is None or current["foci"]:
                current = {"headers": [], "foci": []}
                experiments.append(current)
            elif _is_label(line) and any(_SUBJECTS.match(text) for _, text in current["headers"]):
                first = current["headers"][0]
                name = " ".join(t[2:].strip() for _, t in current["headers"] if _is_label(t)) or first[1]
                raise InputError(
                    f"experiment {name!r} has no foci (a new name on line {number} follows its '// Subjects=' line)",
                    path=path,
                    line=first[0],
                    field="experiment",
                )
            current["headers"].append((number, line))
        else:
            if current is None:
                raise InputError(
                    "a focus before any experiment header ('// Author, Year: condition' and '// Subjects=N')", path=path, line=number
                )
            current["foci"].append((number, line))
    if experiments and not experiments[-1]["foci"]:
        first = experiments[-1]["headers"][0]
        raise InputError(f"experiment {first[1][2:].strip()!r} has no foci", path=path, line=first[0], field="experiment")
    return experiments


def _lines_text(lines) -> str:
    shown = ", ".join(str(n) for n in lines[:8])
    return shown + (f" and {len(lines) - 8} more" if len(lines) > 8 else "")


def _warn_repeated(path, blocks) -> None:
    """One warning per repeated name (or study and condition), naming its lines."""
    by_name, by_key = {}, {}
    for block in blocks:
        by_name.setdefault(" ".join(block["label"].split()), []).append(block)
        by_key.setdefault((block["study"], block["condition"]), []).append(block)
    for found in by_name.values():
        if len(found) > 1:
            LOGGER.warning(
                "%s: experiment name %r on lines %s: read as %d experiments, as GingerALE reads them "
                "(the duplicate check compares their foci)",
                path,
                found[0]["label"],
                _lines_text([b["line"] for b in found]),
                len(found),
            )
    for found in by_key.values():
        labels = {" ".join(b["label"].split()) for b in found}
        if len(found) > 1 and len(labels) > 1:
            LOGGER.warning(
                "%s: %s (lines %s) name the same study and condition: read as %d experiments",
                path,
                " and ".join(repr(b["label"]) for b in found[:3]),
                _lines_text([b["line"] for b in found]),
                len(found),
            )


def _name_blocks(path, experiments) -> list:
    """Label, study, condition, sample size, subject group and ROI of each experiment; its study id."""
    blocks, unnamed = [], []
    for position, experiment in enumerate(experiments, start=1):
        header_line = experiment["headers"][0][0]
        headers = experiment["headers"]
        subjects = [(n, _SUBJECTS.match(text).group(1)) for n, text in headers if _SUBJECTS.match(text)]
        if not subjects:
            raise InputError(
                "experiment header without '// Subjects=N' (GingerALE and NiMARE need it as the last header line)",
                path=path,
                line=header_line,
                field="Subjects",
            )
        n_line, n_text = subjects[-1]
        parse_sample_size(n_text, path=path, line=n_line, field="Subjects")  # here, to name the Subjects line
        label = " ".join(text[2:].strip() for n, text in headers if _is_label(text)).strip()
        if label:
            study, condition = split_label(label)
        else:
            unnamed.append(position - 1)
            study, condition = Path(path).stem, f"experiment {position}"
            label = f"{study}: {condition}"
        groups = [_GROUP.match(text).group(1) for n, text in headers if _GROUP.match(text)]
        rois = [(_ROI.match(text).group(1) or "yes") for n, text in headers if _ROI.match(text)]
        blocks.append(
            {
                "line": header_line,
                "label": label,
                "study": study,
                "condition": condition,
                "n": n_text,
                "group": groups[-1] if groups else "",
                "roi": rois[-1] if rois else "",
                "foci": experiment["foci"],
            }
        )
    if unnamed:
        LOGGER.warning(
            "%s: %d experiment(s) without a name (only '// Subjects=N'; lines %s): named '<file>: "
            "experiment <k>' by their position, each its own study",
            path,
            len(unnamed),
            _lines_text([blocks[i]["line"] for i in unnamed]),
        )
    ids, own = study_ids([b["study"] for b in blocks], [b["line"] for b in blocks], unnamed=unnamed)
    for block, study_id in zip(blocks, ids):
        block["study_id"] = study_id
    conflicts = number_conflicts([b["study"] for b in blocks])
    if conflicts:
        LOGGER.warning(
            "%s: %s share a study number but not the year: read as different studies",
            path,
            "; ".join(f"{a!r} and {b!r}" for a, b in conflicts),
        )
    told = [i for i in own if i not in set(unnamed)]
    if told:
        LOGGER.warning(
            "%s: the study of %d experiment(s) cannot be told from their labels (no year, study number or "
            "id; e.g. %r, line %d): each is counted as its own study. Labels like 'Author, Year: condition' "
            "tell studies apart (docs/coordinates.md)",
            path,
            len(told),
            blocks[told[0]]["label"],
            blocks[told[0]]["line"],
        )
    return blocks


def read_sleuth(path, contrast: str, direction: str = "") -> pd.DataFrame:
    """Read a Sleuth file into the long table of foci (values as text, for validation).

    The file is read as GingerALE reads it: every ``//`` block after foci starts an experiment,
    whatever its name. A repeated name is a warning naming its lines (the experiments stay
    apart; the duplicate check compares their foci), an experiment without a name is named by
    its position (a warning), and each experiment's study is told from its label
    (:mod:`~alereview.coordinates.labels`). The bytes are decoded as
    :mod:`~alereview.coordinates.encodings` says (UTF-8, UTF-16, Mac Roman, Windows-1252; any
    line ends).

    Parameters
    ----------
    path : str or Path
        The Sleuth text file.
    contrast : str
        The analysis its experiments feed (Sleuth files hold one analysis each).
    direction : str, optional
        ``activation`` or ``deactivation``, for every experiment of the file.

    Raises
    ------
    InputError
        No ``// Reference=`` first line or an unknown space, an experiment without
        ``// Subjects=``, a sample size not a whole number > 0, an experiment with no foci, a
        focus line without exactly 3 values.
    """
    path = Path(path)
    lines, _ = read_sleuth_text(path)
    numbered = [(i, line.strip()) for i, line in enumerate(lines, start=1)]
    content = [(i, line) for i, line in numbered if line]
    if not content or not _REFERENCE.match(content[0][1]):
        line = content[0][0] if content else 1
        raise InputError(
            "a Sleuth file starts with '// Reference=MNI' or '// Reference=Talairach'", path=path, line=line, field="Reference"
        )
    reference_line, reference = content[0][0], _REFERENCE.match(content[0][1]).group(1)
    space = normalize_space(reference)
    if space is None:
        raise InputError(f"unknown space {reference!r}; expected MNI or Talairach", path=path, line=reference_line, field="Reference")
    blocks = _name_blocks(path, _header_blocks(numbered, reference_line, path))
    if not blocks:
        raise InputError("no experiments found after the '// Reference=' line", path=path, line=reference_line)
    _warn_repeated(path, blocks)
    rows = []
    for block in blocks:
        for number, text in block["foci"]:
            values = [v for v in re.split(r"[\s,;]+", text) if v]
            if len(values) != 3:
                raise InputError(f"a focus line holds x y z: found {len(values)} value(s) in {text!r}", path=path, line=number)
            rows.append(
                {
                    "study": block["study"],
                    "experiment": block["condition"],
                    "contrast": contrast,
                    "x": values[0],
                    "y": values[1],
                    "z": values[2],
                    "space": space,
                    "n": block["n"],
                    "direction": direction,
                    "table": "",
                    "page": "",
                    "transform": "",
                    "subject_group": block["group"],
                    "roi": block["roi"],
                    "source": str(path),
                    "line": number,
                    "study_id": block["study_id"],
                    "label": block["label"],
                    "block": f"{path}:{block['line']}",
                }
            )
    return pd.DataFrame(rows, columns=FOCI_COLUMNS + READER_COLUMNS)


def format_coordinate(value: float) -> str:
    """A coordinate as papers and GingerALE show it: at most 2 decimals, no trailing zeros.

    Examples
    --------
    >>> format_coordinate(-40.0), format_coordinate(12.345), format_coordinate(-0.001)
    ('-40', '12.35', '0')
    """
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def sleuth_text(experiments, reference: str = "MNI") -> str:
    """The Sleuth text of ``experiments`` (their MNI foci when ``reference`` is MNI).

    Parameters
    ----------
    experiments : list of Experiment
        With ``mni`` set when ``reference`` is ``"MNI"``.
    reference : {"MNI", "Talairach"}
        The ``// Reference=`` of the file; with ``"Talairach"`` the reported foci of
        Talairach experiments are written (all experiments must then be Talairach).
    """
    blocks = [f"// Reference={reference}"]
    for index, experiment in enumerate(experiments):
        points = experiment.mni if reference == "MNI" else experiment.reported
        if reference != "MNI" and experiment.space != "TAL":
            raise ValueError(f"{experiment.name}: MNI foci cannot be written to a Talairach Sleuth file")
        lines = [f"// {experiment.name}", f"// Subjects={experiment.n}"]
        lines += ["\t".join(format_coordinate(v) for v in point) for point in points]
        blocks.append(("\n" if index else "") + "\n".join(lines))
    return "\n".join(blocks) + "\n"


def write_sleuth(experiments, path, reference: str = "MNI") -> None:
    """Write ``experiments`` as a Sleuth file GingerALE and NiMARE open (atomically)."""
    atomic_write_text(path, sleuth_text(experiments, reference))
