"""Snakemake glue: gather every source's records → results/records/records.tsv + provenance.json."""

from alereview.logs import setup_logging
from alereview.search.stage import run_build_records

setup_logging(snakemake.log[0])
run_build_records(list(snakemake.input.tables), list(snakemake.input.infos), snakemake.output.records,
                  snakemake.output.provenance, keep_ledger=True)
