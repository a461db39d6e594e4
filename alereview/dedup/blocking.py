"""Candidate pairs by blocking: only records that share a key are ever compared.

A duplicate usually agrees with its twin on at least one of several cheap keys even when
other fields differ: the DOI, the PMID, the start or the end of the title, year and first
page, first author and year (names in characters also by their pinyin surname), first
author and first page, journal initials with volume and first page, the first 40 characters
of a long title or of each language of a bilingual title. Each key gives a block; pairs inside blocks are the candidates. A block larger
than ``max_block`` (e.g. "Wang, 2020" among Chinese records) is not compared all-pairs:
its records are sorted by title and each is compared with its ``window`` next neighbours
(the sorted-neighbourhood method), so the work stays linear in the number of records.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from alereview.dedup.prepare import NormRecord

# Title prefixes shorter than this are too common to block on ("effect of").
TITLE_KEY_CHARS = 20
CJK_TITLE_KEY_CHARS = 8
LONG_TITLE_KEY_CHARS = 40


def _title_keys(rec: NormRecord) -> list[str]:
    text = rec.title.replace(" ", "")
    size = CJK_TITLE_KEY_CHARS if rec.cjk else TITLE_KEY_CHARS
    if len(text) < size:
        return [f"tf:{text}"] if text else []
    keys = [f"tp:{text[:size]}", f"ts:{text[-size:]}"]
    # A title in two languages ("中文标题 [English title]") meets either language's record
    # by the long start of each part (long enough to keep the blocks small).
    for part in rec.title_parts:
        part = part.replace(" ", "")
        keys.append(f"tl:{part[:LONG_TITLE_KEY_CHARS]}")
    if rec.title_parts or rec.cjk or len(text) < LONG_TITLE_KEY_CHARS:
        return keys
    return keys + [f"tl:{text[:LONG_TITLE_KEY_CHARS]}"]


def block_keys(rec: NormRecord) -> list[str]:
    """Every blocking key of one record (fields that are missing give no key)."""
    keys = []
    if rec.doi:
        keys.append(f"doi:{rec.doi}")
    if rec.pmid:
        keys.append(f"pmid:{rec.pmid}")
    keys.extend(_title_keys(rec))
    first_author = rec.authors[0][0] if rec.authors else ""
    if rec.cjk_names and rec.latin_authors and rec.year:
        # Names in characters also meet their transliteration (pinyin surname).
        keys.append(f"ay:{rec.latin_authors[0][0]}|{rec.year}")
    if rec.year and rec.first_page:
        keys.append(f"yp:{rec.year}|{rec.first_page}")
    if first_author and rec.year:
        keys.append(f"ay:{first_author}|{rec.year}")
    if first_author and rec.first_page:
        keys.append(f"ap:{first_author}|{rec.first_page}")
    if rec.journal_words and rec.volume and rec.first_page:
        initials = "".join(w[0] for w in rec.journal_words)
        keys.append(f"jvp:{initials}|{rec.volume}|{rec.first_page}")
    return keys


def candidate_pairs(records: list[NormRecord], max_block: int = 50, window: int = 10) -> np.ndarray:
    """The candidate pairs among ``records``, as a sorted ``(n_pairs, 2)`` array with i < j.

    Parameters
    ----------
    records : list of NormRecord
        The normalised records; their position in the list is their index.
    max_block : int
        Blocks up to this size are compared all-pairs; larger blocks by sorted neighbourhood.
    window : int
        How many following records (in title order) each record of a large block meets.

    Returns
    -------
    numpy.ndarray
        Unique pairs, sorted, dtype int64.
    """
    blocks: dict[str, list[int]] = defaultdict(list)
    for rec in records:
        for key in block_keys(rec):
            blocks[key].append(rec.index)
    n = len(records)
    codes, small = [], []
    for key in sorted(blocks):
        members = blocks[key]
        if len(members) < 2:
            continue
        if len(members) <= max_block:
            small.extend(min(x, y) * n + max(x, y) for pos, x in enumerate(members) for y in members[pos + 1 :])
            continue
        else:
            # Exact keys (DOI, PMID) never form large blocks in sane data; titles sort them
            # so that near-identical titles are neighbours.
            ordered = np.asarray(sorted(members, key=lambda k: (records[k].title, k)), dtype=np.int64)
            a_list, b_list = [], []
            for step in range(1, min(window, len(ordered) - 1) + 1):
                a_list.append(ordered[:-step])
                b_list.append(ordered[step:])
            a, b = np.concatenate(a_list), np.concatenate(b_list)
        low, high = np.minimum(a, b), np.maximum(a, b)
        codes.append(low * n + high)
    codes.append(np.asarray(small, dtype=np.int64))
    if not any(len(c) for c in codes):
        return np.empty((0, 2), dtype=np.int64)
    unique = np.unique(np.concatenate(codes))
    return np.stack([unique // n, unique % n], axis=1)
