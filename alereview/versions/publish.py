"""Publishing a version: ``results/versions/v<N>/``, complete, read-only, sharing unchanged files.

The version is first written to ``versions/.v<N>.partial`` and renamed into place once complete,
so a run that fails while publishing leaves no half version (a stale ``.partial`` folder is
removed by the next publication). A file whose content (SHA-256) is already in an earlier
version is a hard link to that earlier file (a copy when the filesystem refuses hard links,
e.g. across filesystems); a new content is *copied* from ``results/``, never linked to it, since
Snakemake rewrites the files of ``results/`` and a shared inode would change the version too.
Published files are made read-only (0444) and their folders 0555. No rule declares a file under
``v<N>/`` as its output, so Snakemake never deletes one before re-running a job.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from alereview.logs import get_logger
from alereview.tsv import write_json
from alereview.versions.manifest import published_versions, sha256_file, software_versions, today

log = get_logger(__name__)

READ_ONLY_FILE = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
READ_ONLY_DIR = READ_ONLY_FILE | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH


def result_files(results, skip=("versions",)) -> list[Path]:
    """Every file under ``results`` (relative paths, sorted), without the ``versions`` folder."""
    results = Path(results)
    files = []
    for root, dirs, names in os.walk(results):
        rel_root = Path(root).relative_to(results)
        if rel_root == Path("."):
            dirs[:] = [d for d in dirs if d not in skip]
        dirs.sort()
        files += [rel_root / name for name in sorted(names)]
    return files


def _known_contents(manifests) -> dict:
    """sha256 → path of the first published file with that content."""
    known = {}
    for manifest in manifests:
        for entry in manifest.get("files", []):
            candidate = Path(manifest["dir"]) / entry["path"]
            if entry["sha256"] not in known and candidate.is_file():
                known[entry["sha256"]] = candidate
    return known


def _place(source: Path, target: Path, earlier: Path | None) -> str:
    """Link ``target`` to ``earlier`` (same content) or copy ``source``; returns how."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if earlier is not None:
        try:
            os.link(earlier, target)
            return "linked"
        except OSError:
            shutil.copyfile(earlier, target)
    else:
        shutil.copyfile(source, target)
    os.chmod(target, READ_ONLY_FILE)
    return "copied"


def _freeze(folder: Path) -> None:
    """Make a published folder and its sub-folders read-only (deepest first)."""
    for root, dirs, _ in os.walk(folder, topdown=False):
        for name in dirs:
            os.chmod(Path(root) / name, READ_ONLY_DIR)
    os.chmod(folder, READ_ONLY_DIR)


def publish_version(results, versions_dir, number: int, extra_files: dict, info: dict) -> Path:
    """Publish ``results`` (without ``versions/``) as ``versions_dir/v<number>``.

    Parameters
    ----------
    results : str or Path
        The results directory of the run.
    versions_dir : str or Path
        Where versions live (``results/versions``).
    number : int
        The version number; must not be published yet.
    extra_files : dict
        ``{relative path in the version: source path}`` added besides the results (the config).
    info : dict
        Written into the manifest: cutoff, trigger, fingerprint, base version, ...

    Returns
    -------
    Path
        The published folder.
    """
    versions_dir = Path(versions_dir)
    final = versions_dir / f"v{number}"
    if final.exists():
        raise FileExistsError(f"{final} is already published; published versions are never changed")
    earlier = published_versions(versions_dir)
    known = _known_contents(earlier)
    partial = versions_dir / f".v{number}.partial"
    if partial.exists():
        _remove_partial(partial)
    sources = {rel.as_posix(): Path(results) / rel for rel in result_files(results)}
    sources.update({rel: Path(src) for rel, src in extra_files.items()})
    entries, linked = [], 0
    for rel, source in sorted(sources.items()):
        digest = sha256_file(source)
        how = _place(source, partial / rel, known.get(digest))
        linked += how == "linked"
        known.setdefault(digest, partial / rel)
        entries.append({"path": rel, "sha256": digest, "bytes": source.stat().st_size, "stored": how})
    manifest = dict(info, version=number, published_on=today(), software=software_versions(), files=entries)
    write_json(partial / "manifest.json", manifest)
    os.chmod(partial / "manifest.json", READ_ONLY_FILE)
    os.rename(partial, final)
    _freeze(final)
    log.info("published %s: %d files, %d of them hard links to identical files", final, len(entries), linked)
    return final


def _remove_partial(partial: Path) -> None:
    """Remove an unfinished publication (read-only files included)."""
    for root, dirs, _ in os.walk(partial):
        for name in dirs:
            os.chmod(Path(root) / name, 0o755)
    os.chmod(partial, 0o755)
    shutil.rmtree(partial)
    log.warning("removed %s, an unfinished publication of an earlier run", partial)


def disk_usage(folder) -> int:
    """Bytes on disk of the files under ``folder``, each inode counted once (hard links share)."""
    seen, total = set(), 0
    for root, _, names in os.walk(folder):
        for name in names:
            info = os.lstat(Path(root) / name)
            if (info.st_dev, info.st_ino) not in seen:
                seen.add((info.st_dev, info.st_ino))
                total += info.st_size
    return total
