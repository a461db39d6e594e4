"""Experiments of one analysis, read from a GingerALE Sleuth text file.

A Sleuth file starts with ``// Reference=MNI`` (or ``Talairach``); each experiment is a block
of ``//`` header lines whose last one is ``// Subjects=N``, then one ``x y z`` row per focus.
NiMARE's own reader keys experiments by name, so two experiments with the same label (one study
reporting two contrasts under one name) would overwrite each other; this reader keeps every
block, gives each a unique slug, and names the line of any bad input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from alereview.errors import InputError

_SUBJECTS = re.compile(r"^//\s*Subjects\s*=\s*(\S+)\s*$", re.IGNORECASE)
_REFERENCE = re.compile(r"^//\s*Reference\s*=\s*(\S+)\s*$", re.IGNORECASE)
_SPACES = {"mni": "MNI", "talairach": "TAL", "tal": "TAL"}


@dataclass
class Experiment:
    """One experiment (contrast of one study) of a Sleuth file.

    Attributes
    ----------
    name : str
        The header text (``Author, Year: condition``), as written.
    slug : str
        A unique identifier usable in file names and Snakemake wildcards.
    n_subjects : int
        Sample size, which sets the width of the ALE kernel (Eickhoff et al. 2009).
    foci : numpy.ndarray of shape (n_foci, 3)
        MNI coordinates in mm (Talairach input is converted, see :func:`read_sleuth`).
    line : int
        1-based line of the experiment's first header line.
    """

    name: str
    slug: str
    n_subjects: int
    foci: np.ndarray = field(repr=False)
    line: int = 0


def slugify(name: str) -> str:
    """A lower-case ``[a-z0-9-]`` form of an experiment name.

    Examples
    --------
    >>> slugify("Xie et al., 2020: post > pre")
    'xie-et-al-2020-post-pre'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "experiment"


def _unique_slugs(names):
    slugs, seen = [], {}
    for name in names:
        base = slugify(name)
        seen[base] = seen.get(base, 0) + 1
        slugs.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    # A later base could collide with an earlier suffixed one ("a-2" written as a name).
    if len(set(slugs)) != len(slugs):
        slugs = [f"{index + 1:03d}-{slug}" for index, slug in enumerate(slugs)]
    return slugs


def read_sleuth(path) -> list[Experiment]:
    """Read the experiments of a Sleuth text file.

    Parameters
    ----------
    path : str or Path
        The Sleuth file.

    Returns
    -------
    list of Experiment
        In file order. Talairach coordinates are converted to MNI with Lancaster et al.'s
        (2007) pooled transform (:func:`nimare.utils.tal2mni`).

    Raises
    ------
    InputError
        Missing ``Reference`` line, unknown space, a block without ``Subjects``, a
        non-positive sample size, a focus without exactly three numbers, or no experiment.
    """
    try:
        with open(path, encoding="utf-8-sig") as handle:
            lines = [line.rstrip("\r\n") for line in handle]
    except FileNotFoundError:
        raise InputError("no such Sleuth file", path=path) from None
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 text ({error.reason} at byte {error.start})", path=path) from None
    numbered = [(number, text.strip()) for number, text in enumerate(lines, start=1) if text.strip()]
    if not numbered:
        raise InputError("empty Sleuth file", path=path)
    first_line, first = numbered[0]
    match = _REFERENCE.match(first)
    if not match:
        raise InputError("the first line must be '// Reference=MNI' or '// Reference=Talairach'", path=path, line=first_line, field="Reference")
    space = _SPACES.get(match.group(1).lower())
    if space is None:
        raise InputError(f"unknown space {match.group(1)!r}; expected MNI or Talairach", path=path, line=first_line, field="Reference")

    blocks = []  # (header lines [(number, text)], foci lines [(number, text)])
    for number, text in numbered[1:]:
        if text.startswith("//"):
            if not blocks or blocks[-1][1]:
                blocks.append(([], []))
            blocks[-1][0].append((number, text))
        else:
            if not blocks:
                raise InputError("a focus before any experiment header", path=path, line=number)
            blocks[-1][1].append((number, text))

    names, sizes, foci, starts = [], [], [], []
    for header, rows in blocks:
        last_number, last = header[-1]
        subjects = _SUBJECTS.match(last)
        if not subjects:
            raise InputError("an experiment's last header line must be '// Subjects=N'", path=path, line=last_number, field="Subjects")
        try:
            n_subjects = int(subjects.group(1))
        except ValueError:
            raise InputError(f"sample size is not an integer: {subjects.group(1)!r}", path=path, line=last_number, field="Subjects") from None
        if n_subjects < 1:
            raise InputError(f"sample size must be positive, got {n_subjects}", path=path, line=last_number, field="Subjects")
        if not rows:
            raise InputError("experiment without foci", path=path, line=header[0][0])
        coordinates = []
        for number, text in rows:
            parts = text.replace(",", " ").split()
            if len(parts) != 3:
                raise InputError(f"a focus needs exactly 3 numbers (x y z), got {len(parts)}: {text!r}", path=path, line=number)
            try:
                coordinates.append([float(part) for part in parts])
            except ValueError:
                raise InputError(f"not a number in focus {text!r}", path=path, line=number) from None
        name = " ".join(text.lstrip("/").strip() for _, text in header[:-1]).strip() or f"experiment {len(names) + 1}"
        names.append(name)
        sizes.append(n_subjects)
        foci.append(np.asarray(coordinates, dtype=float))
        starts.append(header[0][0])
    if not names:
        raise InputError("no experiment in Sleuth file", path=path)
    if space == "TAL":
        from nimare.utils import tal2mni

        foci = [tal2mni(xyz) for xyz in foci]
    slugs = _unique_slugs(names)
    return [Experiment(name, slug, size, xyz, start) for name, slug, size, xyz, start in zip(names, slugs, sizes, foci, starts)]


def to_dataset(experiments, mask="ale_2mm"):
    """A NiMARE :class:`~nimare.dataset.Dataset` with one study per experiment.

    Parameters
    ----------
    experiments : list of Experiment
        From :func:`read_sleuth` (possibly a subset, for the jackknife).
    mask : str or nibabel image
        ``"ale_2mm"`` (NiMARE's template) or a mask image / NIfTI path.

    Returns
    -------
    nimare.dataset.Dataset
        Study ids are the experiments' slugs; ids are ``<slug>-1``.
    """
    from nimare.dataset import Dataset

    source = {
        experiment.slug: {
            "contrasts": {
                "1": {
                    "coords": {
                        "space": "MNI",
                        "x": experiment.foci[:, 0].tolist(),
                        "y": experiment.foci[:, 1].tolist(),
                        "z": experiment.foci[:, 2].tolist(),
                    },
                    "metadata": {"sample_sizes": [int(experiment.n_subjects)]},
                }
            }
        }
        for experiment in experiments
    }
    if mask == "ale_2mm":
        return Dataset(source, target="ale_2mm")
    return Dataset(source, target="ale_2mm", mask=mask)
