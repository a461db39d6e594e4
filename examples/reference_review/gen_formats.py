"""Writers of the database exports, each in the dialect its database produces.

Embase RIS (UTF-8 with BOM, CRLF), Web of Science plain text (BOM, FN/VR ... ER/EF), Cochrane
RIS, VIP EndNote XML (``<style>``-wrapped values), CBM MEDLINE/NBIB text (wrapped at 80 columns
with six-space continuations), CNKI RIS in GB18030 (CRLF), Wanfang CSV (UTF-8 with BOM, Chinese
headers).
"""

from __future__ import annotations

import csv
import io
import textwrap
from xml.sax.saxutils import escape

import gen_copies as C

ZH_LANG = {"en": "English", "zh": "Chinese"}


def dotted(iso: str, full: str) -> str:
    """ISO abbreviation with periods after abbreviated words only: Neural Regen. Res."""
    words = {w.lower() for w in full.replace(":", " ").replace("-", " ").split()}
    return " ".join(w if w.lower() in words or not w.isalpha() else w + "." for w in iso.split())


def _pages(copy):
    start, end = copy["pages"]
    return start, end


def embase_ris(copies, works, rng) -> bytes:
    lines = []
    for n, c in enumerate(copies):
        w = works[c["work"]]
        j = w["journal"]
        lines.append("TY  - JOUR" if c["kind"] != "conference" else "TY  - CONF")
        lines.append(f"ID  - {n + 1}")
        lines.append(f"T1  - {c['title']}")
        for p in c["authors"]:
            lines.append(
                f"A1  - {p['sur_en']} {C.initials(p['given_en'], dots=True) if not p['sur_zh'] else '.'.join(C.pinyin_initials(p['given_en'])) + '.'}"
            )
        lines.append(f"Y1  - {c['year']}//")
        if c["abstract"]:
            lines.append(f"N2  - {c['abstract']}")
        if w["lang"] == "zh":
            lines += [f"JF  - {j['iso']}", f"JO  - {j['iso']}"]
        else:
            lines += [f"JF  - {j['name']}", f"JO  - {dotted(j['iso'], j['name'])}"]
        start, end = _pages(c)
        for tag, value in (("VL", c["volume"]), ("IS", c["issue"]), ("SP", start), ("EP", end)):
            if value:
                lines.append(f"{tag}  - {value}")
        lines.append(f"U2  - L{rng.randint(600000000, 2031000000)}")
        if c["pmid"]:
            lines.append(f"C5  - {c['pmid']}")
        if c["doi"]:
            lines.append(f"DO  - {C.doi_form(c['doi'], rng)}")
        lines.append(f"LA  - {ZH_LANG[w['lang']]}")
        lines.append(f"M3  - {'Conference Abstract' if c['kind'] == 'conference' else 'Article'}")
        lines.append(f"DB  - {'Embase Medline' if c['pmid'] else 'Embase'}")
        lines.append("ER  - ")
        lines.append("")
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def _wos_field(tag, value, width=None):
    if width:
        parts = textwrap.wrap(value, width, break_long_words=False, break_on_hyphens=False) or [value]
    else:
        parts = [value]
    return [f"{tag} {parts[0]}"] + [f"   {p}" for p in parts[1:]]


def wos_text(copies, works, rng) -> bytes:
    lines = ["FN Clarivate Analytics Web of Science", "VR 1.0"]
    for c in copies:
        w = works[c["work"]]
        j = w["journal"]
        lines.append("PT J")
        au = [f"{p['sur_en']}, {C.person_initials(p)}" for p in c["authors"]]
        af = [
            f"{p['sur_en']}, {C.hyphenated(p['given_en']) if p['sur_zh'] and rng.random() < 0.2 else p['given_en']}" for p in c["authors"]
        ]
        lines += _wos_field("AU", au[0]) + [f"   {a}" for a in au[1:]]
        lines += _wos_field("AF", af[0]) + [f"   {a}" for a in af[1:]]
        lines += _wos_field("TI", c["title"], 70)
        lines += _wos_field("SO", j["name"].upper(), 70)
        lines.append("LA English")
        lines.append(f"DT {'Meeting Abstract' if c['kind'] == 'conference' else 'Article'}")
        if c["abstract"]:
            lines.append(f"AB {c['abstract']}")
        lines.append(f"NR {rng.randint(8, 60)}")
        lines.append(f"TC {rng.randint(0, 90)}")
        lines.append(f"J9 {j['j9']}")
        lines.append(f"JI {dotted(j['iso'], j['name'])}")
        lines.append(f"PY {c['year']}")
        start, end = _pages(c)
        for tag, value in (("VL", c["volume"]), ("IS", c["issue"])):
            if value:
                lines.append(f"{tag} {value}")
        if end:
            lines += [f"BP {start}", f"EP {end}"]
        elif start:
            lines.append(f"AR {start}")
        if c["doi"]:
            lines.append(f"DI {c['doi']}")
        lines.append(f"UT WOS:000{rng.randint(0, 999999999999):012d}")
        if c["pmid"]:
            lines.append(f"PM {c['pmid']}")
        lines.append("DA 2024-03-21")
        lines.append("ER")
        lines.append("")
    lines.append("EF")
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def cochrane_ris(copies, works, rng) -> bytes:
    lines = []
    for c in copies:
        w = works[c["work"]]
        j = w["journal"]
        cn = f"CN-{rng.randint(1000000, 2700000):08d}"
        lines += ["TY  - JOUR", f"ID  - {cn}"]
        for p in c["authors"]:
            lines.append(f"AU  - {p['sur_en']}, {C.person_initials(p)}")
        lines.append(f"TI  - {c['title']}")
        lines.append(f"JO  - {(j['pubmed_title'] or j['iso']) if w['lang'] == 'zh' else j['iso']}")
        lines.append(f"PY  - {c['year']}")
        start, end = _pages(c)
        # Records CENTRAL took from PubMed keep MEDLINE's short page ranges (1234-9).
        pages = C.short_pages(start, end) if c["pmid"] and end and rng.random() < 0.6 else (f"{start}-{end}" if end else start)
        for tag, value in (("VL", c["volume"]), ("IS", c["issue"]), ("SP", pages)):
            if value:
                lines.append(f"{tag}  - {value}")
        if c["abstract"]:
            lines.append(f"AB  - {c['abstract']}")
        if c["doi"]:
            lines.append(f"DO  - {c['doi']}")
        if c["pmid"]:
            lines.append(f"AN  - PUBMED {c['pmid']}")
        elif "Embase" in w["dbs"]:
            lines.append(f"AN  - EMBASE {rng.randint(600000000, 2031000000)}")
        lines.append(f"UR  - https://www.cochranelibrary.com/central/doi/10.1002/central/{cn}/full")
        lines.append(f"LA  - {ZH_LANG[w['lang']]}")
        lines.append("ER  - ")
        lines.append("")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _style(value) -> str:
    return f'<style face="normal" font="default" size="100%">{escape(value)}</style>'


def vip_endnote_xml(copies, works, rng) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8" ?><xml><records>']
    for n, c in enumerate(copies, start=1):
        w = works[c["work"]]
        j = w["journal"]
        parts = [
            '<record><database name="VIP.enl" path="VIP.enl">VIP.enl</database>',
            f'<source-app name="EndNote" version="20.0">EndNote</source-app><rec-number>{n}</rec-number>',
            '<ref-type name="Journal Article">17</ref-type><contributors><authors>',
        ]
        parts += [f"<author>{_style(C.zh_name(p))}</author>" for p in c["authors"]]
        parts.append("</authors></contributors>")
        parts.append(
            f"<titles><title>{_style(c['title'])}</title><secondary-title>{_style(j['name'])}"
            f"</secondary-title></titles><periodical><full-title>{_style(j['name'])}</full-title></periodical>"
        )
        start, end = _pages(c)
        if start:
            parts.append(f"<pages>{_style(f'{start}-{end}' if end else start)}</pages>")
        if c["volume"]:
            parts.append(f"<volume>{_style(c['volume'])}</volume>")
        if c["issue"]:
            parts.append(f"<number>{_style(c['issue'])}</number>")
        parts.append(f"<dates><year>{_style(c['year'])}</year></dates>")
        if c["doi"]:
            parts.append(f"<electronic-resource-num>{_style(c['doi'])}</electronic-resource-num>")
        if c["abstract"]:
            parts.append(f"<abstract>{_style(c['abstract'])}</abstract>")
        parts.append(f"<language>{_style('chi')}</language></record>")
        out.append("".join(parts))
    out.append("</records></xml>")
    return "".join(out).encode("utf-8")


def _medline(tag, value):
    parts = textwrap.wrap(value, 74, break_long_words=False, break_on_hyphens=False) or [value]
    return [f"{tag:<4}- {parts[0]}"] + [f"      {p}" for p in parts[1:]]


def cbm_nbib(copies, works, rng) -> bytes:
    lines = []
    for c in copies:
        w = works[c["work"]]
        j = w["journal"]
        lines += _medline("OWN", "CBM") + _medline("DP", c["year"]) + _medline("TI", c["title"])
        if c.get("title_vernacular"):
            lines += _medline("TT", c["title_vernacular"])
        start, end = _pages(c)
        if start:
            lines += _medline("PG", f"{start}-{end}" if end else start)
        if c["abstract"]:
            lines += _medline("AB", c["abstract"])
        for p in c["authors"]:
            lines += _medline("AU", C.zh_name(p))
        lines += _medline("LA", "chi") + _medline("PT", "Journal Article")
        lines += _medline("TA", j["name"]) + _medline("JT", j["name"])
        if c["volume"]:
            lines += _medline("VI", c["volume"])
        if c["issue"]:
            lines += _medline("IP", c["issue"])
        if c["doi"]:
            lines += _medline("AID", f"{c['doi']} [doi]")
        so = f"{j['name']}. {c['year']};{c['volume']}({c['issue']}):{start}-{end}."
        lines += _medline("SO", so)
        lines.append("")
    return ("\n" + "\n".join(lines)).encode("utf-8")


def cnki_ris(copies, works, rng) -> bytes:
    lines = []
    for c in copies:
        w = works[c["work"]]
        j = w["journal"]
        thesis = c["kind"] == "thesis"
        lines.append("TY  - THES" if thesis else "TY  - JOUR")
        for p in c["authors"]:
            lines.append(f"AU  - {C.zh_name(p)}")
        lines.append(f"TI  - {c['title']}")
        if thesis:
            lines += [f"PB  - {j['name']}", f"M3  - {j['degree']}"]
        else:
            lines.append(f"JO  - {j['name']}")
        lines.append(f"PY  - {c['year']}")
        if c["issue"]:
            lines.append(f"IS  - {int(c['issue']):02d}")
        start, end = _pages(c)
        if start:
            lines.append(f"SP  - {start}-{end}" if end else f"SP  - {start}")
        if c["abstract"]:
            lines.append(f"AB  - {c['abstract']}")
        if c["doi"]:
            lines.append(f"DO  - {c['doi']}")
        if c.get("online_first"):
            lines.append("N1  - 网络首发")
        lines.append("ER  - ")
        lines.append("")
    return ("\r\n".join(lines) + "\r\n").encode("gb18030")


WANFANG_HEADER = ["题名", "作者", "作者单位", "刊名", "年", "卷", "期", "页码", "关键词", "摘要", "DOI", "文献类型", "学位授予单位"]


def wanfang_csv(copies, works, rng) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(WANFANG_HEADER)
    for c in copies:
        w = works[c["work"]]
        j = w["journal"]
        thesis = c["kind"] == "thesis"
        start, end = _pages(c)
        authors = ";".join(C.zh_name(p) for p in c["authors"])
        writer.writerow(
            [
                c["title"],
                authors,
                "",
                "" if thesis else j["name"],
                c["year"],
                "" if thesis else c["volume"],
                c["issue"],
                f"{start}-{end}" if end else start,
                "",
                c["abstract"],
                c["doi"],
                "学位论文" if thesis else "期刊论文",
                j["name"] if thesis else "",
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


WRITERS = {
    "Embase": embase_ris,
    "Web of Science": wos_text,
    "Cochrane Library": cochrane_ris,
    "VIP": vip_endnote_xml,
    "CBM": cbm_nbib,
    "CNKI": cnki_ris,
    "Wanfang": wanfang_csv,
}
