"""Rule tables_ale_format: alereview.tables.steps.ale_format with the job's input, output, params and log."""

from alereview.tables import steps
from alereview.runner import run_rule

run_rule(steps.ale_format, snakemake)
