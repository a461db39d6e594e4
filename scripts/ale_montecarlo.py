"""Rule ale_montecarlo: alereview.ale.steps.montecarlo with the job's input, output, params and log."""

from alereview.ale import steps
from alereview.runner import run_rule

run_rule(steps.montecarlo, snakemake)
