"""What a coordinate-based experiment is, how it is named, and the long table of foci.

Every input (coordinate tables, Sleuth files, NIMADS Studysets) becomes the same long table of
foci, one row per focus (:data:`FOCI_COLUMNS`), each row remembering its file and line so that
every later error can say where the bad value came from. :func:`group_experiments` turns the
table into :class:`Experiment` objects.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np

#: Columns a coordinate table must have.
REQUIRED_COLUMNS = ["study", "experiment", "contrast", "x", "y", "z", "space", "n"]
#: Columns it may have. ``transform`` overrides the configured Talairach -> MNI transform;
#: ``subject_group`` names the group of subjects an experiment comes from (experiments of one
#: study with the same group share subjects: Turkeltaub et al. 2012); ``roi`` (yes/no) marks
#: results of a region-of-interest analysis rather than of the whole brain.
OPTIONAL_COLUMNS = ["direction", "table", "page", "transform", "subject_group", "roi"]
#: The long table every reader returns. ``source`` and ``line`` locate the row: ``line`` is a
#: line number for text files, a record (``study/analysis, point k``) for JSON inputs.
FOCI_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS + ["source", "line"]
#: Columns a reader may add (Sleuth files): ``study_id``, the study's id when the reader told it
#: from the label (else it comes from ``study``: :func:`split_study`); ``label``, the experiment's
#: name as the file wrote it (shown as its name); ``block``, what tells apart experiments of one
#: file that share a name (rows of one experiment share contrast, study, experiment and block).
READER_COLUMNS = ["study_id", "label", "block"]

#: Accepted spellings of the two spaces (case-insensitive).
SPACE_ALIASES = {
    "mni": "MNI",
    "mni152": "MNI",
    "icbm": "MNI",
    "icbm152": "MNI",
    "mni152_2mm": "MNI",
    "ale_2mm": "MNI",
    "tal": "TAL",
    "talairach": "TAL",
}
DIRECTIONS = ("activation", "deactivation")


def normalize_space(value) -> str | None:
    """``"MNI"`` or ``"TAL"`` for an accepted spelling, else None.

    Examples
    --------
    >>> normalize_space(" Talairach "), normalize_space("mni152"), normalize_space("SPM")
    ('TAL', 'MNI', None)
    """
    return SPACE_ALIASES.get(str(value).strip().lower().replace(" ", ""))


def slugify(text: str) -> str:
    """A filesystem-safe, lower-case slug: letters, digits and ``_``; ``>``/``<`` become gt/lt.

    Examples
    --------
    >>> slugify("post > pre (words(RT))")
    'post_gt_pre_words_rt'
    """
    text = str(text).replace(">=", " ge ").replace("<=", " le ").replace(">", " gt ").replace("<", " lt ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return text or "x"


def locate(source, line) -> dict:
    """``path``, ``line`` and ``record`` keywords of :class:`~alereview.errors.InputError` for a row.

    A whole number is a line of a text file; any other non-empty value a record of a JSON file.

    Examples
    --------
    >>> locate("foci.tsv", 12), locate("set.json", "s1/a2, point 3")
    ({'path': 'foci.tsv', 'line': 12}, {'path': 'set.json', 'record': 's1/a2, point 3'})
    """
    where = {"path": str(source) if source not in (None, "") else None}
    text = str(line).strip() if line is not None else ""
    if text.isdigit():
        where["line"] = int(text)
    elif text:
        where["record"] = text
    return where


def experiment_name(study_label: str, study_id: str, condition: str) -> str:
    """The experiment's name, as Sleuth headers give it: ``Label (study_id): condition``.

    The study id is shown only when it differs from the label; the name is what GingerALE and
    NiMARE display, and it is unique within an analysis.
    """
    study_part = study_label if (not study_id or study_id == study_label) else f"{study_label} ({study_id})"
    return f"{study_part}: {condition}"


_ID_SUFFIX = re.compile(r"^(.*?)\s*\(([A-Za-z0-9_.-]+)\)\s*$")


def split_study(text: str) -> tuple[str, str]:
    """(label, study id) of a study as inputs name it: ``Label (id)`` or just an id/label.

    Examples
    --------
    >>> split_study("Lee et al. (lee2019)"), split_study("lee2019")
    (('Lee et al.', 'lee2019'), ('lee2019', 'lee2019'))
    """
    match = _ID_SUFFIX.match(text)
    if match and match.group(1):
        return match.group(1), match.group(2)
    return text, text


@dataclass
class Experiment:
    """One contrast of one study: its foci and sample size.

    Attributes
    ----------
    study_id, study_label : str
        The study's identifier (``studies.tsv`` ``study_id``) and display name.
    condition : str
        The experiment's own name within the study (the table's ``experiment``).
    contrast : str
        The analysis it feeds (a key of config ``analyses``).
    n : int
        Subjects.
    space : str
        Space the foci were reported in: ``MNI`` or ``TAL``.
    reported : numpy.ndarray, shape (k, 3)
        Foci as reported.
    mni : numpy.ndarray, shape (k, 3)
        Foci in MNI (set by conversion; equal to ``reported`` for MNI studies).
    transform : str
        Talairach -> MNI transform used ("" for MNI studies).
    """

    study_id: str
    study_label: str
    condition: str
    contrast: str
    n: int
    space: str
    reported: np.ndarray
    direction: str = ""
    transform: str = ""
    source: str = ""
    lines: list = field(default_factory=list)
    tables: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    mni: np.ndarray | None = None
    #: The study as the input named it (resolved against the study table later).
    study_text: str = ""
    #: The group of subjects (Turkeltaub et al. 2012); "" when the input does not say.
    subject_group: str = ""
    #: Whether the foci come from a region-of-interest (not whole-brain) analysis.
    roi: bool = False
    #: Where ``n`` came from when not from the coordinates themselves (e.g. the study table).
    n_source: str = ""
    #: Names of the experiments pooled into this one (subject groups), else empty.
    pooled: list = field(default_factory=list)
    #: The name as the input wrote it (Sleuth label); "" = built from study and condition.
    label: str = ""
    #: The internal id, unique within the analysis (:func:`assign_ids`); "" = :attr:`base_id`.
    id: str = ""
    #: Foci removed as outside the brain (``coordinates.outside_brain: drop``): descriptions.
    dropped: list = field(default_factory=list)

    @property
    def name(self) -> str:
        """The name shown: the input's own label, else ``Study: condition``. Need not be unique."""
        return self.label or experiment_name(self.study_label, self.study_id, self.condition)

    @property
    def base_id(self) -> str:
        """``<study id>__<condition>``, slugified: the readable stem of :attr:`slug`."""
        return f"{slugify(self.study_id or self.study_label)}__{slugify(self.condition)}"

    @property
    def slug(self) -> str:
        """The experiment's internal id: unique within its analysis, ``[a-z0-9_]+`` (jackknife job names)."""
        return self.id or self.base_id

    @property
    def first_line(self):
        return self.lines[0] if self.lines else None

    def where(self, index: int | None = None) -> dict:
        """InputError keywords locating the experiment (its first focus) or its focus ``index``."""
        line = self.first_line if index is None else (self.lines[index] if index < len(self.lines) else None)
        return locate(self.source, line)


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def assign_ids(experiments) -> None:
    """Give each experiment an id unique within its analysis (``contrast``), in list order.

    The id is :attr:`Experiment.base_id`; an experiment whose base id an earlier one of its
    analysis already has gets ``_2``, ``_3``, ... (the first free one), so ids never collide and
    no input is refused because two names slugify alike.
    """
    taken = {}
    for experiment in experiments:
        used = taken.setdefault(experiment.contrast, set())
        base = candidate = experiment.base_id
        k = 1
        while candidate in used:
            k += 1
            candidate = f"{base}_{k}"
        experiment.id = candidate
        used.add(candidate)


def group_experiments(foci) -> list[Experiment]:
    """Experiments of a validated long table (see :mod:`alereview.coordinates.validate`).

    Rows of one experiment (same contrast, study, experiment and ``block``) need not be adjacent;
    the experiments come in the order of their first row, and foci in row order. Each gets its
    id (:func:`assign_ids`).
    """
    experiments = {}
    for row in foci.itertuples(index=False):
        key = (row.contrast, row.study, row.experiment, _text(getattr(row, "block", "")))
        if key not in experiments:
            label, study_id = split_study(row.study)
            given = _text(getattr(row, "study_id", ""))
            if given and given != study_id:  # a reader told the study from the label's conventions
                label, study_id = row.study, given
            experiments[key] = Experiment(
                study_id=study_id,
                study_label=label,
                study_text=row.study,
                condition=row.experiment,
                contrast=row.contrast,
                n=int(row.n),
                space=row.space,
                reported=[],
                direction=row.direction,
                transform=row.transform,
                source=row.source,
                subject_group=_text(getattr(row, "subject_group", "")),
                roi=_text(getattr(row, "roi", "")) == "yes",
                n_source=_text(getattr(row, "n_source", "")),
                label=_text(getattr(row, "label", "")),
            )
        experiment = experiments[key]
        experiment.reported.append([float(row.x), float(row.y), float(row.z)])
        experiment.lines.append(row.line)
        experiment.tables.append(row.table)
        experiment.pages.append(row.page)
    for experiment in experiments.values():
        experiment.reported = np.asarray(experiment.reported, dtype=float).reshape(-1, 3)
    found = list(experiments.values())
    assign_ids(found)
    return found
