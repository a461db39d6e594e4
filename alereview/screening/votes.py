"""One reviewer's decision on one record at one stage, as read from a decision file.

Every reader (Rayyan, Covidence, ASReview, plain CSV) turns its file into a list of
:class:`Vote`; everything after that (matching to records, adjudication, agreement) works on
votes only. A vote keeps where it came from (file and line) so that every error can point at it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from alereview.errors import InputError

STAGES = ("title_abstract", "full_text")
STAGE_LABELS = {"title_abstract": "title/abstract", "full_text": "full text"}

INCLUDE, EXCLUDE, MAYBE, NOT_RETRIEVED = "include", "exclude", "maybe", "not_retrieved"
DECISIONS = (INCLUDE, EXCLUDE, MAYBE, NOT_RETRIEVED)
# A decision settles a record; "maybe" does not.
FINAL_DECISIONS = (INCLUDE, EXCLUDE, NOT_RETRIEVED)

# Words of the tools and of people, folded to lower case with spaces/hyphens as "_".
_WORDS = {
    INCLUDE: {"include", "included", "includes", "in", "yes", "y", "1", "relevant", "eligible", "accept", "accepted"},
    EXCLUDE: {"exclude", "excluded", "excludes", "out", "no", "n", "0", "irrelevant", "not_relevant", "ineligible", "reject", "rejected"},
    MAYBE: {"maybe", "unsure", "undecided", "uncertain", "?"},
    NOT_RETRIEVED: {"not_retrieved", "notretrieved", "unavailable", "not_available", "no_full_text", "full_text_unavailable"},
}
_LOOKUP = {word: decision for decision, words in _WORDS.items() for word in words}

# The reviewer name of a decision that a tool already settled (e.g. a Covidence list export).
CONSENSUS = "consensus"


def normalize_decision(word, *, path=None, line=None, record=None, field_name="decision", stage=None) -> str:
    """The decision a word stands for: ``include``, ``exclude``, ``maybe`` or ``not_retrieved``.

    Parameters
    ----------
    word : str
        As written in the file, e.g. ``"Included"``, ``"exclude"``, ``"1"``.
    path, line, record, field_name
        Where the word is, for the error message.
    stage : str, optional
        ``not_retrieved`` is only a decision at the full-text stage.

    Raises
    ------
    InputError
        For a word that is not a decision.

    Examples
    --------
    >>> normalize_decision("Included")
    'include'
    >>> normalize_decision("not retrieved")
    'not_retrieved'
    """
    key = "_".join(str(word).strip().lower().replace("-", " ").split())
    decision = _LOOKUP.get(key)
    if decision is None:
        raise InputError(
            f"unknown decision {str(word)!r}; expected include, exclude, maybe"
            + (" or not_retrieved" if stage != "title_abstract" else ""),
            path=path,
            line=line,
            record=record,
            field=field_name,
        )
    if decision == NOT_RETRIEVED and stage == "title_abstract":
        raise InputError(
            f"{str(word)!r} (full text not retrieved) is a full-text decision, not a title/abstract one",
            path=path,
            line=line,
            record=record,
            field=field_name,
        )
    return decision


@dataclass(frozen=True)
class Vote:
    """One decision by one reviewer on one record at one stage.

    Attributes
    ----------
    stage : str
        ``title_abstract`` or ``full_text``.
    reviewer : str
        The reviewer's name as in the config (``consensus`` for a decision already settled).
    decision : str
        One of :data:`DECISIONS`.
    reason : str
        Exclusion reason(s), ``"; "``-joined; empty when none.
    path : str
        The decision file.
    line : int or None
        1-based line (CSV row, or the ``TY`` line of a RIS record).
    label : str
        How the file names the record (its id or title), for messages.
    identity : dict
        Fields that identify the record: any of ``record_key``, ``record_id``, ``doi``, ``pmid``,
        ``title``, ``year``, ``authors``.
    """

    stage: str
    reviewer: str
    decision: str
    reason: str
    path: str
    line: int | None
    label: str
    identity: dict = field(default_factory=dict, compare=False, hash=False)

    def where(self) -> str:
        """``file, line N`` for messages."""
        return f"{self.path}, line {self.line}" if self.line is not None else self.path


def check_reviewer(name, reviewers, arbiter, *, path, line, record) -> str:
    """Return ``name`` if it is a configured reviewer or the arbiter, else raise InputError."""
    known = list(reviewers) + ([arbiter] if arbiter else [])
    if name == CONSENSUS or name in known:
        return name
    raise InputError(
        f"unknown reviewer {name!r}; config screening.reviewers is {list(reviewers)}"
        + (f" and screening.arbiter is {arbiter!r}" if arbiter else ""),
        path=path,
        line=line,
        record=record,
        field="reviewer",
    )
