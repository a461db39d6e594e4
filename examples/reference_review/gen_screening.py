"""Screening decisions of the replica: title/abstract as a Rayyan RIS export, full text as CSV.

Two reviewers (LDX, ZY) decide independently; where they disagree the arbiter (ZYH) decides.
The final tallies are the paper's (2,278 excluded on title/abstract, 77 assessed in full text,
63 excluded with reasons, 14 included); which records conflict, and the reasons, are simulated.
"""

from __future__ import annotations

import csv
import io

from alereview.identity import normalize_doi, record_key

import gen_copies as C

REVIEWERS = ("LDX", "ZY")
ARBITER = "ZYH"
PRIORITY = ["PubMed", "Embase", "Web of Science", "Cochrane Library", "CNKI", "Wanfang", "VIP", "CBM"]
FIELDS = ("title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "pmid", "abstract")
TA_REASONS = {
    "near": ["wrong publication type", "background article", "wrong study design", "animal study"],
    "off": ["wrong intervention", "wrong population", "wrong outcome", "wrong study design"],
}


def copy_fields(copy, work):
    """The fields of one copy as a reference manager reads them."""
    j = work["journal"]
    english_db = copy["db"] in ("PubMed", "Embase", "Web of Science", "Cochrane Library")
    if copy["db"] == "PubMed":
        title = f"[{copy['title']}]." if work["lang"] == "zh" else f"{copy['title']}."
    else:
        title = copy["title"]
    if english_db:
        authors = [
            f"{p['sur_en']}, {p['given_en']}" if copy["db"] in ("PubMed", "Web of Science") else f"{p['sur_en']}, {C.person_initials(p)}"
            for p in copy["authors"]
        ]
        journal = (j.get("pubmed_title") or j["iso"]) if work["lang"] == "zh" else j["name"]
    else:
        authors = [C.zh_name(p) for p in copy["authors"]]
        journal = j["name"]
    start, end = copy["pages"]
    return dict(
        title=title,
        authors=authors,
        year=copy["year"],
        journal=journal,
        volume=copy["volume"],
        issue=copy["issue"],
        pages=f"{start}-{end}" if end else start,
        doi=normalize_doi(copy["doi"]),
        pmid=copy["pmid"],
        abstract=copy["abstract"],
    )


def kept_record(work, copies):
    """The record dedup keeps: the first database in the priority order, completed from the rest."""
    ordered = sorted(copies, key=lambda c: (PRIORITY.index(c["db"]), c["second"]))
    fields = copy_fields(ordered[0], work)
    for other in ordered[1:]:
        extra = copy_fields(other, work)
        for key in FIELDS:
            if not fields[key] and extra[key]:
                fields[key] = extra[key]
    fields["db"] = ordered[0]["db"]
    fields["key"] = record_key(fields["doi"], fields["pmid"], fields["title"], fields["year"], "; ".join(fields["authors"]))
    return fields


def ta_decisions(works, rng):
    """{work id: (decisions dict, reasons list)}; final include = included + full-text works."""
    decisions = {}
    to_full_text = [w for w in works if w["category"] in ("included", "full_text")]
    near = [w for w in works if w["category"] == "near"]
    off = [w for w in works if w["category"] == "off"]
    conflicts = set(w["id"] for w in rng.sample(to_full_text, 9))
    conflicts |= set(w["id"] for w in rng.sample(near, 62))
    conflicts |= set(w["id"] for w in rng.sample(off, 41))
    for w in works:
        final_in = w["category"] in ("included", "full_text")
        final = "Included" if final_in else "Excluded"
        if w["id"] in conflicts:
            votes = {r: final for r in REVIEWERS}
            votes[rng.choice(REVIEWERS)] = "Maybe" if rng.random() < 0.25 else ("Excluded" if final_in else "Included")
            votes[ARBITER] = final
        else:
            votes = {r: ("Included" if final_in else "Excluded") for r in REVIEWERS}
        reasons = []
        if not final_in and rng.random() < 0.45:
            reasons = sorted(set(rng.sample(TA_REASONS[w["category"]], rng.choice([1, 1, 2]))))
        decisions[w["id"]] = (votes, reasons)
    return decisions


def rayyan_ris(works, kept, decisions, rng) -> bytes:
    """One record per unique work, in Rayyan's own (import) order, not the generator's."""
    lines = []
    order = list(works)
    rng.shuffle(order)
    for n, w in enumerate(order):
        k = kept[w["id"]]
        votes, reasons = decisions[w["id"]]
        lines.append("TY  - THES" if w["kind"] == "thesis" else "TY  - JOUR")
        lines.append(f"AN  - rayyan-{730001000 + n * 3 + rng.randint(0, 2)}")
        lines.append(f"TI  - {k['title']}")
        lines.append(f"Y1  - {k['year']}")
        if k["journal"]:
            lines.append(f"T2  - {k['journal']}")
        for tag in ("volume", "issue"):
            if k[tag]:
                lines.append(f"{'VL' if tag == 'volume' else 'IS'}  - {k[tag]}")
        if k["pages"]:
            lines.append(f"SP  - {k['pages']}")
        for name in k["authors"]:
            lines.append(f"AU  - {name}")
        if k["pmid"]:
            lines.append(f"UR  - https://pubmed.ncbi.nlm.nih.gov/{k['pmid']}/")
        elif k["doi"]:
            lines.append(f"UR  - https://doi.org/{k['doi']}")
        lines.append(f"LA  - {w['lang']}")
        if k["abstract"]:
            lines.append(f"AB  - {k['abstract']}")
        inclusion = ", ".join(f'"{r}"=>"{v}"' for r, v in votes.items())
        note = f"RAYYAN-INCLUSION: {{{inclusion}}}"
        if reasons:
            note += f" | RAYYAN-EXCLUSION-REASONS: {','.join(reasons)}"
        lines.append(f"N1  - {note}")
        if k["doi"]:
            lines.append(f"DO  - {k['doi']}")
        lines.append("ER  -")
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def full_text_csv(works, kept, rng) -> bytes:
    """Rows per reviewer (and the arbiter where they disagree) for the 77 full texts."""
    assessed = [w for w in works if w["category"] in ("included", "full_text")]
    conflicts = set(w["id"] for w in rng.sample([w for w in assessed if w["category"] == "included"], 3))
    conflicts |= set(w["id"] for w in rng.sample([w for w in assessed if w["category"] == "full_text"], 4))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["record_id", "stage", "reviewer", "decision", "reason"])
    alternative = "No stereotactic peak coordinates reported"
    for w in sorted(assessed, key=lambda w: kept[w["id"]]["key"]):
        key = kept[w["id"]]["key"]
        final = "include" if w["category"] == "included" else "exclude"
        reason = w["reason"]
        rows = {r: (final, reason) for r in REVIEWERS}
        if w["id"] in conflicts:
            one = rng.choice(REVIEWERS)
            rows[one] = ("exclude", alternative) if final == "include" else ("include", "")
            rows[ARBITER] = (final, reason)
        for reviewer, (decision, why) in rows.items():
            writer.writerow([key, "full_text", reviewer, decision, why])
    return buffer.getvalue().encode("utf-8")
