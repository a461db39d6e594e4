"""Cross-references inside a config: every key that names another thing names something that exists.

JSON Schema checks each value on its own; it cannot see that ``ale.overrides.post_gt_pree``
names no analysis (the override would be ignored and the analysis would silently keep the main
threshold), that a decision file's ``reviewer`` is not one of ``screening.reviewers``, or that
``dedup.source_priority`` lists a database the search does not have. :func:`check_references`
runs after the defaults are filled (:func:`alereview.config.validate_config`) and raises one
:class:`~alereview.errors.ConfigError` naming the key, the allowed values and, when one is close,
the likely intended one. It also checks ``ale.mask`` (``ale_2mm`` or a readable 3-D NIfTI).

Every section is optional here: a missing one names nothing and is not checked.
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from alereview.errors import ConfigError

#: The built-in ALE mask (NiMARE's 2 mm template).
BUILTIN_MASKS = ("ale_2mm",)
#: The database name of the PubMed search (alereview.search.records.PUBMED).
PUBMED = "PubMed"


def dates_to_strings(value):
    """Replace ``datetime.date`` values (unquoted YAML dates) by ISO strings, in place.

    ``cutoff: 2020-12-31`` is a date to YAML; the schema (and Snakemake's ``validate``) expect
    the string ``"2020-12-31"``.

    Examples
    --------
    >>> config = {"search": {"cutoff": dt.date(2020, 12, 31)}, "xs": [dt.date(2021, 1, 2)]}
    >>> dates_to_strings(config)
    {'search': {'cutoff': '2020-12-31'}, 'xs': ['2021-01-02']}
    """
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = dates_to_strings(item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = dates_to_strings(item)
    elif isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    elif isinstance(value, dt.date):
        return value.isoformat()
    return value


def _unknown(key: str, value, allowed, what: str) -> ConfigError:
    allowed = sorted(set(allowed))
    close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
    if not close:
        close = [a for a in allowed if a.casefold() == str(value).casefold()]
    hint = f"; did you mean {close[0]!r}?" if close else ""
    listed = allowed if allowed else "(none defined)"
    return ConfigError(key, f"{value!r} is not {what}; expected one of {listed}{hint}")


def _check_names(key: str, value, allowed, what: str) -> None:
    if value not in allowed:
        raise _unknown(key, value, allowed, what)


def _section(config: dict, name: str) -> dict:
    value = config.get(name)
    return value if isinstance(value, dict) else {}


def check_analysis_refs(config: dict) -> None:
    """Analysis names in ``ale.overrides``, ``ale.contrasts`` and ``coordinates.sleuth``/``studysets``."""
    analyses = set(_section(config, "analyses"))
    what = "an analysis (a key of analyses)"
    ale = _section(config, "ale")
    for name in ale.get("overrides") or {}:
        _check_names(f"ale.overrides.{name}", name, analyses, what)
    for index, contrast in enumerate(ale.get("contrasts") or []):
        for side in ("a", "b"):
            if isinstance(contrast, dict) and side in contrast:
                _check_names(f"ale.contrasts[{index}].{side}", contrast[side], analyses, what)
        _check_contrast_kernel(ale, index, contrast)
    coordinates = _section(config, "coordinates")
    for index, entry in enumerate(coordinates.get("sleuth") or []):
        if isinstance(entry, dict) and entry.get("analysis"):
            _check_names(f"coordinates.sleuth[{index}].analysis", entry["analysis"], analyses, what)
    for index, entry in enumerate(coordinates.get("studysets") or []):
        if not isinstance(entry, dict):
            continue
        if entry.get("analysis"):
            _check_names(f"coordinates.studysets[{index}].analysis", entry["analysis"], analyses, what)
        names = entry.get("analyses") or []
        names = list(names) if isinstance(names, dict) else names  # {analysis: annotation note key}
        for number, name in enumerate(names if isinstance(names, list) else [names]):
            _check_names(f"coordinates.studysets[{index}].analyses[{number}]", name, analyses, what)


def _check_contrast_kernel(ale: dict, index: int, contrast) -> None:
    """A subtraction refits both analyses with the sample-size kernel: no fixed FWHM there."""
    if not isinstance(contrast, dict) or contrast.get("kind") != "subtraction":
        return
    default = (ale.get("kernel") or {}).get("fwhm_mm")
    for side in ("a", "b"):
        override = (ale.get("overrides") or {}).get(contrast.get(side)) or {}
        if override.get("fwhm_mm", default) is not None:
            raise ConfigError(
                f"ale.contrasts[{index}]",
                f"the subtraction of {contrast.get('a')!r} and {contrast.get('b')!r} "
                f"would use sample-size kernels, but {contrast.get(side)!r} has a fixed kernel "
                "(ale.kernel.fwhm_mm); subtractions with a fixed FWHM are not supported (a conjunction is)",
            )


def check_reviewer_refs(config: dict) -> None:
    """The ``reviewer`` of each decision file is one of ``screening.reviewers`` or the arbiter."""
    screening = _section(config, "screening")
    if "reviewers" not in screening:
        return
    people = [str(r) for r in screening.get("reviewers") or []]
    if screening.get("arbiter"):
        people.append(str(screening["arbiter"]))
    for stage in ("title_abstract", "full_text"):
        for index, spec in enumerate(screening.get(stage) or []):
            if isinstance(spec, dict) and spec.get("reviewer"):
                _check_names(
                    f"screening.{stage}[{index}].reviewer",
                    spec["reviewer"],
                    people,
                    "a reviewer (screening.reviewers or screening.arbiter)",
                )


def search_databases(config: dict) -> list:
    """The databases the search has: PubMed (when ``search.pubmed`` is set) and each export's, once each."""
    search = _section(config, "search")
    names = [PUBMED] if search.get("pubmed") else []
    for export in search.get("exports") or []:
        if isinstance(export, dict) and export.get("database") and export["database"] not in names:
            names.append(export["database"])
    return names


def check_database_refs(config: dict) -> None:
    """Each database of ``dedup.source_priority`` is one the search has."""
    if "search" not in config:
        return
    databases = search_databases(config)
    for index, name in enumerate(_section(config, "dedup").get("source_priority") or []):
        _check_names(
            f"dedup.source_priority[{index}]",
            name,
            databases,
            "a database of the search (PubMed when search.pubmed is set, search.exports[].database)",
        )


def check_mask(value, base_dir=".", key: str = "ale.mask") -> None:
    """``value`` is a built-in mask name or a readable 3-D NIfTI image (relative to ``base_dir``).

    Raises
    ------
    ConfigError
        Naming ``key``: no such file, not a NIfTI, unreadable, or not 3-D.
    """
    if value in BUILTIN_MASKS:
        return
    path = Path(base_dir) / str(value)
    expected = f"expected {' or '.join(repr(m) for m in BUILTIN_MASKS)} or a 3-D NIfTI image (.nii, .nii.gz)"
    if not path.is_file():
        raise ConfigError(key, f"{value!r}: no such file (relative to {base_dir}); {expected}")
    import nibabel as nib

    try:
        image = nib.load(str(path))
        shape = tuple(image.shape)
        if not isinstance(image, (nib.Nifti1Image, nib.Nifti2Image)):
            raise ValueError(f"a {type(image).__name__}, not NIfTI")
        image.dataobj[(0,) * len(shape)]  # the data can be read, not only the header
    except Exception as error:  # nibabel raises many kinds for a bad file
        raise ConfigError(key, f"{value!r} is not a readable NIfTI image ({type(error).__name__}: {error}); {expected}") from None
    if len(shape) != 3 and not (len(shape) == 4 and shape[3] == 1):
        raise ConfigError(key, f"{value!r} has shape {shape}; {expected}")


def check_search_window(config: dict) -> None:
    """``search.start`` is not after ``search.cutoff`` (an empty window would search nothing)."""
    search = _section(config, "search")
    start, cutoff = str(search.get("start", "")), str(search.get("cutoff", ""))
    try:
        empty = dt.date.fromisoformat(start) > dt.date.fromisoformat(cutoff)
    except ValueError:
        return
    if empty:
        raise ConfigError("search.start", f"{start!r} is after search.cutoff {cutoff!r}: the search window is empty")


def check_references(config: dict, base_dir=".") -> None:
    """Run every cross-reference check on a config whose defaults are filled.

    Raises
    ------
    ConfigError
        For the first key that names something that does not exist.
    """
    check_search_window(config)
    check_analysis_refs(config)
    check_reviewer_refs(config)
    check_database_refs(config)
    ale = _section(config, "ale")
    if ale.get("mask"):
        check_mask(ale["mask"], base_dir)


#: Path-valued keys without ``x-path`` (they need not exist yet, or may name a built-in).
EXTRA_PATH_KEYS = (("search", "pubmed", "snapshot_dir"), ("ale", "mask"))


def _absolute(value, base: Path):
    if not isinstance(value, str) or not value or value in BUILTIN_MASKS or Path(value).is_absolute():
        return value
    return str(base / value)


def _absolute_x_paths(instance, schema, base: Path):
    if not isinstance(schema, dict):
        return instance
    if schema.get("x-path"):
        return _absolute(instance, base)
    if isinstance(instance, dict):
        for name, value in instance.items():
            sub = schema.get("properties", {}).get(name)
            if sub is None and isinstance(schema.get("additionalProperties"), dict):
                sub = schema["additionalProperties"]
            instance[name] = _absolute_x_paths(value, sub, base)
    elif isinstance(instance, list) and isinstance(schema.get("items"), dict):
        for index, value in enumerate(instance):
            instance[index] = _absolute_x_paths(value, schema["items"], base)
    return instance


def absolute_paths(config: dict, schema: dict, base_dir) -> dict:
    """Make the config's relative paths absolute against ``base_dir`` (the review folder), in place.

    Every ``x-path`` value of the schema, and :data:`EXTRA_PATH_KEYS`, so that a command run
    from any folder opens the files the workflow (run in the review folder) would open.
    """
    base = Path(base_dir).resolve()
    _absolute_x_paths(config, schema, base)
    for keys in EXTRA_PATH_KEYS:
        parent = config
        for key in keys[:-1]:
            parent = parent.get(key) if isinstance(parent, dict) else None
        if isinstance(parent, dict) and keys[-1] in parent:
            parent[keys[-1]] = _absolute(parent[keys[-1]], base)
    return config
