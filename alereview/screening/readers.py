"""Read a decision file in the format the config gives it."""

from __future__ import annotations

from pathlib import Path

from alereview.errors import ConfigError, InputError
from alereview.screening.asreview import read_asreview_csv
from alereview.screening.covidence import read_covidence_csv
from alereview.screening.plain import read_plain_csv
from alereview.screening.rayyan import read_rayyan_csv, read_rayyan_ris

FORMATS = ("rayyan_ris", "rayyan_csv", "covidence_csv", "asreview_csv", "plain_csv")


def read_decision_file(spec, stage, reviewers, arbiter="", base_dir=".", config_key=None):
    """The votes of one decision file.

    Parameters
    ----------
    spec : dict
        One item of config ``screening.title_abstract`` / ``screening.full_text``: ``path``,
        ``format`` and, where the format needs them, ``reviewer`` or ``decision``.
    stage : {'title_abstract', 'full_text'}
    reviewers : list of str
    arbiter : str
    base_dir : str or Path
        Relative paths are resolved against it.
    config_key : str, optional
        For messages, e.g. ``screening.full_text[0]``.

    Returns
    -------
    list of Vote
    """
    fmt = spec.get("format")
    path = Path(spec["path"])
    if not path.is_absolute():
        path = Path(base_dir) / path
    if not path.is_file():
        raise InputError("no such decision file", path=spec["path"])
    shown = spec["path"]
    if fmt == "rayyan_ris":
        votes = read_rayyan_ris(path, stage, reviewers, arbiter)
    elif fmt == "rayyan_csv":
        votes = read_rayyan_csv(path, stage, reviewers, arbiter)
    elif fmt == "covidence_csv":
        votes = read_covidence_csv(path, stage, spec.get("decision", ""))
    elif fmt == "asreview_csv":
        votes = read_asreview_csv(path, stage, spec.get("reviewer", ""), reviewers, arbiter)
    elif fmt == "plain_csv":
        votes = read_plain_csv(path, stage, reviewers, arbiter, spec.get("reviewer", ""))
    else:
        raise ConfigError(f"{config_key or 'screening'}.format", f"{fmt!r} is not one of {list(FORMATS)}")
    # Messages name the file as the config does.
    return [vote.__class__(**{**vote.__dict__, "path": str(shown)}) for vote in votes]
