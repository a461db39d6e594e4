"""Rule tables_studies: alereview.tables.steps.studies with the job's input, output, params and log."""

from alereview.tables import steps
from alereview.runner import run_rule

run_rule(steps.studies, snakemake)
