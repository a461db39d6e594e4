# Stage rules: tables (see docs/architecture.md).
#
# tables_studies      one job per study table of config tables.studies (default: one Table 1 of
#                     the studies with their experiments, foci and subjects from the coordinates):
#                     TSV, Markdown, HTML, LaTeX, Word
# tables_minors       Table 3, MINORS, when the review scored non-randomised studies
# tables_ale_format   Markdown, HTML, LaTeX and Word of the ALE stage's cluster and jackknife tables
#
# Tables are numbered in the order the review has them (alereview.tables.table_numbers).


wildcard_constraints:
    study_table="|".join(re.escape(name) for name in STUDY_TABLES),
    ale_table="table4_clusters|table5_jackknife",


rule tables_studies:
    input:
        unpack(tables_study_inputs),
    output:
        tsv=P("table", table="{study_table}", ext="tsv"),
        md=P("table", table="{study_table}", ext="md"),
        html=report(
            P("table", table="{study_table}", ext="html"),
            caption="../report/study_table.rst",
            category="Tables",
            labels={"table": "{study_table}"},
        ),
        tex=P("table", table="{study_table}", ext="tex"),
        docx=P("table", table="{study_table}", ext="docx"),
    log:
        "logs/tables/{study_table}.log",
    params:
        spec=lambda wildcards: STUDY_TABLES[wildcards.study_table],
        number=lambda wildcards: TABLE_NUMBERS[wildcards.study_table],
        simulated=SIMULATED,
    script:
        "../scripts/tables_studies.py"


if TABLES_MINORS:

    localrules:
        tables_minors,

    rule tables_minors:
        input:
            **({"studies": STUDY_TABLE} if STUDY_TABLE else {"foci": P("foci")}),
            minors=TABLES_MINORS,
        output:
            tsv=P("table", table="table3_minors", ext="tsv"),
            md=P("table", table="table3_minors", ext="md"),
            html=report(
                P("table", table="table3_minors", ext="html"),
                caption="../report/table3.rst",
                category="Tables",
                labels={"table": "MINORS"},
            ),
            tex=P("table", table="table3_minors", ext="tex"),
            docx=P("table", table="table3_minors", ext="docx"),
        log:
            "logs/tables/table3_minors.log",
        params:
            number=TABLE_NUMBERS.get("table3_minors"),
            simulated=SIMULATED,
        script:
            "../scripts/tables_minors.py"


rule tables_ale_format:
    input:
        unpack(after_screening_gate(table=P("table", table="{ale_table}", ext="tsv"))),
    output:
        md=P("table", table="{ale_table}", ext="md"),
        html=report(
            P("table", table="{ale_table}", ext="html"),
            caption="../report/ale_table.rst",
            category="Tables",
            labels={"table": "{ale_table}"},
        ),
        tex=P("table", table="{ale_table}", ext="tex"),
        docx=P("table", table="{ale_table}", ext="docx"),
    log:
        "logs/tables/{ale_table}.log",
    params:
        kind=lambda wildcards: ALE_TABLES[wildcards.ale_table],
        number=lambda wildcards: TABLE_NUMBERS[wildcards.ale_table],
        titles={name: analysis["title"] for name, analysis in config["analyses"].items()},
        simulated=SIMULATED,
    script:
        "../scripts/tables_ale_format.py"


rule tables_clusters:
    input:
        unpack(
            after_gate_lists(
                clusters=expand(P("ale_clusters"), analysis=ANALYSES),
                thresholds=expand(P("ale_threshold"), analysis=ANALYSES),
            )
        ),
    output:
        P("table4"),
    log:
        "logs/tables/table4_clusters.log",
    params:
        analyses=ANALYSES,
    script:
        "../scripts/tables_clusters.py"


rule tables_jackknife:
    input:
        unpack(
            after_gate_lists(
                jackknife=expand(P("jackknife"), analysis=ANALYSES),
                clusters=expand(P("ale_clusters"), analysis=ANALYSES),
                experiments=expand(P("ale_experiments"), analysis=ANALYSES),
            )
        ),
        studies=[config["studies"]["table"]] if STAGES.study_table else [],
    output:
        P("table5"),
    log:
        "logs/tables/table5_jackknife.log",
    params:
        analyses=ANALYSES,
    script:
        "../scripts/tables_jackknife.py"
