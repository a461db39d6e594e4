"""Rule screening_gate: alereview.screening.steps.gate with the job's input, output, params and log."""

from alereview.screening import steps
from alereview.runner import run_rule

run_rule(steps.gate, snakemake)
