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

from alereview.coordinates.model import FOCI_COLUMNS, normalize_space
from alereview.coordinates.validate import parse_sample_size
from alereview.errors import InputError
from alereview.tsv import atomic_write_text

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


def read_sleuth(path, contrast: str, direction: str = "") -> pd.DataFrame:
    """Read a Sleuth file into the long table of foci (values as text, for validation).

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
        focus line without exactly 3 values, two experiments with the same name (same study
        and condition).
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text ({error.reason} at byte {error.start})", path=path) from None
    numbered = [(i, line.strip()) for i, line in enumerate(lines, start=1)]
    content = [(i, line) for i, line in numbered if line]
    if not content or not _REFERENCE.match(content[0][1]):
        line = content[0][0] if content else 1
        raise InputError("a Sleuth file starts with '// Reference=MNI' or '// Reference=Talairach'",
                         path=path, line=line, field="Reference")
    reference_line, reference = content[0][0], _REFERENCE.match(content[0][1]).group(1)
    space = normalize_space(reference)
    if space is None:
        raise InputError(f"unknown space {reference!r}; expected MNI or Talairach", path=path, line=reference_line, field="Reference")

    experiments = []  # dicts: header_line, headers [(line, text)], foci [(line, text)]
    current = None
    previous_blank = True
    for number, line in numbered:
        if number <= reference_line:
            continue
        if not line:
            previous_blank = True
            continue
        if line.startswith("//"):
            if current is None or current["foci"] or previous_blank:
                current = {"headers": [], "foci": []}
                experiments.append(current)
            current["headers"].append((number, line))
        else:
            if current is None:
                raise InputError("a focus before any experiment header ('// Author, Year: condition' and '// Subjects=N')",
                                 path=path, line=number)
            current["foci"].append((number, line))
        previous_blank = False

    rows = []
    seen = {}
    for experiment in experiments:
        header_line = experiment["headers"][0][0]
        subjects = [(n, _SUBJECTS.match(text).group(1)) for n, text in experiment["headers"] if _SUBJECTS.match(text)]
        if not subjects:
            raise InputError("experiment header without '// Subjects=N' (GingerALE and NiMARE need it as the last header line)",
                             path=path, line=header_line, field="Subjects")
        n_line, n_text = subjects[-1]
        parse_sample_size(n_text, path=path, line=n_line, field="Subjects")  # here, to name the Subjects line
        label = " ".join(text[2:].strip() for n, text in experiment["headers"] if _is_label(text)).strip()
        groups = [_GROUP.match(text).group(1) for n, text in experiment["headers"] if _GROUP.match(text)]
        rois = [(_ROI.match(text).group(1) or "yes") for n, text in experiment["headers"] if _ROI.match(text)]
        if not label:
            raise InputError("experiment without a name ('// Author, Year: condition' before '// Subjects=')",
                             path=path, line=header_line, field="experiment")
        if not experiment["foci"]:
            raise InputError(f"experiment {label!r} has no foci", path=path, line=header_line, field="experiment")
        # Keyed by (study, condition), the experiment's identity: "A, 2010: x" and "A, 2010 : x"
        # would otherwise be merged into one experiment without a word.
        study, condition = split_label(label)
        if (study, condition) in seen:
            other_line, other_label = seen[study, condition]
            same = "" if other_label == label else f": the same study and condition as {other_label!r}"
            raise InputError(f"duplicate experiment name {label!r}{same} (also line {other_line}); give each experiment a unique name",
                             path=path, line=header_line, field="experiment")
        seen[study, condition] = (header_line, label)
        for number, text in experiment["foci"]:
            values = [v for v in re.split(r"[\s,;]+", text) if v]
            if len(values) != 3:
                raise InputError(f"a focus line holds x y z: found {len(values)} value(s) in {text!r}", path=path, line=number)
            rows.append({"study": study, "experiment": condition, "contrast": contrast,
                         "x": values[0], "y": values[1], "z": values[2], "space": space, "n": n_text,
                         "direction": direction, "table": "", "page": "", "transform": "",
                         "subject_group": groups[-1] if groups else "", "roi": rois[-1] if rois else "",
                         "source": str(path), "line": number})
    if not rows:
        raise InputError("no experiments found after the '// Reference=' line", path=path, line=reference_line)
    return pd.DataFrame(rows, columns=FOCI_COLUMNS)


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
