# Config validation, shared settings and input functions.

import os

from snakemake.exceptions import WorkflowError
from snakemake.utils import validate

from alereview import layout
from alereview.config import SCHEMA_PATH, apply_extends, inputs_after_screening, validate_config
from alereview.config_yaml import read_config_mapping
from alereview.errors import ConfigError, InputError
from alereview.review.inputs import check_inputs
from alereview.runner import stop_before_any_job
from alereview.runner import warnings_summary
from alereview.tsv import read_json

# The config file this run reads (Snakefile): `extends:` in it names a base config whose keys it
# changes. Then one clear message naming the key first (alereview's validator also checks that
# files exist and cross-references), then Snakemake's own validation, which fills in the
# schema's defaults the same way. Paths in the config are relative to the working directory:
# the review folder.
CONFIG_FILE = workflow.overwrite_configfiles[-1] if workflow.overwrite_configfiles else "config/config.yaml"
try:
    for _given in workflow.overwrite_configfiles:  # the same rules for --configfile (Snakemake read them first)
        read_config_mapping(_given)
    apply_extends(config, CONFIG_FILE)
    validate_config(config, SCHEMA_PATH, base_dir=os.getcwd())
except (ConfigError, InputError) as error:
    stop_before_any_job(error)
validate(config, str(SCHEMA_PATH))
# Every file a researcher writes is read now, before any job could delete earlier results.
try:
    check_inputs(config, os.getcwd())
except (ConfigError, InputError) as error:
    stop_before_any_job(error)

# Headless plotting with a writable cache, for every rule that draws.
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("MPLCONFIGDIR", os.path.abspath(".snakemake/matplotlib"))

SIMULATED = config["review"]["simulated_inputs"]
ANALYSES = list(config["analyses"])
STAGES = layout.stages(config)
P = layout.path


def get_final_output(wildcards):
    """What `snakemake` builds by default: every stage the review has, up to where it can go.

    A review that searches stops as planned at the screening gate while records await
    decisions, and after it while inputs filled in after screening (study table, coordinate
    tables) are missing; onsuccess (Snakefile) then says what awaits whom.
    """
    if STAGES.screening:
        gate = read_json(checkpoints.screening_gate.get().output.gate)
        if gate["status"] != "complete" or inputs_after_screening(config, os.getcwd()):
            return layout.search_outputs(config) + [P("studies_template")]
    return layout.final_outputs(config)


def planned_stop_message():
    """Why the run stopped before the analyses, or "" (for onsuccess in the Snakefile)."""
    gate_path = P("gate")
    if not STAGES.screening or not os.path.exists(gate_path):
        return ""
    gate = read_json(gate_path)
    if gate["status"] != "complete":
        return f"Planned stop at the screening gate: {gate['message']}"
    missing = inputs_after_screening(config, os.getcwd())
    if not missing:
        return ""
    listed = "; ".join(f"{key}: {path}" for key, path in missing)
    return (
        f"Planned stop after screening: {gate['n_included']} studies are included, and these inputs "
        f"are still to be filled in: {listed}. {P('studies_template')} lists the included studies "
        "with their record keys, a start for the study table. Run again once they exist."
    )


def wait_for_gate():
    """In a review that screens, nothing downstream until the screening gate has passed."""
    if STAGES.screening:
        gate = read_json(checkpoints.screening_gate.get().output.gate)
        if gate["status"] != "complete":
            raise WorkflowError(f"the analyses wait for screening. {gate['message']}")


def after_screening_gate(*paths, **named_paths):
    """Input function for every rule downstream of screening (coordinates, ALE, jackknife, ...).

    In a review that screens, it first asks for the `screening_gate` checkpoint
    (rules/screening.smk), so that nothing downstream runs while records await screening
    decisions, and so that Snakemake re-evaluates the job once the gate has run. When an
    update of the search includes no new study, `results/screening/included.tsv` and
    `gate.json` come out byte-identical and, by their recorded checksums, no coordinate or ALE
    job re-runs. Wrap *every* downstream rule's inputs, not only the first: a rule not
    re-evaluated would be re-run because its upstream job was scheduled. Paths may hold the
    rule's wildcards. The gate's own outputs are not added: list
    `results/screening/included.tsv` (or gate.json) where a rule reads it. In a review without
    screening (coordinates only) it returns the paths as they are.

    Examples
    --------
    input: after_screening_gate(P("coordinates_sleuth"))
    input: unpack(after_screening_gate(included=P("included"), foci=...))
    """

    def inputs(wildcards):
        wait_for_gate()
        values = dict(wildcards.items())
        if named_paths:
            return {name: path.format(**values) for name, path in named_paths.items()}
        return [path.format(**values) for path in paths]

    return inputs


# --- search (stage 1) ---------------------------------------------------------------------
from alereview.search.records import export_keys
from alereview.search.snapshot import plan_windows

SEARCH_PUBMED = config["search"].get("pubmed")
SEARCH_EXPORTS = config["search"].get("exports", [])
SEARCH_EXPORT_KEYS = export_keys(SEARCH_EXPORTS)
SEARCH_EXPORT_BY_KEY = dict(zip(SEARCH_EXPORT_KEYS, SEARCH_EXPORTS))


def search_snapshot_files(wildcards):
    """Every file of the complete snapshots the search replays: any change reruns the search."""
    snapshots, _ = plan_windows(
        SEARCH_PUBMED["snapshot_dir"],
        SEARCH_PUBMED["query"],
        SEARCH_PUBMED["datetype"],
        str(config["search"]["start"]),
        str(config["search"]["cutoff"]),
    )
    return [
        str(path)
        for snapshot in snapshots
        for path in [snapshot.path / "manifest.json", snapshot.path / "esearch.xml", *snapshot.batch_paths]
    ]


def search_record_tables(wildcards):
    """Per-source tables for records.tsv: PubMed first, then the exports in config order."""
    tables = [P("pubmed_tsv")] if SEARCH_PUBMED else []
    return tables + expand(P("export_tsv"), export=SEARCH_EXPORT_KEYS)


def search_record_infos(wildcards):
    """The provenance JSON beside each table of search_record_tables, in the same order."""
    return [table[: -len(".tsv")] + ".json" for table in search_record_tables(wildcards)]


def screening_decision_files(wildcards):
    """Every decision file of config screening (both stages): a new or changed file re-runs."""
    return [spec["path"] for stage in ("title_abstract", "full_text") for spec in config["screening"].get(stage, [])]


# --- tables, figures, report (stage 6) -----------------------------------------------------
# Table 3 (MINORS) exists only when the review scored non-randomised studies.
MINORS = config.get("quality", {}).get("minors", "")

FIG_VECTOR = config["figures"]["vector_format"]
FIG_PARAMS = {
    "dpi": config["figures"]["dpi"],
    "vector_format": FIG_VECTOR,
    "simulated": SIMULATED,
}
QUALITY = {tool: config["quality"].get(tool, "") for tool in ("rob1", "rob2", "minors")}
QUALITY_TOOLS = STAGES.quality


def figure(stem, caption, category, **labels):
    """The PNG of a figure, for the report, and its vector twin."""
    png = report(P("figure", figure=stem, ext="png"), caption=f"../report/{caption}.rst", category=category, labels=labels or None)
    return [png, P("figure", figure=stem, ext=FIG_VECTOR)]


def quality_outputs():
    """The quality figures of the tools the review used."""
    outputs = {}
    for tool in ("rob1", "rob2"):
        if QUALITY[tool]:
            outputs[f"{tool}_traffic_light"] = figure(
                f"{tool}_traffic_light", "rob_traffic_light", "Risk of bias", figure=f"{tool.upper()} traffic light"
            )
            outputs[f"{tool}_summary"] = figure(f"{tool}_summary", "rob_summary", "Risk of bias", figure=f"{tool.upper()} summary")
    if QUALITY["minors"]:
        outputs["minors"] = figure("minors", "minors", "Risk of bias", figure="MINORS")
    return outputs


from alereview.report.files import report_params, standard_files


def report_inputs(wildcards):
    """Every file the HTML report shows, by role (alereview.report.files.standard_files)."""
    wait_for_gate()
    # Snakemake input names must be identifiers.
    return {role.replace(":", "__"): path for role, path in standard_files(config).items()}


# --- ALE and jackknife (stage 5) ----------------------------------------------------------
import math

from alereview.ale.thresholds import settings_from_config
from alereview.tsv import read_tsv

ALE_CONTRASTS = {contrast["name"]: contrast for contrast in config["ale"].get("contrasts", [])}


def after_gate_lists(**named_lists):
    """Like after_screening_gate, for named lists of paths without wildcards (gather rules)."""

    def inputs(wildcards):
        wait_for_gate()
        return named_lists

    return inputs


def ale_settings(analysis):
    """An analysis' threshold settings (ale.threshold with its ale.overrides entry)."""
    return settings_from_config(config["ale"], analysis)


def ale_montecarlo_chunks(wildcards):
    """Chunk files an analysis merges: none when it needs no Monte Carlo or runs it in-job."""
    settings = ale_settings(wildcards.analysis)
    if not settings.needs_montecarlo or settings.chunks == 1:
        return []
    return expand(P("ale_chunk"), analysis=wildcards.analysis, chunk=range(settings.chunks))


def ale_threads(wildcards):
    """Threads of a job running an analysis' Monte Carlo: ale.montecarlo.threads, 0 = all the
    cores snakemake is given; 1 when the analysis needs no Monte Carlo."""
    if not ale_settings(wildcards.analysis).needs_montecarlo:
        return 1
    wanted = int(config["ale"]["montecarlo"].get("threads", 0))
    cores = workflow.cores if isinstance(workflow.cores, int) else 1
    return wanted or max(1, min(cores, os.cpu_count() or 1))


def ale_runtime_minutes(wildcards, iterations_share=1.0):
    """Runtime bound from the Monte Carlo size: 20 iterations/s at worst, plus 5 minutes."""
    settings = ale_settings(wildcards.analysis)
    iterations = settings.iterations * iterations_share if settings.needs_montecarlo else 0
    return 5 + math.ceil(iterations / 20 / 60)


def jackknife_left_out(wildcards):
    """Left-out results an analysis' jackknife gathers (none when it has no cluster): one file
    (jackknife.jobs per_analysis) or one per experiment (per_experiment)."""
    wait_for_gate()
    outputs = checkpoints.ale_analysis.get(analysis=wildcards.analysis).output
    if read_tsv(outputs.clusters).empty:
        return []
    if config["jackknife"].get("jobs", "per_analysis") == "per_analysis":
        return [P("jackknife_left_all", analysis=wildcards.analysis)]
    return expand(P("jackknife_left_out"), analysis=wildcards.analysis, experiment=read_tsv(outputs.experiments)["slug"])


from alereview.report.contrasts import contrast_sign, contrast_title

# --- contrasts (rules/contrasts.smk) -------------------------------------------------------


def contrast_inputs(wildcards):
    """What a contrast reads from its two analyses: Sleuth files and cluster images for a
    subtraction; thresholded ALE, p and z maps for a conjunction."""
    contrast = ALE_CONTRASTS[wildcards.contrast]
    if contrast["kind"] == "subtraction":
        named = {
            "a": P("coordinates_sleuth"),
            "b": P("coordinates_sleuth"),
            "a_clusters": P("ale_clusters_img"),
            "b_clusters": P("ale_clusters_img"),
        }
    else:
        named = {
            f"{side}_{key}": P(role)
            for side in ("a", "b")
            for key, role in (("thresholded", "ale_thresholded"), ("p", "ale_p"), ("z", "ale_z"))
        }
    wait_for_gate()
    return {key: path.format(analysis=contrast[key[0]]) for key, path in named.items()}


def contrast_runtime_minutes(wildcards):
    """Runtime bound: 10 permutations/s at worst, plus 5 minutes."""
    contrast = ALE_CONTRASTS[wildcards.contrast]
    if contrast["kind"] != "subtraction":
        return 5
    return 5 + math.ceil(contrast.get("iterations", 10000) / 10 / 60)


def contrast_figure_title(wildcards):
    """``"A − B: <title of A> − <title of B>"`` (subtraction; ``∩`` for a conjunction)."""
    contrast = ALE_CONTRASTS[wildcards.contrast]
    return f"A {contrast_sign(contrast)} B: {contrast_title(config, contrast)}"


# --- tables (rules/tables.smk) ---------------------------------------------------------------
import re

from alereview.tables.studies import COMPUTED, table_specs
from alereview.tables.numbered import table_numbers

STUDY_TABLE = (config.get("studies") or {}).get("table", "")
# name -> its config item ({} for the default table), in order.
STUDY_TABLES = {
    spec.name: item for spec, item in zip(table_specs(config.get("tables")), (config.get("tables") or {}).get("studies") or [{}])
}
TABLES_MINORS = (config.get("quality") or {}).get("minors", "")
TABLES_JACKKNIFE = (config.get("jackknife") or {}).get("enabled", True)
TABLE_NUMBERS = table_numbers(list(STUDY_TABLES), minors=bool(TABLES_MINORS), jackknife=TABLES_JACKKNIFE)
ALE_TABLES = {"table4_clusters": "clusters", "table5_jackknife": "jackknife"}


def study_table_needs_coordinates(name):
    """A study table needs the coordinates for its computed columns, or when there is no study table."""
    spec = table_specs({"studies": [STUDY_TABLES[name]]} if STUDY_TABLES[name] else None)[0]
    return not STUDY_TABLE or any(source in COMPUTED for source in spec.sources)


def tables_study_inputs(wildcards):
    inputs = {"studies": STUDY_TABLE} if STUDY_TABLE else {}
    if study_table_needs_coordinates(wildcards.study_table):
        inputs.update(after_screening_gate(foci=P("foci"))(wildcards))
    return inputs


# --- versions of a living review (rules/versions.smk) ----------------------------------------
from alereview.versions.manifest import versions_config


def versions_change_inputs(wildcards):
    """Every file the comparison reads, so that any change re-runs it (after the screening gate)."""
    wait_for_gate()
    roles = ["ale_clusters", "ale_clusters_img", "ale_threshold", "ale_experiments"]
    roles += ["jackknife"] if STAGES.jackknife else []
    roles += ["checks_failsafe_analysis"] if layout.check_enabled(config, "failsafe") else []
    inputs = {role: expand(P(role), analysis=ANALYSES) for role in roles}
    if STAGES.screening:
        inputs.update(included=P("included"), decisions=P("decisions"), unique=P("dedup_unique"), prisma=P("prisma_csv"))
    inputs["exports"] = [export["path"] for export in SEARCH_EXPORTS]
    return inputs


def versions_figure_outputs():
    """The living flow diagram, for a review that screens."""
    if not STAGES.screening:
        return []
    return figure("prisma_living", "prisma_living", "Search and screening", figure="Living PRISMA (PRISMA-LSR)")


def versions_publish_inputs(wildcards):
    """Every other final output: a version is published only once the run has made them all."""
    return [path for path in get_final_output(wildcards) if path != P("versions_published")]
