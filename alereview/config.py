"""Validation of the workflow configuration against the schema (``alereview/data/config.schema.yaml``).

The schema is JSON Schema (draft 2020-12) written in YAML. Two extensions:

* ``default`` values are filled in, so rules can rely on every key being present;
* ``x-path: file`` (or ``dir``) on a string property means the value is a path that must exist,
  relative to the workflow's base directory.

Every problem becomes one :class:`~alereview.errors.ConfigError` that names the dotted key and
says what was expected, e.g. ``config key 'search.pubmed.datetype': 'xdat' is not one of
['edat', 'pdat']``.
"""

from __future__ import annotations

import copy
from pathlib import Path

import jsonschema

from alereview.config_keys import check_output_paths, drop_retired, given_keys, warn_inactive
from alereview.config_yaml import read_config_file, read_config_mapping
from alereview.errors import ConfigError
from alereview.config_refs import check_references, dates_to_strings
from alereview.config_refs import absolute_paths

#: The config schema: every key, its type, default and description.
SCHEMA_PATH = Path(__file__).resolve().parent / "data" / "config.schema.yaml"


def load_yaml(path):
    """Read a YAML config or schema as plain data (:func:`alereview.config_yaml.read_config_file`).

    A ConfigError naming the file and line when it is not valid YAML, not UTF-8, holds a tag,
    YTE, a key given twice or too many aliases.
    """
    return read_config_file(path)


def _dotted(path_items) -> str:
    parts = []
    for item in path_items:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        else:
            parts.append(("." if parts else "") + str(item))
    return "".join(parts) or "(top level)"


def _describe(error: jsonschema.ValidationError) -> tuple[str, str]:
    """Key and message for one jsonschema error, phrased for a reviewer editing YAML."""
    key = _dotted(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        unknown = sorted(set(error.instance) - set(allowed))
        prefix = key + "." if error.absolute_path else ""
        return prefix + unknown[0], f"unknown key; expected one of {allowed}"
    if error.validator == "required":
        missing = error.message.split("'")[1]
        prefix = key + "." if error.absolute_path else ""
        return prefix + missing, "missing; this key is required"
    expected = schema.get("description")
    message = error.message
    if error.validator == "type":
        message = f"{error.instance!r} is of the wrong type; expected {error.validator_value}"
    if expected:
        message += f" ({expected})"
    return key, message


def _fill_defaults(instance, schema):
    """Fill ``default`` values of object properties, recursively, in place."""
    if not isinstance(instance, dict) or not isinstance(schema, dict):
        return
    for name, sub in schema.get("properties", {}).items():
        if name not in instance and "default" in sub:
            instance[name] = copy.deepcopy(sub["default"])
        if name in instance:
            _fill_defaults(instance[name], sub)
            if isinstance(instance[name], list) and isinstance(sub.get("items"), dict):
                for item in instance[name]:
                    _fill_defaults(item, sub["items"])
    additional = schema.get("additionalProperties")
    if isinstance(additional, dict):
        for name, value in instance.items():
            if name not in schema.get("properties", {}):
                _fill_defaults(value, additional)


def section_defaults(*keys: str) -> dict:
    """The schema's defaults of one config section, as :func:`validate_config` fills them.

    ``section_defaults("checks", "contributions")`` is what an empty ``checks.contributions``
    becomes; code that takes a section read from elsewhere merges it over these, so that
    defaults live in the schema alone.
    """
    schema = load_yaml(SCHEMA_PATH)
    for key in keys:
        schema = schema["properties"][key]
    filled: dict = {}
    _fill_defaults(filled, schema)
    return filled


def has_search(config: dict) -> bool:
    """True when the review searches (PubMed or exports), and therefore screens its records."""
    search = config.get("search") or {}
    return bool(search.get("pubmed") or search.get("exports"))


def _check_paths(instance, schema, base_dir: Path, path_items=(), later=False, missing=None):
    """Raise ConfigError for an ``x-path`` value that does not exist.

    With ``later``, paths marked ``x-stage: after_screening`` (inputs a reviewer fills in once
    screening is done) are not checked but appended to ``missing`` when absent.
    """
    if not isinstance(schema, dict):
        return
    kind = schema.get("x-path")
    if kind and isinstance(instance, str) and instance and later and schema.get("x-stage") == "after_screening":
        if missing is not None and not (base_dir / instance).exists():
            missing.append((_dotted(path_items), instance))
        return
    if kind and isinstance(instance, str) and instance:
        target = base_dir / instance
        exists = target.is_dir() if kind == "dir" else target.is_file()
        if not exists:
            raise ConfigError(
                _dotted(path_items), f"{instance!r}: no such {'directory' if kind == 'dir' else 'file'} (relative to {base_dir})"
            )
    if isinstance(instance, dict):
        for name, value in instance.items():
            sub = schema.get("properties", {}).get(name)
            if sub is None and isinstance(schema.get("additionalProperties"), dict):
                sub = schema["additionalProperties"]
            _check_paths(value, sub, base_dir, (*path_items, name), later, missing)
    elif isinstance(instance, list) and isinstance(schema.get("items"), dict):
        for index, value in enumerate(instance):
            _check_paths(value, schema["items"], base_dir, (*path_items, index), later, missing)


def inputs_after_screening(config: dict, base_dir=".", schema_path=None) -> list[tuple[str, str]]:
    """The inputs filled in after screening (study table, coordinate tables) that are missing.

    Returns ``(key, path)`` pairs; empty when every such input exists.
    """
    missing = []
    _check_paths(config, load_yaml(schema_path or SCHEMA_PATH), Path(base_dir), later=True, missing=missing)
    return missing


def _check_placeholders(instance, path_items=()) -> None:
    """A value still holding a template's ``TODO`` placeholder (``alereview init``) is an error."""
    if isinstance(instance, str) and instance.lstrip().upper().startswith("TODO"):
        raise ConfigError(_dotted(path_items), f"still the template's placeholder {instance!r}: fill it in")
    items = instance.items() if isinstance(instance, dict) else enumerate(instance) if isinstance(instance, list) else ()
    for name, value in items:
        _check_placeholders(value, (*path_items, name))


def _check_stages(config: dict) -> None:
    """Keys that a stage needs once the review has it."""
    search = config.get("search") or {}
    if search.get("pubmed") and not search.get("cutoff"):
        raise ConfigError("search.cutoff", "missing; a PubMed search needs its last day, YYYY-MM-DD")
    if has_search(config) and not config["screening"].get("reviewers"):
        raise ConfigError(
            "screening.reviewers", "missing; a review that searches needs its one or two reviewers (as named in the decision files)"
        )


def _derive_analyses(config: dict) -> None:
    """Without ``analyses``, one per Sleuth file or studyset analysis, titled by its name."""
    if config.get("analyses"):
        return
    names = [entry.get("analysis") for entry in config["coordinates"].get("sleuth", [])]
    for entry in config["coordinates"].get("studysets", []):
        names += [entry["analysis"]] if entry.get("analysis") else list(entry.get("analyses") or {})
    config["analyses"] = {name: {"title": name.replace("_", " ")} for name in dict.fromkeys(n for n in names if n)}
    if not config["analyses"]:
        raise ConfigError(
            "analyses",
            "no analysis: name them under `analyses`, or give coordinates.sleuth / coordinates.studysets entries with their analysis",
        )


def deep_merge(base: dict, override: dict) -> dict:
    """``override`` over ``base``: dictionaries merged key by key, anything else replaced."""
    merged = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def apply_extends(config: dict, config_path, _seen=()) -> dict:
    """Resolve ``extends: BASE.yaml`` (relative to the config file): the config over its base.

    A config variant names its base and only the keys it changes; nothing else is merged, so
    a review's config never inherits keys it does not ask for. ``config`` is changed in place.
    """
    base_name = config.pop("extends", None)
    if not base_name:
        return config
    base_path = (Path(config_path).resolve().parent / str(base_name)).resolve()
    if base_path in _seen or not base_path.is_file():
        reason = "extends itself" if base_path in _seen else "no such file"
        raise ConfigError("extends", f"{str(base_name)!r} ({base_path}): {reason}")
    base = apply_extends(read_config_mapping(base_path, key="extends"), base_path, (*_seen, base_path))
    merged = deep_merge(base, config)
    config.clear()
    config.update(merged)
    return config


def validate_config(config: dict, schema_path, base_dir=".") -> dict:
    """Validate ``config`` against the schema, fill defaults, and check that files exist.

    Parameters
    ----------
    config : dict
        The configuration as loaded by Snakemake (modified in place: defaults are filled).
    schema_path : str or Path
        The schema (:data:`SCHEMA_PATH`).
    base_dir : str or Path
        Directory that relative paths in the config are resolved against.

    Returns
    -------
    dict
        The same ``config``, completed with defaults.

    Raises
    ------
    ConfigError
        For the first problem found, naming the key and what was expected.
    """

    dates_to_strings(config)  # unquoted YAML dates (cutoff: 2020-12-31) become ISO strings, in place
    _check_placeholders(config)
    drop_retired(config)
    given = given_keys(config)
    schema = load_yaml(schema_path)
    validator_cls = jsonschema.validators.validator_for(schema)
    validator = validator_cls(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(config), key=lambda e: (len(e.absolute_path), list(map(str, e.absolute_path))))
    if errors:
        best = jsonschema.exceptions.best_match(errors)
        key, message = _describe(best)
        raise ConfigError(key, message)
    _fill_defaults(config, schema)
    _check_stages(config)
    _derive_analyses(config)
    _check_paths(config, schema, Path(base_dir), later=has_search(config))
    check_references(config, base_dir)
    check_output_paths(config, base_dir)
    warn_inactive(config, given)
    return config


def review_dir(config_path) -> Path:
    """The folder a config's relative paths resolve against: the review folder.

    ``DIR/config/config.yaml`` belongs to the review folder ``DIR`` (the workflow's working
    directory with ``snakemake --directory DIR``); any other file to the folder holding it.
    """
    path = Path(config_path).resolve()
    return path.parent.parent if path.parent.name == "config" else path.parent


def load_config(path, schema_path=None, base_dir=None, absolute=False) -> dict:
    """Load and validate a YAML config the way the workflow does (for the CLI and tests).

    Relative paths in it resolve against :func:`review_dir` unless ``base_dir`` is given; with
    ``absolute=True`` they are returned absolute (:func:`alereview.config_refs.absolute_paths`),
    so that a command run from any folder opens the files the workflow would.
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigError("(config file)", f"{str(path)!r}: no such file")
    config = read_config_mapping(path)
    apply_extends(config, path)
    base_dir = base_dir or review_dir(path)
    validate_config(config, schema_path or SCHEMA_PATH, base_dir)
    if absolute:
        absolute_paths(config, load_yaml(schema_path or SCHEMA_PATH), base_dir)
    return config
