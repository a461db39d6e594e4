"""Frozen snapshots: the contract layout, never overwritten, partial ones not replayed, updates."""

import hashlib
import json

import pytest

from alereview.errors import InputError
from alereview.search.pubmed import records_of
from alereview.search.snapshot import SnapshotWriter, find_snapshot, plan_windows, read_snapshot, window_id, write_snapshot

QUERY = 'stroke AND  acupuncture\n AND "functional MRI"'


def esearch(count, pmids):
    ids = "".join(f"<Id>{p}</Id>" for p in pmids)
    return (
        f'<?xml version="1.0" ?><eSearchResult><Count>{count}</Count><RetMax>{len(pmids)}</RetMax>'
        f"<RetStart>0</RetStart><QueryKey>1</QueryKey><WebEnv>MCID_x</WebEnv><IdList>{ids}</IdList>"
        f"<QueryTranslation>x</QueryTranslation></eSearchResult>"
    ).encode()


def efetch(pmids):
    body = "".join(
        f'<PubmedArticle><MedlineCitation><PMID Version="1">{p}</PMID><Article><ArticleTitle>T{p}'
        f"</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
        for p in pmids
    )
    return f'<?xml version="1.0" ?><PubmedArticleSet>{body}</PubmedArticleSet>'.encode()


def write(tmp_path, mindate="1800-01-01", maxdate="2024-03-21", pmids=("3", "2", "1")):
    pmids = list(pmids)
    batches = [(pmids[:2], efetch(pmids[:2])), (pmids[2:], efetch(pmids[2:]))]
    return write_snapshot(
        tmp_path,
        QUERY,
        "edat",
        mindate,
        maxdate,
        esearch(len(pmids), pmids),
        batches,
        query_translation="stroke[All Fields]",
        searched_on="2024-03-22",
    )


def test_window_id_follows_the_contract():
    expected = hashlib.sha1(" ".join(QUERY.split()).encode()).hexdigest()[:10]
    assert window_id(QUERY, "edat", "1800/01/01", "2024-03-21") == f"edat_18000101_20240321_{expected}"


def test_layout_and_manifest(tmp_path):
    path = write(tmp_path)
    assert path == tmp_path / window_id(QUERY, "edat", "1800-01-01", "2024-03-21")
    manifest = json.loads((path / "manifest.json").read_text())
    assert manifest["query"] == QUERY and manifest["datetype"] == "edat"
    assert (manifest["mindate"], manifest["maxdate"]) == ("1800/01/01", "2024/03/21")
    assert manifest["count"] == 3 and manifest["pmids"] == ["3", "2", "1"]
    assert manifest["batches"] == [
        {"file": "efetch/batch_00001.xml", "pmids": ["3", "2"]},
        {"file": "efetch/batch_00002.xml", "pmids": ["1"]},
    ]
    assert manifest["complete"] is True and manifest["searched_on"] == "2024-03-22"
    assert manifest["query_translation"] == "stroke[All Fields]" and manifest["biopython"]
    assert (path / "esearch.xml").read_bytes().startswith(b"<?xml")
    assert [r["pmid"] for r in records_of(path)] == ["3", "2", "1"]


def test_a_complete_snapshot_is_never_overwritten(tmp_path):
    path = write(tmp_path)
    before = {p: p.read_bytes() for p in path.rglob("*") if p.is_file()}
    with pytest.raises(FileExistsError):
        write(tmp_path, pmids=("9", "8", "7"))
    assert before == {p: p.read_bytes() for p in path.rglob("*") if p.is_file()}


def test_inconsistent_batches_are_refused(tmp_path):
    with pytest.raises(ValueError, match="ESearch counted 5"):
        write_snapshot(tmp_path, QUERY, "edat", "2000-01-01", "2000-12-31", esearch(5, ["1"]), [(["1"], efetch(["1"]))], "x", "2024-01-01")


def test_a_partial_snapshot_is_not_replayed(tmp_path):
    writer = SnapshotWriter(tmp_path, QUERY, "edat", "2000-01-01", "2000-12-31", "2024-01-01")
    writer.write_esearch(esearch(3, ["3", "2", "1"]), "x")
    writer.set_pmids(["3", "2", "1"])
    writer.write_batch(1, ["3", "2"], efetch(["3", "2"]))
    assert find_snapshot(tmp_path, QUERY, "edat", "2000-01-01", "2000-12-31") is None
    assert read_snapshot(writer.path).complete is False


def test_a_missing_batch_file_is_an_input_error(tmp_path):
    path = write(tmp_path)
    (path / "efetch" / "batch_00002.xml").unlink()
    with pytest.raises(InputError, match="batch 2.*field 'file'.*batch_00002.xml"):
        read_snapshot(path)


def test_a_batch_lacking_a_listed_pmid_is_an_input_error(tmp_path):
    path = write(tmp_path)
    (path / "efetch" / "batch_00002.xml").write_bytes(efetch(["99"]))
    with pytest.raises(InputError, match="batch_00002.xml, field 'pmids'"):
        records_of(path)


def test_plan_windows_reuses_earlier_windows_for_an_update(tmp_path):
    write(tmp_path, "1800-01-01", "2024-03-21")
    write(tmp_path, "2024-03-22", "2024-06-30", pmids=("6", "5", "4"))
    snapshots, remainder = plan_windows(tmp_path, " ".join(QUERY.split()), "edat", "1800-01-01", "2024-12-31")
    assert [s.manifest["maxdate"] for s in snapshots] == ["2024/03/21", "2024/06/30"]
    assert [str(d) for d in remainder] == ["2024-07-01", "2024-12-31"]
    exact, nothing = plan_windows(tmp_path, QUERY, "edat", "1800-01-01", "2024-03-21")
    assert len(exact) == 1 and nothing is None
    # Another query, date field or start finds nothing to reuse.
    assert plan_windows(tmp_path, QUERY + " AND x", "edat", "1800-01-01", "2024-12-31")[0] == []
    assert plan_windows(tmp_path, QUERY, "pdat", "1800-01-01", "2024-12-31")[0] == []
    assert plan_windows(tmp_path, QUERY, "edat", "1900-01-01", "2024-12-31")[0] == []
