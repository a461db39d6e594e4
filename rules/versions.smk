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
# Needs from rules/common.smk: ANALYSES, STAGES, P, CONFIG_FILE, FIG_PARAMS, FIG_VECTOR,
# SEARCH_EXPORTS, wait_for_gate, get_final_output (layout.final_outputs lists the versions' outputs
# last: layout.versions_outputs); from rules/checks.smk: CHECKS_FAILSAFE.

from alereview.versions.manifest import versions_config


def versions_change_inputs(wildcards):
    """Every file the comparison reads, so that any change re-runs it (after the screening gate)."""
    wait_for_gate()
    roles = ["ale_clusters", "ale_clusters_img", "ale_threshold", "ale_experiments"]
    roles += ["jackknife"] if STAGES.jackknife else []
    roles += ["checks_failsafe_analysis"] if CHECKS_FAILSAFE else []
    inputs = {role: expand(P(role), analysis=ANALYSES) for role in roles}
    if STAGES.screening:
        inputs.update(included=P("included"), decisions=P("decisions"), unique=P("dedup_unique"), prisma=P("prisma_csv"))
    inputs["exports"] = [export["path"] for export in SEARCH_EXPORTS]
    return inputs


def versions_figure_outputs():
    """The living flow diagram, for a review that screens."""
    if not STAGES.screening:
        return []
    return [P("figure", figure="prisma_living", ext=ext) for ext in ("png", FIG_VECTOR)]


def versions_publish_inputs(wildcards):
    """Every other final output: a version is published only once the run has made them all."""
    return [path for path in get_final_output(wildcards) if path != P("versions_published")]


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
