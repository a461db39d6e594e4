# Stage 3, screening and PRISMA 2020 (docs/architecture.md).
#
# screening_decisions  decision files + deduplicated records -> decisions, agreement, to_screen
# screening_gate       (checkpoint) included + gate.json; while records await decisions gate.json
#                      says so and rule all stops there, as planned (common.smk get_final_output)
# prisma_counts        PRISMA 2020 counts from the data, in the PRISMA2020 R package's template
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
        unique="results/dedup/unique.tsv",
        clusters="results/dedup/clusters.tsv",
        records="results/records/records.tsv",
        decision_files=screening_decision_files,
    output:
        decisions="results/screening/decisions.tsv",
        agreement="results/screening/agreement.tsv",
        # Written even when records await decisions, so they survive the gate's failure.
        to_screen="results/screening/to_screen.tsv",
        to_screen_ris="results/screening/to_screen.ris",
    log:
        "logs/screening/screening_decisions.log",
    params:
        screening=config["screening"],
    script:
        "../scripts/screening_decisions.py"


checkpoint screening_gate:
    input:
        decisions="results/screening/decisions.tsv",
        to_screen="results/screening/to_screen.tsv",
        to_screen_ris="results/screening/to_screen.ris",
        unique="results/dedup/unique.tsv",
        clusters="results/dedup/clusters.tsv",
        records="results/records/records.tsv",
        uncertain="results/dedup/uncertain_pairs.tsv",
    output:
        gate="results/screening/gate.json",
        included="results/screening/included.tsv",
        template="results/screening/studies_template.tsv",
    log:
        "logs/screening/screening_gate.log",
    script:
        "../scripts/screening_gate.py"


rule prisma_counts:
    input:
        unpack(after_screening_gate(
            decisions="results/screening/decisions.tsv",
            unique="results/dedup/unique.tsv",
            clusters="results/dedup/clusters.tsv",
            records="results/records/records.tsv",
            counts="results/dedup/counts.json",
        )),
        search=["results/search/pubmed.json"] if config["search"].get("pubmed") else [],
    output:
        prisma="results/prisma/prisma.csv",
    log:
        "logs/prisma/prisma_counts.log",
    params:
        snapshot_dir=(config["search"].get("pubmed") or {}).get("snapshot_dir", ""),
        databases=(["PubMed"] if config["search"].get("pubmed") else [])
        + [export["database"] for export in config["search"].get("exports", [])],
    script:
        "../scripts/prisma_counts.py"
