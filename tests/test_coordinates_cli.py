"""``alereview coordinates``: convert, experiments, check and build."""

import shutil

import yaml

from alereview.cli import main


def test_convert(capsys):
    assert main(["coordinates", "convert", "0", "0", "0", "--to", "tal", "--transform", "lancaster_pooled"]) == 0
    assert capsys.readouterr().out.strip() == "-1.04\t-1.39\t3.65"
    assert main(["coordinates", "convert", "-1.0423", "-1.394", "3.6475", "--transform", "lancaster_pooled"]) == 0
    assert capsys.readouterr().out.strip() == "0.00\t0.00\t0.00"


def test_experiments_listing(test_data, capsys):
    assert main(["coordinates", "experiments", str(test_data / "coordinates" / "example.sleuth.txt")]) == 0
    lines = capsys.readouterr().out.strip().split("\n")
    assert lines[0] == "smith2010__post_gt_pre\t12\t3\tSmith et al. (smith2010): post > pre"


def test_check_reports_errors_with_location(tmp_path, test_data, capsys):
    bad = tmp_path / "bad.tsv"
    bad.write_text((test_data / "coordinates" / "foci.tsv").read_text().replace("\t-38\t", "\tabc\t", 1))
    assert main(["coordinates", "check", str(bad)]) == 2
    assert f"{bad}, line 2, field 'z': not a number: 'abc'" in capsys.readouterr().err
    assert (
        main(
            [
                "coordinates",
                "check",
                str(test_data / "coordinates" / "foci.tsv"),
                "--sleuth",
                str(test_data / "coordinates" / "talairach.sleuth.txt"),
            ]
        )
        == 0
    )
    assert "7 experiments, 12 foci" in capsys.readouterr().out


def test_build_from_a_config(tmp_path, test_data, repo_root, capsys):
    shutil.copytree(test_data / "coordinates", tmp_path / "data")
    config = yaml.safe_load((repo_root / "config" / "config.yaml").read_text())
    config["studies"]["table"] = str(tmp_path / "data" / "studies.tsv")
    config["coordinates"].update(tables=[str(tmp_path / "data" / "foci.tsv")], mask_check=False)
    config["analyses"] = {"post_gt_pre": {"title": "Post > pre"}, "post_lt_pre": {"title": "Post < pre"}}
    for key in ("search", "screening", "quality"):
        config.pop(key, None)
    config["search"] = {"cutoff": "2024-03-21"}
    config["screening"] = {"reviewers": ["A"]}
    config["dedup"]["source_priority"] = []  # no database is searched here
    (tmp_path / "config").mkdir()
    path = tmp_path / "config" / "config.yaml"
    path.write_text(yaml.safe_dump(config))
    out = tmp_path / "out"
    assert (
        main(
            [
                "coordinates",
                "build",
                "--config",
                str(path),
                "--included",
                str(tmp_path / "data" / "included.tsv"),
                "--out-dir",
                str(out),
                "--log",
                str(tmp_path / "log.txt"),
            ]
        )
        == 0
    )
    assert (out / "post_gt_pre.sleuth.txt").read_text().startswith("// Reference=MNI\n// Smith et al. (smith2010)")
    assert "Lancaster" in (tmp_path / "log.txt").read_text()


def test_check_reads_studysets_with_the_same_checks(tmp_path, capsys):
    import json

    data = {
        "studies": [
            {
                "id": "s1",
                "analyses": [{"id": "a", "metadata": {"sample_sizes": [-5]}, "points": [{"space": "MNI", "coordinates": [1, 2, 3]}]}],
            }
        ]
    }
    path = tmp_path / "set.json"
    path.write_text(json.dumps(data))
    assert main(["coordinates", "check", "--studyset", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}, record study s1, analysis a, point 1, field 'sample_sizes': sample size must be a whole number > 0" in err
    data["studies"][0]["analyses"][0]["metadata"]["sample_sizes"] = [14]
    path.write_text(json.dumps(data))
    assert main(["coordinates", "check", "--studyset", str(path)]) == 0
    assert "1 experiments, 1 foci, 1 studies (MNI)" in capsys.readouterr().out
    assert main(["coordinates", "experiments", str(path)]) == 0
    assert capsys.readouterr().out == "s1__a\t14\t1\ts1: a\n"
