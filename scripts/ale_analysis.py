"""Rule ale_analysis: alereview.ale.steps.analysis with the job's input, output, params and log."""

from alereview.ale import steps
from alereview.runner import run_rule

run_rule(steps.analysis, snakemake)
