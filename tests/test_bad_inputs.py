"""The bad-input corpus (tests/bad_inputs/cases.yaml): every malformed input ends in a clear outcome.

Each case runs one ``alereview`` command (the CLI's ``main``, in process) on one malformed
file or config, and must end as its ``expect`` says:

* ``error``: exit status not 0, a message on stderr naming each of ``names`` (the file, the
  line or record, the field or key), no Python traceback, and no result written (the output
  folder stays empty, the screening results keep their bytes);
* ``warning``: exit status 0 and a logged warning naming each of ``names``;
* ``ok``: exit status 0.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import shutil
from pathlib import Path

import pytest
import yaml

from alereview.cli import main

BAD = Path(__file__).resolve().parent / "bad_inputs"
CASES = yaml.safe_load((BAD / "cases.yaml").read_text(encoding="utf-8"))
REVIEW = BAD / "review"
#: Config keys whose values are paths (relative ones are files of the corpus folder).
PATH_KEYS = {"path", "table", "tables", "mask"}


def _absolute(value, base: Path, key=None):
    """``value`` with the paths under :data:`PATH_KEYS` made absolute against ``base``."""
    if isinstance(value, dict):
        return {k: _absolute(v, base, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_absolute(v, base, key) for v in value]
    if key in PATH_KEYS and isinstance(value, str) and value and value != "ale_2mm" and not Path(value).is_absolute():
        return str(base / value)
    return value


def write_config(path: Path, patch: dict) -> Path:
    """The base review's config with absolute paths, changed by ``patch`` (dotted keys)."""
    config = _absolute(yaml.safe_load((REVIEW / "base.yaml").read_text(encoding="utf-8")), REVIEW)
    for dotted, value in (patch or {}).items():
        *parents, last = dotted.split(".")
        section = config
        for name in parents:
            section = section.setdefault(name, {})
        section[last] = _absolute(copy.deepcopy(value), BAD, last)
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def fresh_log_handlers():
    """No handler left by an earlier command on a stream pytest has closed since."""
    for name in ("alereview", "nimare", "py.warnings"):
        logging.getLogger(name).handlers[:] = []
    yield


@pytest.fixture(scope="module")
def screening_results(tmp_path_factory) -> Path:
    """The base review's results up to dedup (records.tsv from its export, then dedup)."""
    root = tmp_path_factory.mktemp("bad_inputs_results")
    results = root / "results"
    assert main(["import", str(REVIEW / "embase.ris"), "--database", "Embase", "--out", str(results / "records")]) == 0
    assert main(["dedup", str(results / "records" / "records.tsv"), "--out", str(results / "dedup")]) == 0
    return results


def _digest(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def _params():
    for case in CASES:
        marks = [pytest.mark.xfail(strict=False, reason=case["xfail"])] if case.get("xfail") else []
        yield pytest.param(case, id=case["id"], marks=marks)


def test_the_corpus_is_large_and_spans_every_stage():
    stages = {case["stage"] for case in CASES}
    assert len(CASES) >= 60
    assert stages >= {"import", "dedup", "screening", "coordinates", "ale", "config"}
    assert len({case["id"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", _params())
def test_bad_input(case, tmp_path, capsys, caplog, request):
    out = tmp_path / "out"
    out.mkdir()
    config = write_config(tmp_path / "config.yaml", case.get("patch"))
    results = None
    if "{results}" in " ".join(case["run"]):
        results = tmp_path / "results"
        shutil.copytree(request.getfixturevalue("screening_results"), results)
    before = _digest(results) if results else {}
    places = {"{bad}": str(BAD), "{out}": str(out), "{config}": str(config), "{results}": str(results)}
    argv = []
    for arg in case["run"]:
        for key, value in places.items():
            arg = arg.replace(key, value)
        argv.append(arg)
    names = [name.replace("{bad}", str(BAD)) for name in case.get("names", [])]

    with caplog.at_level(logging.WARNING, logger="alereview"):
        try:
            status = main(argv)
        except SystemExit as exit_:  # argparse
            status = exit_.code
    err = capsys.readouterr().err
    logged = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING)
    assert "Traceback" not in err + logged

    if case["expect"] == "error":
        assert status not in (0, None), f"exit 0 for a bad input; stderr: {err[-2000:]}"
        message = err.strip().splitlines()[-1] if err.strip() else ""
        missing = [name for name in names if name not in err]
        assert not missing, f"the message does not name {missing}: {message!r}"
        assert not any(out.rglob("*.tsv")) and not any(out.rglob("*.json")) and not any(out.rglob("*.nii.gz")), (
            f"results written despite the error: {sorted(map(str, out.rglob('*')))}"
        )
        if results:
            assert _digest(results) == before, "the screening results changed despite the error"
    elif case["expect"] == "warning":
        assert status in (0, None), err[-2000:]
        missing = [name for name in names if name not in logged]
        assert not missing, f"no warning naming {missing}; warnings: {logged!r}"
    else:
        assert status in (0, None), err[-2000:]
