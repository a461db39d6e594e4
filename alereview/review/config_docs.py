"""``config/README.md``: every configuration key, from the schema (the Snakemake workflow catalog's form).

The catalog shows ``config/README.md`` as a workflow's configuration instructions. Here it is
generated from ``alereview/data/config.schema.yaml`` (one table per section: key, type or allowed
values, default, meaning), so the two cannot drift apart; ``tests/test_catalog.py`` checks that the
committed file is what :func:`config_readme` writes. Regenerate it with
``python -m alereview.review.config_docs config/README.md``.
"""

from __future__ import annotations

import json
import sys
from importlib.resources import files as package_files
from pathlib import Path

import yaml

from alereview.tsv import atomic_write_text

SCHEMA = package_files("alereview") / "data" / "config.schema.yaml"

#: The example configs a reader can start from (each is dry-run by tests/test_catalog.py).
EXAMPLES = [
    ("config/config.yaml", "the default review: the reference review (search, screening, ALE, jackknife, checks)"),
    ("config/reference_cluster_fwe.yaml", "the same with cluster-level FWE thresholds (`--configfile config/reference_cluster_fwe.yaml`)"),
    ("examples/enge2021/config/config.yaml", "coordinates only, real published data (`--directory examples/enge2021`)"),
    (
        "examples/own_review/config/config.yaml",
        "a review of one's own: PubMed, an export, two reviewers (`--directory examples/own_review`)",
    ),
]


def _one_line(text) -> str:
    return " ".join(str(text or "").split())


def _cell(text) -> str:
    return _one_line(text).replace("|", "\\|")


def _type(node: dict) -> str:
    """The type of a schema node, or its allowed values."""
    if "enum" in node:
        return "one of " + ", ".join(f"`{json.dumps(value)}`" for value in node["enum"])
    kind = node.get("type", "")
    if isinstance(kind, list):
        kind = " or ".join(kind)
    if kind == "array" and isinstance(node.get("items"), dict) and node["items"].get("type") not in (None, "object"):
        kind = f"list of {node['items']['type']}"
    elif kind == "array":
        kind = "list"
    elif kind == "object" and isinstance(node.get("additionalProperties"), dict) and "properties" not in node:
        kind = "mapping"
    if node.get("format") and kind == "string":
        kind = f"string ({node['format']})"
    if "oneOf" in node and not kind:
        kind = " or ".join(sorted({_type(option) or "object" for option in node["oneOf"]}))
    bounds = [
        f"{symbol} {node[key]}"
        for key, symbol in (("minimum", "≥"), ("exclusiveMinimum", ">"), ("maximum", "≤"), ("exclusiveMaximum", "<"))
        if key in node
    ]
    return ", ".join([kind or "any"] + bounds)


def _default(node: dict) -> str:
    if "default" not in node:
        return ""
    value = node["default"]
    return f"`{json.dumps(value, ensure_ascii=False)}`"


def _notes(node: dict, required: bool) -> str:
    marks = (["**required**"] if required else []) + (["a path that must exist"] if node.get("x-path") else [])
    if node.get("x-stage") == "after_screening":
        marks.append("may be filled in after screening")
    text = _one_line(node.get("description"))
    return "; ".join(([text] if text else []) + marks)


def rows(node: dict, prefix: str = "", required: bool = False) -> list[tuple[str, str, str, str]]:
    """(key, type, default, meaning) of a schema node and every key under it, depth first.

    Keys are dotted paths; ``[]`` marks the items of a list, ``<name>`` a key the user chooses
    (e.g. ``analyses.<name>.title``).
    """
    out = [(prefix, _type(node), _default(node), _notes(node, required))] if prefix else []
    needed = set(node.get("required") or [])
    for key, child in (node.get("properties") or {}).items():
        out += rows(child, f"{prefix}.{key}" if prefix else key, key in needed)
    extra = node.get("additionalProperties")
    if isinstance(extra, dict) and extra.get("properties") and prefix:
        out += rows(extra, f"{prefix}.<name>")
    items = node.get("items")
    if isinstance(items, dict):
        options = [items] + [option for option in items.get("oneOf") or [] if isinstance(option, dict)]
        seen = {row[0] for row in out}
        for option in options:
            if option.get("properties"):
                for row in rows(option, f"{prefix}[]")[1:]:
                    if row[0] not in seen:
                        seen.add(row[0])
                        out.append(row)
    return out


def config_readme(schema_path=SCHEMA) -> str:
    """The text of ``config/README.md`` for the schema at ``schema_path``."""
    schema = yaml.safe_load(Path(str(schema_path)).read_text(encoding="utf-8"))
    lines = [
        "# Configuring a review",
        "",
        "<!-- Generated from alereview/data/config.schema.yaml by `python -m alereview.review.config_docs config/README.md`;"
        " do not edit by hand (tests/test_catalog.py checks it is up to date). -->",
        "",
        _one_line(schema.get("description")),
        "",
        "A review is a folder with `config/config.yaml`. Run it with `snakemake --cores N` in that folder, or",
        "`snakemake --cores N --directory DIR` from this repository; `--configfile FILE` replaces the config",
        "(never merged with it), and `extends: BASE.yaml` in a config names a base whose keys it changes.",
        "`alereview init DIR` writes a new review's config with every section commented.",
        "",
        "## Example configs",
        "",
        "| Config | What it runs |",
        "|:--|:--|",
    ]
    lines += [f"| `{path}` | {_cell(what)} |" for path, what in EXAMPLES]
    needed = set(schema.get("required") or [])
    for section, node in (schema.get("properties") or {}).items():
        lines += ["", f"## `{section}`", ""]
        if node.get("description"):
            lines += [_one_line(node["description"]) + (" **Required.**" if section in needed else ""), ""]
        elif section in needed:
            lines += ["**Required.**", ""]
        table = rows(node, section, section in needed)[1:]
        if not table:
            lines += [f"Type: {_type(node)}."]
            continue
        lines += ["| Key | Type | Default | Meaning |", "|:--|:--|:--|:--|"]
        lines += [f"| `{key}` | {_cell(kind)} | {_cell(default)} | {_cell(notes)} |" for key, kind, default, notes in table]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    """``python -m alereview.review.config_docs [OUT]``: write the README (default: print it)."""
    argv = sys.argv[1:] if argv is None else argv
    text = config_readme()
    if argv:
        atomic_write_text(argv[0], text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
