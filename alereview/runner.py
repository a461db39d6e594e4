"""The one entry of every rule script: ``run_rule(steps.<step>, snakemake)``.

A rule ``<stage>_<step>`` runs ``scripts/<stage>_<step>.py``, whose only line calls
:func:`run_rule` with the stage's facade function ``alereview.<stage>.steps.<step>``. The
function gets the rule's own mappings, ``(input, output, params, log)``, and ``wildcards`` or
``threads`` when it names them. :func:`run_rule` sets up the rule's log, shows warnings on the
console as well as in the log, and turns an error of the user's input into one message, on the
console and in the log, with no traceback (exit status 1); any other exception is a bug of
alereview, logged with its traceback and a line saying so.
"""

from __future__ import annotations

import inspect
import logging
import sys
from pathlib import Path

from alereview.errors import ConfigError, InputError, ServiceFailure
from alereview.logs import get_logger, setup_logging
from alereview.redaction import RedactingFilter, redact

logger = get_logger(__name__)

#: What a bug (not an input error) ends with, after its traceback.
BUG_LINE = "This is a bug in alereview, not in your input: please report it with the log above."


def _console_handler(rule: str) -> logging.Handler:
    """Warnings and errors to the terminal too, prefixed by the rule's name."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter(f"[{rule}] %(levelname)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    return handler


def run_rule(step, snakemake) -> None:
    """Run the facade function ``step`` with the mappings of the Snakemake job ``snakemake``.

    Parameters
    ----------
    step : callable
        ``alereview.<stage>.steps.<step>``, called as ``step(input, output, params, log)``, plus
        ``wildcards=`` and ``threads=`` when its signature has them.
    snakemake : snakemake.script.Snakemake
        The object Snakemake gives a rule's script.
    """
    root = setup_logging(snakemake.log[0] if snakemake.log else None)
    rule = getattr(snakemake, "rule", step.__name__)
    if snakemake.log:
        root.addHandler(_console_handler(rule))
        for name in ("nimare", "py.warnings"):
            logging.getLogger(name).addHandler(root.handlers[-1])
    wanted = inspect.signature(step).parameters
    extra = {name: getattr(snakemake, name) for name in ("wildcards", "threads") if name in wanted}
    try:
        step(snakemake.input, snakemake.output, snakemake.params, snakemake.log, **extra)
    except (InputError, ConfigError) as error:
        # The message names the file, line or record and field; a traceback would bury it.
        root.error("%s", error)
        sys.exit(1)
    except ServiceFailure as error:
        root.error("%s. What was fetched before the failure is kept: run again to resume from it.", redact(str(error)))
        sys.exit(1)
    except Exception as error:  # noqa: BLE001 - a bug: keep its traceback, and say so
        root.error("%s: %s", type(error).__name__, redact(str(error)), exc_info=True)
        root.error("%s", BUG_LINE)
        sys.exit(1)


def warnings_summary(log_dir="logs", since: float = 0.0, most: int = 20) -> str:
    """The warnings the rules of this run logged, for the console at the run's end ("" if none).

    Parameters
    ----------
    log_dir : str or Path
        The workflow's ``logs/`` folder.
    since : float
        Start of the run (seconds since the epoch): logs of jobs that did not run are skipped.
    most : int
        How many warnings to list (the count is of all).
    """
    found = []
    for log in sorted(Path(log_dir).rglob("*.log")):
        if log.stat().st_mtime < since:
            continue
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
            if " WARNING " in line:
                found.append(f"  {log}: {redact(line.split(' WARNING ', 1)[1])}")
    if not found:
        return ""
    listed = found[:most] + ([f"  ... and {len(found) - most} more"] if len(found) > most else [])
    return f"{len(found)} warning(s) during this run (what, and the log that says more):\n" + "\n".join(listed)


def stop_before_any_job(error: Exception) -> None:
    """End a workflow run while it reads its config: one message on the console, no traceback.

    Nothing has run, so every file of ``results/`` is as it was.
    """
    print(
        f"alereview: error: {redact(str(error))}\nNothing was run: every file of results/ is as it was. "
        "Fix the file or key named above and run again.",
        file=sys.stderr,
    )
    sys.exit(1)
