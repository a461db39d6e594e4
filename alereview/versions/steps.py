"""One function per rule of ``rules/versions.smk`` (:func:`changes`, :func:`publish`), over:

* :func:`run_changes` (rule ``versions_changes``, before the report): which version this run
  is, what triggered it, what changed since the previous version, the history table and the
  living PRISMA counts and diagram;
* :func:`run_publish` (rule ``versions_publish``, after every other output): publishes
  ``results/versions/v<N>/`` when this run is a new version; its only declared output is
  ``results/versions/published.json``, so Snakemake never deletes a published version.

Which version a run is: when its fingerprint (:func:`alereview.versions.manifest.fingerprint`)
equals the latest published version's, it *is* that version (a re-run: nothing is published,
its report still compares it with the version before); otherwise it is the next number.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from alereview.errors import InputError
from alereview.layout import RESULTS, path
from alereview.logs import get_logger
from alereview.tsv import atomic_write_text, read_json, write_json, write_tsv
from alereview.versions.compare import compare_results, studies_of
from alereview.versions.figure import draw_living_prisma
from alereview.versions.history import history_table, living_prisma, summary
from alereview.versions.manifest import fingerprint, published_versions, today, triggers
from alereview.versions.publish import publish_version

log = get_logger(__name__)


def which_version(manifests: list[dict], current: dict) -> tuple[int, dict | None, dict | None]:
    """``(number, previous manifest or None, published manifest of this very state or None)``."""
    if manifests and manifests[-1].get("fingerprint") == current:
        latest = manifests[-1]
        return int(latest["version"]), (manifests[-2] if len(manifests) > 1 else None), latest
    previous = manifests[-1] if manifests else None
    return (int(previous["version"]) + 1 if previous else 1), previous, None


def run_changes(
    config: dict, results, base_dir, changes_tsv, current_json, history_tsv, prisma_csv, figure_paths=(), dpi: int = 150
) -> dict:
    """Write the change table, ``current.json``, the history and the living PRISMA counts (+ diagram).

    Returns
    -------
    dict
        The content of ``current.json``: ``version``, ``base_version``, ``date``, ``cutoff``,
        ``start``, ``trigger``, ``fingerprint``, ``summary``, ``n_studies``, ``published``.
    """
    analyses = list(config.get("analyses") or {})
    manifests = published_versions(path("versions_dir", results))
    state = fingerprint(config, results, base_dir)
    number, previous, published = which_version(manifests, state)
    base_dir_of_previous = Path(previous["dir"]) if previous else None
    changes = compare_results(base_dir_of_previous, results, analyses)
    search = config.get("search") or {}
    current = {
        "version": number,
        "base_version": int(previous["version"]) if previous else None,
        "base_cutoff": previous.get("cutoff", "") if previous else "",
        "base_date": previous.get("published_on", "") if previous else "",
        "date": published["published_on"] if published else today(),
        "cutoff": state["cutoff"],
        "start": str(search.get("start") or "") if state["cutoff"] else "",
        "trigger": published["trigger"] if published else triggers(previous.get("fingerprint") if previous else None, state),
        "fingerprint": state,
        "summary": summary(results, analyses, changes),
        "n_studies": len(studies_of(results, analyses)),
        "published": bool(published),
    }
    write_tsv(changes, changes_tsv)
    write_json(current_json, current)
    write_tsv(history_table(manifests, current), history_tsv)
    versions = [(m, Path(path("prisma_csv", m["dir"]))) for m in manifests if int(m["version"]) < number]
    counts = living_prisma(versions + [(current, Path(path("prisma_csv", results)))])
    _write_csv(counts, prisma_csv)
    if figure_paths:
        draw_living_prisma(counts, figure_paths, dpi=dpi, simulated=bool(config["review"].get("simulated_inputs")))
    log.info(
        "version %d (%s); compared with %s",
        number,
        "; ".join(current["trigger"]) or "re-run",
        f"v{previous['version']}" if previous else "nothing (first version)",
    )
    return current


def _write_csv(table, csv_path) -> None:
    """A CSV with a header, deterministic (the living PRISMA counts)."""
    atomic_write_text(csv_path, table.to_csv(index=False, lineterminator="\n"))


def run_publish(config: dict, config_file, results, current_json, published_json) -> dict:
    """Publish ``results/`` as ``results/versions/v<N>`` when this run is a new version.

    Parameters
    ----------
    config : dict
        The validated config (written into the version as ``config/config.resolved.yaml``).
    config_file : str or Path
        The config file the run read (copied as ``config/config.yaml``).
    results : str or Path
    current_json : str or Path
        ``results/versions/current.json`` of :func:`run_changes`.
    published_json : str or Path
        The rule's output: which version the results are, and whether this run published it.
    """
    current = read_json(current_json)
    versions_dir = Path(path("versions_dir", results))
    manifests = published_versions(versions_dir)
    same = [m for m in manifests if m.get("fingerprint") == current["fingerprint"]]
    if same:
        record = {
            "version": int(same[-1]["version"]),
            "published_now": False,
            "dir": Path(same[-1]["dir"]).name,
            "why": "the results are those of this published version (same cutoff, exports and experiments)",
        }
        write_json(published_json, record)
        return record
    if any(int(m["version"]) >= int(current["version"]) for m in manifests):
        raise InputError(
            f"version {current['version']} was published by another run since the change table was built; "
            "run again with --forcerun versions_changes",
            path=str(current_json),
        )
    resolved = versions_dir / ".config.resolved.yaml"
    resolved.write_text(yaml.safe_dump(config, sort_keys=True, allow_unicode=True), encoding="utf-8")
    extra = {"config/config.yaml": Path(config_file), "config/config.resolved.yaml": resolved}
    for role in ("versions_current", "versions_changes", "versions_history", "versions_prisma"):
        source = Path(path(role, results))
        if source.is_file():
            extra[f"versions/{source.name}"] = source
    info = {key: current[key] for key in ("base_version", "cutoff", "start", "trigger", "fingerprint", "summary", "n_studies")}
    try:
        folder = publish_version(results, versions_dir, int(current["version"]), extra, info)
    finally:
        os.remove(resolved)
    record = {"version": int(current["version"]), "published_now": True, "dir": folder.name, "why": "; ".join(current["trigger"])}
    write_json(published_json, record)
    return record


def changes(input, output, params, log):
    """Rule ``versions_changes``: :func:`run_changes` in the review folder (the working directory)."""
    run_changes(
        params.config,
        RESULTS,
        os.getcwd(),
        output.changes,
        output.current,
        output.history,
        output.prisma,
        figure_paths=list(output.figures),
        dpi=params.dpi,
    )


def publish(input, output, params, log):
    """Rule ``versions_publish``: :func:`run_publish` of the results of the working directory."""
    run_publish(params.config, params.config_file, RESULTS, input.current, output[0])
