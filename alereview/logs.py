"""Logging for rule scripts and the CLI: progress goes to the rule's log file."""

from __future__ import annotations

import logging
import sys

from alereview.errors import ConfigError, InputError
from alereview.redaction import RedactingFilter

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup_logging(log_path=None, level=logging.INFO) -> logging.Logger:
    """Send the package's log records to ``log_path`` (a rule's ``log:``) or to stderr.

    Parameters
    ----------
    log_path : str or Path, optional
        File to append to; stderr when None.
    level : int
        Logging level.

    Returns
    -------
    logging.Logger
        The ``alereview`` logger.
    """
    handler = logging.FileHandler(log_path, mode="w", encoding="utf-8") if log_path else logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter())  # no API key in any log line, whichever logger wrote it
    logger = logging.getLogger("alereview")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    for name in ("nimare", "py.warnings"):
        other = logging.getLogger(name)
        other.handlers[:] = [handler]
        other.setLevel(logging.WARNING)
    logging.captureWarnings(True)
    if log_path:
        _log_uncaught_errors(logger)
    return logger


def _log_uncaught_errors(logger: logging.Logger) -> None:
    """Write an error that ends a rule's script into its log too, not only to the terminal."""

    def hook(exc_type, exc, traceback):
        if isinstance(exc, (InputError, ConfigError)):
            logger.error("%s", exc)
        else:
            logger.error("%s: %s", exc_type.__name__, exc, exc_info=(exc_type, exc, traceback))
        sys.__excepthook__(exc_type, exc, traceback)

    sys.excepthook = hook


def get_logger(name: str) -> logging.Logger:
    """A child of the ``alereview`` logger, e.g. ``get_logger(__name__)``."""
    return logging.getLogger(name if name.startswith("alereview") else f"alereview.{name}")
