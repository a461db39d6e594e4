"""Rule search_pubmed: alereview.search.steps.pubmed with the job's input, output, params and log."""

from alereview.search import steps
from alereview.runner import run_rule

run_rule(steps.pubmed, snakemake)
