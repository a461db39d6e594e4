"""Rule search_exports: alereview.search.steps.exports with the job's input, output, params and log."""

from alereview.search import steps
from alereview.runner import run_rule

run_rule(steps.exports, snakemake)
