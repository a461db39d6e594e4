"""alereview.runner: one message, no traceback, for an input error in a rule's script; a bug keeps
its traceback and says so; warnings reach the console and the end-of-run summary."""

import os
import time
from types import SimpleNamespace

import pytest

from alereview.errors import InputError
from alereview.logs import get_logger
from alereview.runner import BUG_LINE, run_rule, warnings_summary


def _job(tmp_path):
    return SimpleNamespace(
        input={}, output={}, params={}, log=[str(tmp_path / "rule.log")], rule="demo_step", wildcards={"analysis": "a"}, threads=2
    )


def test_input_error_is_one_message_without_traceback(tmp_path, capsys):
    def step(input, output, params, log):
        raise InputError("not a number: '4_2'", path="foci.tsv", line=3, field="x")

    with pytest.raises(SystemExit) as stop:
        run_rule(step, _job(tmp_path))
    assert stop.value.code == 1
    err = capsys.readouterr().err
    assert "foci.tsv, line 3, field 'x': not a number: '4_2'" in err and "Traceback" not in err
    log = (tmp_path / "rule.log").read_text()
    assert "not a number" in log and "Traceback" not in log


def test_a_bug_keeps_its_traceback_and_says_so(tmp_path):
    def step(input, output, params, log):
        raise KeyError("oops")

    with pytest.raises(SystemExit):
        run_rule(step, _job(tmp_path))
    log = (tmp_path / "rule.log").read_text()
    assert "Traceback" in log and BUG_LINE in log


def test_wildcards_and_threads_only_when_asked(tmp_path, capsys):
    seen = {}

    def step(input, output, params, log, wildcards, threads=1):
        seen.update(analysis=wildcards["analysis"], threads=threads)
        get_logger("alereview.test").warning("encoding guessed: cp1252")

    run_rule(step, _job(tmp_path))
    assert seen == {"analysis": "a", "threads": 2}
    assert "[demo_step] WARNING: encoding guessed: cp1252" in capsys.readouterr().err
    summary = warnings_summary(tmp_path, since=time.time() - 60)
    assert summary.startswith("1 warning(s)") and "rule.log: alereview.test: encoding guessed: cp1252" in summary
    old = time.time() - 3600
    os.utime(tmp_path / "rule.log", (old, old))
    assert warnings_summary(tmp_path, since=time.time() - 60) == ""


def test_a_service_failure_is_one_message_and_keeps_the_key_out(tmp_path, capsys, monkeypatch):
    from alereview.search.ratelimit import EntrezFailure

    monkeypatch.setenv("NCBI_API_KEY", "abcdef0123456789abcdef0123456789ab")

    def step(input, output, params, log):
        raise EntrezFailure("ESearch failed after 3 tries: HTTP 429: api_key=abcdef0123456789abcdef0123456789ab")

    with pytest.raises(SystemExit):
        run_rule(step, _job(tmp_path))
    err = capsys.readouterr().err + (tmp_path / "rule.log").read_text()
    assert "run again to resume" in err and "Traceback" not in err
    assert "abcdef0123456789abcdef0123456789ab" not in err
