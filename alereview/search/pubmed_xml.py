"""Records from PubMed XML (EFetch ``rettype=xml``): journal articles and book chapters.

What real records hold and this parser covers: no abstract; structured abstracts
(``<AbstractText Label=...>``, joined as ``LABEL: text``); no DOI (then the ``ELocationID``
DOI, else empty); ``MedlineDate`` (``1998 Dec-1999 Jan``) and season dates; inline markup in
titles and abstracts (``<i>``, ``<b>``, MathML flattened; ``<sup>``/``<sub>`` in parentheses);
``PubmedBookArticle``; CJK text; collective authors. The entry date (EDAT) comes from the
``PubMedPubDate`` with ``PubStatus="entrez"``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from alereview.search.fields import clean, empty_record, join_authors, language_code, pages_of, year_of


def _flat(element) -> str:
    """Text of an element and its inline markup; ``<sup>``/``<sub>`` in parentheses, as in
    PubMed's MEDLINE format (``10<sup>3</sup>`` → ``10(3)``), so that numbers do not merge."""
    parts = [element.text or ""]
    for child in element:
        inner = _flat(child)
        parts.append(f"({inner})" if child.tag in ("sup", "sub") and inner else inner)
        parts.append(child.tail or "")
    return "".join(parts)


def _text(element) -> str:
    return clean(_flat(element)) if element is not None else ""


def article_pmids(root) -> list:
    """PMIDs of the articles and book chapters of a ``PubmedArticleSet``, in order."""
    pmids = []
    for child in root:
        if child.tag == "PubmedArticle":
            pmids.append(clean(child.findtext("MedlineCitation/PMID")))
        elif child.tag == "PubmedBookArticle":
            pmids.append(clean(child.findtext("BookDocument/PMID")))
    return pmids


def _authors(author_list) -> str:
    if author_list is None:
        return ""
    names = []
    for author in author_list.findall("Author"):
        if author.get("ValidYN", "Y") == "N":
            continue
        collective = _text(author.find("CollectiveName"))
        last = _text(author.find("LastName"))
        if last:
            initials = _text(author.find("Initials")) or _text(author.find("ForeName"))
            names.append(f"{last}, {initials}" if initials else last)
        elif collective:
            names.append(collective)
    return join_authors(names)


def _abstract(abstract) -> str:
    if abstract is None:
        return ""
    parts = []
    for section in abstract.findall("AbstractText"):
        text = _text(section)
        label = clean(section.get("Label"))
        if text:
            parts.append(f"{label}: {text}" if label else text)
    return " ".join(parts)


def _year(pub_date) -> str:
    if pub_date is None:
        return ""
    return year_of(pub_date.findtext("Year")) or year_of(pub_date.findtext("MedlineDate"))


def _entry_date(history) -> str:
    if history is None:
        return ""
    for status in ("entrez", "pubmed"):
        for date in history.findall("PubMedPubDate"):
            if date.get("PubStatus") == status:
                try:
                    year, month, day = (int(date.findtext(k)) for k in ("Year", "Month", "Day"))
                except (TypeError, ValueError):
                    continue
                return f"{year:04d}-{month:02d}-{day:02d}"
    return ""


def _doi(*id_lists) -> str:
    for container in id_lists:
        if container is None:
            continue
        for article_id in container.iter("ArticleId"):
            if article_id.get("IdType") == "doi" and clean(article_id.text):
                return clean(article_id.text)
        for location in container.iter("ELocationID"):
            if location.get("EIdType") == "doi" and location.get("ValidYN", "Y") == "Y" and clean(location.text):
                return clean(location.text)
    return ""


def _journal_article(node) -> dict:
    record = empty_record()
    citation = node.find("MedlineCitation")
    article = citation.find("Article")
    record["pmid"] = clean(citation.findtext("PMID"))
    title = _text(article.find("ArticleTitle")) or _text(article.find("VernacularTitle"))
    record["title"] = title
    journal = article.find("Journal")
    if journal is not None:
        record["journal"] = _text(journal.find("Title")) or _text(journal.find("ISOAbbreviation"))
        issue = journal.find("JournalIssue")
        if issue is not None:
            record["volume"] = _text(issue.find("Volume"))
            record["issue"] = _text(issue.find("Issue"))
            record["year"] = _year(issue.find("PubDate"))
    if not record["year"]:
        record["year"] = year_of(article.findtext("ArticleDate/Year"))
    pagination = article.find("Pagination")
    if pagination is not None:
        record["pages"] = pages_of(pagination.findtext("StartPage"), pagination.findtext("EndPage"), pagination.findtext("MedlinePgn"))
    record["abstract"] = _abstract(article.find("Abstract"))
    record["authors"] = _authors(article.find("AuthorList"))
    record["language"] = language_code("; ".join(_text(e) for e in article.findall("Language")))
    pubmed_data = node.find("PubmedData")
    record["doi"] = _doi(pubmed_data.find("ArticleIdList") if pubmed_data is not None else None, article)
    record["entry_date"] = _entry_date(pubmed_data.find("History") if pubmed_data is not None else None)
    return record


def _book_article(node) -> dict:
    record = empty_record()
    document = node.find("BookDocument")
    book = document.find("Book")
    record["pmid"] = clean(document.findtext("PMID"))
    book_title = _text(book.find("BookTitle")) if book is not None else ""
    chapter = _text(document.find("ArticleTitle"))
    record["title"] = chapter or book_title
    # A chapter's "journal" is its book; a whole book has none.
    record["journal"] = book_title if chapter else ""
    if book is not None:
        record["year"] = _year(book.find("PubDate"))
        record["volume"] = _text(book.find("Volume"))
    record["pages"] = pages_of(
        document.findtext("Pagination/StartPage"), document.findtext("Pagination/EndPage"), document.findtext("Pagination/MedlinePgn")
    )
    record["abstract"] = _abstract(document.find("Abstract"))
    authors = [a for a in document.findall("AuthorList") if a.get("Type", "authors") == "authors"]
    if not authors and book is not None:
        authors = [a for a in book.findall("AuthorList") if a.get("Type", "authors") == "authors"]
    record["authors"] = _authors(authors[0]) if authors else ""
    record["language"] = language_code("; ".join(_text(e) for e in document.findall("Language")))
    book_data = node.find("PubmedBookData")
    record["doi"] = _doi(document.find("ArticleIdList"), book_data, document)
    record["entry_date"] = _entry_date(book_data.find("History") if book_data is not None else None)
    return record


def parse_pubmed_xml(data) -> list:
    """Records (dicts of :data:`~alereview.search.fields.FIELDS`) from PubMed XML.

    Parameters
    ----------
    data : bytes or xml.etree.ElementTree.Element
        An EFetch reply (``<PubmedArticleSet>``) or its parsed root.

    Returns
    -------
    list of dict
        One per ``PubmedArticle`` or ``PubmedBookArticle``, in document order.
    """
    root = ET.fromstring(data) if isinstance(data, (bytes, str)) else data
    records = []
    for child in root:
        if child.tag == "PubmedArticle":
            records.append(_journal_article(child))
        elif child.tag == "PubmedBookArticle":
            records.append(_book_article(child))
    return records
