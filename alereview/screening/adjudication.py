"""Final decisions from two reviewers and an arbiter.

For each record at one stage:

* both reviewers made the same decision (include, exclude, not retrieved): that decision;
* they differ, or one said "maybe" (a maybe against a decision is a conflict, as is maybe
  against maybe): the arbiter's decision settles it; without one it is an error that lists
  every such record, because nobody else may settle it;
* one reviewer has not decided yet (and no arbiter did): the record is pending and goes to
  ``to_screen.tsv``;
* a decision a tool already settled (reviewer ``consensus``, e.g. a Covidence list) is final;
* with a single configured reviewer, that reviewer's decision is final.

The same reviewer deciding the same record twice is fine when the decisions agree (the same
record exported twice, say) and an error when they contradict. A full-text exclusion needs a
reason: the arbiter's when the arbiter settled it, else the first reviewer's that has one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from alereview.errors import InputError
from alereview.logs import get_logger
from alereview.screening.votes import CONSENSUS, EXCLUDE, FINAL_DECISIONS, MAYBE, STAGE_LABELS

LOG = get_logger(__name__)
MAX_LISTED = 20


@dataclass(frozen=True)
class Final:
    """The settled decision on one record at one stage."""

    record_key: str
    stage: str
    decision: str
    reason: str
    decided_by: str
    votes: str
    where: str


def _listing(items) -> str:
    items = list(items)
    shown = "; ".join(items[:MAX_LISTED])
    return shown + (f"; ... and {len(items) - MAX_LISTED} more" if len(items) > MAX_LISTED else "")


def collect(matched):
    """Votes by record and reviewer, with contradicting duplicates rejected.

    Parameters
    ----------
    matched : list of (str, Vote)
        Record key and vote.

    Returns
    -------
    dict
        ``{record_key: {reviewer: Vote}}``.

    Raises
    ------
    InputError
        When a reviewer decided a record twice in contradiction.
    """
    by_record = defaultdict(dict)
    contradictions = []
    for key, vote in matched:
        earlier = by_record[key].get(vote.reviewer)
        if earlier is None:
            by_record[key][vote.reviewer] = vote
        elif earlier.decision != vote.decision:
            contradictions.append((key, earlier, vote))
        elif vote.reason and not earlier.reason:
            by_record[key][vote.reviewer] = vote
    if contradictions:
        key, first, second = contradictions[0]
        listed = _listing(f"{k} by {a.reviewer}: {a.decision} ({a.where()}) vs {b.decision} ({b.where()})" for k, a, b in contradictions)
        raise InputError(
            f"{len(contradictions)} record(s) decided twice in contradiction at {STAGE_LABELS[first.stage]}: {listed}",
            path=second.path,
            line=second.line,
            record=key,
            field="decision",
        )
    return by_record


def _reason(chosen, votes_in_order, key, stage):
    if chosen.decision != EXCLUDE or stage != "full_text":
        return chosen.reason if chosen.decision == EXCLUDE else ""
    reason = chosen.reason or next((v.reason for v in votes_in_order if v.decision == EXCLUDE and v.reason), "")
    if not reason:
        where = ", ".join(v.where() for v in votes_in_order)
        raise InputError(
            f"full-text exclusion without a reason (votes at {where}); PRISMA needs one reason per excluded report",
            path=chosen.path,
            line=chosen.line,
            record=key,
            field="reason",
        )
    return reason


def adjudicate(matched, stage, reviewers, arbiter=""):
    """Settle every record's decision at one stage.

    Parameters
    ----------
    matched : list of (str, Vote)
        Record key and vote, for this stage.
    stage : {'title_abstract', 'full_text'}
    reviewers : list of str
        One or two reviewers, in config order.
    arbiter : str

    Returns
    -------
    finals : dict
        ``{record_key: Final}``.
    pending : dict
        ``{record_key: [reviewers still to decide]}``.
    votes : dict
        ``{record_key: {reviewer: Vote}}`` (for agreement statistics).

    Raises
    ------
    InputError
        For contradicting duplicate votes, a conflict the arbiter has not settled (listing
        every such record) or a full-text exclusion without a reason.
    """
    by_record = collect(matched)
    finals, pending, conflicts = {}, {}, []
    for key in sorted(by_record):
        votes = by_record[key]
        ordered = [votes[r] for r in reviewers if r in votes]
        summary = "; ".join(f"{v.reviewer}={v.decision}" for v in ordered + [votes[n] for n in (arbiter, CONSENSUS) if n and n in votes])
        chosen, decided_by = None, ""
        decisions = {v.decision for v in ordered}
        if CONSENSUS in votes:
            chosen, decided_by = votes[CONSENSUS], CONSENSUS
        elif len(ordered) == len(reviewers) and len(decisions) == 1 and MAYBE not in decisions:
            chosen, decided_by = ordered[0], "+".join(reviewers)
            if arbiter in votes and votes[arbiter].decision != chosen.decision:
                LOG.warning(
                    "%s: the reviewers agree (%s); the arbiter's %s (%s) is not used",
                    key,
                    chosen.decision,
                    votes[arbiter].decision,
                    votes[arbiter].where(),
                )
        elif arbiter and arbiter in votes and votes[arbiter].decision in FINAL_DECISIONS:
            chosen, decided_by = votes[arbiter], f"{arbiter} (arbiter)"
        elif len(ordered) == len(reviewers):
            conflicts.append((key, ordered))
            continue
        else:
            pending[key] = [r for r in reviewers if r not in votes]
            continue
        reason = _reason(chosen, [chosen] + ordered, key, stage)
        where = "; ".join(v.where() for v in sorted(votes.values(), key=lambda v: (v.path, v.line or 0)))
        finals[key] = Final(key, stage, chosen.decision, reason, decided_by, summary, where)
    if conflicts:
        key, ordered = conflicts[0]
        listed = _listing(f"{k} ({', '.join(f'{v.reviewer}={v.decision} at {v.where()}' for v in vs)})" for k, vs in conflicts)
        who = f"the arbiter ({arbiter}) must decide them" if arbiter else "no arbiter is configured (screening.arbiter)"
        raise InputError(
            f"{len(conflicts)} conflict(s) at {STAGE_LABELS[stage]} without an arbiter's decision; {who}: {listed}",
            path=ordered[-1].path,
            line=ordered[-1].line,
            record=key,
            field="decision",
        )
    return finals, pending, by_record
