"""From decision files to settled decisions: who decided what, at which stage, and what is left.

The stages run in order: every deduplicated record is screened on title and abstract; those
included there reach full text. A record lacks a decision at the stage it has reached when the
reviewers (or the arbiter) have not settled it yet; those records are the ones
``to_screen.tsv`` lists. Decision files are read, never written.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from alereview.errors import InputError
from alereview.logs import get_logger
from alereview.screening.adjudication import adjudicate
from alereview.screening.agreement import agreement_table
from alereview.screening.matching import RecordIndex
from alereview.screening.readers import read_decision_file
from alereview.screening.votes import INCLUDE, STAGE_LABELS, STAGES

LOG = get_logger(__name__)

DECISION_COLUMNS = ["record_key", "stage", "decision", "reason", "decided_by", "votes", "source"]


@dataclass
class Screening:
    """The state of screening.

    Attributes
    ----------
    decisions : pandas.DataFrame
        One row per record and stage with a settled decision (:data:`DECISION_COLUMNS`).
    agreement : pandas.DataFrame
        One row per stage (:data:`alereview.screening.agreement.COLUMNS`).
    pending : dict
        ``{record_key: (stage, [reviewers still to decide])}``.
    included : list of str
        Record keys included at full text.
    index : RecordIndex
    """

    decisions: pd.DataFrame
    agreement: pd.DataFrame
    pending: dict
    included: list
    index: RecordIndex


def read_votes(config_screening, base_dir="."):
    """Votes of every decision file in config ``screening``, by stage."""
    reviewers = list(config_screening["reviewers"])
    arbiter = config_screening.get("arbiter", "") or ""
    votes = {}
    for stage in STAGES:
        votes[stage] = []
        for number, spec in enumerate(config_screening.get(stage, []) or []):
            read = read_decision_file(spec, stage, reviewers, arbiter, base_dir, f"screening.{stage}[{number}]")
            LOG.info("%s: %d %s decisions", spec["path"], len(read), STAGE_LABELS[stage])
            votes[stage] += read
    return votes


def screen(index: RecordIndex, votes, reviewers, arbiter="") -> Screening:
    """Settle the decisions of every record.

    Parameters
    ----------
    index : RecordIndex
        The deduplicated records.
    votes : dict
        ``{stage: [Vote]}`` (:func:`read_votes`).
    reviewers : list of str
    arbiter : str

    Returns
    -------
    Screening

    Raises
    ------
    InputError
        For an unknown or ambiguous record, contradicting decisions, an unsettled conflict, a
        full-text exclusion without reason, or a full-text decision on a record that title and
        abstract screening did not include.
    """
    per_stage, rows, pending = {}, [], {}
    reached = set(index.records)
    for stage in STAGES:
        matched = [(index.match(vote), vote) for vote in votes.get(stage, [])]
        for key, vote in matched:
            if key not in reached:
                earlier = per_stage["title_abstract"][0].get(key)
                state = (
                    f"was decided {earlier.decision!r} at title/abstract ({earlier.where})"
                    if earlier
                    else "has no title/abstract decision yet"
                )
                raise InputError(
                    f"full-text decision for {key}, which {state}", path=vote.path, line=vote.line, record=vote.label, field="decision"
                )
        finals, waiting, by_record = adjudicate(matched, stage, reviewers, arbiter)
        per_stage[stage] = (finals, waiting, by_record)
        for key in sorted(reached):
            if key in finals:
                final = finals[key]
                rows.append([key, stage, final.decision, final.reason, final.decided_by, final.votes, final.where])
            else:
                pending[key] = (stage, waiting.get(key, list(reviewers)))
        reached = {key for key, final in finals.items() if final.decision == INCLUDE}
    decisions = pd.DataFrame(rows, columns=DECISION_COLUMNS)
    agreement = agreement_table({s: (v[2], v[0], v[1]) for s, v in per_stage.items()}, reviewers, arbiter)
    included = sorted(reached)
    LOG.info("%d records; %d decisions settled; %d pending; %d included", len(index.records), len(decisions), len(pending), len(included))
    return Screening(decisions, agreement, pending, included, index)
