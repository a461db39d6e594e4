"""Snakemake glue: warnings for analyses with few experiments or an uncorrected threshold."""

from alereview.checks.power import PowerSettings, power_warnings
from alereview.logs import setup_logging
from alereview.tsv import read_json, write_tsv

setup_logging(snakemake.log[0])
analyses = snakemake.params.analyses
summaries = {name: read_json(path) for name, path in zip(analyses, snakemake.input.thresholds, strict=True)}
write_tsv(power_warnings(analyses, summaries, PowerSettings.from_config(snakemake.params.settings)), snakemake.output[0])
