"""Snakemake glue: the coordinates stage (alereview.coordinates.build)."""

from pathlib import Path

from alereview.coordinates.build import CheckSettings, build, write_outputs
from alereview.logs import setup_logging

setup_logging(snakemake.log[0])
settings = snakemake.params.coordinates
result = build(settings["tables"], settings["sleuth"], snakemake.input.get("studies"), snakemake.params.analyses,
               transform=settings["transform"], included=snakemake.input.get("included"), unmatched=settings["unmatched"],
               mask=snakemake.params.mask, mask_check=settings["mask_check"], studysets=settings.get("studysets", []),
               settings=CheckSettings.from_config(settings))
# Every output lives beside summary.tsv, named by analysis (rules/coordinates.smk).
write_outputs(result, Path(snakemake.output.summary).parent, snakemake.params.review_id, snakemake.params.simulated)
