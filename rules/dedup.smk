# Stage 2, deduplication (docs/architecture.md): every record of records.tsv joined to its
# duplicates (exact ids, blocking, rapidfuzz scores, explicit rules; alereview/dedup/),
# one completed record kept per cluster, grey-zone pairs listed for a human, and the
# counts PRISMA needs. The reviewer's manual decisions are read, never written.


rule dedup_records:
    input:
        records=P("records"),
        # Optional inputs: a changed decisions file (or previous clusters) re-runs the rule.
        manual=[config["dedup"]["manual_decisions"]] if config["dedup"].get("manual_decisions") else [],
        previous=[config["dedup"]["previous_clusters"]] if config["dedup"].get("previous_clusters") else [],
    output:
        clusters=P("dedup_clusters"),
        unique=P("dedup_unique"),
        uncertain=P("dedup_uncertain"),
        counts=P("dedup_counts"),
    log:
        "logs/dedup/dedup.log",
    threads: 1
    resources:
        mem_mb=4000,
        runtime=30,
    params:
        settings=config["dedup"],
    script:
        "../scripts/dedup_records.py"
