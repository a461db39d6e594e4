"""Synthetic labelled sets for the failure kinds of deduplication (deterministic, seeded).

These records are made up: titles, journals, names and DOIs (under ``10.5555``, the DOI
test prefix) are generated, every ``record_id`` starts with ``syn-`` and every ``source`` is a
made-up database name. They test rules, not real-world rates; the real-world figures come
from the labelled sets in ``../shared``. Each generator returns ``(records, gold)``:
``records`` with alereview's record columns, ``gold`` the set of true duplicate pairs
(sorted ``(record_id, record_id)`` tuples).

``generic_titles``
    Recurring generic titles ("Editorial", "Reply", "Erratum", "Corrigendum", "Preface",
    "Book review", "Letter to the editor", ...) by the same authors in the same journal,
    issue after issue, with different volume, issue, pages and DOI; some items are exported
    by two or three databases (DOI or issue missing in one copy, journal abbreviated, case).
``page_forms``
    Articles whose copies write the same pages as ``5--11``, ``5-11``, ``5–11``, ``pp. 5-11``,
    ``5-11+`` or an article number ``e0123``; among them generic titles, where the pages
    decide, and translated titles, where only the citation (volume, pages) ties the copies.
``chinese``
    Chinese articles indexed by Chinese databases (Chinese title, authors in characters,
    Chinese journal name, no DOI; some with a bilingual title ``中文 [English]``) and by
    English ones (English title, transliterated authors, abbreviated pinyin journal name,
    rarely a DOI, some without volume and pages); many different articles by the same
    common surnames, in the same journal, with titles one term apart.
``perturbed``
    Perturbed copies of real records (the labelled sets' records as seeds, titles half
    rewritten so articles are new), 30 % of them with 1-3 copies altered as exports alter
    records: that is ``bench/dedup_speed.py``'s set, here with its gold pairs.
"""

from __future__ import annotations

import itertools
import random

import pandas as pd

COLUMNS = ["record_id", "source", "title", "authors", "year", "journal", "volume", "issue", "pages", "doi", "pmid"]
DATABASES = ["SynBase-A", "SynBase-B", "SynBase-C"]

GENERIC_TITLES = [
    "Editorial",
    "Editorial introduction",
    "Reply",
    "Author's reply",
    "Erratum",
    "Corrigendum",
    "Preface",
    "Book review",
    "Letter to the editor",
    "In this issue",
    "Introduction",
    "Commentary",
]
SURNAMES = [
    "Abbott",
    "Berger",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
]
WORDS = (
    "adaptive cortical network plasticity motor recovery sensory integration working memory attention control "
    "reward prediction error language comprehension visual imagery fear extinction pain modulation sleep "
    "deprivation cognitive training executive function emotion regulation default mode salience connectivity "
    "older adults children patients healthy volunteers randomized trial meta analysis cohort longitudinal"
).split()


def _pairs(groups) -> set:
    gold = set()
    for ids in groups:
        gold.update(itertools.combinations(sorted(ids), 2))
    return gold


def _frame(rows) -> pd.DataFrame:
    return pd.DataFrame([{column: row.get(column, "") for column in COLUMNS} for row in rows], columns=COLUMNS)


def _authors(rng, k=None) -> list[tuple[str, str]]:
    return [(rng.choice(SURNAMES), rng.choice("ABCDEFGHJKLMNPRSTW")) for _ in range(k or rng.randint(1, 4))]


def _write_authors(names, style) -> str:
    if style == 0:
        return "; ".join(f"{s}, {i}." for s, i in names)
    if style == 1:
        return "; ".join(f"{s.upper()}, {i}" for s, i in names)
    return "; ".join(f"{s}, {i}" for s, i in names)


def _article_title(rng) -> str:
    words = rng.sample(WORDS, rng.randint(6, 11))
    return " ".join(words).capitalize()


def _journal(rng, number) -> tuple[str, str]:
    """A made-up journal: its full and abbreviated title."""
    word = ["Neural", "Clinical", "Cognitive", "Applied", "Experimental"][number % 5]
    field = ["Imaging", "Neuroscience", "Psychology", "Medicine", "Rehabilitation"][(number // 5) % 5]
    full = f"Synthetic Journal of {word} {field} {number}"
    abbreviated = f"Synth J {word[:4]} {field[:5]} {number}"
    return full, abbreviated


def _copy(rng, base: dict, journal_abbr: str) -> dict:
    """A second database's export of ``base``: case, DOI or issue lost, journal abbreviated."""
    dup = dict(base)
    change = rng.randrange(4)
    if change == 0:
        dup["title"] = base["title"].upper()
    elif change == 1:
        dup["doi"] = ""
    elif change == 2:
        dup["journal"] = journal_abbr
        dup["issue"] = ""
    else:
        dup["doi"] = "https://doi.org/" + base["doi"]
    return dup


def generic_titles(seed: int = 1, n_journals: int = 40) -> tuple[pd.DataFrame, set]:
    """Recurring generic titles by the same authors in the same journals (see the module doc)."""
    rng = random.Random(seed)
    rows, groups = [], []
    for number in range(n_journals):
        full, abbr = _journal(rng, number)
        editors = _authors(rng, rng.randint(1, 2))
        for title in rng.sample(GENERIC_TITLES, 4):
            start_volume = rng.randint(1, 40)
            for issue_index in range(rng.randint(3, 8)):
                volume = start_volume + issue_index // 4
                first = rng.randint(1, 900)
                base = dict(
                    source=rng.choice(DATABASES),
                    title=title if rng.random() < 0.8 else title.upper(),
                    authors=_write_authors(editors, rng.randrange(3)),
                    year=str(2000 + volume % 24),
                    journal=full,
                    volume=str(volume),
                    issue=str(issue_index % 4 + 1),
                    pages=f"{first}-{first + rng.randint(0, 2)}" if rng.random() < 0.8 else str(first),
                    doi=f"10.5555/synj{number}.{volume}.{issue_index}.{first}",
                )
                group = [base] + [_copy(rng, base, abbr) for _ in range(rng.choice([0, 0, 1, 1, 2]))]
                ids = []
                for copy in group:
                    copy["record_id"] = f"syn-gen-{len(rows) + 1:05d}"
                    copy["source"] = rng.choice(DATABASES)
                    ids.append(copy["record_id"])
                    rows.append(copy)
                groups.append(ids)
        # Ordinary articles of the same journal, some with duplicates, so generic items are not alone.
        for _ in range(5):
            base = dict(
                title=_article_title(rng),
                authors=_write_authors(_authors(rng), 0),
                year=str(rng.randint(2000, 2023)),
                journal=full,
                volume=str(rng.randint(1, 40)),
                issue=str(rng.randint(1, 4)),
                pages=f"{rng.randint(1, 900)}-{rng.randint(901, 999)}",
                doi=f"10.5555/synj{number}.art.{len(rows)}",
            )
            group = [base] + [_copy(rng, base, abbr) for _ in range(rng.choice([0, 1]))]
            ids = []
            for copy in group:
                copy["record_id"] = f"syn-gen-{len(rows) + 1:05d}"
                copy["source"] = rng.choice(DATABASES)
                ids.append(copy["record_id"])
                rows.append(copy)
            groups.append(ids)
    return _frame(rows), _pairs(groups)


def _page_form(rng, first: int, last: int) -> str:
    form = rng.randrange(6)
    if form == 0:
        return f"{first}--{last}"
    if form == 1:
        return f"{first}-{last}"
    if form == 2:
        return f"{first}\u2013{last}"
    if form == 3:
        return f"pp. {first}-{last}"
    if form == 4:
        return f"{first}-{last}+"
    # MEDLINE abbreviates the end page to the digits that change: 1260-70.
    a, b = str(first), str(last)
    common = 0
    while len(a) == len(b) and common < len(a) - 1 and a[common] == b[common]:
        common += 1
    return f"{first}-{b[common:]}"


def page_forms(seed: int = 2, n_items: int = 600) -> tuple[pd.DataFrame, set]:
    """Copies that write the same pages differently (see the module doc)."""
    rng = random.Random(seed)
    rows, groups = [], []
    editors_by_journal = {}
    for item in range(n_items):
        number = item % 30
        full, abbr = _journal(rng, number)
        editors = editors_by_journal.setdefault(number, _authors(rng, 1))
        kind = rng.randrange(3)  # 0 generic title, 1 ordinary article, 2 article with a translated title
        volume = rng.randint(1, 60)
        article_number = rng.random() < 0.2
        first = rng.randint(1, 2000)
        last = first + rng.randint(1, 14)
        if kind == 0:
            title, authors = rng.choice(GENERIC_TITLES), editors
        else:
            title, authors = _article_title(rng), _authors(rng, rng.randint(2, 5))
        base = dict(
            title=title,
            authors=_write_authors(authors, 0),
            year=str(1995 + volume % 29),
            journal=full,
            volume=str(volume),
            issue=str(rng.randint(1, 12)),
            doi="",
        )
        group = [dict(base) for _ in range(rng.choice([1, 2, 2, 3]))]
        for position, copy in enumerate(group):
            if article_number:
                copy["pages"] = rng.choice([f"e{first:04d}", f"E{first:04d}", f"e{first}"])
            else:
                copy["pages"] = _page_form(rng, first, last)
            if position:
                copy["journal"] = rng.choice([full, abbr])
                copy["authors"] = _write_authors(authors, rng.randrange(3))
                if kind == 2:
                    # The copy of another database carries a translated title (made up here).
                    copy["title"] = " ".join(reversed(title.split())).capitalize()
        ids = []
        for copy in group:
            copy["record_id"] = f"syn-pages-{len(rows) + 1:05d}"
            copy["source"] = rng.choice(DATABASES)
            ids.append(copy["record_id"])
            rows.append(copy)
        groups.append(ids)
    return _frame(rows), _pairs(groups)


# Chinese: common surnames (characters and pinyin), given-name characters, title terms.
CN_SURNAMES = [
    ("王", "Wang"),
    ("李", "Li"),
    ("张", "Zhang"),
    ("刘", "Liu"),
    ("陈", "Chen"),
    ("杨", "Yang"),
    ("黄", "Huang"),
    ("赵", "Zhao"),
    ("吴", "Wu"),
    ("周", "Zhou"),
    ("徐", "Xu"),
    ("孙", "Sun"),
]
CN_GIVEN = [
    ("伟", "Wei"),
    ("芳", "Fang"),
    ("娜", "Na"),
    ("敏", "Min"),
    ("静", "Jing"),
    ("丽", "Li"),
    ("强", "Qiang"),
    ("磊", "Lei"),
    ("军", "Jun"),
    ("洋", "Yang"),
    ("勇", "Yong"),
    ("艳", "Yan"),
    ("杰", "Jie"),
    ("涛", "Tao"),
]
CN_THERAPY = [
    ("针刺", "Acupuncture"),
    ("电针", "Electroacupuncture"),
    ("头针", "Scalp acupuncture"),
    ("艾灸", "Moxibustion"),
    ("温针灸", "Warm needle moxibustion"),
    ("穴位埋线", "Acupoint catgut embedding"),
]
CN_CONDITION = [
    ("脑卒中后吞咽障碍", "post-stroke dysphagia"),
    ("脑卒中后失语", "post-stroke aphasia"),
    ("脑卒中后偏瘫", "post-stroke hemiplegia"),
    ("失眠", "insomnia"),
    ("偏头痛", "migraine"),
    ("抑郁症", "depression"),
    ("膝骨关节炎", "knee osteoarthritis"),
    ("周围性面瘫", "peripheral facial paralysis"),
]
CN_DESIGN = [
    ("的临床观察", "a clinical observation"),
    ("的随机对照试验", "a randomized controlled trial"),
    ("的疗效观察", "observation of efficacy"),
    ("的功能磁共振研究", "an fMRI study"),
]
CN_JOURNALS = [("中国针灸", "Zhongguo Zhen Jiu"), ("针刺研究", "Zhen Ci Yan Jiu"), ("中医杂志", "Zhong Yi Za Zhi")]


def _cn_authors(rng) -> list[tuple[str, str, str, str]]:
    out = []
    for _ in range(rng.randint(2, 5)):
        (sc, sp), (gc, gp) = rng.choice(CN_SURNAMES), rng.choice(CN_GIVEN)
        out.append((sc, gc, sp, gp))
    return out


def _cn_author_text(authors, script: str, rng) -> str:
    if script == "zh":
        return rng.choice([";", "；", ", "]).join(sc + gc for sc, gc, _, _ in authors)
    style = rng.randrange(3)
    if style == 0:
        return "; ".join(f"{sp}, {gp[0]}" for _, _, sp, gp in authors)  # MEDLINE: Wang, W
    if style == 1:
        return "; ".join(f"{sp.upper()} {gp}" for _, _, sp, gp in authors)  # CNKI English: WANG Wei
    return "; ".join(f"{sp}, {gp}" for _, _, sp, gp in authors)  # Wang, Wei


def chinese(seed: int = 3, n_articles: int = 700) -> tuple[pd.DataFrame, set]:
    """Chinese and English records of Chinese articles (see the module doc)."""
    rng = random.Random(seed)
    rows, groups = [], []
    for _ in range(n_articles):
        therapy, condition, design = rng.choice(CN_THERAPY), rng.choice(CN_CONDITION), rng.choice(CN_DESIGN)
        journal_zh, journal_py = rng.choice(CN_JOURNALS)
        authors = _cn_authors(rng)
        year = rng.randint(2005, 2023)
        volume = year - 1980
        first = rng.randint(1, 1200)
        pages = f"{first}-{first + rng.randint(2, 6)}"
        title_zh = f"{therapy[0]}治疗{condition[0]}{design[0]}"
        title_en = f"{therapy[1]} for {condition[1]}: {design[1]}"
        zh = dict(
            title=title_zh,
            authors=_cn_author_text(authors, "zh", rng),
            year=str(year),
            journal=journal_zh,
            volume=str(volume),
            issue=str(rng.randint(1, 12)),
            pages=pages,
            doi="",
        )
        en = dict(
            title=title_en,
            authors=_cn_author_text(authors, "en", rng),
            year=str(year),
            journal=journal_py,
            volume=str(volume),
            issue=zh["issue"],
            pages=pages,
            doi=f"10.5555/cn.{year}.{first}" if rng.random() < 0.15 else "",
        )
        group = []
        layout = rng.randrange(6)
        if layout == 0:
            group = [zh]
        elif layout == 1:
            group = [zh, dict(zh, title=" ".join(title_zh), authors=_cn_author_text(authors, "zh", rng))]
        elif layout == 2:
            group = [zh, en]
        elif layout == 3:
            group = [en, dict(en, authors=_cn_author_text(authors, "en", rng), journal=journal_py.replace(" ", ""), title=f"[{title_en}]")]
        elif layout == 4:
            group = [zh, en, dict(en, authors=_cn_author_text(authors, "en", rng), title=f"[{title_en}]", doi="")]
        else:
            # A Chinese database's bilingual title; the English copy without volume or pages.
            group = [dict(zh, title=f"{title_zh} [{title_en}]"), dict(en, volume="", pages="", doi="")]
        ids = []
        for copy in group:
            copy = dict(copy)
            copy["record_id"] = f"syn-cn-{len(rows) + 1:05d}"
            copy["source"] = "SynBase-CN" if copy["title"] and not copy["title"].isascii() else rng.choice(DATABASES)
            ids.append(copy["record_id"])
            rows.append(copy)
        groups.append(ids)
    return _frame(rows), _pairs(groups)


def perturbed(seeds: list[dict], n: int, seed: int = 20240321) -> tuple[pd.DataFrame, set]:
    """``n`` perturbed copies of real records with their gold pairs (``bench/dedup_speed.py``)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from dedup_speed import build  # noqa: PLC0415

    records, _planted, groups = build(n, seeds, random.Random(seed), with_groups=True)
    return records, _pairs(groups)


SETS = {"generic_titles": generic_titles, "page_forms": page_forms, "chinese": chinese}
