"""Rule jackknife_contribution: alereview.jackknife.steps.contribution with the job's input, output, params and log."""

from alereview.jackknife import steps
from alereview.runner import run_rule

run_rule(steps.contribution, snakemake)
