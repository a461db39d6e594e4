"""Rule figures_quality: alereview.figures.steps.quality with the job's input, output, params and log."""

from alereview.figures import steps
from alereview.runner import run_rule

run_rule(steps.quality, snakemake)
