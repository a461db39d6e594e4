"""Rule jackknife_leave_one_out: alereview.jackknife.steps.leave_one_out with the job's input, output, params and log."""

from alereview.jackknife import steps
from alereview.runner import run_rule

run_rule(steps.leave_one_out, snakemake)
