"""Rule checks_contributions: alereview.checks.steps.contributions with the job's input, output, params and log."""

from alereview.checks import steps
from alereview.runner import run_rule

run_rule(steps.contributions, snakemake)
