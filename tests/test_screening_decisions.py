"""From decision files to decisions.tsv, agreement.tsv, to_screen.tsv, the gate and included.tsv."""

import shutil

import pandas as pd
import pytest

from alereview.cli import main
from alereview.errors import InputError
from alereview.screening.gate import ScreeningIncomplete
from alereview.screening.to_screen import KEY_NOTE
from alereview.screening.workflow import run_decisions, run_gate
from alereview.tsv import read_tsv

SCREENING = {"reviewers": ["LDX", "ZY"], "arbiter": "ZYH"}


@pytest.fixture
def corpus(test_data, tmp_path):
    source = test_data / "screening" / "corpus"
    for path in source.iterdir():
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


def run(corpus, ta, ft, screening=SCREENING):
    config = dict(screening, title_abstract=ta, full_text=ft)
    out = corpus / "out"
    result = run_decisions(
        corpus / "unique.tsv",
        corpus / "clusters.tsv",
        corpus / "records.tsv",
        config,
        out / "decisions.tsv",
        out / "agreement.tsv",
        out / "to_screen.tsv",
        out / "to_screen.ris",
        base_dir=corpus,
    )
    return result, out


def gate(out, corpus):
    return run_gate(
        out / "decisions.tsv",
        out / "to_screen.tsv",
        corpus / "unique.tsv",
        corpus / "clusters.tsv",
        corpus / "records.tsv",
        out / "included.tsv",
        out / "gate.json",
        out / "to_screen.ris",
    )


PLAIN_TA = [{"path": "ta_plain.csv", "format": "plain_csv"}]
PLAIN_FT = [{"path": "ft_plain.csv", "format": "plain_csv"}]


def test_complete_screening(corpus):
    result, out = run(corpus, PLAIN_TA, PLAIN_FT)
    decisions = read_tsv(out / "decisions.tsv")
    ta = decisions[decisions["stage"] == "title_abstract"].set_index("record_key")
    assert ta["decision"].value_counts().to_dict() == {"include": 3, "exclude": 3}
    assert ta.loc["ti:df428f931d82", "decided_by"] == "ZYH (arbiter)"
    ft = decisions[decisions["stage"] == "full_text"].set_index("record_key")
    assert ft.loc["doi:10.1000/a6", "reason"] == "ROI only"
    assert read_tsv(out / "to_screen.tsv").empty
    status = gate(out, corpus)
    assert status == {"status": "complete", "n_included": 1, "included": ["doi:10.1000/a1"]}
    included = read_tsv(out / "included.tsv")
    assert list(included["record_key"]) == ["doi:10.1000/a1"]
    # Every identity of the cluster, so a study table keyed by an older key still matches.
    assert {"doi:10.1000/a1", "pmid:101"} <= set(included.loc[0, "identities"].split("; "))
    agreement = read_tsv(out / "agreement.tsv").set_index("stage")
    assert agreement.loc["title_abstract", "n"] == "6" and agreement.loc["title_abstract", "conflicts"] == "2"
    assert agreement.loc["full_text", "raw_agreement"] == "1"


def test_two_runs_identical_and_inputs_untouched(corpus):
    before = (corpus / "ta_plain.csv").read_bytes()
    _, out = run(corpus, PLAIN_TA, PLAIN_FT)
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    _, out = run(corpus, PLAIN_TA, PLAIN_FT)
    assert first == {p.name: p.read_bytes() for p in out.iterdir()}
    assert (corpus / "ta_plain.csv").read_bytes() == before


def test_every_format_gives_the_same_decisions(corpus):
    _, out = run(corpus, PLAIN_TA, PLAIN_FT)
    plain = read_tsv(out / "decisions.tsv")[["record_key", "stage", "decision"]]
    ta = [{"path": "ta_rayyan.ris", "format": "rayyan_ris"}]
    ft = [
        {"path": "ft_covidence_excluded.csv", "format": "covidence_csv", "decision": "exclude"},
        {"path": "ft_covidence_included.csv", "format": "covidence_csv", "decision": "include"},
    ]
    _, out = run(corpus, ta, ft)
    other = read_tsv(out / "decisions.tsv")
    pd.testing.assert_frame_equal(plain, other[["record_key", "stage", "decision"]])
    assert set(other.loc[other["stage"] == "full_text", "decided_by"]) == {"consensus"}


def test_pending_records_and_gate_message(corpus):
    # One reviewer (ASReview, LDX) has screened; ZY has not: every record awaits ZY.
    ta = [{"path": "ta_asreview_ldx.csv", "format": "asreview_csv", "reviewer": "LDX"}]
    result, out = run(corpus, ta, [])
    to_screen = read_tsv(out / "to_screen.tsv")
    assert len(to_screen) == 6 and set(to_screen["stage"]) == {"title_abstract"}
    assert to_screen.set_index("record_key").loc["ti:df428f931d82", "awaiting"] == "LDX, ZY"
    assert to_screen.set_index("record_key").loc["doi:10.1000/a1", "awaiting"] == "ZY"
    assert {"title", "abstract", "authors", "year", "journal", "doi", "pmid", "record_key"} <= set(to_screen.columns)
    ris = (out / "to_screen.ris").read_text()
    assert ris.count("TY  - JOUR") == 6 and f"N1  - {KEY_NOTE}: ti:df428f931d82" in ris
    with pytest.raises(ScreeningIncomplete) as error:
        gate(out, corpus)
    message = str(error.value)
    assert "6 record(s) await title/abstract screening" in message
    assert str(out / "to_screen.tsv") in message and "ZY" in message
    assert not (out / "gate.json").exists() and not (out / "included.tsv").exists()


def test_full_text_pending_after_title_abstract(corpus):
    _, out = run(corpus, PLAIN_TA, [])
    to_screen = read_tsv(out / "to_screen.tsv")
    assert list(to_screen["record_key"]) == ["doi:10.1000/a1", "doi:10.1000/a2", "doi:10.1000/a6"]
    assert set(to_screen["stage"]) == {"full_text"}
    with pytest.raises(ScreeningIncomplete, match="3 record\\(s\\) await full text screening"):
        gate(out, corpus)


def test_to_screen_ris_round_trips_through_rayyan(corpus):
    """Rayyan keeps the imported notes and appends its own: the key comes back."""
    _, out = run(corpus, [], [])
    exported = (
        (out / "to_screen.ris")
        .read_text()
        .replace(f"N1  - {KEY_NOTE}: pmid:103", f'N1  - {KEY_NOTE}: pmid:103 | RAYYAN-INCLUSION: {{"LDX"=>"Excluded", "ZY"=>"Excluded"}}')
    )
    (corpus / "rayyan_back.ris").write_text(exported)
    result, out = run(corpus, [{"path": "rayyan_back.ris", "format": "rayyan_ris"}], [])
    decided = read_tsv(out / "decisions.tsv")
    assert list(decided["record_key"]) == ["pmid:103"]
    assert len(read_tsv(out / "to_screen.tsv")) == 5


def test_to_screen_imports_as_asreview_dataset_and_comes_back(corpus):
    _, out = run(corpus, PLAIN_TA, [])
    dataset = read_tsv(out / "to_screen.tsv")
    # What ASReview exports: the dataset's columns, its own row numbers, and the labels.
    export = dataset.copy()
    export.insert(0, "record_id", range(len(export)))
    export["asreview_label"] = [1, 0, 0]
    export["reason"] = ["", "No stereotactic coordinates", "ROI only"]
    export.sample(frac=1, random_state=1).to_csv(corpus / "ft_ldx.csv", index=False)
    export.assign(record_id=list(reversed(range(len(export))))).to_csv(corpus / "ft_zy.csv", index=False)
    ft = [
        {"path": "ft_ldx.csv", "format": "asreview_csv", "reviewer": "LDX"},
        {"path": "ft_zy.csv", "format": "asreview_csv", "reviewer": "ZY"},
    ]
    _, out = run(corpus, PLAIN_TA, ft)
    assert gate(out, corpus)["included"] == ["doi:10.1000/a1"]


@pytest.mark.parametrize(
    "rows, expected",
    [
        ("doi:10.9/unknown,full_text,LDX,include,\n", "unknown record 'doi:10.9/unknown'"),
        ("pmid:103,full_text,LDX,include,\n", "was decided 'exclude' at title/abstract"),
        ("doi:10.1000/a6,full_text,LDX,exclude,\n", "without a reason"),
        ("doi:10.1000/a1,full_text,LDX,exclude,x\n", "decided twice in contradiction"),
    ],
)
def test_errors_name_file_line_and_record(corpus, rows, expected):
    text = (corpus / "ft_plain.csv").read_text() + rows
    if "without a reason" in expected:
        text = text.replace("ROI only", "").replace("roi  only", "")
    (corpus / "ft_bad.csv").write_text(text)
    with pytest.raises(InputError) as error:
        run(corpus, PLAIN_TA, [{"path": "ft_bad.csv", "format": "plain_csv"}])
    assert expected in str(error.value)
    assert "ft_bad.csv, line" in str(error.value)


def test_cli_screen(corpus, capsys):
    (corpus / "config").mkdir()
    results = corpus / "results"
    for sub, names in (("dedup", ("unique.tsv", "clusters.tsv")), ("records", ("records.tsv",))):
        (results / sub).mkdir(parents=True)
        for name in names:
            shutil.copy(corpus / name, results / sub / name)
    config = (
        "review: {id: t, title: t}\nsearch: {cutoff: '2024-03-21'}\ndedup: {}\n"
        "screening: {reviewers: [LDX, ZY], arbiter: ZYH, title_abstract: [{path: ta_plain.csv, format: plain_csv}]}\n"
        "studies: {table: records.tsv}\ncoordinates: {}\nanalyses: {a: {title: A}}\nale: {}\n"
    )
    (corpus / "config" / "config.yaml").write_text(config)
    status = main(["screen", "--config", str(corpus / "config" / "config.yaml"), "--results", str(results)])
    assert status == 1
    assert "3 record(s) await full text screening" in capsys.readouterr().err
    assert (results / "screening" / "to_screen.tsv").is_file()


def schema_path():

    from alereview.config import SCHEMA_PATH

    return SCHEMA_PATH


def test_gate_stops_as_planned_and_names_uncertain_pairs(corpus):
    """In the workflow the gate writes why it stops (gate.json), not a failed rule."""
    ta = [{"path": "ta_asreview_ldx.csv", "format": "asreview_csv", "reviewer": "LDX"}]
    _, out = run(corpus, ta, [])
    uncertain = corpus / "uncertain_pairs.tsv"
    uncertain.write_text("record_id_a\trecord_id_b\tdecision\na\tb\t\nc\td\tsame\ne\tf\t\n")
    status = run_gate(
        out / "decisions.tsv",
        out / "to_screen.tsv",
        corpus / "unique.tsv",
        corpus / "clusters.tsv",
        corpus / "records.tsv",
        out / "included.tsv",
        out / "gate.json",
        out / "to_screen.ris",
        uncertain_path=uncertain,
        template_path=out / "template.tsv",
        planned_stop=True,
    )
    assert status["status"] == "awaiting_decisions"
    assert "6 record(s) await title/abstract screening" in status["message"]
    assert "2 uncertain duplicate pair(s) await a decision" in status["message"]
    assert read_tsv(out / "included.tsv").empty and read_tsv(out / "template.tsv").empty


def test_gate_writes_a_study_table_template_of_the_included(corpus):
    _, out = run(corpus, PLAIN_TA, PLAIN_FT)
    run_gate(
        out / "decisions.tsv",
        out / "to_screen.tsv",
        corpus / "unique.tsv",
        corpus / "clusters.tsv",
        corpus / "records.tsv",
        out / "included.tsv",
        out / "gate.json",
        template_path=out / "template.tsv",
        planned_stop=True,
    )
    template = read_tsv(out / "template.tsv")
    assert list(template.columns[:3]) == ["study_id", "study", "record_key"]
    assert list(template["record_key"]) == ["doi:10.1000/a1"]
    assert template.loc[0, "study_id"] and template.loc[0, "n"] == ""
