# Stage rules: report (see docs/architecture.md).
#
# report_html   results/report.html: protocol, search provenance, PRISMA, screening agreement,
#               studies and risk of bias, the analyses with their figures and tables, a methods
#               paragraph from the config and the software versions, references. Offline; its
#               map viewers (NiiVue) are embedded. The methods text also as Word (tables/methods.docx).
#
# `snakemake --report report.html` holds every figure and table marked with report() in
# rules/tables.smk and rules/figures.smk, with the captions in report/.


report: "../report/workflow.rst"


rule report_html:
    input:
        unpack(report_inputs),
    output:
        html=P("report"),
        methods_docx=P("methods_docx"),
    log:
        "logs/report/report_html.log",
    benchmark:
        "benchmarks/report/report_html.tsv"
    params:
        config=report_params(config),
        embed=config["report"]["embed_images"],
    script:
        "../scripts/report_html.py"


# report_viewer            per analysis, results/viewers/analyses/{analysis}.html: its thresholded
#                          ALE map in NiiVue (embedded, offline), for `snakemake --report`.
# report_contrast_viewer   per contrast, results/viewers/contrasts/{contrast}.html.


rule report_viewer:
    input:
        unpack(
            after_screening_gate(
                thresholded=P("ale_thresholded"),
                z=P("ale_z"),
                clusters=P("ale_clusters"),
            )
        ),
    output:
        report(
            P("viewer_analysis"),
            caption="../report/viewer.rst",
            category="Maps",
            labels={"map": "{analysis}"},
        ),
    log:
        "logs/report/viewer_{analysis}.log",
    params:
        title=lambda wildcards: config["analyses"][wildcards.analysis]["title"],
        simulated=SIMULATED,
    script:
        "../scripts/report_viewer.py"


rule report_contrast_viewer:
    input:
        unpack(
            after_screening_gate(
                thresholded=P("contrast_thresholded"),
                clusters=P("contrast_clusters"),
            )
        ),
    output:
        report(
            P("viewer_contrast"),
            caption="../report/contrast_viewer.rst",
            category="Maps",
            labels={"map": "{contrast}"},
        ),
    log:
        "logs/report/viewer_contrast_{contrast}.log",
    params:
        contrast=lambda wildcards: ALE_CONTRASTS[wildcards.contrast],
        title=lambda wildcards: contrast_title(config, ALE_CONTRASTS[wildcards.contrast]),
        simulated=SIMULATED,
    script:
        "../scripts/report_contrast_viewer.py"
