"""rules/tables.smk on a made-up review (reading in children): one output set per configured study table."""

import subprocess
import sys

import pandas as pd
import pytest
import yaml

from conftest import REPO

SLEUTH = """// Reference=MNI
// Kim et al. (kim2015): rhyme > rest
// Subjects=18
-40\t-60\t-10
-42\t-58\t-12

// Osei and Park (osei2018): words > rest
// Subjects=24
-50\t-40\t10

// Varga et al. (varga2021): pseudowords > rest
// Subjects=15
-44\t-62\t-8
"""


@pytest.mark.slow
def test_study_table_rules_follow_the_config(tmp_path):
    review = tmp_path / "reading_review"
    (review / "config").mkdir(parents=True)
    (review / "reading.txt").write_text(SLEUTH, encoding="utf-8")
    pd.DataFrame(
        {
            "study_id": ["kim2015", "osei2018", "varga2021"],
            "study": ["Kim et al.", "Osei and Park", "Varga et al."],
            "age_range": ["7-9", "8-12", "6-10"],
            "task": ["rhyme judgement", "word reading", "pseudoword reading"],
            "orthography": ["English", "Korean", "Hungarian"],
        }
    ).to_csv(review / "studies.tsv", sep="\t", index=False)
    config = {
        "review": {"id": "reading_children", "title": "Reading in children"},
        "analyses": {"reading": {"title": "Reading"}},
        "studies": {"table": "studies.tsv"},
        "coordinates": {"sleuth": [{"path": "reading.txt", "analysis": "reading"}]},
        "jackknife": {"enabled": False},
        "tables": {
            "studies": [
                {
                    "name": "table1_children",
                    "title": "Studies of reading in children.",
                    "columns": [
                        {"column": "study", "header": "Study"},
                        {"column": "age_range", "header": "Age (years)"},
                        "coordinates.experiments",
                        "coordinates.subjects",
                    ],
                },
                {
                    "name": "table2_tasks",
                    "title": "Tasks.",
                    "columns": ["study", "task", "orthography"],
                    "notes": "Orthography: the language the children read.",
                },
            ]
        },
    }
    (review / "config" / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    targets = [f"results/tables/{name}.{ext}" for name in ("table1_children", "table2_tasks") for ext in ("tsv", "md", "html", "tex")]
    run = subprocess.run(
        [sys.executable, "-m", "snakemake", "--cores", "1", "-s", str(REPO / "Snakefile"), "--directory", str(review), *targets],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    table1 = (review / "results" / "tables" / "table1_children.md").read_text(encoding="utf-8")
    assert table1.startswith("**Table 1. Studies of reading in children.**")
    assert "| Kim et al. | 7-9 | 1 | 18 |" in table1 and "3 studies; 3 experiments, 57 subjects (summed over experiments)." in table1
    table2 = (review / "results" / "tables" / "table2_tasks.md").read_text(encoding="utf-8")
    assert table2.startswith("**Table 2. Tasks.**") and "Orthography: the language" in table2
    # Table 2 shows no computed column: its job does not take the coordinates; Table 1's does.
    jobs = {block.split("study_table=")[1].split()[0]: block for block in run.stderr.split("rule tables_studies:")[1:]}
    assert "foci_mni.tsv" not in jobs["table2_tasks"].split("output:")[0]
    assert "foci_mni.tsv" in jobs["table1_children"].split("output:")[0]
    assert not (review / "results" / "tables" / "table1_studies.tsv").exists()
