"""``alereview screen|coordinates|prisma|report|dedup --config FILE`` with FILE anywhere (issue 13).

The review folder holds ``config.yaml`` at its top (not in ``config/``) and relative paths;
the commands run from another folder. Paths resolve as in the workflow: against the review
folder (:func:`alereview.config.review_dir`).
"""

import shutil

import pytest
import yaml

from alereview.cli import main
from alereview.search.stage import run_build_records, run_import
from alereview.tsv import read_tsv

RIS = """TY  - JOUR
TI  - Smith study of acupuncture
AU  - Smith, A.
PY  - 2010
DO  - 10.1000/smith
ER  - 

TY  - JOUR
TI  - Jones study of acupuncture
AU  - Jones, B.
PY  - 2012
ER  - 

TY  - JOUR
TI  - An unrelated study of something else
AU  - Other, C.
PY  - 2015
ER  - 
"""


@pytest.fixture()
def review(tmp_path, test_data, monkeypatch):
    folder = tmp_path / "my review"
    shutil.copytree(test_data / "coordinates", folder / "data")
    (folder / "data" / "embase.ris").write_text(RIS, encoding="utf-8")
    (folder / "data" / "manual.csv").write_text("record_id_a,record_id_b,decision\nembase-00001,embase-00002,different\n")
    (folder / "data" / "ta.csv").write_text("record_id,stage,reviewer,decision,reason\n")
    config = {
        "review": {"id": "anywhere", "title": "A review whose config is not in config/"},
        "search": {"cutoff": "2024-03-21", "exports": [{"database": "Embase", "path": "data/embase.ris", "format": "ris"}]},
        "dedup": {"source_priority": ["Embase"], "manual_decisions": "data/manual.csv"},
        "screening": {"reviewers": ["A"], "title_abstract": [{"path": "data/ta.csv", "format": "plain_csv"}]},
        "studies": {"table": "data/studies.tsv"},
        "coordinates": {"tables": ["data/foci.tsv"], "mask_check": False},
        "analyses": {"post_gt_pre": {"title": "Post > pre"}, "post_lt_pre": {"title": "Post < pre"}},
        "ale": {},
    }
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    results = folder / "results"
    run_import(folder / "data" / "embase.ris", "Embase", "ris", results / "search" / "embase.tsv", results / "search" / "embase.json")
    run_build_records(
        [results / "search" / "embase.tsv"],
        [results / "search" / "embase.json"],
        results / "records" / "records.tsv",
        results / "records" / "provenance.json",
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return folder, path, results


def test_dedup_reads_the_manual_decisions_of_the_review_folder(review, capsys):
    folder, config, results = review
    status = main(["dedup", str(results / "records" / "records.tsv"), "--config", str(config), "--out", str(results / "dedup")])
    assert status == 0, capsys.readouterr().err
    assert "3 records" in capsys.readouterr().out


def test_screen_and_prisma_from_another_folder(review, capsys):
    folder, config, results = review
    assert main(["dedup", str(results / "records" / "records.tsv"), "--config", str(config), "--out", str(results / "dedup")]) == 0
    assert main(["screen", "--config", str(config), "--results", str(results)]) == 1  # all await screening
    assert "3 record(s) await" in capsys.readouterr().err
    keys = read_tsv(results / "screening" / "to_screen.tsv")["record_key"]
    rows = [f"{key},title_abstract,A,exclude,off topic" for key in keys]
    (folder / "data" / "ta.csv").write_text("record_id,stage,reviewer,decision,reason\n" + "\n".join(rows) + "\n")
    status = main(["screen", "--config", str(config), "--results", str(results)])
    assert status == 0, capsys.readouterr().err
    assert main(["prisma", "--config", str(config), "--results", str(results)]) == 0
    out = capsys.readouterr().out
    assert "database_results\t3" in out and "records_screened\t3" in out


def test_coordinates_build_from_another_folder(review, capsys, tmp_path):
    folder, config, _ = review
    out = tmp_path / "coords"
    status = main(
        [
            "coordinates",
            "build",
            "--config",
            str(config),
            "--included",
            str(folder / "data" / "included.tsv"),
            "--out-dir",
            str(out),
            "--log",
            str(tmp_path / "log.txt"),
        ]
    )
    assert status == 0, capsys.readouterr().err
    assert (out / "post_gt_pre.sleuth.txt").is_file()


def test_report_loads_the_config_from_another_folder(review, capsys, tmp_path):
    folder, config, results = review
    status = main(["report", "--config", str(config), "--results", str(results), "--out", str(tmp_path / "r.html")])
    err = capsys.readouterr().err
    assert "schema" not in err and "Traceback" not in err
    assert status == 0, err
    assert (tmp_path / "r.html").is_file()


def test_relative_paths_become_absolute_against_the_review_folder(review):
    from alereview.config import load_config

    folder, config, _ = review
    loaded = load_config(config, absolute=True)
    assert loaded["coordinates"]["tables"] == [str((folder / "data" / "foci.tsv").resolve())]
    assert loaded["search"]["exports"][0]["path"] == str((folder / "data" / "embase.ris").resolve())
    assert loaded["ale"]["mask"] == "ale_2mm"
