"""Rule tables_jackknife: alereview.tables.steps.jackknife with the job's input, output, params and log."""

from alereview.tables import steps
from alereview.runner import run_rule

run_rule(steps.jackknife, snakemake)
