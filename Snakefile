# alereview: a coordinate-based (ALE) meta-analysis, from the literature search to the figures.
# The default config reproduces the reference review (examples/reference_review/README.md).

import sys
import time

from snakemake.utils import min_version, update_config

from alereview.config_yaml import read_config_mapping
from alereview.errors import ConfigError
from alereview.runner import stop_before_any_job

min_version("9.0")


# The review is the working directory's config/config.yaml (`--directory DIR` runs the review
# folder DIR), or, instead of it and never merged with it, the files given with --configfile.
# Read with alereview's reader, not `workflow.configfile`: Snakemake's would run YTE templating
# (Python code in the config) before any check; ours refuses YTE, tags and keys given twice.
if not workflow.overwrite_configfiles:
    try:
        update_config(config, read_config_mapping("config/config.yaml"))
    except ConfigError as error:
        stop_before_any_job(error)
    update_config(config, workflow.config_settings.overwrite_config)


include: "rules/common.smk"
include: "rules/search.smk"
include: "rules/dedup.smk"
include: "rules/screening.smk"
include: "rules/coordinates.smk"
include: "rules/ale.smk"
include: "rules/jackknife.smk"
include: "rules/checks.smk"
include: "rules/contrasts.smk"
include: "rules/tables.smk"
include: "rules/figures.smk"
include: "rules/report.smk"
include: "rules/versions.smk"


# On a cluster (profiles/slurm) only ALE, Monte Carlo and jackknife jobs are submitted; the rest
# is light and runs on the submit host, which is also the one that may reach NCBI.
localrules:
    all,
    search_exports,
    search_records,
    dedup_records,
    screening_decisions,
    screening_gate,
    screening_prisma,
    coordinates_check,
    coordinates_build,
    tables_clusters,
    jackknife_gather,
    tables_jackknife,
    tables_studies,
    tables_ale_format,
    figures_analysis,
    figures_jackknife,
    figures_prisma,
    figures_contrast,
    report_html,
    checks_gather_contributions,
    checks_gather_failsafe,
    checks_power,


rule all:
    default_target: True
    input:
        get_final_output,


RUN_STARTED = time.time()


onstart:
    print(expected_time_message(config, workflow.cores), file=sys.stderr)


onsuccess:
    if summary := warnings_summary("logs", RUN_STARTED):
        print(f"\n{summary}", file=sys.stderr)
    if message := planned_stop_message():
        print(f"\n{message}\n", file=sys.stderr)


onerror:
    if summary := warnings_summary("logs", RUN_STARTED):
        print(f"\n{summary}", file=sys.stderr)
