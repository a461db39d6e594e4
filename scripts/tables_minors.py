"""Table 3, MINORS scores (TSV, Markdown, HTML, LaTeX), studies named as in the study table."""

from pathlib import Path

from alereview.logs import setup_logging
from alereview.study_tables import read_study_table, study_rows
from alereview.tables import write_table3
from alereview.tsv import read_tsv

setup_logging(snakemake.log[0])
studies, foci = snakemake.input.get("studies"), snakemake.input.get("foci")
rows = study_rows(read_study_table(studies) if studies else None, read_tsv(foci) if foci else None)
write_table3(snakemake.input.minors, rows, Path(snakemake.output.tsv).parent,
             number=snakemake.params.number, simulated=snakemake.params.simulated)
