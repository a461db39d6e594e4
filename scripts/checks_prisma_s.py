"""Snakemake glue: the 16 PRISMA-S items with what the run recorded."""

from alereview.checks.prisma_s import prisma_s_items
from alereview.logs import setup_logging
from alereview.tsv import read_json, write_tsv

setup_logging(snakemake.log[0])
pubmed = read_json(snakemake.input.pubmed[0]) if snakemake.input.pubmed else None
table = prisma_s_items(snakemake.params.config, pubmed, read_json(snakemake.input.provenance), read_json(snakemake.input.counts))
write_tsv(table, snakemake.output[0])
