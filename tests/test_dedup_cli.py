"""``alereview dedup RECORDS --out DIR`` and the workflow rule's outputs."""

import shutil
import subprocess
import sys

import pytest

from alereview.cli import main
from alereview.tsv import read_json, read_tsv


@pytest.fixture
def records(test_data):
    return test_data / "dedup" / "records_missing_columns.csv"


def test_cli_writes_clusters_from_csv_with_missing_columns(records, tmp_path, capsys):
    assert main(["dedup", str(records), "--out", str(tmp_path / "out")]) == 0
    clusters = read_tsv(tmp_path / "out" / "clusters.tsv").set_index("record_id")
    assert list(clusters.columns[:2]) == ["source", "cluster_id"]
    assert clusters.loc["pubmed-1", "cluster_id"] == clusters.loc["embase-00001", "cluster_id"]
    # CJK: the same title spaced differently joins; one character different does not
    assert clusters.loc["cnki-00001", "cluster_id"] == clusters.loc["wanfang-00001", "cluster_id"]
    assert clusters.loc["vip-00001", "cluster_id"] == "vip-00001"
    uncertain = read_tsv(tmp_path / "out" / "uncertain_pairs.tsv")
    assert {"cnki-00001", "vip-00001"} == {uncertain.iloc[0]["record_id_a"], uncertain.iloc[0]["record_id_b"]}
    counts = read_json(tmp_path / "out" / "counts.json")
    assert (counts["records"], counts["duplicates_removed"], counts["unique"]) == (5, 2, 3)
    assert "5 records, 2 duplicates removed" in capsys.readouterr().out


def test_cli_accepts_tsv_and_manual_decisions(records, tmp_path, test_data):
    tsv = tmp_path / "records.tsv"
    read_tsv(records, sep=",").drop(columns=["doi"]).to_csv(tsv, sep="\t", index=False)
    manual = tmp_path / "decisions.tsv"
    shutil.copy(test_data / "dedup" / "manual_decisions.tsv", manual)
    before = manual.read_bytes()
    assert (
        main(["dedup", str(tsv), "--out", str(tmp_path / "out"), "--manual-decisions", str(manual), "--source-priority", "Wanfang,CNKI"])
        == 0
    )
    clusters = read_tsv(tmp_path / "out" / "clusters.tsv").set_index("record_id")
    assert clusters.loc["vip-00001", "cluster_id"] == clusters.loc["cnki-00001", "cluster_id"]
    assert clusters.loc["vip-00001", "rule"] == "manual"
    assert clusters.loc["wanfang-00001", "kept"] == "true"
    assert manual.read_bytes() == before
    assert read_tsv(tmp_path / "out" / "uncertain_pairs.tsv").empty


def test_cli_refuses_to_overwrite_the_manual_decisions(records, tmp_path, test_data):
    out = tmp_path / "out"
    out.mkdir()
    manual = out / "uncertain_pairs.tsv"
    shutil.copy(test_data / "dedup" / "manual_decisions.tsv", manual)
    before = manual.read_bytes()
    assert main(["dedup", str(records), "--out", str(out), "--manual-decisions", str(manual)]) == 2
    assert manual.read_bytes() == before


def test_cli_reports_bad_input(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("title\nsomething\n", encoding="utf-8")
    assert main(["dedup", str(bad), "--out", str(tmp_path / "out")]) == 2
    assert "bad.csv, line 1, field 'record_id'" in capsys.readouterr().err
    assert not (tmp_path / "out" / "clusters.tsv").exists()


@pytest.mark.slow
def test_rule_runs_under_snakemake(records, tmp_path, repo_root):
    """The dedup rule alone, on a records.tsv of its own (the stage's contract)."""
    work = tmp_path / "wf"
    (work / "results" / "records").mkdir(parents=True)
    # The config's input paths resolve against the review folder (--directory).
    (work / "examples").symlink_to(repo_root / "examples")
    table = read_tsv(records, sep=",")
    table.to_csv(work / "results" / "records" / "records.tsv", sep="\t", index=False)
    targets = [f"results/dedup/{name}" for name in ("clusters.tsv", "unique.tsv", "uncertain_pairs.tsv", "counts.json")]
    command = [
        sys.executable,
        "-m",
        "snakemake",
        *targets,
        "--snakefile",
        str(repo_root / "Snakefile"),
        "--directory",
        str(work),
        "--configfile",
        str(repo_root / "config" / "config.yaml"),
        "--cores",
        "1",
        "--allowed-rules",
        "dedup_records",
    ]
    run = subprocess.run(command, cwd=repo_root, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert read_json(work / "results" / "dedup" / "counts.json")["unique"] == 3
    assert "records -> 3 unique" in (work / "logs" / "dedup" / "dedup.log").read_text()
