"""Reading the report's inputs, any of which a run may not have produced."""

from __future__ import annotations

from pathlib import Path

from alereview.logs import get_logger

log = get_logger(__name__)


def read_optional(path, reader):
    """``reader(path)``, or None when the file is absent or unreadable (a warning says which).

    A broken optional input must not sink the report: its section then says what is missing.
    """
    if not path or not Path(path).is_file():
        return None
    try:
        return reader(path)
    except Exception as error:  # noqa: BLE001 - see above
        log.warning("could not read %s: %s", path, error)
        return None
