"""Snakemake glue: the screening gate; exits 1 with a clear message while records await decisions."""

import sys

from alereview.logs import get_logger, setup_logging
from alereview.screening.gate import ScreeningIncomplete
from alereview.screening.workflow import run_gate

setup_logging(snakemake.log[0])
try:
    run_gate(snakemake.input.decisions, snakemake.input.to_screen, snakemake.input.unique,
             snakemake.input.clusters, snakemake.input.records, snakemake.output.included,
             snakemake.output.gate, snakemake.input.to_screen_ris)
except ScreeningIncomplete as message:
    get_logger("screening_gate").error("%s", message)
    print(f"\nalereview screening gate: {message}\n", file=sys.stderr)
    sys.exit(1)
