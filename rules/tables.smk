# Stage rules: tables (see docs/architecture.md). Tables 1-3 from the study table and the
# quality data; formatted versions (Markdown, LaTeX) of the ALE stage's Tables 4 and 5.


rule tables_studies:
    input:
        studies=config["studies"]["table"],
        **({"minors": MINORS} if MINORS else {}),
    output:
        table1="results/tables/table1_studies.tsv",
        table1_md="results/tables/table1_studies.md",
        table1_html=report("results/tables/table1_studies.html", caption="../report/table1.rst", category="Tables", labels={"table": "1 Studies"}),
        table1_tex="results/tables/table1_studies.tex",
        table2="results/tables/table2_mri.tsv",
        table2_md="results/tables/table2_mri.md",
        table2_html=report("results/tables/table2_mri.html", caption="../report/table2.rst", category="Tables", labels={"table": "2 MRI"}),
        table2_tex="results/tables/table2_mri.tex",
        **TABLE3,
    params:
        simulated=config["review"]["simulated_inputs"],
    log:
        "logs/tables/studies.log",
    script:
        "../scripts/tables_studies.py"


rule tables_ale_format:
    input:
        unpack(after_screening_gate(
            clusters="results/tables/table4_clusters.tsv",
            jackknife="results/tables/table5_jackknife.tsv",
        )),
    output:
        clusters_md="results/tables/table4_clusters.md",
        clusters_html=report("results/tables/table4_clusters.html", caption="../report/table4.rst", category="Tables", labels={"table": "4 Clusters"}),
        clusters_tex="results/tables/table4_clusters.tex",
        jackknife_md="results/tables/table5_jackknife.md",
        jackknife_html=report("results/tables/table5_jackknife.html", caption="../report/table5.rst", category="Tables", labels={"table": "5 Jackknife"}),
        jackknife_tex="results/tables/table5_jackknife.tex",
    params:
        titles={name: analysis["title"] for name, analysis in config["analyses"].items()},
        simulated=config["review"]["simulated_inputs"],
    log:
        "logs/tables/ale_format.log",
    script:
        "../scripts/tables_ale_format.py"
