"""The 2,355 unique works of the replica and which databases hold a copy of each (3,292 copies).

A work is a dict of canonical fields (see :func:`make_works`); the copies are rendered per
database by ``gen_copies``. Counts are the paper's; everything else is simulated.
"""

from __future__ import annotations

import datetime as dt

import gen_text as T
import gen_vocab as V
from gen_included import FULL_TEXT_REASONS, INCLUDED

N_WORKS = 2355
N_RECORDS = 3292
CUTOFF = dt.date(2024, 3, 21)
EN_DBS = ["PubMed", "Embase", "Web of Science", "Cochrane Library"]
ZH_DBS = ["CNKI", "Wanfang", "VIP", "CBM"]
# Copies per database (simulated; they add up to the paper's 3,292).
DB_TARGETS = {
    "PubMed": 402,
    "Embase": 571,
    "Web of Science": 368,
    "Cochrane Library": 146,
    "CNKI": 712,
    "Wanfang": 604,
    "VIP": 268,
    "CBM": 221,
}
# Chinese journals indexed in PubMed and in Embase (by name).
ZH_PUBMED = {"中国针灸", "针刺研究", "中国中西医结合杂志"}
ZH_EMBASE = ZH_PUBMED | {"中国康复医学杂志", "中华物理医学与康复杂志", "中华神经科杂志"}
N_EN = 1040
# Within-database duplicates: CNKI lists online-first and issue versions; Embase double entries.
N_CNKI_ONLINE_FIRST = 8
N_EMBASE_DOUBLE = 5

# PMID at a given entry date (piecewise linear between real-world anchor points).
_PMID_ANCHORS = [
    (dt.date(1995, 1, 1), 7_800_000),
    (dt.date(2000, 1, 1), 10_600_000),
    (dt.date(2005, 1, 1), 15_600_000),
    (dt.date(2010, 1, 1), 20_000_000),
    (dt.date(2015, 1, 1), 25_500_000),
    (dt.date(2018, 1, 1), 29_300_000),
    (dt.date(2020, 1, 1), 31_900_000),
    (dt.date(2022, 1, 1), 34_980_000),
    (dt.date(2023, 1, 1), 36_600_000),
    (dt.date(2024, 1, 1), 38_150_000),
    (dt.date(2024, 3, 22), 38_520_000),
]


def pmid_at(day, rng, used):
    for (d0, p0), (d1, p1) in zip(_PMID_ANCHORS, _PMID_ANCHORS[1:]):
        if d0 <= day <= d1:
            base = p0 + (p1 - p0) * (day - d0).days / (d1 - d0).days
            break
    while True:
        pmid = str(int(base) + rng.randint(-2500, 2500))
        if pmid not in used:
            used.add(pmid)
            return pmid


def draw_year(rng, relevant):
    low = 2006 if relevant else 1998
    years = list(range(low, 2025))
    # 2024 holds only the months up to the cutoff (March 21).
    weights = [(1 + (y - low) ** 1.5) * (0.22 if y == 2024 else 1) for y in years]
    return rng.choices(years, weights)[0]


def en_journal(rng, name=None):
    rows = V.EN_JOURNALS
    row = next(r for r in rows if r[0] == name) if name else rng.choice(rows)
    return dict(name=row[0], iso=row[1], j9=row[2], doi_prefix=row[3], pubmed=bool(row[4][0]))


def zh_journal(rng, name=None):
    rows = V.ZH_JOURNALS
    row = next(r for r in rows if r[0] == name) if name else rng.choice(rows)
    return dict(name=row[0], name_en=row[1], pubmed_title=row[2], iso=row[3], doi_pattern=row[4])


def en_doi(journal, year, rng):
    """A DOI in the style of the journal's publisher."""
    prefix, yy = journal["doi_prefix"], year % 100
    n = rng.randint(10000, 99999)
    check = rng.randint(0, 9)
    if prefix == "10.1155":
        return f"{prefix}/{year}/{rng.randint(100000, 999999)}"
    if prefix.startswith(("10.1038/", "10.1186/", "10.1007/")):
        return f"{prefix}-{yy:03d}-{n:05d}-{check}" if "10.1038" not in prefix else f"{prefix}-{yy:03d}-{n:05d}-{check}"
    if prefix == "10.1097/MD":
        return f"{prefix}.{n:016d}"
    if prefix.startswith("10.1136/"):
        return f"{prefix}-{year}-{rng.randint(10000, 99999):06d}"
    if prefix.startswith(("10.1177/", "10.3390/")):
        return f"{prefix}{yy:02d}{rng.randint(100000, 999999)}"
    if prefix == "10.1161/STROKEAHA":
        return f"{prefix}.{yy}.{rng.randint(10000, 99999):06d}"
    if prefix in ("10.3233/NRE", "10.1159/0005"):
        return f"{prefix}{'-' if prefix.endswith('NRE') else ''}{yy}{rng.randint(1000, 9999)}"
    if prefix.startswith(("10.1002/", "10.4103/")):
        return f"{prefix}.{rng.randint(20000, 299999)}"
    if prefix == "10.1371/journal.pone":
        return f"{prefix}.{rng.randint(1000, 320000):07d}"
    return f"{prefix}.{year}.{rng.randint(1000, 999999):06d}"


def place_article(work, rng):
    """Volume, issue and pages (start, end) of a journal article."""
    year = work["year"]
    if work["lang"] == "zh":
        work["volume"] = str(max(1, year - rng.choice([1980, 1984, 1990, 1995])))
        work["issue"] = str(rng.randint(1, 12))
        start = rng.randint(1, 1200)
        work["pages"] = (str(start), str(start + rng.randint(2, 6)))
    else:
        work["volume"] = str(max(1, year - rng.choice([1950, 1970, 1985, 1995, 2005])))
        work["issue"] = str(rng.randint(1, 12)) if rng.random() < 0.8 else ""
        if rng.random() < 0.25:
            work["pages"] = (str(rng.randint(1000, 999999)), "")
        else:
            start = rng.randint(1, 2400)
            work["pages"] = (str(start), str(start + rng.randint(3, 14)))


def make_authors(rng, lang, kind):
    if kind == "thesis":
        return [T.chinese_person(rng)]
    count = rng.choice([1, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8])
    if lang == "en" and rng.random() < 0.3:
        return [T.western_person(rng) for _ in range(count)]
    return [T.chinese_person(rng) for _ in range(count)]


def base_work(rng, index, lang, category, kind, year, book, flavour=""):
    work = dict(
        id=index,
        lang=lang,
        category=category,
        kind=kind,
        year=year,
        reason="",
        ref="",
        doi="",
        pmid="",
        edat="",
        volume="",
        issue="",
        pages=("", ""),
        title_zh="",
        abstract_zh="",
        dbs=[],
    )
    relevant = category in ("included", "full_text", "near")
    if lang == "en":
        maker = {"full_text": T.en_relevant, "near": T.en_near, "off": T.en_off}[category]
        work["title_en"] = book.draw(rng, maker, *([flavour] if category == "full_text" else []))
        work["journal"] = en_journal(rng, "Cerebrovascular Diseases" if kind == "conference" else None)
    else:
        maker = {"full_text": T.zh_relevant, "near": T.zh_near, "off": T.zh_off}[category]
        # The Chinese title and the English one the journal prints beside it.
        work["title_zh"], work["title_en"] = book.draw(rng, maker, *([flavour] if category == "full_text" else []))
        if kind == "thesis":
            uni = rng.choice(V.UNIVERSITIES)
            work["journal"] = dict(name=uni[0], code=uni[1], degree=rng.choice(["硕士", "硕士", "博士"]))
        else:
            work["journal"] = zh_journal(rng)
    work["authors"] = make_authors(rng, lang, kind)
    return work, relevant


def finish_work(work, rng, relevant, used_dois):
    """Abstracts, places, DOI; English titles of Chinese works."""
    lang, kind, year = work["lang"], work["kind"], work["year"]
    if kind != "thesis":
        place_article(work, rng)
    if lang == "zh":
        work["abstract_zh"] = T.zh_abstract(rng, work["title_zh"], relevant)
        work["has_en_abstract"] = kind != "thesis" and rng.random() < 0.6
        work["abstract_en"] = T.en_abstract(rng, work["title_en"], relevant) if work["has_en_abstract"] else ""
    else:
        work["abstract_en"] = "" if rng.random() < 0.04 else T.en_abstract(rng, work["title_en"], relevant)
    doi = ""
    if work.get("force_doi") is not None:
        want = work["force_doi"]
    elif lang == "en":
        want = rng.random() < (0.55 if year < 2008 else 0.9) and kind != "conference" or rng.random() < 0.2
    elif kind == "thesis":
        want = year >= 2019 and rng.random() < 0.7
    else:
        want = work["journal"]["doi_pattern"] is not None and year >= 2008 and rng.random() < 0.75
    while want and not doi:
        if lang == "en":
            doi = en_doi(work["journal"], year, rng)
        elif kind == "thesis":
            doi = f"10.27{rng.randint(100, 999)}/d.cnki.{work['journal']['code']}.{year}.{rng.randint(1, 2000):06d}"
        else:
            pattern = work["journal"]["doi_pattern"] or "10.3969/j.issn.1000-0000.{y}.{i:02d}.{n:03d}"
            doi = pattern.format(y=year, i=int(work["issue"]), n=rng.randint(1, 240))
        if doi.lower() in used_dois:
            doi = ""
        else:
            used_dois.add(doi.lower())
    work["doi"] = doi


def allowed_dbs(work):
    """Databases that could plausibly hold this work."""
    if work["lang"] == "en":
        dbs = ["Embase", "Web of Science"]
        if work["journal"]["pubmed"] and work["kind"] != "conference":
            dbs.insert(0, "PubMed")
        if work["kind"] == "conference":
            dbs = ["Embase"]
        if work.get("trial"):
            dbs.append("Cochrane Library")
        return dbs
    if work["kind"] == "thesis":
        return ["CNKI", "Wanfang"]
    dbs = list(ZH_DBS)
    if work["doi"]:  # a copy in an English database is only recognisable with the DOI
        name = work["journal"]["name"]
        if name in ZH_PUBMED:
            dbs.insert(0, "PubMed")
        if name in ZH_EMBASE:
            dbs.insert(0, "Embase")
        if work.get("trial"):
            dbs.append("Cochrane Library")
    return dbs


def included_work(spec, index, rng, used_dois):
    lang = spec["lang"]
    work = dict(
        id=index,
        lang=lang,
        category="included",
        kind=spec["kind"],
        year=spec["year"],
        reason="",
        ref=str(spec["ref"]),
        doi="",
        pmid="",
        edat="",
        volume="",
        issue="",
        pages=("", ""),
        title_zh=spec.get("title_zh", ""),
        title_en=spec["title_en"],
        abstract_zh="",
        dbs=list(spec["dbs"]),
        force_doi=spec["doi"],
        trial=True,
    )
    work["authors"] = [dict(sur_zh=a[0], sur_en=a[1], given_zh=a[2], given_en=a[3]) for a in spec["authors"]]
    if lang == "en":
        work["journal"] = en_journal(rng, spec["journal"])
    elif spec["kind"] == "thesis":
        code = next(u[1] for u in V.UNIVERSITIES if u[0] == spec["journal"])
        work["journal"] = dict(name=spec["journal"], code=code, degree="硕士")
    else:
        work["journal"] = zh_journal(rng, spec["journal"])
    finish_work(work, rng, True, used_dois)
    if lang == "zh" and spec["kind"] != "thesis":
        work["has_en_abstract"] = True
        work["abstract_en"] = T.en_abstract(rng, work["title_en"], True)
    return work


def is_trial(work, rng):
    text = (work["title_en"] + work["title_zh"]).lower()
    return any(k in text for k in ("randomized", "trial", "protocol", "随机", "crossover")) or rng.random() < 0.1


def plan_categories(rng):
    """(lang, category, kind, flavour, reason) for every non-included work, shuffled."""
    flavours = {
        "Region of interest": "roi",
        "Not resting-state": "not_rs",
        "Review": "secondary",
        "Wrong population": "population",
        "Wrong intervention": "intervention",
    }
    plan = []
    for reason, count in FULL_TEXT_REASONS:
        flavour = next((f for key, f in flavours.items() if reason.startswith(key)), "")
        for k in range(count):
            lang = "en" if k % 3 == 0 else "zh"
            plan.append((lang, "full_text", "article", flavour, reason))
    n_en_left = N_EN - 2 - sum(1 for p in plan if p[0] == "en")
    n_zh_left = N_WORKS - N_EN - 12 - sum(1 for p in plan if p[0] == "zh")
    for lang, total, near in (("en", n_en_left, 160), ("zh", n_zh_left, 170)):
        for k in range(total):
            category = "near" if k < near else "off"
            kind = "article"
            if lang == "en" and rng.random() < 0.1:
                kind = "conference"
            elif lang == "zh" and rng.random() < 0.08:
                kind = "thesis"
            plan.append((lang, category, kind, "", ""))
    rng.shuffle(plan)
    return plan


def draw_membership(work, rng):
    allowed = allowed_dbs(work)
    weights = {
        "PubMed": 1.0,
        "Embase": 1.5,
        "Web of Science": 1.0,
        "Cochrane Library": 0.8,
        "CNKI": 1.6,
        "Wanfang": 1.4,
        "VIP": 0.6,
        "CBM": 0.5,
    }
    if work["lang"] == "zh":
        weights.update({"PubMed": 0.9, "Embase": 0.7, "Cochrane Library": 0.5})
    size = rng.choices([1, 2, 3, 4], [50, 30, 14, 6])[0]
    chosen = []
    pool = list(allowed)
    while pool and len(chosen) < size:
        db = rng.choices(pool, [weights[d] for d in pool])[0]
        chosen.append(db)
        pool.remove(db)
    return sorted(chosen, key=list(DB_TARGETS).index)


def balance(works, rng):
    """Move, add or drop database copies until every database holds its target count."""
    movable = [w for w in works if w["category"] != "included"]
    allowed = {w["id"]: set(allowed_dbs(w)) for w in movable}
    counts = {db: 0 for db in DB_TARGETS}
    for w in works:
        for db in w["dbs"]:
            counts[db] += 1
    for _ in range(100000):
        over = [db for db in DB_TARGETS if counts[db] > DB_TARGETS[db]]
        under = [db for db in DB_TARGETS if counts[db] < DB_TARGETS[db]]
        if not over and not under:
            return
        if over and under:
            d_over, d_under = rng.choice(over), rng.choice(under)
            cands = [
                w
                for w in movable
                if d_over in w["dbs"] and d_under not in w["dbs"] and d_under in allowed[w["id"]] and w["dbs"].count(d_over) == 1
            ]
            if cands:
                w = rng.choice(cands)
                w["dbs"] = [d_under if d == d_over else d for d in w["dbs"]]
                counts[d_over] -= 1
                counts[d_under] += 1
                continue
        if under:
            d_under = rng.choice(under)
            cands = [w for w in movable if d_under not in w["dbs"] and d_under in allowed[w["id"]]]
            rng.choice(cands)["dbs"].append(d_under)
            counts[d_under] += 1
        else:
            d_over = rng.choice(over)
            cands = [w for w in movable if d_over in w["dbs"] and len(w["dbs"]) > 1]
            rng.choice(cands)["dbs"].remove(d_over)
            counts[d_over] -= 1
    raise RuntimeError("could not balance the database counts")


def assign_pubmed_ids(works, rng):
    used = set()
    for w in works:
        in_pubmed = "PubMed" in w["dbs"]
        indexed = w["lang"] == "en" and w["journal"].get("pubmed") and w["kind"] != "conference"
        if in_pubmed or (indexed and rng.random() < 0.5):
            start = dt.date(w["year"], 1, 1)
            day = start + dt.timedelta(days=rng.randint(0, 364))
            day = min(day, CUTOFF - dt.timedelta(days=rng.randint(0, 40)) if w["year"] == 2024 else day)
            w["edat"] = day
            w["pmid"] = pmid_at(day, rng, used)


def make_works(rng):
    """All works, included studies first (ids 0-13), then the others in random order."""
    book = T.TitleBook()
    used_dois = set()
    works = []
    for spec in INCLUDED:
        book.accept(spec["title_en"])
        if spec.get("title_zh"):
            book.accept(spec["title_zh"])
        works.append(included_work(spec, len(works), rng, used_dois))
    for lang, category, kind, flavour, reason in plan_categories(rng):
        year = draw_year(rng, category != "off")
        work, relevant = base_work(rng, len(works), lang, category, kind, year, book, flavour)
        work["reason"] = reason
        finish_work(work, rng, relevant, used_dois)
        work["trial"] = is_trial(work, rng)
        work["dbs"] = draw_membership(work, rng)
        works.append(work)
    # Within-database duplicates, on works that have a copy there.
    cnki = [w for w in works[14:] if "CNKI" in w["dbs"] and w["kind"] == "article" and w["year"] >= 2016]
    for w in rng.sample(cnki, N_CNKI_ONLINE_FIRST):
        w["dbs"].append("CNKI")
        w["online_first"] = True
    embase = [w for w in works[14:] if "Embase" in w["dbs"] and w["lang"] == "en"]
    for w in rng.sample(embase, N_EMBASE_DOUBLE):
        w["dbs"].append("Embase")
    balance(works, rng)
    for w in works:
        w["dbs"] = sorted(w["dbs"], key=list(DB_TARGETS).index)
    assign_pubmed_ids(works, rng)
    return works
