"""What identifies a version of a review, and the manifest every published version carries.

A version is identified by its *fingerprint*: the search cutoff, the checksums of the search
exports, and per analysis the included experiments (slug, participants, foci, from
``results/ale/{analysis}/experiments.tsv``). A run whose fingerprint differs from the latest
published version's is a new version; what differs is what triggered the update
(:func:`triggers`), one of the items PRISMA-LSR asks for.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import os
import platform
import re
from pathlib import Path

from alereview.errors import InputError
from alereview.layout import path
from alereview.tsv import read_json, read_tsv

#: The packages whose versions a manifest records.
SOFTWARE = ("alereview", "nimare", "nilearn", "nibabel", "numpy", "scipy", "pandas", "matplotlib", "snakemake")

VERSION_DIR = re.compile(r"^v(\d+)$")


def sha256_file(file_path) -> str:
    """The SHA-256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(file_path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def software_versions() -> dict:
    """``{package: version}`` of the Python and packages the run used (``"not installed"``)."""
    versions = {"python": platform.python_version()}
    for name in SOFTWARE:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def today() -> str:
    """Today's date (UTC), or the date of ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return dt.datetime.now(dt.UTC).date().isoformat()


def experiments_of(results, analysis: str) -> list[str]:
    """An analysis' included experiments as ``slug|participants|foci`` strings, sorted ([] when absent)."""
    table_path = Path(path("ale_experiments", results, analysis=analysis))
    if not table_path.is_file():
        return []
    table = read_tsv(table_path)
    return sorted(f"{r['slug']}|{r.get('n_subjects', '')}|{r.get('n_foci', '')}" for r in table.to_dict("records"))


def versions_config(config: dict) -> dict:
    """The part of the config the comparison reads (rule ``versions_changes``'s params), so that a
    change elsewhere (a figure's dpi, the PubMed client) does not re-run it, nor the report."""
    search = config.get("search") or {}
    return {
        "review": {"simulated_inputs": bool((config.get("review") or {}).get("simulated_inputs"))},
        "search": {
            "cutoff": str(search.get("cutoff") or ""),
            "start": str(search.get("start") or ""),
            "pubmed": bool(search.get("pubmed")),
            "exports": list(search.get("exports") or []),
        },
        "analyses": {name: {"title": (analysis or {}).get("title", name)} for name, analysis in (config.get("analyses") or {}).items()},
    }


def fingerprint(config: dict, results, base_dir=".") -> dict:
    """What identifies this version: cutoff, search exports (checksums), included experiments.

    Parameters
    ----------
    config : dict
        The validated config.
    results : str or Path
        The results directory holding ``ale/{analysis}/experiments.tsv``.
    base_dir : str or Path
        The review folder, against which the exports' paths resolve.
    """
    search = config.get("search") or {}
    exports = []
    for export in search.get("exports") or []:
        export_path = Path(base_dir) / export["path"]
        if not export_path.is_file():
            raise InputError("the search export is missing", path=str(export_path), field="search.exports")
        exports.append({"database": export["database"], "path": str(export["path"]), "sha256": sha256_file(export_path)})
    return {
        "cutoff": str(search.get("cutoff") or "") if (search.get("pubmed") or exports) else "",
        "exports": exports,
        "experiments": {analysis: experiments_of(results, analysis) for analysis in config.get("analyses") or {}},
    }


def triggers(previous: dict | None, current: dict) -> list[str]:
    """What triggered this version, in words; [] when nothing differs from ``previous``.

    Examples
    --------
    >>> triggers(None, {"cutoff": "", "exports": [], "experiments": {}})
    ['first version']
    >>> triggers({"cutoff": "2023-12-31", "exports": [], "experiments": {}},
    ...          {"cutoff": "2024-06-30", "exports": [], "experiments": {}})
    ['new search cutoff (2023-12-31 → 2024-06-30)']
    """
    if previous is None:
        return ["first version"]
    found = []
    if previous.get("cutoff", "") != current.get("cutoff", ""):
        found.append(f"new search cutoff ({previous.get('cutoff') or 'none'} → {current.get('cutoff') or 'none'})")
    before = {e["path"]: e["sha256"] for e in previous.get("exports", [])}
    after = {e["path"]: e["sha256"] for e in current.get("exports", [])}
    new = sorted(p for p in after if p not in before)
    changed = sorted(p for p in after if p in before and before[p] != after[p])
    if new:
        found.append("new search export(s): " + ", ".join(new))
    if changed:
        found.append("changed search export(s): " + ", ".join(changed))
    if sorted(before) != sorted(after) and not new and not changed:
        found.append("search export(s) removed: " + ", ".join(sorted(set(before) - set(after))))
    old_exp, new_exp = previous.get("experiments", {}), current.get("experiments", {})
    for analysis in sorted(set(old_exp) | set(new_exp)):
        a, b = set(old_exp.get(analysis, [])), set(new_exp.get(analysis, []))
        if a != b:
            slugs_a, slugs_b = {x.split("|")[0] for x in a}, {x.split("|")[0] for x in b}
            found.append(
                f"included experiments changed in {analysis} (+{len(slugs_b - slugs_a)} added, "
                f"−{len(slugs_a - slugs_b)} removed, {len(slugs_a & slugs_b) - len(a & b)} with changed data)"
            )
    return found


def published_versions(versions_dir) -> list[dict]:
    """The manifests of the published versions under ``versions_dir``, oldest first.

    A folder counts as published when it is named ``v<N>`` and holds ``manifest.json``
    (publication renames a complete folder into place, so a half-written one never does).
    """
    versions_dir = Path(versions_dir)
    if not versions_dir.is_dir():
        return []
    found = []
    for child in versions_dir.iterdir():
        match = VERSION_DIR.match(child.name)
        if match and (child / "manifest.json").is_file():
            manifest = read_json(child / "manifest.json")
            manifest["dir"] = str(child)
            found.append(manifest)
    return sorted(found, key=lambda m: int(m["version"]))
