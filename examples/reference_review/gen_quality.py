"""Write the reference review's quality inputs: ``quality/rob1.tsv`` and ``quality/minors.tsv``.

Run once from the repository root (``python examples/reference_review/gen_quality.py``); the
workflow reads the committed files and never runs this. Deterministic: no randomness.

Sources, in the paper (seed 001, section 3.3 and Table 3):

* MINORS: Table 3 as transcribed in ``facts/table3_minors.tsv`` — every score is the paper's.
  Table 3 calls ref 29 "Chen et al."; the study table calls it "Zhihong et al." (Tables 1-2):
  studies are matched by reference number.
* RoB 1 (Cochrane, 7 domains) for the 8 RCTs (refs 11, 19, 21-24, 26, 28). The paper's Figure 2
  (the judgements themselves) is an image we do not have; section 3.3 describes the methods of
  each study. Each row's ``support`` says ``Stated:`` when section 3.3 states the judgement or
  the fact it rests on for that study, ``Inferred:`` when we applied the Cochrane Handbook's
  criteria (chapter 8, version 5.1) to what the paper states, or to Table 1 where it says nothing.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent

RCTS = (11, 19, 21, 22, 23, 24, 26, 28)


def rob1_judgement(ref: int, domain: str) -> tuple[str, str]:
    """(judgement, support) of one RCT in one RoB 1 domain, from section 3.3."""
    if domain == "random_sequence_generation":
        if ref in (11, 21):
            # Stated method; Low is the Handbook's rating for computer random number generators.
            return "Low", "Stated: randomisation by computer software (section 3.3)."
        if ref in (19, 22, 23, 24, 26):
            return "Low", "Stated: random number table (section 3.3)."
        # Ref 28 says "random" only: the Handbook rates an unspecified method Unclear.
        return "Unclear", "Inferred: the paper says the study mentioned 'random' without details (section 3.3)."
    if domain == "allocation_concealment":
        if ref in (11, 19, 21, 23, 24):
            return "Low", "Stated: sealed envelopes (section 3.3)."
        return "Unclear", "Inferred: allocation concealment not mentioned (section 3.3), rated Unclear."
    if domain == "blinding_participants_personnel":
        if ref == 19:
            return "Low", "Stated: triple-blind (section 3.3)."
        return "High", "Stated: blinding not discussed, 'resulting in high performance bias' (section 3.3)."
    if domain == "blinding_outcome_assessment":
        if ref == 19:
            # Triple blinding covers the outcome assessors.
            return "Low", "Inferred: triple-blind includes the outcome assessors (section 3.3)."
        return "Unclear", "Inferred: blinding of outcome assessors not discussed (section 3.3)."
    if domain == "incomplete_outcome_data":
        # The paper: "Some missing data led to high attrition bias", without naming the studies.
        # Ref 11 is the only 1:1 RCT whose arms differ in size in Table 1 (11 vs 10): a dropout.
        if ref == 11:
            return (
                "High",
                "Inferred: 'some missing data led to high attrition bias' (section 3.3); arms of 11 and 10 in Table 1 suggest a dropout.",
            )
        return "Low", "Inferred: no missing data evident (complete arms in Table 1); the paper does not name the studies with attrition."
    if domain == "selective_reporting":
        return "Low", "Stated: no evidence of selective reporting in any study, rated low risk (section 3.3)."
    if domain == "other_bias":
        return "Low", "Stated: no other significant risks identified, rated low risk (section 3.3)."
    raise ValueError(domain)


ROB1_DOMAINS = (
    "random_sequence_generation",
    "allocation_concealment",
    "blinding_participants_personnel",
    "blinding_outcome_assessment",
    "incomplete_outcome_data",
    "selective_reporting",
    "other_bias",
)


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def write_rows(path, header, rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def generate(out_dir=HERE, rng_seed=None):
    """Write ``quality/rob1.tsv`` and ``quality/minors.tsv`` under ``out_dir``.

    Nothing here is random (``rng_seed`` is accepted for generate.py's common interface): the
    judgements follow the paper's statements, as ``rob1_judgement`` documents.
    """
    out_dir = Path(out_dir)
    studies = read_rows(HERE / "studies.tsv")
    study_id_of_ref = {int(s["ref"]): s["study_id"] for s in studies}

    # RoB 1, in the study table's order.
    rob_rows = []
    for study in studies:
        ref = int(study["ref"])
        if ref not in RCTS:
            continue
        assert study["design"] == "RCT", study
        for domain in ROB1_DOMAINS:
            judgement, support = rob1_judgement(ref, domain)
            rob_rows.append([study["study_id"], domain, judgement, support])
    write_rows(out_dir / "quality" / "rob1.tsv", ["study_id", "domain", "judgement", "support"], rob_rows)

    # MINORS, in Table 3's column order; every score is the paper's.
    table3 = read_rows(HERE / "facts" / "table3_minors.tsv")
    study_columns = [c for c in table3[0] if re.search(r"\((\d+)\)$", c)]
    item_rows = [r for r in table3 if r["item"].isdigit()]
    minors_rows = []
    for column in study_columns:
        ref = int(re.search(r"\((\d+)\)$", column).group(1))
        minors_rows.append([study_id_of_ref[ref], *[r[column] for r in item_rows]])
    header = ["study_id", *[f"item_{r['item']}" for r in item_rows]]
    write_rows(out_dir / "quality" / "minors.tsv", header, minors_rows)


if __name__ == "__main__":
    generate()
