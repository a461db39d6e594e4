# Stage rules: tables (see docs/architecture.md).
#
# tables_studies      one job per study table of config tables.studies (default: one Table 1 of
#                     the studies with their experiments, foci and subjects from the coordinates):
#                     TSV, Markdown, HTML, LaTeX
# tables_minors       Table 3, MINORS, when the review scored non-randomised studies
# tables_ale_format   Markdown, HTML and LaTeX of the ALE stage's cluster and jackknife tables
#
# Tables are numbered in the order the review has them (alereview.tables.table_numbers).

import re

from alereview.study_tables import COMPUTED, table_specs
from alereview.tables import table_numbers

STUDY_TABLE = (config.get("studies") or {}).get("table", "")
# name -> its config item ({} for the default table), in order.
STUDY_TABLES = {
    spec.name: item for spec, item in zip(table_specs(config.get("tables")), (config.get("tables") or {}).get("studies") or [{}])
}
TABLES_MINORS = (config.get("quality") or {}).get("minors", "")
TABLES_JACKKNIFE = (config.get("jackknife") or {}).get("enabled", True)
TABLE_NUMBERS = table_numbers(list(STUDY_TABLES), minors=bool(TABLES_MINORS), jackknife=TABLES_JACKKNIFE)
ALE_TABLES = {"table4_clusters": "clusters", "table5_jackknife": "jackknife"}


def tables_final_outputs():
    """The tables this review has (for rule all): study tables, MINORS, clusters, jackknife."""
    names = list(STUDY_TABLES) + (["table3_minors"] if TABLES_MINORS else [])
    outputs = [P("table", table=name, ext=ext) for name in names for ext in ("tsv", "md", "html", "tex")]
    ale = ["table4_clusters"] + (["table5_jackknife"] if TABLES_JACKKNIFE else [])
    return outputs + [P("table", table=name, ext=ext) for name in ale for ext in ("md", "html", "tex")]


def study_table_needs_coordinates(name):
    """A study table needs the coordinates for its computed columns, or when there is no study table."""
    spec = table_specs({"studies": [STUDY_TABLES[name]]} if STUDY_TABLES[name] else None)[0]
    return not STUDY_TABLE or any(source in COMPUTED for source in spec.sources)


def tables_study_inputs(wildcards):
    inputs = {"studies": STUDY_TABLE} if STUDY_TABLE else {}
    if study_table_needs_coordinates(wildcards.study_table):
        inputs.update(after_screening_gate(foci=P("foci"))(wildcards))
    return inputs


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
    log:
        "logs/tables/{ale_table}.log",
    params:
        kind=lambda wildcards: ALE_TABLES[wildcards.ale_table],
        number=lambda wildcards: TABLE_NUMBERS[wildcards.ale_table],
        titles={name: analysis["title"] for name, analysis in config["analyses"].items()},
        simulated=SIMULATED,
    script:
        "../scripts/tables_ale_format.py"
