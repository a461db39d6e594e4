"""Rule figures_prisma: alereview.figures.steps.prisma with the job's input, output, params and log."""

from alereview.figures import steps
from alereview.runner import run_rule

run_rule(steps.prisma, snakemake)
