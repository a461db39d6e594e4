"""Rule screening_decisions: alereview.screening.steps.decisions with the job's input, output, params and log."""

from alereview.screening import steps
from alereview.runner import run_rule

run_rule(steps.decisions, snakemake)
