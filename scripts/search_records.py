"""Rule search_records: alereview.search.steps.records with the job's input, output, params and log."""

from alereview.search import steps
from alereview.runner import run_rule

run_rule(steps.records, snakemake)
