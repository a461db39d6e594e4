"""Config keys that validate but would not do what they say: retired, inactive, or writing elsewhere.

* **Retired keys** (:data:`RETIRED`) are taken out of the config before the schema sees them,
  with a warning that says which key replaced them.
* **Inactive keys** (:data:`INACTIVE`) are valid but ignored by the choices around them, e.g.
  ``labels.search_radius_mm`` with the default ``labels.method: gingerale``: a warning says why
  and what to change, only for keys the config gives (not for defaults).
* **Outputs outside the review folder**: a path the workflow *writes* to
  (``search.pubmed.snapshot_dir``) that leaves the review folder by ``..`` (read lexically: a link inside the folder is not followed) is an error naming
  the key; an absolute one outside it is a warning.
"""

from __future__ import annotations

import os
from pathlib import Path

from alereview.errors import ConfigError
from alereview.logs import get_logger

log = get_logger(__name__)

#: Retired dotted key -> what replaced it (none yet: the schema has only added keys so far).
RETIRED: dict[str, str] = {}
#: Keys the workflow writes into: dotted key -> what it writes there.
OUTPUT_KEYS = {"search.pubmed.snapshot_dir": "the PubMed snapshots"}


def _get(config: dict, dotted: str):
    value = config
    for name in dotted.split("."):
        if not isinstance(value, dict) or name not in value:
            return None
        value = value[name]
    return value


def _pop(config: dict, dotted: str) -> bool:
    *parents, last = dotted.split(".")
    section = _get(config, ".".join(parents)) if parents else config
    if isinstance(section, dict) and last in section:
        del section[last]
        return True
    return False


def drop_retired(config: dict) -> list[str]:
    """Take the :data:`RETIRED` keys out of ``config`` (in place), each with a warning; their names."""
    dropped = [key for key in RETIRED if _pop(config, key)]
    for key in dropped:
        log.warning("config key '%s' is retired and ignored: %s", key, RETIRED[key])
    return dropped


def _search_radius(config):
    method = (config.get("labels") or {}).get("method", "gingerale")
    if method != "radius":
        return (
            f"labels.method is {method!r}, whose search is GingerALE's fixed +/-1..5 mm cube; "
            "set labels.method: radius to label by the nearest grey matter within this radius"
        )
    return ""


#: Dotted key -> a check of the completed config: why the key is ignored, or "".
INACTIVE = {
    "labels.search_radius_mm": _search_radius,
}


def given_keys(config: dict) -> set:
    """The :data:`INACTIVE` keys the config gives itself (before the defaults are filled in)."""
    return {key for key in INACTIVE if _get(config, key) is not None}


def warn_inactive(config: dict, given) -> list[str]:
    """A warning for each key of ``given`` that the completed ``config`` ignores; their names."""
    ignored = []
    for key in sorted(given):
        reason = INACTIVE[key](config)
        if reason:
            log.warning("config key '%s' (%r) has no effect: %s", key, _get(config, key), reason)
            ignored.append(key)
    return ignored


def check_output_paths(config: dict, base_dir) -> None:
    """Refuse an output path that leaves the review folder by ``..``; warn about an absolute one outside."""
    base = Path(os.path.abspath(base_dir))
    for key, what in OUTPUT_KEYS.items():
        value = _get(config, key)
        if not isinstance(value, str) or not value:
            continue
        target = Path(os.path.normpath(base / value))  # lexical: a symbolic link inside the folder is the user's choice
        if target == base or base in target.parents:
            continue
        if not Path(value).is_absolute():
            raise ConfigError(
                key,
                f"{value!r} leaves the review folder {base} (it is {target}); {what} are "
                "written there: give a path inside the review folder, or an absolute path",
            )
        log.warning("config key '%s': %s are written outside the review folder, in %s", key, what, target)
