"""Rule checks_gather_failsafe: alereview.checks.steps.gather_failsafe with the job's input, output, params and log."""

from alereview.checks import steps
from alereview.runner import run_rule

run_rule(steps.gather_failsafe, snakemake)
