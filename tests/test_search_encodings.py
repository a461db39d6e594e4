"""Export encodings chosen by charset-normalizer plus a plausibility check; duplicated CSV headers refused."""

import logging

import pytest

from alereview.errors import InputError
from alereview.search.exports import read_export
from alereview.search.exports.encoding import decode, implausible

WESTERN_RIS = (
    "TY  - JOUR\nAU  - Müller, K.\nAU  - Ødegård, T.\nTI  - Acupuncture and motor recovery: "
    "a randomised study\nT2  - Acta Neurologica Scandinavica\nPY  - 2020\nER  - \n\n"
    "TY  - JOUR\nAU  - Lefèvre, A.\nTI  - Étude de l'activation cérébrale\nPY  - 2019\nER  - \n"
)
CHINESE_RIS = (
    "TY  - JOUR\nAU  - 王伟\nAU  - 李明\nTI  - 针刺对脑卒中后运动功能障碍患者静息态脑功能的影响\n"
    "T2  - 中国针灸\nPY  - 2021\nER  - \n\nTY  - JOUR\nAU  - 赵六\nTI  - 电针治疗缺血性中风偏瘫的fMRI研究\n"
    "T2  - 针刺研究\nPY  - 2019\nER  - \n"
)


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_western_single_byte_export_is_not_read_as_gb18030(tmp_path, codec):
    path = tmp_path / "embase.ris"
    path.write_bytes(WESTERN_RIS.encode(codec))
    records, info = read_export(path, "ris")
    assert info["encoding"] == "cp1252"
    assert records[0]["authors"].startswith("Müller, K.; Ødegård, T.")
    assert records[1]["title"] == "Étude de l'activation cérébrale"


def test_gb18030_export_still_sniffed_without_warning(tmp_path, caplog):
    path = tmp_path / "cnki.ris"
    path.write_bytes(CHINESE_RIS.encode("gb18030"))
    with caplog.at_level(logging.WARNING, logger="alereview"):
        records, info = read_export(path, "ris")
    assert info["encoding"] == "gb18030" and records[1]["title"] == "电针治疗缺血性中风偏瘫的fMRI研究"
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_gb18030_declared_latin1_is_refused_naming_the_file_and_line(tmp_path):
    path = tmp_path / "cnki.ris"
    path.write_bytes(CHINESE_RIS.encode("gb18030"))
    with pytest.raises(InputError) as excinfo:
        read_export(path, "ris", encoding="latin-1")
    message = str(excinfo.value)
    assert str(path) in message and "line 2" in message and "field 'encoding'" in message
    assert "gb18030" in message


def test_utf8_declared_latin1_is_refused(tmp_path):
    path = tmp_path / "scopus.ris"
    path.write_bytes(WESTERN_RIS.encode("utf-8"))
    with pytest.raises(InputError, match=r"scopus.ris, line 2, field 'encoding'.*'MÃ¼ller,'.*utf-8"):
        read_export(path, "ris", encoding="latin-1")


def test_uncertain_choice_is_a_warning_naming_the_file(tmp_path, caplog):
    path = tmp_path / "short.ris"
    path.write_bytes("TY  - JOUR\nTI  - Café\nER  - \n".encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="alereview"):
        _, info = read_export(path, "ris")
    assert info["encoding"] == "cp1252"
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any(str(path) in w and "not certain" in w for w in warnings)


def test_no_plausible_reading_is_a_warning_naming_the_file(tmp_path, caplog):
    path = tmp_path / "odd.ris"
    path.write_bytes(b"TY  - JOUR\nTI  - \x81\x8d\x8f\x90\x9d\x81\x8d\nER  - \n")
    with caplog.at_level(logging.WARNING, logger="alereview"):
        read_export(path, "ris")
    assert any(str(path) in r.getMessage() and "plausible" in r.getMessage() for r in caplog.records)


def test_utf8_bom_kept(tmp_path):
    assert decode(b"\xef\xbb\xbf" + WESTERN_RIS.encode()) == (WESTERN_RIS, "utf-8-sig")


@pytest.mark.parametrize(
    "text,bad",
    [
        ("AU  - Müller, K.", False),
        ("AU  - M黮ler, K.", True),
        ("AU  - 豥eg錼d, T.", True),
        ("TI  - 电针治疗缺血性中风偏瘫的fMRI研究", False),
        ("TI  - µçÕëÖÎÁÆÈ±ÑªÐÔ", True),
        ("AU  - MÃ¼ller", True),
        ("TI  - Ødegård and Lefèvre: façade", False),
    ],
)
def test_plausibility(text, bad):
    assert (implausible(text) is not None) == bad


def test_real_exports_keep_their_encoding(shared_dir, caplog):
    with caplog.at_level(logging.WARNING, logger="alereview.search"):
        for name in ("ris_export.txt", "scopus.ris", "wos_test.ris", "zotero_export.ris"):
            _, info = read_export(shared_dir / "data" / "exports" / name, "ris")
            assert info["encoding"] in ("utf-8", "utf-8-sig")
    assert not caplog.records


@pytest.mark.parametrize("header", ["Title,Authors,Year,Title", "Title,Authors,Year,title ", "题名,作者,年,题名"])
def test_csv_with_a_column_named_twice_is_refused(tmp_path, header):
    path = tmp_path / "export.csv"
    path.write_text(header + "\nA,B,2020,C\n", encoding="utf-8")
    with pytest.raises(InputError) as excinfo:
        read_export(path, "csv")
    name = header.split(",")[0]
    assert str(excinfo.value).startswith(f"{path}, line 1, field '{name}'")
    assert "twice" in str(excinfo.value)


def test_csv_with_distinct_names_and_empty_trailing_columns_passes(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("Title,Authors,Year,,\nA,B,2020,,\n", encoding="utf-8")
    records, _ = read_export(path, "csv")
    assert records[0]["title"] == "A"
