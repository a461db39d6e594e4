# Stage rules: a living review's versions (alereview/versions/, docs/versions.md).
#
# versions_changes   which version this run is and what triggered it (new cutoff, new export,
#                    changed included experiments), what changed since the previous published
#                    version (results/versions/changes.tsv), the history of all versions, the
#                    living PRISMA counts (prisma_living.csv) and diagram. Before the report.
# versions_publish   after every other final output: publishes results/versions/v<N>/ when this
#                    run is a new version (hard links to unchanged files, read-only). Its only
#                    declared output is results/versions/published.json: no rule ever declares
#                    a published file, so Snakemake never deletes one before re-running a job,
#                    and a failed run never reaches this rule.
#
# Needs from rules/common.smk: P, CONFIG_FILE, FIG_PARAMS, versions_config and the input
# functions of its section "versions" (get_final_output: layout.final_outputs lists the
# versions' outputs last, layout.versions_outputs).


rule versions_changes:
    input:
        unpack(versions_change_inputs),
    output:
        changes=P("versions_changes"),
        current=P("versions_current"),
        history=P("versions_history"),
        prisma=P("versions_prisma"),
        figures=versions_figure_outputs(),
    log:
        "logs/versions/versions_changes.log",
    params:
        config=versions_config(config),
        dpi=FIG_PARAMS["dpi"],
    script:
        "../scripts/versions_changes.py"


rule versions_publish:
    input:
        versions_publish_inputs,
        current=P("versions_current"),
    output:
        P("versions_published"),
    log:
        "logs/versions/versions_publish.log",
    params:
        config=config,
        config_file=CONFIG_FILE,
    script:
        "../scripts/versions_publish.py"


localrules:
    versions_changes,
    versions_publish,
