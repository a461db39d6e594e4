"""Export readers: every record of real exports read, encodings sniffed, malformed files located."""

import re

import pytest

from alereview.errors import InputError
from alereview.search.exports import read_export, sniff_format
from alereview.search.exports.delimited import map_header
from alereview.search.exports.encoding import decode

CNKI_RIS = """TY  - JOUR
AU  - 王伟
AU  - 李明
TI  - 针刺对脑卒中后运动功能障碍患者静息态脑功能的影响
T2  - 中国针灸
PY  - 2021
VL  - 41
IS  - 5
SP  - 481
EP  - 486
DO  - 10.13703/j.0255-2930.20200416-k0001
AB  - 目的：观察针刺对脑卒中后运动功能障碍患者静息态脑功能的影响。
LA  - 中文
ER  - 

TY  - JOUR
AU  - 赵六;钱七
TI  - 电针治疗缺血性中风偏瘫的fMRI研究
T2  - 针刺研究
PY  - 2019
ER  - 
"""


def count_ris(path):
    return len(re.findall(rb"^ER  -", path.read_bytes(), re.MULTILINE))


@pytest.mark.parametrize("name", ["ris_export.txt", "scopus.ris", "wos_test.ris", "zotero_export.ris"])
def test_every_ris_record_is_read(shared_dir, name):
    path = shared_dir / "data" / "exports" / name
    records, info = read_export(path, "ris")
    assert info["records"] == len(records) == count_ris(path) > 0
    assert sum(1 for r in records if r["title"]) == len(records)


def test_a_bom_does_not_eat_the_first_record(shared_dir):
    path = shared_dir / "data" / "exports" / "scopus.ris"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    records, info = read_export(path, "ris")
    assert info["encoding"] == "utf-8-sig"
    assert records[0]["title"].startswith("Development and Validation of a Robust")
    assert records[0]["authors"].startswith("Furlanello, T.; Masti, R.")
    assert records[0]["doi"] == "10.3390/ani15010003" and records[0]["year"] == "2025"


def test_every_endnote_xml_record_is_read(shared_dir):
    path = shared_dir / "data" / "exports" / "mendeley_export.xml"
    records, info = read_export(path, "endnote_xml")
    assert len(records) == path.read_text(encoding="utf-8").count("<record>") == 1233
    first = records[0]
    assert first["title"] == "Myoclonus in older Cavalier King Charles Spaniels."
    assert first["authors"] == "Rotter, Carina; Whittaker, Danielle; Rusbridge, Clare"
    assert first["doi"] == "10.1111/jvim.16404" and first["journal"] == "Journal of veterinary internal medicine"


@pytest.mark.parametrize("name", ["pubmed_result1.txt", "pubmed_result2.txt", "pubmed_result3.txt"])
def test_every_medline_record_is_read(shared_dir, test_data, name):
    shared = shared_dir / "data" / "medline" / name
    assert shared.read_bytes() == (test_data / "medline" / name).read_bytes()  # the copy is faithful
    records, info = read_export(shared, "nbib")
    pmids = re.findall(r"^PMID- (\d+)", shared.read_text(encoding="utf-8"), re.MULTILINE)
    assert [r["pmid"] for r in records] == pmids and len(pmids) > 0


def test_medline_fields(test_data):
    records, _ = read_export(test_data / "medline" / "pubmed_result2.txt", "nbib")
    record = records[0]
    assert record["authors"] == "Casbon, JA; Crooks, GE; Saqi, MA"
    assert record["doi"] == "10.1186/1471-2105-7-10" and record["entry_date"] == "2006-01-13"
    assert record["journal"] == "BMC bioinformatics" and record["language"] == "en"


def test_gb18030_cnki_ris_is_sniffed(tmp_path):
    path = tmp_path / "cnki.ris"
    path.write_bytes(CNKI_RIS.encode("gb18030"))
    records, info = read_export(path, "auto")
    assert info["encoding"] == "gb18030" and info["format"] == "ris" and len(records) == 2
    assert records[0]["title"] == "针刺对脑卒中后运动功能障碍患者静息态脑功能的影响"
    assert records[0]["language"] == "zh" and records[0]["pages"] == "481-486"
    assert records[1]["authors"] == "赵六; 钱七"
    gbk = tmp_path / "cnki_gbk.ris"
    gbk.write_bytes(CNKI_RIS.encode("gbk"))
    assert read_export(gbk, "ris", encoding="gbk")[0] == records


def test_declared_encoding_that_does_not_fit_names_the_line(tmp_path):
    path = tmp_path / "cnki.ris"
    path.write_bytes(CNKI_RIS.encode("gb18030"))
    with pytest.raises(InputError, match=r"cnki.ris, line 2, field 'encoding': not valid utf-8"):
        read_export(path, "ris", encoding="utf-8")


def test_decode_variants():
    text = "TY  - JOUR\nTI  - é\nER  - \n"
    assert decode(b"\xef\xbb\xbf" + text.encode())[1] == "utf-8-sig"
    assert decode(text.encode())[1] == "utf-8"
    assert decode(text.replace("\n", "\r\n").encode("utf-8")) == (text, "utf-8")
    assert decode("TI  - 针刺".encode("gb18030")) == ("TI  - 针刺", "gb18030")
    assert decode("TI  - café".encode("cp1252")) == ("TI  - café", "cp1252")


def test_wos_plain_text(test_data):
    path = test_data / "search_exports" / "wos_plain.txt"
    records, info = read_export(path)
    assert info["format"] == "wos"
    assert len(records) == path.read_text().count("\nER") == 3
    first = records[0]
    assert first["title"] == (
        "Acupuncture modulates resting-state functional connectivity of the motor network in patients with ischemic stroke"
    )
    assert first["authors"] == "Wang, W; Li, M; Zhang, Y" and first["pages"] == "805-812"
    assert first["doi"] == "10.4103/1673-5374.249228" and first["pmid"] == "30688266"
    assert records[1]["pages"] == "e0123" and records[1]["language"] == "zh"
    assert records[2]["authors"] == "Stroke Imaging Consortium"


def test_endnote_xml_with_style_wrappers(test_data):
    records, _ = read_export(test_data / "search_exports" / "endnote_styled.xml", "endnote_xml")
    assert records[0]["title"] == "针刺对缺血性脑卒中患者运动功能的fMRI研究"
    assert records[0]["authors"] == "张三; 李四" and records[0]["issue"] == "2"
    assert records[0]["doi"] == "10.13703/j.0255-2930.2020.02.003" and records[0]["language"] == "zh"
    assert records[1]["pmid"] == "29000001"


def test_csv_with_chinese_headers_and_bom(test_data):
    records, info = read_export(test_data / "search_exports" / "wanfang.csv", "csv")
    assert info["encoding"] == "utf-8-sig" and len(records) == 2
    assert records[0]["title"] == "针刺治疗脑卒中偏瘫的静息态功能磁共振研究"
    assert records[0]["authors"] == "王伟; 李明; 张宇" and records[0]["journal"] == "中国针灸"
    assert records[0]["abstract"].startswith("目的：探讨针刺的脑机制, 方法")
    assert records[1]["pages"] == "12-16" and records[1]["year"] == "2019"


def test_csv_header_names():
    mapping = map_header(["Title-题名", "AUTHORS", "Source title", "Publication Year", "Page start", "Page end", "摘要", "PubMed ID"])
    assert mapping == {"title": 0, "authors": 1, "journal": 2, "year": 3, "start_page": 4, "end_page": 5, "abstract": 6, "pmid": 7}


def test_a_thesis_journal_is_its_university(tmp_path):
    csv_path = tmp_path / "wanfang.csv"
    csv_path.write_text("题名,作者,刊名,年,学位授予单位\n针刺研究,林阳,,2024,北京中医药大学\n", encoding="utf-8")
    assert read_export(csv_path, "csv")[0][0]["journal"] == "北京中医药大学"
    ris_path = tmp_path / "cnki.ris"
    ris_path.write_text("TY  - THES\nAU  - 林阳\nTI  - 针刺研究\nPB  - 北京中医药大学\nPY  - 2024\nER  - \n", encoding="utf-8")
    assert read_export(ris_path, "ris")[0][0]["journal"] == "北京中医药大学"


def test_gb18030_csv(tmp_path):
    path = tmp_path / "cnki.csv"
    path.write_bytes("题名,作者,年\n针刺与脑卒中,王伟,2020\n".encode("gb18030"))
    records, info = read_export(path, "csv")
    assert info["encoding"] == "gb18030" and records[0]["title"] == "针刺与脑卒中"


def test_cbm_nbib_without_pmids(test_data):
    records, _ = read_export(test_data / "search_exports" / "cbm.nbib", "nbib")
    assert len(records) == 2 and records[0]["title"] == "针刺治疗中风后运动障碍的功能磁共振研究"
    assert records[0]["doi"] == "10.7661/j.cjim.20210101.001" and records[1]["authors"] == "Chen, X"


MALFORMED = [
    ("ris", "TY  - JOUR\nTI  - a\nER  - \n\nTY  - JOUR\nTI  - b\nTY  - JOUR\nTI  - c\nER  - \n", r"bad\.ris, line 7, record 2, field 'ER'"),
    ("ris", "TY  - JOUR\nTI  - a\nER  - \nTI  - orphan\n", r"bad\.ris, line 4, record 2, field 'TI'"),
    ("ris", "TY  - JOUR\nTI  - a\nER  - \n\nTY  - JOUR\nTI  - b\n", r"bad\.ris, record 2, field 'ER'"),
    ("wos", "FN Web of Science\nVR 1.0\nPT J\nTI a\nER\n\nPT J\nTI b\nEF\n", r"bad\.wos, line 9, record 2, field 'ER'"),
    (
        "wos",
        "FN Web of Science\nVR 1.0\nPT J\nTI a\nER\n\n   stray continuation\n",
        r"bad\.wos, line 7, record 2, field '\(continuation\)'",
    ),
    ("nbib", "PMID- 1\nTI  - a\n\nPMID- 2\nthis is not a tag line\n", r"bad\.nbib, line 5, record 2, field 'this'"),
    (
        "endnote_xml",
        "<xml><records><record><titles><title>a</title></titles></record>\n<record><titles><title>b</title></record></records></xml>",
        r"bad\.endnote_xml, line 2, record 2, field 'xml'",
    ),
    ("csv", "Title,Year\na,2020\nb,2021,extra\n", r"bad\.csv, record 2, field 'Year'"),
    ("csv", "Name,Year\na,2020\n", r"bad\.csv, line 1, field 'header': no title column"),
]


@pytest.mark.parametrize("fmt, text, message", MALFORMED)
def test_a_malformed_file_names_file_record_and_field(tmp_path, fmt, text, message):
    path = tmp_path / f"bad.{fmt}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_export(path, fmt)


def test_sniff_format(test_data):
    assert sniff_format("PMID- 1\nTI  - x\n") == "nbib"
    assert sniff_format('<?xml version="1.0"?><xml><records><record>') == "endnote_xml"
    assert sniff_format("Title,Authors\n") == "csv"


def test_ris_pmids_of_embase_and_cochrane(tmp_path):
    """Embase puts the MEDLINE PMID in C5, Cochrane in AN as "PUBMED n"; other C5/AN are not PMIDs."""
    text = (
        "TY  - JOUR\nTI  - Shared with MEDLINE\nC5  - 38514884\nDB  - Embase Medline\nER  - \n\n"
        "TY  - JOUR\nTI  - Another database's custom field\nC5  - 12345\nDB  - Scopus\nER  - \n\n"
        "TY  - JOUR\nTI  - A CENTRAL record from PubMed\nAN  - PUBMED 31234567\nER  - \n\n"
        "TY  - JOUR\nTI  - A CENTRAL record from Embase\nAN  - EMBASE 612345678\nER  - \n"
    )
    path = tmp_path / "embase.ris"
    path.write_text(text, encoding="utf-8")
    records, _ = read_export(path, "ris")
    assert [r["pmid"] for r in records] == ["38514884", "", "31234567", ""]
