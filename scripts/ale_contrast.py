"""Rule ale_contrast: alereview.ale.steps.contrast with the job's input, output, params and log."""

from alereview.ale import steps
from alereview.runner import run_rule

run_rule(steps.contrast, snakemake)
