"""Snakemake glue: records.tsv -> clusters, unique records, uncertain pairs, counts."""

from alereview.dedup.cli import run
from alereview.logs import setup_logging

setup_logging(snakemake.log[0])  # noqa: F821
run(
    snakemake.input.records,  # noqa: F821
    {name: getattr(snakemake.output, name) for name in ("clusters", "unique", "uncertain", "counts")},  # noqa: F821
    snakemake.params.settings,  # noqa: F821
)
