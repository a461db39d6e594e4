"""One study table (TSV, Markdown, HTML, LaTeX) from the study table and/or the coordinates."""

from pathlib import Path

from alereview.logs import setup_logging
from alereview.study_tables import read_study_table
from alereview.tables import write_study_table
from alereview.tsv import read_tsv

setup_logging(snakemake.log[0])
studies = snakemake.input.get("studies")
foci = snakemake.input.get("foci")
write_study_table(snakemake.params.spec or None, read_study_table(studies) if studies else None,
                  read_tsv(foci) if foci else None, Path(snakemake.output.tsv).parent,
                  number=snakemake.params.number, simulated=snakemake.params.simulated,
                  studies_path=studies or "studies")
