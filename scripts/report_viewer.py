"""One map viewer page (an analysis's or a contrast's thresholded map) for `snakemake --report`."""

from alereview.logs import setup_logging
from alereview.report.viewer import viewer_page

setup_logging(snakemake.log[0])
p = snakemake.params
viewer_page(snakemake.output[0], dict(snakemake.input.items()), p.title, contrast=p.get("contrast"), simulated=p.simulated)
