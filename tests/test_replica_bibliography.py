"""The reference review's simulated bibliographic inputs add up to the paper's PRISMA counts.

Every count is computed by reading the committed files back, with means independent of the
workflow's importers (tags, XML elements, CSV rows), and checked against
``examples/reference_review/facts/prisma_counts.tsv``. That the generator gives these files is
``test_reference_generator.py``'s.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from alereview.identity import normalize_doi, record_key

REPO = Path(__file__).resolve().parent.parent
REPLICA = REPO / "examples" / "reference_review"
CONFIG = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))


def facts():
    rows = csv.DictReader((REPLICA / "facts" / "prisma_counts.tsv").open(encoding="utf-8"), delimiter="\t")
    return {row["prisma2020_key"]: int(row["n"]) for row in rows}


def export_path(database):
    entry = next(e for e in CONFIG["search"]["exports"] if e["database"] == database)
    return REPO / entry["path"]


def ris_count(data: bytes, encoding: str) -> int:
    return sum(1 for line in data.decode(encoding).splitlines() if line.startswith("TY  - "))


def count_embase():
    data = export_path("Embase").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "Embase RIS starts with a UTF-8 BOM"
    assert b"\r\n" in data
    return ris_count(data, "utf-8-sig")


def count_cochrane():
    return ris_count(export_path("Cochrane Library").read_bytes(), "utf-8")


def count_cnki():
    data = export_path("CNKI").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really GB18030, not UTF-8
    return ris_count(data, "gb18030")


def count_wos():
    text = export_path("Web of Science").read_bytes().decode("utf-8")
    assert text.startswith("\ufeffFN Clarivate Analytics Web of Science\nVR 1.0\n")
    lines = text.splitlines()
    assert lines[-1] == "EF"
    starts = sum(1 for line in lines if line.startswith("PT "))
    ends = sum(1 for line in lines if line == "ER")
    assert starts == ends
    return starts


def count_vip():
    root = ET.parse(export_path("VIP")).getroot()
    return len(root.findall("./records/record"))


def count_cbm():
    text = export_path("CBM").read_text(encoding="utf-8")
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    assert all(re.search(r"^TI  - ", b, re.M) for b in blocks)
    return len(blocks)


def count_wanfang():
    data = export_path("Wanfang").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert all(row["题名"] for row in rows)
    return len(rows)


def pubmed_snapshot():
    from alereview.search.snapshot import eutils_date, window_id

    pubmed = CONFIG["search"]["pubmed"]
    window = window_id(pubmed["query"], pubmed["datetype"], eutils_date(CONFIG["search"]["start"]), eutils_date(CONFIG["search"]["cutoff"]))
    return REPO / pubmed["snapshot_dir"] / window


def pubmed_articles():
    """(pmid, entrez date, doi) of every PubmedArticle of the snapshot's EFetch batches."""
    path = pubmed_snapshot()
    manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    rows = []
    for batch in manifest["batches"]:
        assert len(batch["pmids"]) <= 200
        root = ET.parse(path / batch["file"]).getroot()
        for article in root.findall("PubmedArticle"):
            pmid = article.findtext("MedlineCitation/PMID")
            entrez = article.find("PubmedData/History/PubMedPubDate[@PubStatus='entrez']")
            year, month, date = (int(entrez.findtext(k)) for k in ("Year", "Month", "Day"))
            day = f"{year:04d}-{month:02d}-{date:02d}"
            doi = article.findtext("PubmedData/ArticleIdList/ArticleId[@IdType='doi']") or ""
            rows.append((pmid, day, doi))
        assert [r[0] for r in rows[-len(batch["pmids"]) :]] == batch["pmids"]
    return manifest, rows


COUNTERS = {
    "Embase": count_embase,
    "Web of Science": count_wos,
    "Cochrane Library": count_cochrane,
    "VIP": count_vip,
    "CBM": count_cbm,
    "CNKI": count_cnki,
    "Wanfang": count_wanfang,
}


def test_exports_are_where_config_says_in_their_formats():
    assert {e["database"] for e in CONFIG["search"]["exports"]} == set(COUNTERS)
    for database in COUNTERS:
        assert export_path(database).is_file(), database


def test_pubmed_snapshot_is_a_complete_esearch_efetch_replay():
    manifest, rows = pubmed_articles()
    assert manifest["complete"] is True
    assert manifest["query"] == CONFIG["search"]["pubmed"]["query"]
    assert manifest["datetype"] == "edat" and manifest["maxdate"] == "2024/03/21"
    esearch = ET.parse(pubmed_snapshot() / "esearch.xml").getroot()
    ids = [e.text for e in esearch.findall("IdList/Id")]
    assert int(esearch.findtext("Count")) == len(ids) == len(rows) == len(set(ids))
    assert esearch.findtext("WebEnv") and esearch.findtext("QueryKey") and esearch.findtext("QueryTranslation")
    assert ids == [r[0] for r in rows]
    assert all(day <= CONFIG["search"]["cutoff"] for _, day, _ in rows)


def test_records_of_the_eight_databases_add_up_to_the_papers_3292():
    counts = {db: count() for db, count in COUNTERS.items()}
    counts["PubMed"] = len(pubmed_articles()[1])
    assert all(n > 0 for n in counts.values())
    assert sum(counts.values()) == facts()["database_results"] == 3292


# --- title/abstract screening (Rayyan RIS) ---------------------------------------------------


def rayyan_records():
    path = REPO / CONFIG["screening"]["title_abstract"][0]["path"]
    records, current = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("TY  - "):
            current = defaultdict(list)
        elif line.startswith("ER  -"):
            records.append(current)
            current = None
        elif current is not None and re.match(r"^[A-Z][A-Z0-9]  - ", line):
            current[line[:2]].append(line[6:])
    return records


def rayyan_votes(record):
    note = next(n for n in record["N1"] if n.startswith("RAYYAN-INCLUSION:"))
    inclusion = note.split(" | ")[0][len("RAYYAN-INCLUSION: ") :]
    return json.loads(inclusion.replace("=>", ":"))


def final_decision(votes, reviewers, arbiter):
    first = [votes[r] for r in reviewers]
    if len(set(first)) == 1 and first[0] != "Maybe":
        assert arbiter not in votes, "the arbiter decides conflicts only"
        return first[0], False
    return votes[arbiter], True


def rayyan_key(record):
    pmid = next((re.search(r"pubmed\.ncbi\.nlm\.nih\.gov/(\d+)", u).group(1) for u in record["UR"] if "pubmed" in u), "")
    return record_key(
        doi=(record["DO"] or [""])[0], pmid=pmid, title=record["TI"][0], year=record["Y1"][0], authors="; ".join(record["AU"])
    )


def test_one_rayyan_record_per_unique_work_937_duplicates():
    records = rayyan_records()
    f = facts()
    assert len(records) == f["records_screened"] == 2355
    assert f["database_results"] - len(records) == f["duplicates"] == 937
    keys = [rayyan_key(r) for r in records]
    assert len(set(keys)) == len(keys)
    dois = [normalize_doi(r["DO"][0]) for r in records if r["DO"]]
    assert len(dois) == len(set(dois))
    # Every DOI and PMID screened is found in the search files (the records come from there).
    corpus = " ".join(
        p.read_bytes().decode("gb18030" if p.suffix == ".ris" and "cnki" in p.name else "utf-8-sig").lower()
        for p in (REPO / "examples/reference_review/search").rglob("*")
        if p.is_file()
    )
    missing = [d for d in dois if d not in corpus]
    assert not missing, missing[:5]


def test_title_abstract_decisions_give_2278_excluded_and_77_to_full_text():
    reviewers, arbiter = CONFIG["screening"]["reviewers"], CONFIG["screening"]["arbiter"]
    finals, conflicts = Counter(), 0
    for record in rayyan_records():
        votes = rayyan_votes(record)
        assert set(reviewers) <= set(votes)
        decision, conflict = final_decision(votes, reviewers, arbiter)
        finals[decision] += 1
        conflicts += conflict
    f = facts()
    assert finals["Excluded"] == f["records_excluded"] == 2278
    assert finals["Included"] == f["dbr_sought_reports"] == f["dbr_assessed"] == 77
    assert 0.04 <= conflicts / 2355 <= 0.08  # realistic disagreement, settled by the arbiter


# --- full-text screening (plain CSV) -----------------------------------------------------------


def full_text_rows():
    path = REPO / CONFIG["screening"]["full_text"][0]["path"]
    return list(csv.DictReader(path.open(encoding="utf-8", newline="")))


def test_full_text_decisions_give_63_excluded_with_reasons_and_14_included():
    reviewers, arbiter = CONFIG["screening"]["reviewers"], CONFIG["screening"]["arbiter"]
    by_record = defaultdict(dict)
    for row in full_text_rows():
        assert row["stage"] == "full_text" and row["decision"] in ("include", "exclude")
        if row["decision"] == "exclude":
            assert row["reason"], row
        by_record[row["record_id"]][row["reviewer"]] = (row["decision"], row["reason"])
    finals, reasons, conflicts = Counter(), Counter(), 0
    for votes in by_record.values():
        first = {votes[r][0] for r in reviewers}
        final = votes[arbiter] if len(first) > 1 else votes[reviewers[0]]
        conflicts += len(first) > 1
        finals[final[0]] += 1
        if final[0] == "exclude":
            reasons[final[1]] += 1
    f = facts()
    assert len(by_record) == f["dbr_assessed"] == 77
    assert finals["exclude"] == f["dbr_excluded"] == 63
    assert finals["include"] == f["new_studies"] == 14
    assert 1 <= conflicts <= 10
    assert len(reasons) >= 5 and not any("unavailable" in r.lower() for r in reasons)
    # The full texts are exactly the records that title/abstract screening let through.
    passed = {rayyan_key(r) for r in rayyan_records() if final_decision(rayyan_votes(r), reviewers, arbiter)[0] == "Included"}
    assert set(by_record) == passed


def test_studies_table_links_the_14_included_records():
    rows = list(csv.DictReader((REPLICA / "studies.tsv").open(encoding="utf-8"), delimiter="\t"))
    included = defaultdict(dict)
    for row in full_text_rows():
        included[row["record_id"]][row["reviewer"]] = row["decision"]
    final_in = {
        k for k, v in included.items() if v.get(CONFIG["screening"]["arbiter"], v[CONFIG["screening"]["reviewers"][0]]) == "include"
    }
    assert len(rows) == 14
    assert {row["record_key"] for row in rows} == final_in
    table1 = list(csv.DictReader((REPLICA / "facts" / "table1_studies.tsv").open(encoding="utf-8"), delimiter="\t"))
    for fact in table1:
        row = next(r for r in rows if r["ref"] == fact["ref"])
        assert all(row[k] == v for k, v in fact.items()), fact["ref"]
