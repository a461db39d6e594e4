# Stage 3, screening and PRISMA 2020 (docs/architecture.md).
#
# screening_decisions  decision files + deduplicated records -> decisions, agreement, to_screen
# screening_gate       (checkpoint) included + gate.json; while records await decisions gate.json
#                      says so and rule all stops there, as planned (common.smk get_final_output)
# screening_prisma        PRISMA 2020 counts from the data, in the PRISMA2020 R package's template
#
# Why the gate is a checkpoint: after an update of the search (a new search.cutoff) everything
# from the search to the screening tables re-runs. Rules downstream of screening take their
# inputs through `after_screening_gate` (rules/common.smk), so Snakemake re-evaluates them once
# the gate has run; `included.tsv` and `gate.json` hold only what the analyses depend on, so
# when the update includes no new study they come out byte-identical and Snakemake's input
# checksums (recorded with each job, used when an input is newer than the output) keep every
# coordinate and ALE job from re-running. No --rerun-triggers change is needed.


rule screening_decisions:
    input:
        unique=P("dedup_unique"),
        clusters=P("dedup_clusters"),
        records=P("records"),
        decision_files=screening_decision_files,
    output:
        decisions=P("decisions"),
        agreement=P("agreement"),
        # Written even when records await decisions, so they survive the gate's failure.
        to_screen=P("to_screen"),
        to_screen_ris=P("to_screen_ris"),
    log:
        "logs/screening/screening_decisions.log",
    params:
        screening=config["screening"],
    script:
        "../scripts/screening_decisions.py"


checkpoint screening_gate:
    input:
        decisions=P("decisions"),
        to_screen=P("to_screen"),
        to_screen_ris=P("to_screen_ris"),
        unique=P("dedup_unique"),
        clusters=P("dedup_clusters"),
        records=P("records"),
        uncertain=P("dedup_uncertain"),
    output:
        gate=P("gate"),
        included=P("included"),
        template=P("studies_template"),
    log:
        "logs/screening/screening_gate.log",
    script:
        "../scripts/screening_gate.py"


rule screening_prisma:
    input:
        unpack(
            after_screening_gate(
                decisions=P("decisions"),
                unique=P("dedup_unique"),
                clusters=P("dedup_clusters"),
                records=P("records"),
                counts=P("dedup_counts"),
                foci=P("foci"),  # total_studies_ma: studies with coordinates in at least one analysis
            )
        ),
        search=[P("pubmed_json")] if config["search"].get("pubmed") else [],
    output:
        prisma=P("prisma_csv"),
    log:
        "logs/prisma/screening_prisma.log",
    params:
        snapshot_dir=(config["search"].get("pubmed") or {}).get("snapshot_dir", ""),
        databases=(["PubMed"] if config["search"].get("pubmed") else [])
        + [export["database"] for export in config["search"].get("exports", [])],
    script:
        "../scripts/screening_prisma.py"
