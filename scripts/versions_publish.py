"""Rule versions_publish: alereview.versions.steps.publish with the job's input, output, params and log."""

from alereview.runner import run_rule
from alereview.versions import steps

run_rule(steps.publish, snakemake)
