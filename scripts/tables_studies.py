"""Tables 1-3 (TSV, Markdown, LaTeX) from the study table and the MINORS scores."""

from pathlib import Path

from alereview.logs import setup_logging
from alereview.tables import write_study_tables

setup_logging(snakemake.log[0])
write_study_tables(
    snakemake.input.studies,
    Path(snakemake.output.table1).parent,
    minors_path=snakemake.input.get("minors") or None,
    simulated=snakemake.params.simulated,
)
