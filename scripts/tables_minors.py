"""Rule tables_minors: alereview.tables.steps.minors with the job's input, output, params and log."""

from alereview.tables import steps
from alereview.runner import run_rule

run_rule(steps.minors, snakemake)
