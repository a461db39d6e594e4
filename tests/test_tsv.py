"""Tables are written deterministically and atomically, with ordinary permissions."""

import os
import stat

import pandas as pd

from alereview.tsv import read_tsv, write_json, write_tsv


def test_write_tsv_is_deterministic_and_round_trips(tmp_path):
    frame = pd.DataFrame({"b": ["x", None], "a": [0.1 + 0.2, 3.0]})
    first, second = tmp_path / "1.tsv", tmp_path / "2.tsv"
    write_tsv(frame, first, columns=["a", "b"])
    write_tsv(frame, second, columns=["a", "b"])
    assert first.read_bytes() == second.read_bytes() == b"a\tb\n0.3\tx\n3\t\n"
    assert read_tsv(first).to_dict("list") == {"a": ["0.3", "3"], "b": ["x", ""]}


def test_written_files_have_umask_permissions_and_no_leftovers(tmp_path):
    path = tmp_path / "sub" / "table.json"
    write_json(path, {"b": 1, "a": [1, 2]})
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask
    assert path.read_text() == '{\n  "a": [\n    1,\n    2\n  ],\n  "b": 1\n}\n'
    assert [p.name for p in path.parent.iterdir()] == ["table.json"]
