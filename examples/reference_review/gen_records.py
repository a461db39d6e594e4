"""Bibliographic part of the replica: the database exports, the PubMed snapshot, the screening
decisions and the ``record_key`` column of ``studies.tsv``.

``generate(out_dir, rng_seed)`` writes, under ``out_dir``: ``search/`` (the 7 exports at the
paths of ``config/config.yaml`` and the PubMed snapshot), ``screening/`` (Rayyan RIS and
full-text CSV) and ``studies.tsv``. Deterministic for a given seed.
"""

from __future__ import annotations

import csv
import io
import random
import shutil
from pathlib import Path

import yaml

import gen_formats as F
import gen_pubmed as P
import gen_screening as S
from gen_copies import link_copies, render
from gen_works import DB_TARGETS, make_works

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PREFIX = "examples/reference_review/"


def load_config():
    with open(REPO / "config" / "config.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def local(path: str) -> str:
    """A config path relative to the replica's directory."""
    if not path.startswith(PREFIX):
        raise ValueError(f"{path}: the replica's files live under {PREFIX}")
    return path[len(PREFIX) :]


def make_copies(works, rng):
    """{database: [copies in export order]}."""
    by_db = {db: [] for db in DB_TARGETS}
    for w in works:
        seen, copies = set(), []
        for db in w["dbs"]:
            copies.append(render(w, db, rng, second=db in seen))
            seen.add(db)
        link_copies(copies, w, rng)
        for c in copies:
            by_db[c["db"]].append(c)
    for copies in by_db.values():
        keys = {id(c): rng.random() for c in copies}
        copies.sort(key=lambda c: (-int(c["year"]), keys[id(c)]))  # newest first, as databases sort
    return by_db


def write_bytes(path: Path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def studies_with_keys(source: Path, keys_by_ref) -> bytes:
    with open(source, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
        fields = list(rows[0].keys())
    for row in rows:
        row["record_key"] = keys_by_ref[row["ref"]]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def generate(out_dir, rng_seed):
    """Write the bibliographic files of the replica under ``out_dir``."""
    out_dir = Path(out_dir)
    config = load_config()
    rng = random.Random(f"{rng_seed}-records")
    works = make_works(rng)
    by_db = make_copies(works, random.Random(f"{rng_seed}-copies"))
    fmt_rng = random.Random(f"{rng_seed}-formats")
    for export in config["search"]["exports"]:
        data = F.WRITERS[export["database"]](by_db[export["database"]], works, fmt_rng)
        write_bytes(out_dir / local(export["path"]), data)
    snapshot_dir = out_dir / local(config["search"]["pubmed"]["snapshot_dir"])
    if snapshot_dir.exists():
        shutil.rmtree(snapshot_dir)  # our own generated snapshot, rewritten whole
    P.write_pubmed(snapshot_dir, by_db["PubMed"], works, config["search"], random.Random(f"{rng_seed}-pubmed"))
    copies_of = {w["id"]: [] for w in works}
    for copies in by_db.values():
        for c in copies:
            copies_of[c["work"]].append(c)
    kept = {w["id"]: S.kept_record(w, copies_of[w["id"]]) for w in works}
    screen_rng = random.Random(f"{rng_seed}-screening")
    decisions = S.ta_decisions(works, screen_rng)
    for entry in config["screening"]["title_abstract"]:
        write_bytes(out_dir / local(entry["path"]), S.rayyan_ris(works, kept, decisions, screen_rng))
    for entry in config["screening"]["full_text"]:
        write_bytes(out_dir / local(entry["path"]), S.full_text_csv(works, kept, screen_rng))
    keys_by_ref = {w["ref"]: kept[w["id"]]["key"] for w in works if w["ref"]}
    write_bytes(out_dir / local(config["studies"]["table"]), studies_with_keys(HERE / "studies.tsv", keys_by_ref))
    return works, kept
