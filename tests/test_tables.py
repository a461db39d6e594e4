"""Tables 1-3 are built from the study table and the quality data, and equal the paper's."""

import re

import pandas as pd
import pytest

from alereview.cli import main as cli_main
from alereview.errors import InputError
from alereview.quality import read_minors, read_rob
from alereview.tables import (
    build_table1, build_table2, build_table3, format_ale_table, read_studies, table1_summary,
    write_study_tables,
)
from alereview.tsv import read_tsv

from conftest import REPO

REFERENCE = REPO / "resources" / "reference_review"
FACTS = REFERENCE / "facts"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    write_study_tables(REFERENCE / "studies.tsv", out, REFERENCE / "quality" / "minors.tsv", simulated=True)
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
    minors = read_tsv(REFERENCE / "quality" / "minors.tsv")
    minors.loc[0, "item_1"] = "0"  # Jianzhong loses 2 points
    minors.to_csv(tmp_path / "m.tsv", sep="\t", index=False)
    table3 = build_table3(read_minors(tmp_path / "m.tsv"), read_studies(REFERENCE / "studies.tsv"))
    assert table3.iloc[-1]["Jianzhong (30)"] == "7"


def test_formatted_versions_say_simulated_and_hold_every_study(built):
    md = (built / "table1_studies.md").read_text(encoding="utf-8")
    assert "simulated" in md
    assert md.count("\n| ") == 1 + 14  # header and one row per study
    assert "8 RCT" in md and "6 Non-RCT" in md and "100 healthy controls" in md
    tex = (built / "table3_minors.tex").read_text(encoding="utf-8")
    assert "\\toprule" in tex and "Aggregate score" in tex


def test_two_runs_give_identical_files(built, tmp_path):
    write_study_tables(REFERENCE / "studies.tsv", tmp_path, REFERENCE / "quality" / "minors.tsv", simulated=True)
    for path in built.iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_table1_summary_counts():
    table1 = build_table1(read_studies(REFERENCE / "studies.tsv"))
    assert table1_summary(table1).startswith("14 studies")
    assert "219 patients in treatment groups" in table1_summary(table1)


def test_bad_count_names_line_and_field(tmp_path):
    studies = read_tsv(REFERENCE / "studies.tsv")
    studies.loc[3, "n_treat"] = "thirty"
    studies.to_csv(tmp_path / "s.tsv", sep="\t", index=False)
    with pytest.raises(InputError) as excinfo:
        read_studies(tmp_path / "s.tsv")
    assert excinfo.value.line == 5 and excinfo.value.field == "n_treat"


def test_missing_column_is_named(tmp_path):
    read_tsv(REFERENCE / "studies.tsv").drop(columns=["regimen"]).to_csv(tmp_path / "s.tsv", sep="\t", index=False)
    with pytest.raises(InputError, match="regimen"):
        read_studies(tmp_path / "s.tsv")


def test_bad_minors_score_names_line_and_item(tmp_path):
    minors = read_tsv(REFERENCE / "quality" / "minors.tsv")
    minors.loc[2, "item_5"] = "3"
    minors.to_csv(tmp_path / "m.tsv", sep="\t", index=False)
    with pytest.raises(InputError) as excinfo:
        read_minors(tmp_path / "m.tsv")
    assert (excinfo.value.line, excinfo.value.field) == (4, "item_5")


def test_partly_scored_comparative_items_are_rejected(tmp_path):
    minors = read_tsv(REFERENCE / "quality" / "minors.tsv")
    minors.loc[0, "item_9"] = "2"
    minors.to_csv(tmp_path / "m.tsv", sep="\t", index=False)
    with pytest.raises(InputError, match="items 9-12"):
        read_minors(tmp_path / "m.tsv")


def test_unknown_minors_study_is_named(tmp_path):
    minors = read_tsv(REFERENCE / "quality" / "minors.tsv")
    minors.loc[0, "study_id"] = "ref99_nobody"
    minors.to_csv(tmp_path / "m.tsv", sep="\t", index=False)
    with pytest.raises(InputError, match="ref99_nobody"):
        build_table3(read_minors(tmp_path / "m.tsv"), read_studies(REFERENCE / "studies.tsv"), tmp_path / "m.tsv")


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
    rob = read_tsv(REFERENCE / "quality" / "rob1.tsv")
    rob.loc[4, "judgement"] = "maybe"
    rob.to_csv(tmp_path / "r.tsv", sep="\t", index=False)
    with pytest.raises(InputError) as excinfo:
        read_rob(tmp_path / "r.tsv")
    assert (excinfo.value.line, excinfo.value.field) == (6, "judgement")
    read_tsv(REFERENCE / "quality" / "rob1.tsv").iloc[1:].to_csv(tmp_path / "r2.tsv", sep="\t", index=False)
    with pytest.raises(InputError, match="random_sequence_generation"):
        read_rob(tmp_path / "r2.tsv")


def test_rob2_reads_its_own_domains(tmp_path):
    domains = ["randomisation_process", "deviations_from_intervention", "missing_outcome_data",
               "outcome_measurement", "selected_result"]
    rows = [("s1", d, "Low") for d in domains] + [("s2", d, "Some concerns" if d == "outcome_measurement" else "low") for d in domains]
    pd.DataFrame(rows, columns=["study_id", "domain", "judgement"]).to_csv(tmp_path / "r.tsv", sep="\t", index=False)
    rob = read_rob(tmp_path / "r.tsv", "rob2")
    assert list(rob["overall"]) == ["Low", "Some concerns"]


def test_table4_and_table5_formatting(tmp_path):
    format_ale_table("clusters", FACTS / "table4_clusters.tsv", tmp_path / "t4.md", tmp_path / "t4.tex",
                     titles={"post_gt_pre": "Post- > pre-acupuncture"}, simulated=True)
    md = (tmp_path / "t4.md").read_text(encoding="utf-8")
    assert "*Post- > pre-acupuncture*" in md and "-34, -78, -38" in md and "4.07e-08" in md
    format_ale_table("jackknife", FACTS / "table5_jackknife.tsv", tmp_path / "t5.md")
    md5 = (tmp_path / "t5.md").read_text(encoding="utf-8")
    # The counts row is computed: the paper's "3 4 4" for patients > HC.
    assert "| Kept (of 6) | 3 | 4 | 4 |" in md5
    assert "| Kept (of 10) | 8 | 8 | 9 |" in md5


def test_table4_without_clusters(tmp_path):
    pd.DataFrame(columns=["contrast", "cluster", "x", "y", "z"]).to_csv(tmp_path / "t4.tsv", sep="\t", index=False)
    format_ale_table("clusters", tmp_path / "t4.tsv", tmp_path / "t4.md")
    assert "No cluster survived" in (tmp_path / "t4.md").read_text(encoding="utf-8")


def test_cli_builds_tables(tmp_path, capsys):
    status = cli_main(["tables", str(REFERENCE / "studies.tsv"), "--out-dir", str(tmp_path)])
    assert status == 0
    assert (tmp_path / "table1_studies.tsv").is_file() and not (tmp_path / "table3_minors.tsv").exists()
    assert build_table2(read_studies(REFERENCE / "studies.tsv")).shape == (14, 10)


def test_table4_analysis_without_clusters_is_a_statement(tmp_path):
    table = read_tsv(FACTS / "table4_clusters.tsv").iloc[:1]
    empty = {c: "" for c in table.columns}
    empty.update({"contrast": "patients_lt_hc"})
    table = pd.concat([table, pd.DataFrame([empty])], ignore_index=True)
    table["note"] = ["", "no cluster survived (voxel p < 0.001)"]
    table.to_csv(tmp_path / "t4.tsv", sep="\t", index=False)
    format_ale_table("clusters", tmp_path / "t4.tsv", tmp_path / "t4.md", titles={"patients_lt_hc": "Patients < HC"})
    md = (tmp_path / "t4.md").read_text(encoding="utf-8")
    assert "*Patients < HC*\n\n| Result |" in md and "| no cluster survived (voxel p < 0.001) |" in md
    assert ", , " not in md
