"""deduplicate() end to end on small hand-made records: merge, manual decisions, stability,
determinism, blocking and errors."""

import pandas as pd
import pytest

from alereview.dedup.blocking import candidate_pairs
from alereview.dedup.files import write_outputs
from alereview.dedup.pipeline import deduplicate
from alereview.dedup.prepare import prepare
from alereview.errors import ConfigError, InputError
from alereview.identity import record_key

PRIORITY = ["PubMed", "Embase", "CNKI"]
ROWS = [
    # one article in three databases
    dict(
        record_id="pubmed-31000001",
        source="PubMed",
        title="Scalp acupuncture and the motor network after stroke",
        authors="Wang, Li; Zhao, Min",
        year="2019",
        journal="Neural Plast",
        volume="12",
        pages="33-41",
        doi="",
        pmid="31000001",
        abstract="",
    ),
    dict(
        record_id="embase-00001",
        source="Embase",
        title="Scalp Acupuncture and the Motor Network after Stroke.",
        authors="Wang L.; Zhao M.",
        year="2019",
        journal="Neural Plasticity",
        volume="12",
        pages="33-41",
        doi="https://doi.org/10.1155/2019/1234",
        pmid="",
        abstract="An abstract only Embase has.",
    ),
    dict(
        record_id="cnki-00001",
        source="CNKI",
        title="SCALP ACUPUNCTURE AND THE MOTOR NETWORK AFTER STROKE",
        authors="Wang, L; Zhao, M",
        year="2019",
        journal="",
        volume="",
        pages="33-41",
        doi="10.1155/2019/1234",
        pmid="",
        abstract="",
    ),
    # a different article
    dict(
        record_id="embase-00002",
        source="Embase",
        title="Electroacupuncture for post-stroke dysphagia: a randomised trial",
        authors="Chen, Hua",
        year="2021",
        journal="Dysphagia",
        volume="36",
        pages="100-108",
        doi="10.1007/dys.2021.1",
        pmid="",
        abstract="",
    ),
    # a grey pair: same topic, similar title, nothing else in common
    dict(
        record_id="cnki-00002",
        source="CNKI",
        title="Electroacupuncture for post-stroke dysphagia in older adults: a pilot trial",
        authors="",
        year="2021",
        journal="",
        volume="",
        pages="",
        doi="",
        pmid="",
        abstract="",
    ),
]


@pytest.fixture
def records():
    return pd.DataFrame(ROWS)


def test_clusters_kept_record_and_completed_fields(records):
    result = deduplicate(records, source_priority=PRIORITY)
    clusters = result.clusters.set_index("record_id")
    assert clusters.loc["embase-00001", "cluster_id"] == clusters.loc["cnki-00001", "cluster_id"] == "cnki-00001"
    assert clusters.loc["pubmed-31000001", "cluster_id"] == "cnki-00001"
    assert clusters.loc["pubmed-31000001", "kept"] == "true" and clusters.loc["embase-00001", "kept"] == "false"
    assert clusters.loc["cnki-00001", "rule"] == "doi"
    assert clusters.loc["embase-00002", "rule"] == "unique"
    unique = result.unique.set_index("cluster_id")
    merged = unique.loc["cnki-00001"]
    assert merged["record_id"] == "pubmed-31000001"
    assert merged["doi"] == "https://doi.org/10.1155/2019/1234"  # filled from Embase
    assert merged["abstract"] == "An abstract only Embase has."
    assert merged["record_key"] == record_key(doi="10.1155/2019/1234") == "doi:10.1155/2019/1234"
    assert merged["n_records"] == "3" and merged["sources"] == "PubMed; Embase; CNKI"
    assert result.counts["records"] == 5 and result.counts["duplicates_removed"] == 2
    assert result.counts["unique"] == 3
    assert result.counts["records_by_database"] == {"CNKI": 2, "Embase": 2, "PubMed": 1}


def test_most_complete_keep_mode(records):
    result = deduplicate(records, source_priority=PRIORITY, keep="most_complete")
    assert result.unique.set_index("cluster_id").loc["cnki-00001", "record_id"] == "embase-00001"


def test_uncertain_pairs_show_both_records(records):
    uncertain = deduplicate(records).uncertain
    assert list(uncertain[["record_id_a", "record_id_b"]].iloc[0]) == ["cnki-00002", "embase-00002"]
    assert uncertain.iloc[0]["a_title"].endswith("pilot trial") and uncertain.iloc[0]["decision"] == ""


def test_manual_decisions_override_automatic_ones(records):
    manual = pd.DataFrame(
        {
            "record_id_a": ["embase-00002", "pubmed-31000001"],
            "record_id_b": ["cnki-00002", "embase-00001"],
            "decision": ["same", "different"],
        }
    )
    result = deduplicate(records, source_priority=PRIORITY, manual=manual)
    cid = result.clusters.set_index("record_id")["cluster_id"]
    assert cid["embase-00002"] == cid["cnki-00002"]
    assert cid["pubmed-31000001"] != cid["embase-00001"]
    assert result.uncertain.empty
    assert result.counts["manual_decisions"] == {"same": 1, "different": 1}


def test_manual_decision_errors_name_line_and_field(records):
    bad = pd.DataFrame({"record_id_a": ["embase-00002"], "record_id_b": ["nowhere-1"], "decision": ["same"]})
    with pytest.raises(InputError, match="line 2, field 'record_id_b'"):
        deduplicate(records, manual=bad, manual_path="decisions.csv")
    bad = pd.DataFrame({"record_id_a": ["embase-00002"], "record_id_b": ["cnki-00002"], "decision": ["maybe"]})
    with pytest.raises(InputError, match="field 'decision'"):
        deduplicate(records, manual=bad)


def test_cluster_ids_stable_when_records_are_added(records):
    before = deduplicate(records, source_priority=PRIORITY).clusters.set_index("record_id")["cluster_id"]
    late = dict(ROWS[1], record_id="pubmed-38000001", source="PubMed", pmid="38000001")
    more = pd.concat([records, pd.DataFrame([late])], ignore_index=True)
    after = deduplicate(more, source_priority=PRIORITY).clusters.set_index("record_id")["cluster_id"]
    assert after["pubmed-38000001"] == after["embase-00001"]
    assert (after[before.index] == before).all()


def test_previous_clusters_keep_ids_when_an_earlier_sorting_record_joins(records):
    first = deduplicate(records, source_priority=PRIORITY)
    early = dict(ROWS[2], record_id="cbm-00001", source="CBM")
    more = pd.concat([records, pd.DataFrame([early])], ignore_index=True)
    without = deduplicate(more).clusters.set_index("record_id")["cluster_id"]
    assert without["cnki-00001"] == "cbm-00001"  # renamed without the registry
    kept = deduplicate(more, previous=first.clusters).clusters.set_index("record_id")["cluster_id"]
    assert kept["cbm-00001"] == kept["cnki-00001"] == "cnki-00001"


def test_previous_clusters_follow_records_renumbered_by_an_update(records):
    first = deduplicate(records, source_priority=PRIORITY).clusters
    renumbered = records.copy()
    renumbered["record_id"] = renumbered["record_id"].str.replace("embase-00001", "embase-00007")
    renumbered["record_id"] = renumbered["record_id"].str.replace("cnki-00001", "cnki-00005")
    ids = deduplicate(renumbered, previous=first).clusters.set_index("record_id")["cluster_id"]
    assert ids["cnki-00005"] == ids["embase-00007"] == "cnki-00001"


def test_outputs_are_byte_identical_on_rerun(records, tmp_path):
    contents = []
    for run in ("one", "two"):
        # row order must not matter either
        frame = records if run == "one" else records.iloc[::-1].reset_index(drop=True)
        paths = {name: tmp_path / run / f"{name}.out" for name in ("clusters", "unique", "uncertain", "counts")}
        write_outputs(deduplicate(frame, source_priority=PRIORITY), paths)
        contents.append([p.read_bytes() for p in paths.values()])
    assert contents[0] == contents[1]


def test_blocking_compares_far_fewer_pairs_than_all():
    rows = [
        dict(
            record_id=f"x-{i}",
            title=f"Topic {i} study of something {i * 7919 % 1000}",
            year=str(2000 + i % 20),
            authors=f"Author{i}, A",
            pages=str(i),
        )
        for i in range(400)
    ]
    pairs = candidate_pairs(prepare(rows), max_block=50, window=10)
    assert len(pairs) < 400 * 399 / 2 / 20


def test_large_blocks_use_sorted_neighbourhood():
    rows = [dict(record_id=f"x-{i}", title=f"Same author {i:04d} paper", authors="Wang, L", year="2020") for i in range(200)]
    pairs = candidate_pairs(prepare(rows), max_block=50, window=3)
    assert 0 < len(pairs) <= 200 * 3 * 3


def test_missing_columns_are_tolerated():
    frame = pd.DataFrame({"record_id": ["a-1", "a-2"], "title": ["Acupuncture and stroke recovery trial"] * 2})
    result = deduplicate(frame)
    assert result.counts["unique"] == 1
    assert list(result.unique.columns[:2]) == ["record_id", "title"]


def test_bad_records_are_reported():
    with pytest.raises(InputError, match="line 3, field 'record_id'.*more than once"):
        deduplicate(pd.DataFrame({"record_id": ["a", "a"]}), records_path="r.tsv")
    with pytest.raises(InputError, match="no 'record_id' column"):
        deduplicate(pd.DataFrame({"title": ["x"]}))
    with pytest.raises(ConfigError, match="dedup.keep"):
        deduplicate(pd.DataFrame({"record_id": ["a"]}), keep="newest")
    with pytest.raises(ConfigError, match="dedup.thresholds"):
        deduplicate(pd.DataFrame({"record_id": ["a"]}), thresholds={"title_sam": 0.9})
