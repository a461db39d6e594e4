"""Rule dedup_records: alereview.dedup.steps.records with the job's input, output, params and log."""

from alereview.dedup import steps
from alereview.runner import run_rule

run_rule(steps.records, snakemake)
