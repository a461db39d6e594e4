"""The 16 PRISMA-S items (Rethlefsen et al. 2021, Syst Rev 10:39) with what the run recorded.

PRISMA-S asks how the literature search was done and reported. Much of it the workflow knows:
the databases it read, the PubMed query exactly as run and PubMed's translation of it
(``results/search/pubmed.json``), the search windows and their dates, an update's windows, the
records per database (``results/records/provenance.json``) and the deduplication and its counts
(``results/dedup/counts.json``). The rest (platforms, export search strings, registries, citation
searching, contacts, peer review of the strategy, ...) only the authors know: they give it in
``checks.prisma_s`` and the item then reports it; otherwise it says "not recorded" and names
the config key that would record it.

:func:`prisma_s_items` returns one row per item (:data:`COLUMNS`): ``status`` is ``recorded``
(from the run's files), ``config`` (from ``checks.prisma_s``), ``recorded + config`` or
``not recorded``.
"""

from __future__ import annotations

import pandas as pd

from alereview.errors import ConfigError

COLUMNS = ["item", "section", "name", "reported", "status", "source"]

#: (item, section, name); the item names are PRISMA-S's.
ITEMS = [
    (1, "Information sources and methods", "Database name"),
    (2, "Information sources and methods", "Multi-database searching"),
    (3, "Information sources and methods", "Study registries"),
    (4, "Information sources and methods", "Online resources and browsing"),
    (5, "Information sources and methods", "Citation searching"),
    (6, "Information sources and methods", "Contacts"),
    (7, "Information sources and methods", "Other methods"),
    (8, "Search strategies", "Full search strategies"),
    (9, "Search strategies", "Limits and restrictions"),
    (10, "Search strategies", "Search filters"),
    (11, "Search strategies", "Prior work"),
    (12, "Search strategies", "Updates"),
    (13, "Search strategies", "Dates of searches"),
    (14, "Peer review", "Peer review"),
    (15, "Managing records", "Total records"),
    (16, "Managing records", "Deduplication"),
]

#: Free-text items the run cannot know: item -> (config key under checks.prisma_s, example).
TEXT_ITEMS = {
    2: ("multi_database", "e.g. 'Embase and MEDLINE were searched together on Embase.com'"),
    3: ("registries", "e.g. 'ClinicalTrials.gov, searched 2024-03-21 for ...'"),
    4: ("online_resources", "e.g. 'tables of contents of ... were browsed'"),
    5: ("citation_searching", "e.g. 'reference lists of included studies were screened'"),
    6: ("contacts", "e.g. 'authors were e-mailed for missing coordinates'"),
    7: ("other_methods", "any other source or method"),
    10: ("filters", "e.g. 'the Cochrane RCT filter (sensitivity-maximising version)'"),
    11: ("prior_work", "e.g. 'adapted from the strategy of <review>'"),
    14: ("peer_review", "e.g. 'PRESS peer review by a librarian'"),
}

_DATE_FIELDS = {"edat": "entry date (EDAT)", "pdat": "publication date (PDAT)"}


def databases(search: dict) -> list[str]:
    """The databases a review searched, each once, PubMed first then the exports' order."""
    names = (["PubMed"] if search.get("pubmed") else []) + [e["database"] for e in search.get("exports", [])]
    return list(dict.fromkeys(names))


def check_settings(section: dict, search: dict) -> None:
    """Refuse a ``checks.prisma_s`` map naming a database the review did not search."""
    known = databases(search)
    for key in ("platforms", "strategies", "search_dates"):
        for name in section.get(key) or {}:
            if name not in known:
                raise ConfigError(f"checks.prisma_s.{key}.{name}", f"{name!r} is not a searched database; the review searched {known}")


def _not_recorded(key: str, example: str = "") -> str:
    return f"not recorded: give it as checks.prisma_s.{key} in the config" + (f" ({example})" if example else "")


def _status(recorded: bool, configured: bool, missing: bool) -> str:
    """``recorded``, ``config``, ``recorded + config``, ``partly recorded`` or ``not recorded``."""
    if missing:
        return "partly recorded" if recorded or configured else "not recorded"
    return " + ".join(name for name, present in (("recorded", recorded), ("config", configured)) if present) or "not recorded"


def _window(window: dict) -> str:
    return f"{window.get('mindate', '?')} to {window.get('maxdate', '?')}"


def _database_item(search, settings, pubmed) -> tuple:
    platforms = settings.get("platforms") or {}
    parts, missing = [], []
    for name in databases(search):
        if name == "PubMed":
            url = (pubmed or {}).get("eutils_url") or search["pubmed"].get("eutils_url", "")
            platform = platforms.get(name) or (f"NCBI E-utilities ({url})" if url else "NCBI E-utilities")
        else:
            platform = platforms.get(name, "")
            if not platform:
                missing.append(name)
        files = [e["path"] for e in search.get("exports", []) if e["database"] == name]
        parts.append(f"{name}" + (f" via {platform}" if platform else "") + (f" (export: {', '.join(files)})" if files else ""))
    text = "; ".join(parts) + "."
    if missing:
        text += f" Platform of {', '.join(missing)}: " + _not_recorded("platforms", f"{missing[0]}: <platform>") + "."
    return text, _status(bool(parts), bool(platforms), bool(missing)), "config search; config checks.prisma_s.platforms"


def _strategies_item(search, settings, pubmed) -> tuple:
    strategies = settings.get("strategies") or {}
    parts, missing = [], []
    for name in databases(search):
        if name == "PubMed":
            query = (pubmed or {}).get("query") or search["pubmed"]["query"]
            translation = (pubmed or {}).get("query_translation", "")
            parts.append(f"PubMed, as run: {query}" + (f" — as PubMed translated it: {translation}" if translation else ""))
        elif strategies.get(name):
            parts.append(f"{name}: {strategies[name]}")
        else:
            missing.append(name)
    text = " | ".join(parts)
    if missing:
        text += (
            (" | " if text else "") + f"{', '.join(missing)}: " + _not_recorded("strategies", f"{missing[0]}: <the search string as run>")
        )
    recorded = bool(search.get("pubmed"))
    return text, _status(recorded, bool(strategies), bool(missing)), "results/search/pubmed.json; config checks.prisma_s.strategies"


def _limits_item(search, settings, pubmed) -> tuple:
    parts = []
    if search.get("pubmed"):
        window = (pubmed or {}).get("window") or {"mindate": search.get("start", ""), "maxdate": search.get("cutoff", "")}
        datetype = (pubmed or {}).get("datetype") or search["pubmed"].get("datetype", "edat")
        since = "from inception" if str(window.get("mindate", "")).startswith(("1800", "1900")) else f"from {window.get('mindate')}"
        parts.append(f"PubMed: {_DATE_FIELDS.get(datetype, datetype)} {since} to {window.get('maxdate')}")
    if search.get("exports"):
        parts.append(f"exports: records up to the cutoff {search.get('cutoff', '?')} as exported")
    if settings.get("limits"):
        parts.append(settings["limits"])
        return "; ".join(parts) + ".", "recorded + config", "results/search/pubmed.json; config checks.prisma_s.limits"
    return (
        "; ".join(parts) + ". Other limits (language, study design): " + _not_recorded("limits", "'no language limits'"),
        "recorded",
        "results/search/pubmed.json; config search",
    )


def as_day(text) -> str:
    """``2024/03/21`` (E-utilities) as ``2024-03-21``."""
    return str(text or "").replace("/", "-")


def update_facts(pubmed: dict | None, provenance: dict | None) -> dict | None:
    """An update's facts: ``provenance.json``'s ``update`` (written by the search stage: both
    windows, what was searched again, new records by identity), else the windows of
    ``pubmed.json``; None when the search was not updated."""
    facts = (provenance or {}).get("update")
    if facts:
        return facts
    windows = sorted((pubmed or {}).get("windows") or [], key=lambda w: as_day(w.get("mindate")))
    if len(windows) < 2:
        return None
    return {
        "previous_window": {"mindate": windows[0]["mindate"], "maxdate": windows[-2]["maxdate"]},
        "new_window": {"mindate": windows[-1]["mindate"], "maxdate": windows[-1]["maxdate"]},
        "pubmed_searched": "new_window_only" if all(w.get("mode") == "snapshot" for w in windows[:-1]) else "all_windows",
        "searched_on": [w.get("searched_on", "") for w in (windows[0], windows[-1])],
    }


def _updates_item(search, pubmed, provenance) -> tuple:
    facts = update_facts(pubmed, provenance)
    if facts:
        previous, new = facts.get("previous_window") or {}, facts.get("new_window") or {}
        text = f"Updated: the first search covered {_window(previous)}, the update {_window(new)}."
        if search.get("pubmed"):
            text += (
                " The saved PubMed query was run again for the new window only; the earlier window was replayed from its recorded replies."
                if facts.get("pubmed_searched") == "new_window_only"
                else " The saved PubMed query was run again over the whole period."
            )
        reread = facts.get("databases_reread") or [d for d in databases(search) if d != "PubMed"]
        if reread:
            text += f" Exports of {', '.join(dict.fromkeys(reread))} were read again, whole."
        if facts.get("new_records") is not None:
            text += (
                f" New records (not in the previous version's {facts.get('previous_records', '?')}, by record identity): "
                f"{facts['new_records']}; a new record that duplicates one seen before (exported again) joins its "
                "cluster and keeps its decisions, so only the new deduplicated records were screened (PRISMA's "
                "records screened of the update)."
            )
        return text, "recorded", "results/records/provenance.json; results/search/pubmed.json"
    if pubmed:
        windows = pubmed.get("windows") or []
        return (
            "No update: one search of " + _window(windows[0] if windows else pubmed.get("window", {})) + ".",
            "recorded",
            "results/search/pubmed.json",
        )
    return "No update recorded (one set of exports).", "recorded", "config search"


def _dates_item(search, settings, pubmed) -> tuple:
    dates = settings.get("search_dates") or {}
    parts, missing = [], []
    for name in databases(search):
        if name == "PubMed":
            windows = (pubmed or {}).get("windows") or []
            ran = [w.get("searched_on") for w in windows if w.get("searched_on")]
            parts.append("PubMed: " + (", ".join(dict.fromkeys(ran)) if ran else (pubmed or {}).get("searched_on") or "not recorded"))
        elif dates.get(name):
            parts.append(f"{name}: {dates[name]}")
        else:
            missing.append(name)
    text = "; ".join(parts)
    if missing:
        text += ("; " if text else "") + f"{', '.join(missing)}: " + _not_recorded("search_dates", f"{missing[0]}: 'YYYY-MM-DD'")
    return (
        text,
        _status(bool(search.get("pubmed")), bool(dates), bool(missing)),
        "results/search/pubmed.json; config checks.prisma_s.search_dates",
    )


def _total_item(search, provenance, counts) -> tuple:
    by_source = (counts or {}).get("records_by_database") or (provenance or {}).get("by_source") or {}
    if not by_source:
        return "not recorded: results/records/provenance.json is missing", "not recorded", ""
    ordered = [d for d in databases(search) if d in by_source] + sorted(d for d in by_source if d not in databases(search))
    total = (counts or {}).get("records", (provenance or {}).get("records", sum(by_source.values())))
    return (
        "; ".join(f"{d}: {by_source[d]}" for d in ordered) + f"; total {total} records.",
        "recorded",
        "results/dedup/counts.json" if counts else "results/records/provenance.json",
    )


def _dedup_item(config, counts) -> tuple:
    dedup = config.get("dedup") or {}
    keep = dedup.get("keep", "source_priority")
    text = (
        "Automatic, with alereview's rule-based deduplication (same DOI or PMID with agreeing titles; near-identical "
        "titles with agreeing authors, year and venue; identical Chinese/Japanese/Korean titles with one more agreeing "
        "field); pairs in the grey zone were listed for a reviewer's decision. The record kept from each group: "
        + (
            "the first database in the order " + ", ".join(dedup.get("source_priority") or [])
            if keep == "source_priority"
            else "the most complete record"
        )
        + "."
    )
    if not counts:
        return text + " Counts: not recorded (results/dedup/counts.json is missing).", "recorded", "config dedup"
    text += (
        f" {counts.get('records', '?')} records, {counts.get('duplicates_removed', '?')} duplicates removed, "
        f"{counts.get('unique', '?')} unique records"
    )
    if "uncertain_pairs" in counts:
        text += f"; {counts['uncertain_pairs']} uncertain pairs"
    manual = counts.get("manual_decisions") or {}
    if manual:
        text += f"; manual decisions: {manual.get('same', 0)} same, {manual.get('different', 0)} different"
    rules = counts.get("records_joined_by_rule") or {}
    if rules:
        text += "; records joined by rule: " + ", ".join(f"{k} {v}" for k, v in rules.items())
    return text + ".", "recorded", "results/dedup/counts.json"


def prisma_s_items(config: dict, pubmed=None, provenance=None, counts=None) -> pd.DataFrame:
    """The 16 PRISMA-S items of a review that searched databases, then who screened.

    Parameters
    ----------
    config : dict
        The validated config (``search``, ``dedup``, ``checks.prisma_s``).
    pubmed : dict, optional
        ``results/search/pubmed.json``.
    provenance : dict, optional
        ``results/records/provenance.json``.
    counts : dict, optional
        ``results/dedup/counts.json``.

    Returns
    -------
    pandas.DataFrame
        :data:`COLUMNS`, items 1-16 in order, then a row for PRISMA 2020 item 8 (who screened).
    """
    search = config.get("search") or {}
    settings = ((config.get("checks") or {}).get("prisma_s")) or {}
    check_settings(settings, search)
    found = {
        1: _database_item(search, settings, pubmed),
        8: _strategies_item(search, settings, pubmed),
        9: _limits_item(search, settings, pubmed),
        12: _updates_item(search, pubmed, provenance),
        13: _dates_item(search, settings, pubmed),
        15: _total_item(search, provenance, counts),
        16: _dedup_item(config, counts),
    }
    for item, (key, example) in TEXT_ITEMS.items():
        text = settings.get(key, "")
        found[item] = (text, "config", f"config checks.prisma_s.{key}") if text else (_not_recorded(key, example), "not recorded", "")
    if found[3][1] == "not recorded":
        found[3] = (
            "None searched by the workflow (it reads databases only). If a registry was searched outside it, give "
            f"it as checks.prisma_s.registries in the config ({TEXT_ITEMS[3][1]}).",
            "not recorded",
            "config search",
        )
    rows = [
        {
            "item": str(item),
            "section": section,
            "name": name,
            "reported": found[item][0],
            "status": found[item][1],
            "source": found[item][2],
        }
        for item, section, name in ITEMS
    ]
    rows.append(_screening_row(config))
    return pd.DataFrame(rows, columns=COLUMNS)


def _screening_row(config) -> dict:
    """Who screened (PRISMA 2020 item 8, beside PRISMA-S for the reader of the search)."""
    screening = config.get("screening") or {}
    reviewers = list(screening.get("reviewers") or [])
    if reviewers:
        text = (
            f"{len(reviewers)} reviewer{'s' if len(reviewers) != 1 else ''} ({', '.join(reviewers)}) screened "
            "titles/abstracts and full texts independently"
            if len(reviewers) > 1
            else f"{reviewers[0]} screened"
        )
        text += f"; conflicts were settled by {screening['arbiter']}." if screening.get("arbiter") else "."
        status = "config"
    else:
        text, status = "not recorded: give the reviewers as screening.reviewers in the config", "not recorded"
    return {
        "item": "PRISMA 2020 #8",
        "section": "Selection (beside PRISMA-S)",
        "name": "Who screened",
        "reported": text,
        "status": status,
        "source": "config screening",
    }


def prisma_s_params(config: dict) -> dict:
    """The part of the config PRISMA-S reports (no client settings, no other stage's inputs)."""
    search = config.get("search") or {}
    pubmed = search.get("pubmed")
    narrow = {
        "start": str(search.get("start", "")),
        "cutoff": str(search.get("cutoff", "")),
        "exports": [{"database": e["database"], "path": e["path"]} for e in search.get("exports") or []],
    }
    if pubmed:
        narrow["pubmed"] = {key: pubmed.get(key, "") for key in ("query", "datetype", "eutils_url")}
    return {
        "search": narrow,
        "dedup": {key: (config.get("dedup") or {}).get(key) for key in ("keep", "source_priority")},
        "screening": {key: (config.get("screening") or {}).get(key) for key in ("reviewers", "arbiter")},
        "checks": {"prisma_s": (config.get("checks") or {}).get("prisma_s") or {}},
    }
