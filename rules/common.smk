# Config validation, shared settings and input functions.

import os

from snakemake.utils import validate

from alereview.config import validate_config

# One clear message naming the key first (alereview's validator also checks that files exist),
# then Snakemake's own validation, which fills in the schema's defaults the same way.
validate_config(config, workflow.source_path("../config/schema.yaml"), base_dir=workflow.basedir)
validate(config, "../config/schema.yaml")

# Headless plotting with a writable cache, for every rule that draws.
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("MPLCONFIGDIR", os.path.abspath(".snakemake/matplotlib"))

SIMULATED = config["review"]["simulated_inputs"]
ANALYSES = list(config["analyses"])


def get_final_output():
    """The final outputs of the configured review: what `snakemake` builds by default."""
    return [
        "results/tables/table1_studies.tsv",
        "results/tables/table1_studies.md",
    ]
