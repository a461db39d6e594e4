"""Rule figures_jackknife: alereview.figures.steps.jackknife with the job's input, output, params and log."""

from alereview.figures import steps
from alereview.runner import run_rule

run_rule(steps.jackknife, snakemake)
