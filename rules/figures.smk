# Stage rules: figures (see docs/architecture.md). PNG at figures.dpi and a vector version
# (figures.vector_format) of each; every output goes to the Snakemake report with a caption.
#
# figures_analysis    per analysis: cluster panels (the paper's Figures 3-5) and a glass brain
# figures_jackknife   per analysis: the jackknife heat map
# figures_prisma      the PRISMA 2020 flow diagram
# figures_quality     risk of bias (RoB 1 / RoB 2 traffic lights and summaries), MINORS


rule figures_analysis:
    input:
        unpack(after_screening_gate(
            thresholded="results/ale/{analysis}/thresholded_ale.nii.gz",
            clusters="results/ale/{analysis}/clusters.tsv",
        )),
    output:
        clusters=report("results/figures/{analysis}_clusters.png", caption="../report/clusters.rst", category="ALE", subcategory="{analysis}", labels={"analysis": "{analysis}", "figure": "clusters"}),
        clusters_vector=f"results/figures/{{analysis}}_clusters.{FIG_VECTOR}",
        glass=report("results/figures/{analysis}_glass_brain.png", caption="../report/glass_brain.rst", category="ALE", subcategory="{analysis}", labels={"analysis": "{analysis}", "figure": "glass brain"}),
        glass_vector=f"results/figures/{{analysis}}_glass_brain.{FIG_VECTOR}",
    params:
        title=lambda wildcards: config["analyses"][wildcards.analysis]["title"],
        cmap=config["figures"]["cmap"],
        **FIG_PARAMS,
    benchmark:
        "benchmarks/figures/{analysis}_brain.tsv"
    log:
        "logs/figures/{analysis}_brain.log",
    resources:
        mem_mb=1200,
    script:
        "../scripts/figures_analysis.py"


rule figures_jackknife:
    input:
        unpack(after_screening_gate(
            jackknife="results/jackknife/{analysis}.tsv",
            clusters="results/ale/{analysis}/clusters.tsv",
        )),
    output:
        png=report("results/figures/{analysis}_jackknife.png", caption="../report/jackknife.rst", category="ALE", subcategory="{analysis}", labels={"analysis": "{analysis}", "figure": "jackknife"}),
        vector=f"results/figures/{{analysis}}_jackknife.{FIG_VECTOR}",
    params:
        title=lambda wildcards: config["analyses"][wildcards.analysis]["title"],
        **FIG_PARAMS,
    benchmark:
        "benchmarks/figures/{analysis}_jackknife.tsv"
    log:
        "logs/figures/{analysis}_jackknife.log",
    script:
        "../scripts/figures_jackknife.py"


rule figures_prisma:
    input:
        "results/prisma/prisma.csv",
    output:
        png=report("results/figures/prisma.png", caption="../report/prisma.rst", category="Search and screening", labels={"figure": "PRISMA 2020"}),
        vector=f"results/figures/prisma.{FIG_VECTOR}",
    params:
        **FIG_PARAMS,
    benchmark:
        "benchmarks/figures/prisma.tsv"
    log:
        "logs/figures/prisma.log",
    script:
        "../scripts/figures_prisma.py"


# Risk-of-bias figures exist only when the review has judgements (config quality).
if QUALITY_TOOLS:

    localrules:
        figures_quality,

    rule figures_quality:
        input:
            studies=config["studies"]["table"],
            **{tool: path for tool, path in QUALITY.items() if path},
        output:
            **{name: paths[0] for name, paths in quality_outputs().items()},
            vectors=[paths[1] for paths in quality_outputs().values()],
        params:
            palette=config["figures"]["rob_palette"],
            **FIG_PARAMS,
        benchmark:
            "benchmarks/figures/quality.tsv"
        log:
            "logs/figures/quality.log",
        script:
            "../scripts/figures_quality.py"
