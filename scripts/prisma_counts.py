"""Snakemake glue: PRISMA 2020 counts from the data -> results/prisma/prisma.csv."""

from alereview.logs import setup_logging
from alereview.screening.workflow import run_prisma

setup_logging(snakemake.log[0])
run_prisma(snakemake.input.decisions, snakemake.input.unique, snakemake.input.clusters,
           snakemake.input.records, snakemake.output.prisma, snakemake.input.counts,
           snakemake.input.search[0] if snakemake.input.search else None,
           snakemake.params.snapshot_dir, snakemake.params.databases, foci_path=snakemake.input.get("foci"))
