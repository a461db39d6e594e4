"""Rule checks_prisma_s: alereview.checks.steps.prisma_s with the job's input, output, params and log."""

from alereview.checks import steps
from alereview.runner import run_rule

run_rule(steps.prisma_s, snakemake)
