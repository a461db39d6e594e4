"""Rule versions_changes: alereview.versions.steps.changes with the job's input, output, params and log."""

from alereview.runner import run_rule
from alereview.versions import steps

run_rule(steps.changes, snakemake)
