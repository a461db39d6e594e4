"""One work as each database shows it: the variants that make real duplicates hard to spot.

A copy is a dict of the fields the database exports, already in that database's conventions
(names, journal forms, page styles, DOI forms, title punctuation). Every variant keeps the copy
recognisable to a careful reader: a copy that changes the language of the title carries the
DOI; other variants change case, punctuation, markup, name forms or page styles only.
"""

from __future__ import annotations

import re

ZH_PUNCT = [("：", ":"), ("，", ","), ("（", "("), ("）", ")"), ("“", '"'), ("”", '"')]


def initials(given: str, dots=False) -> str:
    """Initials of a Western given name: "John A." -> "JA" (or "J.A.")."""
    letters = [p[0].upper() for p in re.split(r"[\s\-]+", given) if p]
    if dots:
        return ".".join(letters) + "."
    return "".join(letters)


def pinyin_initials(given: str) -> str:
    """Initials of a pinyin given name, one per syllable: Xiaoqing -> XQ."""
    syllables = re.findall(r"(?:[bpmfdtnlgkhjqxrzcsyw]h?|zh|ch|sh)?[aeiouv]+(?:ng|n|r)?(?![aeiouv])", given.lower())
    if len("".join(syllables)) != len(given.replace("-", "").replace(" ", "")):
        return initials(given)
    return "".join(s[0].upper() for s in syllables)


def hyphenated(given: str) -> str:
    """Xiaoqing -> Xiao-qing, the form Chinese journals print in English metadata."""
    syl = re.findall(r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouv]+(?:ng|n|r)?(?![aeiouv])", given.lower())
    if len(syl) < 2 or len("".join(syl)) != len(given):
        return given
    return syl[0].capitalize() + "-" + "".join(syl[1:])


def person_initials(p) -> str:
    return pinyin_initials(p["given_en"]) if p["sur_zh"] else initials(p["given_en"])


def zh_name(p) -> str:
    return p["sur_zh"] + p["given_zh"] if p["sur_zh"] and p["given_zh"] else f"{p['sur_en']} {p['given_en']}"


def short_pages(start: str, end: str) -> str:
    """MEDLINE page style: 1234-1239 -> 1234-9."""
    if not end:
        return start
    i = 0
    while i < min(len(start), len(end)) and len(start) == len(end) and start[i] == end[i]:
        i += 1
    return f"{start}-{end[i:] if len(start) == len(end) else end}"


def doi_form(doi: str, rng) -> str:
    """The forms DOIs take in exports."""
    if not doi:
        return ""
    return rng.choices([doi, f"https://doi.org/{doi}", f"doi:{doi}", doi.upper(), f"http://dx.doi.org/{doi}"], [70, 10, 6, 8, 6])[0]


def zh_title_variant(title: str, rng) -> str:
    """Chinese title as another database prints it: half-width punctuation, spaces around Latin."""
    roll = rng.random()
    if roll < 0.25:
        for full, half in ZH_PUNCT:
            title = title.replace(full, half)
    elif roll < 0.4:
        title = re.sub(r"(?<=[\u4e00-\u9fff])([A-Za-z][A-Za-z\-]*)", r" \1", title)
    elif roll < 0.48:
        title = title.replace("fMRI", "ｆＭＲＩ").replace("ReHo", "ＲｅＨｏ")
    return title


def en_title_variant(title: str, rng, db: str, has_id: bool) -> str:
    """English title as another database prints it (case, trailing period, entities, markup)."""
    roll = rng.random()
    if db == "Web of Science" and roll < 0.12:
        return title.upper()
    if roll < 0.1:
        title = " ".join(w if w.isupper() or any(c.isdigit() for c in w) else w.capitalize() for w in title.split(" "))
    elif roll < 0.18 and "'" in title:
        title = title.replace("'", "&#39;" if db == "Embase" else "&apos;")
    elif roll < 0.24 and has_id:
        title = re.sub(r"\b(acupuncture|stroke|fMRI)\b", r"<i>\1</i>", title, count=1)
    elif roll < 0.3:
        title = title.replace(": ", " - ", 1)
    return title


def render(work, db, rng, second=False):
    """The copy of ``work`` in ``db`` (``second``: a database's own duplicate)."""
    lang, kind = work["lang"], work["kind"]
    zh = lang == "zh"
    english_db = db in ("PubMed", "Embase", "Web of Science", "Cochrane Library")
    copy = dict(
        db=db,
        work=work["id"],
        year=str(work["year"]),
        volume=work["volume"],
        issue=work["issue"],
        pages=work["pages"],
        pmid="",
        doi="",
        kind=kind,
        lang=lang,
        second=second,
    )
    has_id = bool(work["doi"] or work["pmid"])
    if english_db:
        title = work["title_en"]
        copy["title"] = title if db == "PubMed" else en_title_variant(title, rng, db, has_id)
        copy["abstract"] = work["abstract_en"]
        copy["authors"] = work["authors"]
    else:
        use_english = db == "CBM" and zh and work["doi"] and work.get("has_en_abstract") and rng.random() < 0.3
        if use_english:  # CBM shows some Chinese articles under their English title
            copy["title"], copy["title_vernacular"] = work["title_en"], work["title_zh"]
            copy["abstract"] = work["abstract_en"]
        else:
            copy["title"] = work["title_zh"] if db == "CNKI" else zh_title_variant(work["title_zh"], rng)
            copy["abstract"] = work["abstract_zh"]
        copy["authors"] = work["authors"]
    # Identifiers: PubMed always has its PMID; others carry the DOI most of the time. A copy whose
    # title is in another language than some other copy's always carries the DOI.
    cross_language = zh and (english_db or copy.get("title_vernacular"))
    if work["doi"]:
        keep = {
            "PubMed": 0.93,
            "Embase": 0.9,
            "Web of Science": 0.96,
            "Cochrane Library": 0.8,
            "CNKI": 0.75,
            "Wanfang": 0.85,
            "VIP": 0.35,
            "CBM": 0.5,
        }[db]
        if cross_language or (zh and work["category"] == "included") or rng.random() < keep:
            copy["doi"] = work["doi"]
    if zh and any(d in ("PubMed", "Embase", "Cochrane Library") for d in work["dbs"]) and work["doi"]:
        copy["doi"] = work["doi"]  # the DOI links the English and the Chinese copies
    if work["pmid"] and db in ("PubMed", "Embase", "Web of Science", "Cochrane Library"):
        keep = {"PubMed": 1, "Embase": 0.9, "Web of Science": 0.85, "Cochrane Library": 0.7}[db]
        if db == "PubMed" or rng.random() < keep:
            copy["pmid"] = work["pmid"]
    if not copy["doi"] and not copy["pmid"] and db == "Embase" and work["pmid"] and lang == "en":
        copy["pmid"] = work["pmid"]
    if second:
        if db == "CNKI":  # the online-first version: no issue or pages yet
            copy.update(issue="", pages=("", ""), online_first=True)
        else:  # Embase's double entry: same article, one without DOI and with a fuller title
            copy["doi"] = ""
            copy["pmid"] = work["pmid"]
    return copy


def has_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def link_copies(copies, work, rng):
    """Make the copies of one work recognisable together, then add the year shift of some.

    Copies whose titles are in different languages all carry the DOI (nothing else links a
    Chinese title to its English one). Only when every copy carries the DOI may one copy of an
    English-database record show the year of online publication (one year later); only for
    English-language journals, which publish ahead of print (Chinese journals print first).
    """
    languages = {has_cjk(c["title"]) for c in copies}
    if len(languages) > 1:
        if not work["doi"]:
            raise ValueError(f"work {work['id']}: titles in two languages need a DOI")
        for c in copies:
            c["doi"] = work["doi"]
    if len(copies) > 1 and all(c["doi"] for c in copies) and rng.random() < 0.08 and work["lang"] == "en":
        shiftable = [c for c in copies if c["db"] in ("Embase", "Web of Science") and int(c["year"]) < 2024]
        if shiftable:
            shifted = rng.choice(shiftable)
            shifted["year"] = str(int(shifted["year"]) + 1)
