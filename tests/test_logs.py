"""A rule script's uncaught error reaches its log file, named as the user should read it."""

import subprocess
import sys


def test_uncaught_input_error_is_written_to_the_log(tmp_path):
    log = tmp_path / "rule.log"
    code = (
        "from alereview.logs import setup_logging\n"
        "from alereview.errors import InputError\n"
        f"setup_logging({str(log)!r})\n"
        "raise InputError('not a number', path='foci.tsv', line=3, field='x')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0
    assert "foci.tsv, line 3, field 'x': not a number" in log.read_text()
    assert "InputError" in result.stderr
