# Stage rules: report (see docs/architecture.md).
#
# report_html   results/report.html: protocol, search provenance, PRISMA, screening agreement,
#               studies and risk of bias, the analyses with their figures and tables, a methods
#               paragraph from the config and the software versions, references. Offline.
#
# `snakemake --report report.html` holds every figure and table marked with report() in
# rules/tables.smk and rules/figures.smk, with the captions in report/.


report: "../report/workflow.rst"


rule report_html:
    input:
        unpack(report_inputs),
    output:
        P("report"),
    log:
        "logs/report/report_html.log",
    benchmark:
        "benchmarks/report/report_html.tsv"
    params:
        config=report_params(config),
        embed=config["report"]["embed_images"],
    script:
        "../scripts/report_html.py"
