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


def after_screening_gate(*paths, **named_paths):
    """Input function for every rule downstream of screening (coordinates, ALE, jackknife, ...).

    It first asks for the `screening_gate` checkpoint (rules/screening.smk), so that nothing
    downstream runs while records await screening decisions, and so that Snakemake re-evaluates
    the job once the gate has run. When an update of the search includes no new study,
    `results/screening/included.tsv` and `gate.json` come out byte-identical and, by their
    recorded checksums, no coordinate or ALE job re-runs. Wrap *every* downstream rule's inputs,
    not only the first: a rule not re-evaluated would be re-run because its upstream job was
    scheduled. Paths may hold the rule's wildcards. The gate's own outputs are not added: list
    `results/screening/included.tsv` (or gate.json) where a rule reads it.

    Examples
    --------
    input: after_screening_gate("results/coordinates/{analysis}.sleuth.txt")
    input: unpack(after_screening_gate(included="results/screening/included.tsv", foci=...))
    """

    def inputs(wildcards):
        checkpoints.screening_gate.get()
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
    snapshots, _ = plan_windows(SEARCH_PUBMED["snapshot_dir"], SEARCH_PUBMED["query"],
                                SEARCH_PUBMED["datetype"], str(config["search"]["start"]),
                                str(config["search"]["cutoff"]))
    return [str(path) for snapshot in snapshots for path in [snapshot.path / "manifest.json",
            snapshot.path / "esearch.xml", *snapshot.batch_paths]]


def search_record_tables(wildcards):
    """Per-source tables for records.tsv: PubMed first, then the exports in config order."""
    tables = ["results/search/pubmed.tsv"] if SEARCH_PUBMED else []
    return tables + expand("results/search/exports/{export}.tsv", export=SEARCH_EXPORT_KEYS)


def search_record_infos(wildcards):
    """The provenance JSON beside each table of search_record_tables, in the same order."""
    return [table[: -len(".tsv")] + ".json" for table in search_record_tables(wildcards)]


def screening_decision_files(wildcards):
    """Every decision file of config screening (both stages): a new or changed file re-runs."""
    return [spec["path"] for stage in ("title_abstract", "full_text") for spec in config["screening"].get(stage, [])]
