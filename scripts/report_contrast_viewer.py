"""Rule report_contrast_viewer: alereview.report.steps.contrast_viewer with the job's input, output, params and log."""

from alereview.report import steps
from alereview.runner import run_rule

run_rule(steps.contrast_viewer, snakemake)
