"""Quality of the included studies: Cochrane risk of bias (RoB 1, RoB 2) and MINORS scores.

Two inputs, both TSV with one row per judgement or per study:

* risk of bias, long format ``study_id, domain, judgement, support`` (the layout of robvis and
  RevMan exports): one row per study and domain; an optional ``overall`` domain overrides the
  computed overall judgement (the worst domain, as robvis does);
* MINORS, wide format ``study_id, item_1 ... item_12``: scores 0, 1 or 2, items 9-12 left empty
  for non-comparative studies (Slim et al. 2003, ANZ J Surg 73:712).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from alereview.errors import InputError
from alereview.tsv import read_tsv


@dataclass(frozen=True)
class RobTool:
    """A risk-of-bias tool: its domains (key, label) and the judgements it allows, best first."""

    name: str
    domains: tuple
    judgements: tuple


ROB1 = RobTool(
    name="RoB 1",
    domains=(
        ("random_sequence_generation", "Random sequence generation (selection bias)"),
        ("allocation_concealment", "Allocation concealment (selection bias)"),
        ("blinding_participants_personnel", "Blinding of participants and personnel (performance bias)"),
        ("blinding_outcome_assessment", "Blinding of outcome assessment (detection bias)"),
        ("incomplete_outcome_data", "Incomplete outcome data (attrition bias)"),
        ("selective_reporting", "Selective reporting (reporting bias)"),
        ("other_bias", "Other bias"),
    ),
    judgements=("Low", "Unclear", "High"),
)

ROB2 = RobTool(
    name="RoB 2",
    domains=(
        ("randomisation_process", "Bias arising from the randomisation process"),
        ("deviations_from_intervention", "Bias due to deviations from intended interventions"),
        ("missing_outcome_data", "Bias due to missing outcome data"),
        ("outcome_measurement", "Bias in measurement of the outcome"),
        ("selected_result", "Bias in selection of the reported result"),
    ),
    judgements=("Low", "Some concerns", "High"),
)

TOOLS = {"rob1": ROB1, "rob2": ROB2}

#: Judgements every tool accepts besides its own (robvis: "No information").
NO_INFORMATION = "No information"

#: Spellings users write for the canonical judgements.
_SYNONYMS = {
    "low": "Low",
    "low risk": "Low",
    "+": "Low",
    "unclear": "Unclear",
    "unclear risk": "Unclear",
    "?": "Unclear",
    "some concerns": "Some concerns",
    "some": "Some concerns",
    "high": "High",
    "high risk": "High",
    "-": "High",
    "critical": "Critical",
    "no information": NO_INFORMATION,
    "ni": NO_INFORMATION,
}

MINORS_ITEMS = (
    "A clearly stated aim",
    "Inclusion of consecutive patients",
    "Prospective collection of data",
    "Endpoints appropriate to the aim of the study",
    "Unbiased assessment of the study endpoint",
    "Follow-up period appropriate to the aim of the study",
    "Loss to follow up less than 5%",
    "Prospective calculation of the study size",
    "An adequate control group",
    "Contemporary groups",
    "Baseline equivalence of groups",
    "Adequate statistical analyses",
)
#: Items 9-12 apply to comparative studies only.
MINORS_COMPARATIVE_FIRST = 9


def _require_columns(df, columns, path):
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InputError(f"missing column(s) {missing}; the file has {list(df.columns)}", path=path, field=missing[0])


def read_rob(path, tool="rob1") -> pd.DataFrame:
    """Read risk-of-bias judgements and return them as a study × domain table.

    Parameters
    ----------
    path : str or Path
        Long-format TSV ``study_id, domain, judgement[, support]``.
    tool : {"rob1", "rob2"}
        Which tool's domains and judgements to expect.

    Returns
    -------
    pandas.DataFrame
        Index ``study_id`` in file order; one column per domain in the tool's order, then
        ``overall`` (as given, else the worst domain).

    Raises
    ------
    InputError
        For an unknown domain or judgement (naming the line), a study missing a domain, or a
        domain given twice for a study.
    """
    rob_tool = TOOLS[tool]
    df = read_tsv(path)
    _require_columns(df, ["study_id", "domain", "judgement"], path)
    domain_keys = [key for key, _ in rob_tool.domains]
    allowed = set(rob_tool.judgements) | {NO_INFORMATION, "Critical"}
    judgements: dict[str, dict[str, str]] = {}
    for index, row in enumerate(df.itertuples(index=False), start=2):
        domain = row.domain.strip()
        if domain not in domain_keys and domain != "overall":
            raise InputError(
                f"unknown {rob_tool.name} domain {domain!r}; expected one of {domain_keys + ['overall']}",
                path=path,
                line=index,
                field="domain",
            )
        judgement = _SYNONYMS.get(row.judgement.strip().lower())
        if judgement not in allowed:
            raise InputError(
                f"unknown judgement {row.judgement!r}; expected one of {sorted(allowed)}", path=path, line=index, field="judgement"
            )
        study = judgements.setdefault(row.study_id.strip(), {})
        if domain in study:
            raise InputError(f"study {row.study_id!r} has domain {domain!r} twice", path=path, line=index, field="domain")
        study[domain] = judgement
    rows = []
    for study_id, study in judgements.items():
        missing = [d for d in domain_keys if d not in study]
        if missing:
            raise InputError(f"no judgement for domain(s) {missing}", path=path, record=study_id, field="domain")
        overall = study.get("overall") or worst_judgement([study[d] for d in domain_keys], rob_tool)
        rows.append({"study_id": study_id, **{d: study[d] for d in domain_keys}, "overall": overall})
    return pd.DataFrame(rows, columns=["study_id", *domain_keys, "overall"]).set_index("study_id")


def worst_judgement(values, tool=ROB1) -> str:
    """The overall judgement of a study: its worst domain (robvis's rule).

    ``No information`` counts as the middle category, so it never hides a High.

    Examples
    --------
    >>> worst_judgement(["Low", "Unclear", "Low"])
    'Unclear'
    """
    order = {j: i for i, j in enumerate(tool.judgements)}
    order[NO_INFORMATION] = 1
    order["Critical"] = len(tool.judgements)
    return max(values, key=lambda j: order[j])


def read_minors(path) -> pd.DataFrame:
    """Read MINORS scores.

    Parameters
    ----------
    path : str or Path
        Wide TSV ``study_id, item_1 ... item_12``.

    Returns
    -------
    pandas.DataFrame
        Index ``study_id``; integer columns ``item_1`` .. ``item_12`` (``<NA>`` where not
        applicable), ``total`` and ``ideal`` (16 for non-comparative studies, 24 for
        comparative ones).

    Raises
    ------
    InputError
        For a score other than 0, 1, 2 (naming line and item), or a study that scores only
        some of the comparative items 9-12.
    """
    df = read_tsv(path)
    items = [f"item_{i}" for i in range(1, len(MINORS_ITEMS) + 1)]
    _require_columns(df, ["study_id", *items], path)
    rows = []
    for index, row in enumerate(df.to_dict("records"), start=2):
        scores = {}
        for item in items:
            text = row[item].strip()
            number = int(item.split("_")[1])
            if text == "" and number >= MINORS_COMPARATIVE_FIRST:
                scores[item] = pd.NA
                continue
            if text not in {"0", "1", "2"}:
                raise InputError(f"MINORS score must be 0, 1 or 2, not {text!r}", path=path, line=index, field=item)
            scores[item] = int(text)
        comparative = [scores[f"item_{i}"] for i in range(MINORS_COMPARATIVE_FIRST, len(MINORS_ITEMS) + 1)]
        n_missing = sum(value is pd.NA for value in comparative)
        if n_missing not in (0, len(comparative)):
            raise InputError("items 9-12 apply to comparative studies: score all four or none", path=path, line=index, field="item_9")
        scores["total"] = sum(v for v in scores.values() if v is not pd.NA)
        scores["ideal"] = 2 * (len(MINORS_ITEMS) - (len(comparative) if n_missing else 0))
        rows.append({"study_id": row["study_id"].strip(), **scores})
    out = pd.DataFrame(rows).set_index("study_id")
    return out.astype("Int64")
