"""Rule checks_gather_contributions: alereview.checks.steps.gather_contributions with the job's input, output, params and log."""

from alereview.checks import steps
from alereview.runner import run_rule

run_rule(steps.gather_contributions, snakemake)
