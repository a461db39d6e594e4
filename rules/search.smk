# Stage 1, the literature search (docs/architecture.md): PubMed through Entrez, replayed from
# frozen snapshots where they cover the window; each configured export read into the same
# layout; then one table of every record, results/records/records.tsv. Input functions
# (search_snapshot_files, search_record_tables, search_record_infos) are in common.smk.

# A review without a PubMed search has no search_pubmed rule. Offline when complete snapshots
# cover start..cutoff; otherwise it searches NCBI and saves the new window's snapshot in
# snapshot_dir (beside the earlier ones: commit it to make the search replayable).
if SEARCH_PUBMED:

    localrules:
        search_pubmed,

    rule search_pubmed:
        input:
            search_snapshot_files,
        output:
            tsv=P("pubmed_tsv"),
            json=P("pubmed_json"),
        log:
            "logs/search/search_pubmed.log",
        params:
            query=SEARCH_PUBMED["query"],
            datetype=SEARCH_PUBMED["datetype"],
            mindate=str(config["search"]["start"]),
            maxdate=str(config["search"]["cutoff"]),
            snapshot_dir=SEARCH_PUBMED["snapshot_dir"],
            client={
                key: SEARCH_PUBMED[key] for key in ("email", "eutils_url", "batch_size", "max_tries", "backoff", "backoff_max", "timeout")
            },
        script:
            "../scripts/search_pubmed.py"


rule search_exports:
    input:
        lambda wildcards: SEARCH_EXPORT_BY_KEY[wildcards.export]["path"],
    output:
        tsv=P("export_tsv"),
        json=P("export_json"),
    log:
        "logs/search/import_{export}.log",
    wildcard_constraints:
        export="[a-z0-9_]+",
    params:
        database=lambda wildcards: SEARCH_EXPORT_BY_KEY[wildcards.export]["database"],
        format=lambda wildcards: SEARCH_EXPORT_BY_KEY[wildcards.export]["format"],
        encoding=lambda wildcards: SEARCH_EXPORT_BY_KEY[wildcards.export].get("encoding", "auto"),
    script:
        "../scripts/search_exports.py"


rule search_records:
    input:
        tables=search_record_tables,
        infos=search_record_infos,
    output:
        records=P("records"),
        provenance=P("provenance"),
    log:
        "logs/search/search_records.log",
    script:
        "../scripts/search_records.py"
