"""The PubMed part of the replica: frozen E-utilities replies (ESearch + EFetch PubMed XML).

Written with :func:`alereview.search.snapshot.write_snapshot` so that the workflow replays the
search offline, exactly as it replays a real one. The query, date type and window are the
review's (``config/config.yaml``); PMIDs, dates and records are simulated.
"""

from __future__ import annotations

import datetime as dt
import re
from xml.sax.saxutils import escape

import gen_copies as C

BATCH = 200
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_LABEL = re.compile(r"\b(OBJECTIVE|METHODS|RESULTS|CONCLUSION|Background|Methods|Results|Conclusions):\s*")


def query_translation(query: str, mindate: str, maxdate: str) -> str:
    """A PubMed-style translation: every term searched in All Fields, MeSH for the main concepts."""
    mesh = {
        "stroke": '"stroke"[MeSH Terms] OR "stroke"[All Fields]',
        "acupuncture": '"acupuncture"[MeSH Terms] OR "acupuncture"[All Fields] OR "acupuncture therapy"[MeSH Terms]',
        "fMRI": '"magnetic resonance imaging"[MeSH Terms] OR "fmri"[All Fields]',
    }

    def term(match):
        word = match.group(0).strip('"')
        return f"({mesh[word]})" if word in mesh else f'"{word.lower()}"[All Fields]'

    translated = re.sub(
        r'"[^"]+"|[A-Za-z][\w\-]*', lambda m: m.group(0) if m.group(0) in ("AND", "OR") else term(m), " ".join(query.split())
    )
    return f"{translated} AND {mindate}:{maxdate}[Entrez Date]"


def esearch_xml(pmids, translation) -> bytes:
    ids = "".join(f"<Id>{p}</Id>\n" for p in pmids)
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        '<!DOCTYPE eSearchResult PUBLIC "-//NLM//DTD esearch 20060628//EN" '
        '"https://eutils.ncbi.nlm.nih.gov/eutils/dtd/20060628/esearch.dtd">\n'
        f"<eSearchResult><Count>{len(pmids)}</Count><RetMax>{len(pmids)}</RetMax><RetStart>0</RetStart>"
        "<QueryKey>1</QueryKey><WebEnv>MCID_65fc1b2e9a8f4c2d7e31a0b6</WebEnv><IdList>\n"
        f"{ids}</IdList><TranslationSet/><QueryTranslation>{escape(translation)}</QueryTranslation>"
        "</eSearchResult>\n"
    ).encode()


def _date(tag, day: dt.date, attrs="") -> str:
    return f"<{tag}{attrs}><Year>{day.year}</Year><Month>{day.month}</Month><Day>{day.day}</Day><Hour>6</Hour><Minute>0</Minute></{tag}>"


def _abstract(text: str) -> str:
    if not text:
        return ""
    pieces = _LABEL.split(text)
    if len(pieces) < 3:
        return f"<Abstract><AbstractText>{escape(text)}</AbstractText></Abstract>"
    out = []
    for label, body in zip(pieces[1::2], pieces[2::2]):
        nlm = {"OBJECTIVE": "OBJECTIVE", "Background": "BACKGROUND"}.get(label, label.upper())
        out.append(f'<AbstractText Label="{label.upper()}" NlmCategory="{nlm}">{escape(body.strip())}</AbstractText>')
    return "<Abstract>" + "".join(out) + "</Abstract>"


def article_xml(copy, work, rng) -> str:
    j = work["journal"]
    zh = work["lang"] == "zh"
    edat = work["edat"]
    title = escape(copy["title"].rstrip("."))
    if zh:
        title = f"[{title}]"
    # PubMed keeps inline markup of some titles.
    if not zh and rng.random() < 0.05:
        title = re.sub(r"\b(in vivo|deqi|Deqi)\b", r"<i>\1</i>", title)
    journal_title = escape(j["pubmed_title"] if zh else j["name"])
    start, end = copy["pages"]
    pagination = ""
    if start:
        medline = C.short_pages(start, end)
        pagination = (
            f"<Pagination><StartPage>{start}</StartPage>"
            + (f"<EndPage>{end}</EndPage>" if end else "")
            + f"<MedlinePgn>{medline}</MedlinePgn></Pagination>"
        )
    eloc = f'<ELocationID EIdType="doi" ValidYN="Y">{escape(copy["doi"])}</ELocationID>' if copy["doi"] else ""
    authors = "".join(
        f'<Author ValidYN="Y"><LastName>{escape(p["sur_en"])}</LastName><ForeName>{escape(p["given_en"])}</ForeName>'
        f"<Initials>{C.person_initials(p)}</Initials></Author>"
        for p in copy["authors"]
    )
    month = MONTHS[(edat.month - 2) % 12] if edat.year == work["year"] and edat.month > 1 else "Jan"
    vernacular = f"<VernacularTitle>{escape(work['title_zh'])}</VernacularTitle>" if zh else ""
    ids = f'<ArticleId IdType="pubmed">{copy["pmid"]}</ArticleId>'
    if copy["doi"]:
        ids += f'<ArticleId IdType="doi">{escape(copy["doi"])}</ArticleId>'
    issue = f"<Issue>{copy['issue']}</Issue>" if copy["issue"] else ""
    volume = f"<Volume>{copy['volume']}</Volume>" if copy["volume"] else ""
    return (
        '<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">'
        f'<PMID Version="1">{copy["pmid"]}</PMID>'
        f'<Article PubModel="Print"><Journal><JournalIssue CitedMedium="Print">{volume}{issue}'
        f"<PubDate><Year>{work['year']}</Year><Month>{month}</Month></PubDate></JournalIssue>"
        f"<Title>{journal_title}</Title><ISOAbbreviation>{escape(j['iso'])}</ISOAbbreviation></Journal>"
        f"<ArticleTitle>{title}.</ArticleTitle>{pagination}{eloc}{_abstract(copy['abstract'])}"
        f'<AuthorList CompleteYN="Y">{authors}</AuthorList>'
        f"<Language>{'chi' if zh else 'eng'}</Language>"
        '<PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList>'
        f"{vernacular}</Article>"
        f"<MedlineJournalInfo><MedlineTA>{escape(j['iso'])}</MedlineTA></MedlineJournalInfo></MedlineCitation>"
        "<PubmedData><History>"
        + _date("PubMedPubDate", edat, ' PubStatus="pubmed"')
        + _date("PubMedPubDate", edat + dt.timedelta(days=rng.randint(20, 120)), ' PubStatus="medline"')
        + _date("PubMedPubDate", edat, ' PubStatus="entrez"')
        + f"</History><PublicationStatus>ppublish</PublicationStatus><ArticleIdList>{ids}</ArticleIdList>"
        "</PubmedData></PubmedArticle>"
    )


def efetch_xml(articles) -> bytes:
    return (
        '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2024//EN" '
        '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_240101.dtd">\n<PubmedArticleSet>\n'
        + "\n".join(articles)
        + "\n</PubmedArticleSet>\n"
    ).encode("utf-8")


def write_pubmed(snapshot_dir, copies, works, search, rng):
    """Write the snapshot of the review's PubMed search; return its directory."""
    from alereview.search.snapshot import eutils_date, write_snapshot
    from alereview.tsv import read_json, write_json

    ordered = sorted(copies, key=lambda c: -int(c["pmid"]))  # PubMed's default: most recent first
    pmids = [c["pmid"] for c in ordered]
    mindate, maxdate = eutils_date(search["start"]), eutils_date(search["cutoff"])
    translation = query_translation(search["pubmed"]["query"], mindate, maxdate)
    batches = []
    for i in range(0, len(ordered), BATCH):
        chunk = ordered[i : i + BATCH]
        xml = efetch_xml([article_xml(c, works[c["work"]], rng) for c in chunk])
        batches.append(([c["pmid"] for c in chunk], xml))
    path = write_snapshot(
        snapshot_dir,
        search["pubmed"]["query"],
        search["pubmed"]["datetype"],
        mindate,
        maxdate,
        esearch_xml(pmids, translation),
        batches,
        translation,
        searched_on=search["cutoff"],
    )
    # No Biopython fetched these replies: say so, and keep the files independent of the
    # installed Biopython (the generator must give the same bytes everywhere).
    manifest = read_json(path / "manifest.json")
    manifest["biopython"] = "none: simulated replies"
    manifest["simulated"] = "written by examples/reference_review/gen_pubmed.py; see README.md there"
    write_json(path / "manifest.json", manifest)
    return path
