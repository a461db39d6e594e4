"""Rule screening_prisma: alereview.screening.steps.prisma with the job's input, output, params and log."""

from alereview.screening import steps
from alereview.runner import run_rule

run_rule(steps.prisma, snakemake)
