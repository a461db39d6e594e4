"""A config is data, never code: tags, YTE, keys given twice, alias bombs, encodings, outputs outside."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from alereview import config_keys
from alereview.config import load_config
from alereview.config_yaml import MAX_ALIASES, parse_config_text, read_config_file
from alereview.errors import ConfigError
from alereview.review.init import init_full, init_sleuth

REPO = Path(__file__).resolve().parents[1]
SLEUTH = REPO / "tests" / "bad_inputs" / "ale" / "one_experiment.txt"


def test_a_key_given_twice_names_both_lines():
    with pytest.raises(ConfigError, match=r"'seed' is given twice, on line 3 and on line 5"):
        parse_config_text("review:\n  id: x\n  seed: 1\n  title: t\n  seed: 2\n")


def test_the_same_key_in_two_mappings_is_fine():
    assert parse_config_text("a: {id: 1}\nb: {id: 2}\n") == {"a": {"id": 1}, "b": {"id": 2}}


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['true']\n",
        "a: !include other.yaml\n",
        "a: !!str 1\n",
        "--- !custom\na: 1\n",
    ],
)
def test_tags_are_refused(text):
    with pytest.raises(ConfigError, match="YAML tag .* is refused"):
        parse_config_text(text)


def test_yte_is_refused():
    with pytest.raises(ConfigError, match="YTE templating is refused") as error:
        parse_config_text("__use_yte__: true\nreview:\n  id: x\n  title: ?str(1+1)\n")
    assert error.value.key == "__use_yte__"


def test_an_alias_bomb_stops_at_once():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    started = time.process_time()
    with pytest.raises(ConfigError, match="alias bomb"):
        parse_config_text("\n".join(lines) + "\n")
    assert time.process_time() - started < 5


def test_too_many_aliases_are_refused():
    text = "a: &a 1\nb: [" + ", ".join(["*a"] * (MAX_ALIASES + 1)) + "]\n"
    with pytest.raises(ConfigError, match=f"more than {MAX_ALIASES} aliases"):
        parse_config_text(text)


def test_a_few_aliases_are_fine():
    assert parse_config_text("a: &x {k: 1}\nb: *x\n") == {"a": {"k": 1}, "b": {"k": 1}}


def test_a_config_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_bytes("review:\n  id: x\n  title: Caf\u00e9\n".encode("latin-1"))
    with pytest.raises(ConfigError, match=r"line 3: not UTF-8 \(byte 0xe9"):
        read_config_file(path)


def test_extends_of_a_file_that_is_not_a_mapping(tmp_path):
    base = tmp_path / "passwd"
    base.write_text("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n")
    config = tmp_path / "config.yaml"
    config.write_text(f"extends: {base}\nreview: {{id: x, title: t}}\n")
    with pytest.raises(ConfigError, match="does not hold a mapping of keys") as error:
        load_config(config)
    assert error.value.key == "extends"


def _coordinates_review(tmp_path, extra: str) -> Path:
    init_sleuth(tmp_path / "review", [SLEUTH], title="t")
    path = tmp_path / "review" / "config" / "config.yaml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def test_an_output_path_leaving_the_review_folder_is_an_error(tmp_path):
    path = _coordinates_review(
        tmp_path, "search:\n  cutoff: '2024-01-01'\n  pubmed: {query: q, snapshot_dir: ../x}\nscreening: {reviewers: [A]}\n"
    )
    with pytest.raises(ConfigError, match="leaves the review folder") as error:
        load_config(path)
    assert error.value.key == "search.pubmed.snapshot_dir"


def test_an_absolute_output_path_outside_is_a_warning(tmp_path, caplog):
    path = _coordinates_review(
        tmp_path,
        f"search:\n  cutoff: '2024-01-01'\n  pubmed: {{query: q, snapshot_dir: {tmp_path / 'x'}}}\nscreening: {{reviewers: [A]}}\n",
    )
    with caplog.at_level(logging.WARNING, logger="alereview"):
        load_config(path)
    assert "search.pubmed.snapshot_dir" in caplog.text and "outside the review folder" in caplog.text


def test_a_key_that_no_longer_acts_warns_with_what_replaced_it(tmp_path, caplog):
    path = _coordinates_review(tmp_path, "labels: {search_radius_mm: 3}\n")
    with caplog.at_level(logging.WARNING, logger="alereview"):
        load_config(path)
    assert "labels.search_radius_mm" in caplog.text and "labels.method: radius" in caplog.text
    caplog.clear()
    path.write_text(path.read_text(encoding="utf-8").replace("search_radius_mm: 3", "search_radius_mm: 3, method: radius"))
    with caplog.at_level(logging.WARNING, logger="alereview"):
        load_config(path)
    assert "search_radius_mm" not in caplog.text


def test_a_retired_key_is_dropped_with_what_replaced_it(tmp_path, caplog, monkeypatch):
    monkeypatch.setitem(config_keys.RETIRED, "ale.smoothing", "ALE has one kernel (ALEKernel); remove the key")
    path = _coordinates_review(tmp_path, "")
    path.write_text(path.read_text(encoding="utf-8").replace("ale:\n", "ale:\n  smoothing: gauss\n"))
    with caplog.at_level(logging.WARNING, logger="alereview"):
        config = load_config(path)
    assert "smoothing" not in config["ale"] and "'ale.smoothing' is retired" in caplog.text


@pytest.mark.parametrize("title", ['A "quoted" title', "Line one\n__use_yte__: true\nextra: 1", "x: y # z", "中文 {braces}"])
def test_init_title_round_trips_without_injected_keys(tmp_path, title):
    path = init_full(tmp_path / "full", title=title)
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert config["review"]["title"] == title
    assert set(config) == {"review", "search", "dedup", "screening", "studies", "coordinates", "analyses", "ale"}
    path = init_sleuth(tmp_path / "sleuth", [SLEUTH], title=title)
    config = read_config_file(path)
    assert config["review"]["title"] == title and set(config) == {"review", "coordinates", "analyses", "ale"}
    assert "alereview config --help" not in path.read_text(encoding="utf-8")


def test_the_init_template_stays_commented(tmp_path):
    text = init_full(tmp_path / "full", title="Reading").read_text(encoding="utf-8")
    assert text.startswith("# alereview review: Reading\n") and 'title: "Reading"' in text
    assert "# --- 1. Search" in text


@pytest.mark.slow
def test_snakemake_does_not_run_yte_from_the_review_config(tmp_path):
    folder = tmp_path / "review"
    (folder / "config").mkdir(parents=True)
    marker = tmp_path / "pwned"
    (folder / "config" / "config.yaml").write_text(
        f"__use_yte__: true\nreview:\n  id: x\n  title: ?str(__import__('pathlib').Path({str(marker)!r}).touch())\n", encoding="utf-8"
    )
    run = subprocess.run(
        [sys.executable, "-m", "snakemake", "-n", "--directory", str(folder)], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert run.returncode != 0
    assert "YTE templating is refused" in run.stdout + run.stderr
    assert not marker.exists()
