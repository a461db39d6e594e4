"""Rule report_html: alereview.report.steps.html with the job's input, output, params and log."""

from alereview.report import steps
from alereview.runner import run_rule

run_rule(steps.html, snakemake)
