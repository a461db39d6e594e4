"""Subject groups (Turkeltaub et al. 2012): one experiment per group of subjects.

ALE assumes its experiments are independent samples. Several contrasts of the same subjects
(e.g. two tasks in one group) would count those subjects several times; Turkeltaub et al.
(2012, Hum Brain Mapp 33:1-13) pool the foci of all contrasts of a subject group into one
experiment. Inputs say which experiments share subjects by a subject group:

- coordinate tables: a ``subject_group`` column;
- Sleuth files: a ``// SubjectGroup=name`` header line in each experiment (alereview's own
  comment line; GingerALE skips it);
- NIMADS studysets: ``subject_group`` in the analysis' (or its study's) metadata or note.

Experiments of one study and analysis with the same subject group form a group. Config
``coordinates.subject_groups``:

- ``pool``: each group becomes one experiment (its foci combined, in order; n the largest n of
  its experiments, the group's size), named ``<group> (pooled: <conditions>)``;
- ``warn`` (default): nothing is pooled; each group is named in a warning;
- ``off``: neither.

Besides, with ``pool`` or ``warn``, experiments of one study and analysis with the same ``n``
and no subject groups telling them apart are named in a warning: they may share subjects (or
be two arms of the same size: give them different subject groups to say so).
"""

from __future__ import annotations

import numpy as np

from alereview.coordinates.model import Experiment
from alereview.errors import InputError
from alereview.logs import get_logger

LOGGER = get_logger(__name__)

GROUP_COLUMNS = ["analysis", "study_id", "subject_group", "action", "experiment", "experiments", "n", "foci"]


def _by_study(experiments) -> dict:
    found = {}
    for experiment in experiments:
        found.setdefault((experiment.contrast, experiment.study_id), []).append(experiment)
    return found


def declared_groups(experiments) -> list[list]:
    """Lists of 2+ experiments of one analysis and study with the same (non-empty) subject group."""
    groups = []
    for members in _by_study(experiments).values():
        named = {}
        for experiment in members:
            if experiment.subject_group:
                named.setdefault(experiment.subject_group, []).append(experiment)
        groups += [group for group in named.values() if len(group) > 1]
    return groups


def likely_shared(experiments) -> list[list]:
    """Lists of 2+ experiments of one analysis and study with the same n and no group telling them apart."""
    groups = []
    for members in _by_study(experiments).values():
        by_n = {}
        for experiment in members:
            by_n.setdefault(experiment.n, []).append(experiment)
        for same_n in by_n.values():
            if len(same_n) > 1 and len({e.subject_group for e in same_n}) == 1 and not same_n[0].subject_group:
                groups.append(same_n)
    return groups


def pool(group) -> Experiment:
    """One experiment of a subject group: its foci combined, n the group's (largest) n."""
    first = group[0]
    spaces = {e.space for e in group}
    if len(spaces) > 1:
        raise InputError(
            f"subject group {first.subject_group!r} of study {first.study_id!r} mixes spaces {sorted(spaces)}",
            field="subject_group",
            **first.where(),
        )
    conditions = "; ".join(e.condition for e in group)
    pooled = Experiment(
        study_id=first.study_id,
        study_label=first.study_label,
        condition=f"{first.subject_group} (pooled: {conditions})",
        contrast=first.contrast,
        n=max(e.n for e in group),
        space=first.space,
        reported=np.vstack([e.reported for e in group]),
        direction=first.direction if len({e.direction for e in group}) == 1 else "",
        transform=first.transform,
        source=first.source,
        study_text=first.study_text,
        subject_group=first.subject_group,
        roi=any(e.roi for e in group),
        n_source=first.n_source,
    )
    for experiment in group:
        pooled.lines += list(experiment.lines)
        pooled.tables += list(experiment.tables)
        pooled.pages += list(experiment.pages)
    pooled.mni = np.vstack([e.mni for e in group]) if all(e.mni is not None for e in group) else None
    pooled.pooled = [e.name for e in group]
    if first.label:  # the input named its experiments itself: name the pool the same way
        pooled.label = f"{first.study_label}: {pooled.condition}"
    return pooled


def _row(group, action: str, experiment: str = "") -> dict:
    first = group[0]
    return {
        "analysis": first.contrast,
        "study_id": first.study_id,
        "subject_group": first.subject_group,
        "action": action,
        "experiment": experiment,
        "experiments": " | ".join(e.name for e in group),
        "n": "/".join(str(e.n) for e in group),
        "foci": sum(len(e.reported) for e in group),
    }


def apply_subject_groups(experiments, policy: str = "warn") -> tuple[list, list]:
    """Pool (``pool``), or warn about (``warn``), experiments that share subjects.

    Returns
    -------
    experiments : list of Experiment
        With each pooled group replaced by one experiment, where its first member was.
    rows : list of dict
        :data:`GROUP_COLUMNS`: one row per group pooled (``action`` = ``pooled``) or named in a
        warning (``declared`` for a declared group not pooled, ``same_n`` for a likely one).
    """
    if policy == "off":
        return list(experiments), []
    rows, replace = [], {}
    for group in declared_groups(experiments):
        if policy == "pool":
            pooled = pool(group)
            replace[id(group[0])] = pooled
            replace.update({id(e): None for e in group[1:]})
            rows.append(_row(group, "pooled", pooled.name))
            LOGGER.info(
                "%s: pooled subject group %r of %s: %s",
                group[0].contrast,
                group[0].subject_group,
                group[0].study_id,
                "; ".join(e.name for e in group),
            )
        else:
            rows.append(_row(group, "declared"))
            LOGGER.warning(
                "analysis %r: %s share subject group %r; they are not pooled (coordinates.subject_groups: "
                "pool pools them, Turkeltaub et al. 2012)",
                group[0].contrast,
                " and ".join(e.name for e in group),
                group[0].subject_group,
            )
    for group in likely_shared(experiments):
        rows.append(_row(group, "same_n"))
        LOGGER.warning(
            "analysis %r: %s are experiments of the same study with the same n (%d): if they share subjects, "
            "give them the same subject_group (and set coordinates.subject_groups: pool); if not, different "
            "ones",
            group[0].contrast,
            " and ".join(e.name for e in group),
            group[0].n,
        )
    kept = []
    for experiment in experiments:
        new = replace.get(id(experiment), experiment)
        if new is not None:
            kept.append(new)
    return kept, rows
