# Stage rules: figures (see docs/architecture.md). PNG at figures.dpi and a vector version
# (figures.vector_format) of each; every output goes to the Snakemake report with a caption.
#
# figures_analysis    per analysis: cluster panels (the paper's Figures 3-5) and a glass brain
# figures_jackknife   per analysis: the jackknife heat map
# figures_prisma      the PRISMA 2020 flow diagram
# figures_quality     risk of bias (RoB 1 / RoB 2 traffic lights and summaries), MINORS


rule figures_analysis:
    input:
        unpack(
            after_screening_gate(
                thresholded=P("ale_thresholded"),
                clusters=P("ale_clusters"),
            )
        ),
    output:
        clusters=report(
            P("figure", figure="{analysis}_clusters", ext="png"),
            caption="../report/clusters.rst",
            category="ALE",
            subcategory="{analysis}",
            labels={"analysis": "{analysis}", "figure": "clusters"},
        ),
        clusters_vector=P("figure", figure="{analysis}_clusters", ext=FIG_VECTOR),
        glass=report(
            P("figure", figure="{analysis}_glass_brain", ext="png"),
            caption="../report/glass_brain.rst",
            category="ALE",
            subcategory="{analysis}",
            labels={"analysis": "{analysis}", "figure": "glass brain"},
        ),
        glass_vector=P("figure", figure="{analysis}_glass_brain", ext=FIG_VECTOR),
    log:
        "logs/figures/{analysis}_brain.log",
    benchmark:
        "benchmarks/figures/{analysis}_brain.tsv"
    resources:
        mem_mb=1200,
    params:
        **FIG_PARAMS,
        title=lambda wildcards: config["analyses"][wildcards.analysis]["title"],
        cmap=config["figures"]["cmap"],
    script:
        "../scripts/figures_analysis.py"


rule figures_jackknife:
    input:
        unpack(
            after_screening_gate(
                jackknife=P("jackknife"),
                clusters=P("ale_clusters"),
            )
        ),
    output:
        png=report(
            P("figure", figure="{analysis}_jackknife", ext="png"),
            caption="../report/jackknife.rst",
            category="ALE",
            subcategory="{analysis}",
            labels={"analysis": "{analysis}", "figure": "jackknife"},
        ),
        vector=P("figure", figure="{analysis}_jackknife", ext=FIG_VECTOR),
    log:
        "logs/figures/{analysis}_jackknife.log",
    benchmark:
        "benchmarks/figures/{analysis}_jackknife.tsv"
    params:
        **FIG_PARAMS,
        title=lambda wildcards: config["analyses"][wildcards.analysis]["title"],
    script:
        "../scripts/figures_jackknife.py"


rule figures_prisma:
    input:
        P("prisma_csv"),
    output:
        png=report(
            P("figure", figure="prisma", ext="png"),
            caption="../report/prisma.rst",
            category="Search and screening",
            labels={"figure": "PRISMA 2020"},
        ),
        vector=P("figure", figure="prisma", ext=FIG_VECTOR),
    log:
        "logs/figures/prisma.log",
    benchmark:
        "benchmarks/figures/prisma.tsv"
    params:
        **FIG_PARAMS,
    script:
        "../scripts/figures_prisma.py"


# Risk-of-bias figures exist only when the review has judgements (config quality).
if QUALITY_TOOLS:

    localrules:
        figures_quality,

    rule figures_quality:
        input:
            **{tool: path for tool, path in QUALITY.items() if path},
            studies=config["studies"]["table"],
        output:
            **{name: paths[0] for name, paths in quality_outputs().items()},
            vectors=[paths[1] for paths in quality_outputs().values()],
        log:
            "logs/figures/quality.log",
        benchmark:
            "benchmarks/figures/quality.tsv"
        params:
            **FIG_PARAMS,
            palette=config["figures"]["rob_palette"],
        script:
            "../scripts/figures_quality.py"
