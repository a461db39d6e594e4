"""``alereview label X Y Z``."""

import json

import pytest

from alereview.cli import main


def test_label_prints_the_levels(capsys):
    assert main(["label", "-54", "27", "-2"]) == 0
    out = capsys.readouterr().out
    lines = dict(line.split(None, 1) for line in out.splitlines() if line.split()[0] in {"hemisphere", "lobe", "gyrus", "BA", "AAL"})
    assert lines == {
        "hemisphere": "L",
        "lobe": "Frontal Lobe",
        "gyrus": "Inferior Frontal Gyrus",
        "BA": "BA 45",
        "AAL": "Frontal_Inf_Tri_L",
    }
    assert "nearest grey matter" in out


def test_label_json_and_options(capsys):
    assert main(["label", "34", "-8", "8", "--transform", "fsl", "--radius", "3", "--json"]) == 0
    label = json.loads(capsys.readouterr().out)
    assert label["transform"] == "fsl" and label["search_radius_mm"] == 3
    assert label["hemisphere"] == "R" and label["lobe"] == "Sub-lobar"


def test_label_rejects_bad_input(capsys):
    with pytest.raises(SystemExit) as excinfo:
        main(["label", "1", "2", "three"])
    assert excinfo.value.code == 2
    assert main(["label", "0", "0", "0", "--radius", "-2"]) == 2
    assert "search_radius_mm" in capsys.readouterr().err


def test_label_method_and_atlas_options(capsys):
    assert main(["label", "-40", "-52", "-20", "--json"]) == 0
    default = json.loads(capsys.readouterr().out)
    assert (default["method"], default["transform"], default["gyrus"], default["ba"]) == ("gingerale", "pooled", "Fusiform Gyrus", "BA 37")
    assert main(["label", "-40", "-52", "-20", "--method", "radius", "--atlas", "aal", "--atlas", "aicha"]) == 0
    out = capsys.readouterr().out
    assert "Culmen" in out and "method           radius" in out
    assert any(line.startswith("aicha") for line in out.splitlines())
    assert main(["label", "28", "50", "4"]) == 0
    assert "(cube of ±" in capsys.readouterr().out
