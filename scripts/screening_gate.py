"""Snakemake glue: the screening gate; a planned stop (gate.json says why) while records await decisions."""

from alereview.logs import setup_logging
from alereview.screening.workflow import run_gate

setup_logging(snakemake.log[0])
run_gate(snakemake.input.decisions, snakemake.input.to_screen, snakemake.input.unique,
         snakemake.input.clusters, snakemake.input.records, snakemake.output.included,
         snakemake.output.gate, snakemake.input.to_screen_ris, uncertain_path=snakemake.input.uncertain,
         template_path=snakemake.output.template, planned_stop=True)
