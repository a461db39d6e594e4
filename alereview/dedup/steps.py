"""The rule of stage 2 (``rules/dedup.smk``): ``steps.records(input, output, params, log)`` runs
the rule ``dedup_records`` (scripts/dedup_records.py)."""

from __future__ import annotations

from alereview.dedup.files import deduplicate_file


def records(input, output, params, log):
    """records.tsv -> clusters, unique records, uncertain pairs and counts."""
    deduplicate_file(input.records, {name: output[name] for name in ("clusters", "unique", "uncertain", "counts")}, params.settings)
