"""Rule coordinates_check: alereview.coordinates.steps.check with the job's input, output, params and log."""

from alereview.coordinates import steps
from alereview.runner import run_rule

run_rule(steps.check, snakemake)
