"""Rule coordinates_build: alereview.coordinates.steps.build with the job's input, output, params and log."""

from alereview.coordinates import steps
from alereview.runner import run_rule

run_rule(steps.build, snakemake)
