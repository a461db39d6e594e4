"""Rule figures_contrast: alereview.figures.steps.contrast with the job's input, output, params and log."""

from alereview.figures import steps
from alereview.runner import run_rule

run_rule(steps.contrast, snakemake)
