"""Logging for rule scripts and the CLI: progress goes to the rule's log file."""

from __future__ import annotations

import logging
import sys

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
    logger = logging.getLogger("alereview")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    for name in ("nimare", "py.warnings"):
        other = logging.getLogger(name)
        other.handlers[:] = [handler]
        other.setLevel(logging.WARNING)
    logging.captureWarnings(True)
    return logger


def get_logger(name: str) -> logging.Logger:
    """A child of the ``alereview`` logger, e.g. ``get_logger(__name__)``."""
    return logging.getLogger(name if name.startswith("alereview") else f"alereview.{name}")
