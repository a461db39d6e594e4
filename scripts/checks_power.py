"""Rule checks_power: alereview.checks.steps.power with the job's input, output, params and log."""

from alereview.checks import steps
from alereview.runner import run_rule

run_rule(steps.power, snakemake)
