# alereview: a coordinate-based (ALE) meta-analysis, from the literature search to the figures.
# The default config reproduces the reference review (resources/reference_review/README.md).

from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


include: "rules/common.smk"
include: "rules/search.smk"
include: "rules/dedup.smk"
include: "rules/screening.smk"
include: "rules/coordinates.smk"
include: "rules/ale.smk"
include: "rules/jackknife.smk"
include: "rules/tables.smk"
include: "rules/figures.smk"
include: "rules/report.smk"


rule all:
    input:
        get_final_output(),
    default_target: True
