"""The study tables (generic, from the config), Table 3 and the formatted ALE tables.

The reference review's Tables 1-3 equal the paper's when built from its own config; a made-up
review (reading in children) gets its own columns, headers and notes, and a coordinates-only
review an automatic Table 1.
"""

import re

import pandas as pd
import pytest
import yaml
from docx import Document

from alereview.layout import table_outputs
from alereview.cli import main as cli_main
from alereview.errors import ConfigError, InputError
from alereview.tables.quality import read_minors, read_rob
from alereview.tables.studies import read_study_table, table_specs
from alereview.tables.numbered import build_table3, format_ale_table, table5_display, table_numbers, write_study_tables
from alereview.tsv import read_tsv

from conftest import REPO, TEST_DATA

REFERENCE = REPO / "examples" / "reference_review"
FACTS = REFERENCE / "facts"
# The quality readers' error tests use small files of their own (trimmed from the example).
QUALITY = TEST_DATA / "quality"
REFERENCE_TABLES = yaml.safe_load((REPO / "config" / "config.yaml").read_text(encoding="utf-8"))["tables"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    write_study_tables(REFERENCE / "studies.tsv", out, REFERENCE / "quality" / "minors.tsv", simulated=True, tables=REFERENCE_TABLES)
    return out


def test_table1_equals_the_papers_table1(built):
    assert read_tsv(built / "table1_studies.tsv").equals(read_tsv(FACTS / "table1_studies.tsv"))


def test_table2_equals_the_papers_table2(built):
    assert read_tsv(built / "table2_mri.tsv").equals(read_tsv(FACTS / "table2_mri.tsv"))


def test_table3_equals_the_papers_table3_by_reference_number(built):
    ours, paper = read_tsv(built / "table3_minors.tsv"), read_tsv(FACTS / "table3_minors.tsv")

    def by_ref(df):
        return df.rename(columns=lambda c: re.sub(r"^.*\((\d+)\)$", r"ref\1", c))

    # The paper names ref 29 "Chen et al." in Table 3 and "Zhihong et al." in Tables 1-2; ours
    # follows the study table, so the columns are compared by reference number.
    assert by_ref(ours).equals(by_ref(paper))
    assert "Zhihong et al. (29)" in ours.columns


def test_table3_total_is_computed_from_the_scores(tmp_path):
    minors = read_tsv(QUALITY / "minors.tsv")
    minors.loc[0, "item_1"] = "0"  # Jianzhong loses 2 points
    minors.to_csv(tmp_path / "m.tsv", sep="\t", index=False)
    table3 = build_table3(read_minors(tmp_path / "m.tsv"), read_study_table(QUALITY / "studies.tsv"))
    assert table3.iloc[-1]["Jianzhong (30)"] == "7"


def test_formatted_versions_say_simulated_and_hold_every_study(built):
    md = (built / "table1_studies.md").read_text(encoding="utf-8")
    assert "simulated" in md
    assert md.count("\n| ") == 1 + 14  # header and one row per study
    assert "8 RCT" in md and "6 Non-RCT" in md and "100 healthy controls" in md
    tex = (built / "table3_minors.tex").read_text(encoding="utf-8")
    assert "\\toprule" in tex and "Aggregate score" in tex


def test_two_runs_give_identical_files(built, tmp_path):
    write_study_tables(REFERENCE / "studies.tsv", tmp_path, REFERENCE / "quality" / "minors.tsv", simulated=True, tables=REFERENCE_TABLES)
    for path in built.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_table1_summary_is_computed_from_the_rows(built):
    md = (built / "table1_studies.md").read_text(encoding="utf-8")
    assert "14 studies (6 Non-RCT, 8 RCT); 219 patients in treatment groups" in md
    assert "Table 2. MRI acquisition and analysis." in (built / "table2_mri.md").read_text(encoding="utf-8")


def test_bad_count_names_line_and_field(tmp_path):
    studies = read_tsv(REFERENCE / "studies.tsv")
    studies.loc[3, "n_treat"] = "thirty"
    studies.to_csv(tmp_path / "s.tsv", sep="\t", index=False)
    with pytest.raises(InputError) as excinfo:
        write_study_tables(tmp_path / "s.tsv", tmp_path, tables=REFERENCE_TABLES)
    assert excinfo.value.line == 5 and excinfo.value.field == "n_treat"


def test_missing_column_is_named(tmp_path):
    read_tsv(REFERENCE / "studies.tsv").drop(columns=["regimen"]).to_csv(tmp_path / "s.tsv", sep="\t", index=False)
    with pytest.raises(InputError, match="regimen") as excinfo:
        write_study_tables(tmp_path / "s.tsv", tmp_path, tables=REFERENCE_TABLES)
    assert excinfo.value.field == "regimen" and "table1_studies" in str(excinfo.value)


def test_bad_minors_score_names_line_and_item(tmp_path):
    minors = read_tsv(QUALITY / "minors.tsv")
    minors.loc[2, "item_5"] = "3"
    minors.to_csv(tmp_path / "m.tsv", sep="\t", index=False)
    with pytest.raises(InputError) as excinfo:
        read_minors(tmp_path / "m.tsv")
    assert (excinfo.value.line, excinfo.value.field) == (4, "item_5")


def test_partly_scored_comparative_items_are_rejected(tmp_path):
    minors = read_tsv(QUALITY / "minors.tsv")
    minors.loc[0, "item_9"] = "2"
    minors.to_csv(tmp_path / "m.tsv", sep="\t", index=False)
    with pytest.raises(InputError, match="items 9-12"):
        read_minors(tmp_path / "m.tsv")


def test_unknown_minors_study_is_named(tmp_path):
    minors = read_tsv(QUALITY / "minors.tsv")
    minors.loc[0, "study_id"] = "ref99_nobody"
    minors.to_csv(tmp_path / "m.tsv", sep="\t", index=False)
    with pytest.raises(InputError, match="ref99_nobody"):
        build_table3(read_minors(tmp_path / "m.tsv"), read_study_table(QUALITY / "studies.tsv"), tmp_path / "m.tsv")


def test_reference_rob1_follows_section_3_3():
    rob = read_rob(REFERENCE / "quality" / "rob1.tsv", "rob1")
    assert len(rob) == 8
    by_ref = rob.rename(index=lambda s: int(re.match(r"ref(\d+)", s).group(1)))
    assert by_ref.at[28, "random_sequence_generation"] == "Unclear"
    assert set(by_ref.loc[[22, 26, 28], "allocation_concealment"]) == {"Unclear"}
    assert (by_ref["blinding_participants_personnel"] == "High").sum() == 7
    assert by_ref.at[19, "blinding_participants_personnel"] == "Low"
    assert set(by_ref["selective_reporting"]) == set(by_ref["other_bias"]) == {"Low"}
    # Overall = the worst domain.
    assert by_ref.at[19, "overall"] == "Low" and by_ref.at[26, "overall"] == "High"
    support = read_tsv(REFERENCE / "quality" / "rob1.tsv")["support"]
    assert support.str.match(r"^(Stated|Inferred): ").all()


def test_rob_errors_name_line_and_field(tmp_path):
    rob = read_tsv(QUALITY / "rob1.tsv")
    rob.loc[4, "judgement"] = "maybe"
    rob.to_csv(tmp_path / "r.tsv", sep="\t", index=False)
    with pytest.raises(InputError) as excinfo:
        read_rob(tmp_path / "r.tsv")
    assert (excinfo.value.line, excinfo.value.field) == (6, "judgement")
    read_tsv(QUALITY / "rob1.tsv").iloc[1:].to_csv(tmp_path / "r2.tsv", sep="\t", index=False)
    with pytest.raises(InputError, match="random_sequence_generation"):
        read_rob(tmp_path / "r2.tsv")


def test_rob2_reads_its_own_domains(tmp_path):
    domains = ["randomisation_process", "deviations_from_intervention", "missing_outcome_data", "outcome_measurement", "selected_result"]
    rows = [("s1", d, "Low") for d in domains] + [("s2", d, "Some concerns" if d == "outcome_measurement" else "low") for d in domains]
    pd.DataFrame(rows, columns=["study_id", "domain", "judgement"]).to_csv(tmp_path / "r.tsv", sep="\t", index=False)
    rob = read_rob(tmp_path / "r.tsv", "rob2")
    assert list(rob["overall"]) == ["Low", "Some concerns"]


def test_table4_and_table5_formatting(tmp_path):
    format_ale_table(
        "clusters",
        FACTS / "table4_clusters.tsv",
        table_outputs(tmp_path, "t4"),
        titles={"post_gt_pre": "Post- > pre-acupuncture"},
        simulated=True,
    )
    md = (tmp_path / "t4.md").read_text(encoding="utf-8")
    assert "*Post- > pre-acupuncture*" in md and "-34, -78, -38" in md and "4.07e-08" in md
    format_ale_table("jackknife", FACTS / "table5_jackknife.tsv", table_outputs(tmp_path, "t5"))
    md5 = (tmp_path / "t5.md").read_text(encoding="utf-8")
    # The counts row is computed: the paper's "3 4 4" for patients > HC.
    assert "| Kept (of 6) | 3 | 4 | 4 |" in md5
    assert "| Kept (of 10) | 8 | 8 | 9 |" in md5


def test_table4_without_clusters(tmp_path):
    pd.DataFrame(columns=["contrast", "cluster", "x", "y", "z"]).to_csv(tmp_path / "t4.tsv", sep="\t", index=False)
    format_ale_table("clusters", tmp_path / "t4.tsv", table_outputs(tmp_path, "t4"))
    assert "No cluster survived" in (tmp_path / "t4.md").read_text(encoding="utf-8")


def test_cli_builds_tables(tmp_path, capsys):
    status = cli_main(
        ["tables", str(REFERENCE / "studies.tsv"), "--out-dir", str(tmp_path), "--config", str(REPO / "config" / "config.yaml")]
    )
    assert status == 0
    assert (tmp_path / "table1_studies.tsv").is_file() and not (tmp_path / "table3_minors.tsv").exists()
    assert read_tsv(tmp_path / "table2_mri.tsv").shape == (14, 10)


def test_table4_analysis_without_clusters_is_a_statement(tmp_path):
    table = read_tsv(FACTS / "table4_clusters.tsv").iloc[:1]
    empty = {c: "" for c in table.columns}
    empty.update({"contrast": "patients_lt_hc"})
    table = pd.concat([table, pd.DataFrame([empty])], ignore_index=True)
    table["note"] = ["", "no cluster survived (voxel p < 0.001)"]
    table.to_csv(tmp_path / "t4.tsv", sep="\t", index=False)
    format_ale_table("clusters", tmp_path / "t4.tsv", table_outputs(tmp_path, "t4"), titles={"patients_lt_hc": "Patients < HC"})
    md = (tmp_path / "t4.md").read_text(encoding="utf-8")
    assert "*Patients < HC*\n\n| Result |" in md and "| no cluster survived (voxel p < 0.001) |" in md
    assert ", , " not in md


# --- A review that is not the reference review: reading in children ------------------------

READING_STUDIES = pd.DataFrame(
    {
        "study_id": ["kim2015", "osei2018", "varga2021"],
        "study": ["Kim et al.", "Osei and Park", "Varga et al."],
        "doi": ["10.1000/a1", "10.1000/b2", "10.1000/c3"],
        "age_range": ["7-9", "8-12", "6-10"],
        "task": ["rhyme judgement", "word reading", "pseudoword reading"],
        "group": ["typical readers", "dyslexia", "typical readers"],
        "n_children": ["18", "24", "-"],
    }
)
READING_TABLES = {
    "studies": [
        {
            "name": "table1_reading",
            "title": "Studies of reading in children.",
            "columns": [
                {"column": "study", "header": "Study"},
                {"column": "age_range", "header": "Age (years)"},
                {"column": ["task", "group"], "header": "Task (group)", "format": "{task} ({group})"},
                "n_children",
                "coordinates.experiments",
                "coordinates.foci",
                "coordinates.subjects",
            ],
            "notes": "Pseudowords: pronounceable letter strings without meaning.",
            "summary": {"count_by": "group", "totals": [{"column": "n_children", "label": "children"}]},
        }
    ]
}


def reading_foci():
    rows = []
    for study_id, study, experiments in (
        ("kim2015", "Kim et al.", [("kim_rhyme", 18, 5)]),
        ("osei2018", "Osei and Park", [("osei_words", 24, 4), ("osei_pseudo", 24, 3)]),
        ("varga2021", "Varga et al.", [("varga_pseudo", 15, 6)]),
    ):
        for slug, n, foci in experiments:
            for i in range(foci):
                rows.append(
                    {
                        "analysis": "reading",
                        "experiment_id": slug,
                        "experiment": f"{study} ({study_id}): {slug}",
                        "study_id": study_id,
                        "study": study,
                        "n": str(n),
                        "space": "MNI" if study_id != "kim2015" else "TAL",
                        "x": str(i),
                        "y": "0",
                        "z": "0",
                    }
                )
    # osei_words also feeds a second analysis: it counts once.
    rows += [dict(r, analysis="words_only") for r in rows if r["experiment_id"] == "osei_words"]
    return pd.DataFrame(rows)


@pytest.fixture()
def reading(tmp_path):
    READING_STUDIES.to_csv(tmp_path / "studies.tsv", sep="\t", index=False)
    reading_foci().to_csv(tmp_path / "foci_mni.tsv", sep="\t", index=False)
    return tmp_path


def test_own_review_gets_its_own_columns_headers_and_notes(reading):
    out = reading / "tables"
    write_study_tables(reading / "studies.tsv", out, tables=READING_TABLES, foci_path=reading / "foci_mni.tsv")
    data = read_tsv(out / "table1_reading.tsv")
    assert list(data.columns) == [
        "study",
        "age_range",
        "task",
        "group",
        "n_children",
        "coordinates.experiments",
        "coordinates.foci",
        "coordinates.subjects",
    ]
    assert list(data["coordinates.experiments"]) == ["1", "2", "1"]
    assert list(data["coordinates.foci"]) == ["5", "7", "6"]
    assert list(data["coordinates.subjects"]) == ["18", "48", "15"]
    md = (out / "table1_reading.md").read_text(encoding="utf-8")
    assert md.startswith("**Table 1. Studies of reading in children.**")
    assert "| Study | Age (years) | Task (group) | n_children | Experiments | Foci | Subjects (sum over experiments) |" in md
    assert "| Osei and Park | 8-12 | word reading (dyslexia) | 24 | 2 | 7 | 48 |" in md
    assert "3 studies (2 typical readers, 1 dyslexia); 42 children." in md
    assert "Pseudowords: pronounceable" in md
    assert not (out / "table2_mri.tsv").exists()
    for path in out.iterdir():
        text = _docx_text(path) if path.suffix == ".docx" else path.read_text(encoding="utf-8").lower()
        assert not re.search(r"acupunct|stroke|patients in treatment|healthy controls", text), path.name


def _docx_text(path):
    """The text of a .docx table: paragraphs and cells, lower-case."""
    document = Document(path)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells).lower()


def test_without_table_config_one_automatic_table(reading):
    out = reading / "auto"
    write_study_tables(reading / "studies.tsv", out, foci_path=reading / "foci_mni.tsv")
    assert sorted(p.name for p in out.iterdir()) == [f"table1_studies.{e}" for e in ("docx", "html", "md", "tex", "tsv")]
    md = (out / "table1_studies.md").read_text(encoding="utf-8")
    assert "| Study | Experiments | Foci | Subjects (sum over experiments) |" in md
    assert "| Varga et al. (varga2021) | 1 | 6 | 15 |" in md
    assert "3 studies; 4 experiments, 18 foci, 81 subjects (summed over experiments)." in md


def test_coordinates_only_review_gets_its_table_from_the_coordinates(reading):
    out = reading / "coords"
    write_study_tables(None, out, foci_path=reading / "foci_mni.tsv", simulated=False)
    data = read_tsv(out / "table1_studies.tsv")
    assert list(data["study_id"]) == ["kim2015", "osei2018", "varga2021"]
    assert list(data["study"]) == ["Kim et al.", "Osei and Park", "Varga et al."]


def test_study_of_the_table_without_coordinates_counts_zero(reading):
    reading_foci().query("study_id != 'varga2021'").to_csv(reading / "foci_mni.tsv", sep="\t", index=False)
    write_study_tables(reading / "studies.tsv", reading / "t", foci_path=reading / "foci_mni.tsv")
    assert list(read_tsv(reading / "t" / "table1_studies.tsv")["coordinates.experiments"]) == ["1", "2", "0"]


def test_computed_columns_need_the_coordinates(reading):
    with pytest.raises(InputError, match="coordinates"):
        write_study_tables(reading / "studies.tsv", reading / "t", tables=READING_TABLES)


def test_the_study_table_needs_only_a_unique_study_id(reading):
    READING_STUDIES[["study_id", "task"]].to_csv(reading / "min.csv", index=False)
    tables = {"studies": [{"name": "t1", "columns": ["study_id", "task"]}]}
    write_study_tables(reading / "min.csv", reading / "t", tables=tables)
    assert read_tsv(reading / "t" / "t1.tsv").shape == (3, 2)
    READING_STUDIES.assign(study_id=["a", "b", "a"]).to_csv(reading / "dup.tsv", sep="\t", index=False)
    with pytest.raises(InputError) as excinfo:
        read_study_table(reading / "dup.tsv")
    assert (excinfo.value.line, excinfo.value.field) == (4, "study_id")
    READING_STUDIES.drop(columns=["study_id"]).to_csv(reading / "noid.tsv", sep="\t", index=False)
    with pytest.raises(InputError, match="study_id"):
        read_study_table(reading / "noid.tsv")


def test_table_names_must_be_distinct_and_not_reserved():
    with pytest.raises(ConfigError, match="twice"):
        table_specs({"studies": [{"name": "a", "columns": ["x"]}, {"name": "a", "columns": ["y"]}]})
    with pytest.raises(ConfigError, match="reserved"):
        table_specs({"studies": [{"name": "table4_clusters", "columns": ["x"]}]})


def test_tables_are_numbered_in_the_order_the_review_has_them(reading):
    assert table_numbers(["table1_studies"], minors=False, jackknife=True) == {
        "table1_studies": 1,
        "table4_clusters": 2,
        "table5_jackknife": 3,
    }
    numbers = table_numbers(["a", "b"], minors=True, jackknife=False)
    assert numbers == {"a": 1, "b": 2, "table3_minors": 3, "table4_clusters": 4}
    pd.DataFrame({"contrast": ["reading"], "cluster": ["1"], "x": ["-40"], "y": ["-60"], "z": ["-10"]}).to_csv(
        reading / "t4.tsv", sep="\t", index=False
    )
    format_ale_table("clusters", reading / "t4.tsv", table_outputs(reading, "t4"), number=2)
    assert (reading / "t4.md").read_text(encoding="utf-8").startswith("**Table 2. Clusters")


def test_schema_accepts_the_tables_section(reading):
    from alereview.config import SCHEMA_PATH, validate_config

    config = {
        "review": {"id": "reading", "title": "Reading in children"},
        "tables": READING_TABLES,
        "analyses": {"reading": {"title": "Reading"}},
    }
    try:
        validate_config(config, SCHEMA_PATH, base_dir=reading)
    except ConfigError as error:  # other sections may be required; the tables section must not be the reason
        assert not error.key.startswith("tables"), error
    bad = {"review": {"id": "reading", "title": "R"}, "tables": {"studies": [{"name": "t 1", "columns": ["x"]}]}}
    with pytest.raises(ConfigError) as excinfo:
        validate_config(bad, SCHEMA_PATH, base_dir=reading)
    assert "tables" in excinfo.value.key


# --- Clusters are keyed by their number, never by their label ------------------------------


def two_clusters_one_label():
    rows = []
    for order, study in ((1, "Kim et al. (kim2015): rhyme"), (2, "Osei and Park (osei2018): words")):
        for cluster, survived in ((1, "Y"), (2, "N" if order == 1 else "Y")):
            rows.append(
                {
                    "contrast": "reading",
                    "order": str(order),
                    "study": study,
                    "ref": "",
                    "cluster": str(cluster),
                    "cluster_label": "L Superior Temporal Gyrus",
                    "survived": survived,
                }
            )
    return pd.DataFrame(rows)


def test_table5_with_two_clusters_of_one_label(tmp_path):
    [(title, block)] = table5_display(two_clusters_one_label(), {"reading": "Reading"})
    assert title == "Reading"
    assert list(block.columns) == ["Left-out experiment", "1. L Superior Temporal Gyrus", "2. L Superior Temporal Gyrus"]
    assert list(block["1. L Superior Temporal Gyrus"]) == ["Y", "Y", "2"]
    assert list(block["2. L Superior Temporal Gyrus"]) == ["N", "Y", "1"]
    two_clusters_one_label().to_csv(tmp_path / "t5.tsv", sep="\t", index=False)
    format_ale_table("jackknife", tmp_path / "t5.tsv", table_outputs(tmp_path, "t5"))
    assert "| Kept (of 2) | 2 | 1 |" in (tmp_path / "t5.md").read_text(encoding="utf-8")


def test_experiment_label_is_shown_once():
    table = two_clusters_one_label()
    table["study"] = table["study"].replace({"Kim et al. (kim2015): rhyme": "Kim et al. (kim2015): kim2015"})
    [(_, block)] = table5_display(table)
    assert block["Left-out experiment"].iloc[0] == "Kim et al. (kim2015)"


def test_cli_builds_a_coordinates_only_table(reading, capsys):
    assert cli_main(["tables", "--foci", str(reading / "foci_mni.tsv"), "--out-dir", str(reading / "cli")]) == 0
    assert read_tsv(reading / "cli" / "table1_studies.tsv").shape == (3, 5)
    assert cli_main(["tables", "--out-dir", str(reading / "cli")]) == 2
    assert "--foci" in capsys.readouterr().err


def test_jackknife_figure_with_two_clusters_of_one_label(tmp_path):
    from alereview.jackknife.leave_out import gather
    from alereview.figures.build import jackknife_figure

    clusters = pd.DataFrame(
        {
            "cluster": ["1", "2"],
            "x": ["-50", "-60"],
            "y": ["-20", "-40"],
            "z": ["5", "10"],
            "hemisphere": ["L", "L"],
            "gyrus": ["Superior Temporal Gyrus"] * 2,
            "lobe": ["Temporal Lobe"] * 2,
        }
    )
    experiments = pd.DataFrame(
        {"experiment": ["Ahmad et al. (Ahmad2003): Ahmad2003", "Kim et al. (kim2015): rhyme"], "slug": ["ahmad", "kim"]}
    )
    survivals = {"ahmad": pd.DataFrame({"survived": ["Y", "N"]}), "kim": pd.DataFrame({"survived": ["Y", "Y"]})}
    gather(experiments, clusters, survivals).to_csv(tmp_path / "jk.tsv", sep="\t", index=False)
    clusters.to_csv(tmp_path / "clusters.tsv", sep="\t", index=False)
    jackknife_figure(tmp_path / "jk.tsv", tmp_path / "clusters.tsv", tmp_path / "jk.png", dpi=40, vector_format="svg")
    svg = (tmp_path / "jk.svg").read_text(encoding="utf-8")
    assert svg.count("Superior Temporal Gyrus") == 2 and "1/2" in svg and "2/2" in svg
    assert "Ahmad et al. (Ahmad2003)" in svg and "Ahmad2003): Ahmad2003" not in svg
