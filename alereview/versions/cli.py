"""``alereview versions DIR`` and ``alereview compare DIR v1 v2``: a living review's versions.

``DIR`` is a review folder (its ``results/versions``), its results folder, or the versions
folder itself.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from alereview.errors import InputError
from alereview.versions.compare import compare_results
from alereview.versions.manifest import published_versions
from alereview.versions.publish import disk_usage


def versions_dir(directory) -> Path:
    """The versions folder of a review folder, a results folder, or itself."""
    directory = Path(directory)
    for candidate in (directory / "results" / "versions", directory / "versions", directory):
        if candidate.is_dir() and (candidate.name == "versions" or published_versions(candidate)):
            return candidate
    raise InputError("no published versions here (looked for results/versions, versions and the folder itself)", path=str(directory))


def versions_table(folder) -> pd.DataFrame:
    """One row per published version: number, date, cutoff, trigger, files, bytes of its own."""
    rows, seen = [], set()
    for manifest in published_versions(folder):
        own = 0
        for entry in manifest["files"]:
            info = (Path(manifest["dir"]) / entry["path"]).stat()
            if (info.st_dev, info.st_ino) not in seen:
                seen.add((info.st_dev, info.st_ino))
                own += info.st_size
        rows.append(
            {
                "version": f"v{manifest['version']}",
                "published_on": manifest.get("published_on", ""),
                "search_cutoff": manifest.get("cutoff", ""),
                "trigger": "; ".join(manifest.get("trigger") or []),
                "files": len(manifest["files"]),
                "new_bytes": own,
            }
        )
    return pd.DataFrame(rows, columns=["version", "published_on", "search_cutoff", "trigger", "files", "new_bytes"])


def version_folder(folder: Path, name: str) -> Path:
    """``v2`` or ``2`` → the published folder ``folder/v2``."""
    number = name.lower().removeprefix("v")
    for manifest in published_versions(folder):
        if str(manifest["version"]) == number:
            return Path(manifest["dir"])
    known = ", ".join(f"v{m['version']}" for m in published_versions(folder)) or "none"
    raise InputError(f"no published version {name!r} (published: {known})", path=str(folder))


def analyses_of(version: Path) -> list[str]:
    """The analyses of a published version: its resolved config's, else its ALE folders."""
    resolved = version / "config" / "config.resolved.yaml"
    if resolved.is_file():
        return list((yaml.safe_load(resolved.read_text(encoding="utf-8")) or {}).get("analyses") or {})
    ale = version / "ale"
    return sorted(p.name for p in ale.iterdir() if p.is_dir() and p.name != "contrasts") if ale.is_dir() else []


def register(subparsers) -> None:
    """Add ``alereview versions`` and ``alereview compare``."""
    parser = subparsers.add_parser(
        "versions",
        help="list the published versions of a living review",
        description="List the versions under DIR/results/versions, with their size on disk.",
    )
    parser.add_argument("directory", metavar="DIR", help="the review folder (or its results or versions folder)")
    parser.set_defaults(handler=_versions)
    parser = subparsers.add_parser(
        "compare",
        help="print what changed between two published versions",
        description="The change table between two versions (as results/versions/changes.tsv).",
    )
    parser.add_argument("directory", metavar="DIR", help="the review folder (or its results or versions folder)")
    parser.add_argument("older", help="a version, e.g. v1")
    parser.add_argument("newer", help="a version, e.g. v2")
    parser.add_argument("--tsv", action="store_true", help="tab-separated output")
    parser.set_defaults(handler=_compare)


def _versions(args) -> int:
    folder = versions_dir(args.directory)
    table = versions_table(folder)
    print(table.to_string(index=False) if len(table) else "no published version")
    print(f"{len(table)} version(s), {disk_usage(folder) / 1e6:.1f} MB on disk (files shared between versions counted once)")
    return 0


def _compare(args) -> int:
    folder = versions_dir(args.directory)
    older, newer = version_folder(folder, args.older), version_folder(folder, args.newer)
    table = compare_results(older, newer, analyses_of(newer))
    if args.tsv:
        print(table.to_csv(sep="\t", index=False, lineterminator="\n"), end="")
    else:
        with pd.option_context("display.max_colwidth", 80, "display.width", 200):
            print(table.to_string(index=False))
    return 0
